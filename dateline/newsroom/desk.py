"""The newsroom's dashboard as each role's desk: a few panels, each for the roles it concerns.

Every panel shows a few rows with links and says so when it has none. Each is built in a fixed
number of queries, however many rows it shows. The story panels live here; the discussion and the
newsletters add theirs (`discussion/desk.py`, `subscriptions/desk.py`) through the same hook.

- Your drafts: stories you own or last edited that are not live, or have changes not published.
- Awaiting your review: submissions at a workflow task you may approve (editors, administrators).
- Scheduled for today: what goes live between midnight and midnight in your time zone (the one in
  your newsroom account's preferences, else the site's, UTC unless `DATELINE_TIME_ZONE` says).
- Recently published: the latest live stories with their published comments.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, Revision, TaskState
from wagtail.permissions import policy_registry

from dateline.discussion.counts import published_counts
from dateline.discussion.moderation import can_moderate

# Rows a panel shows: a desk is a glance, the full lists are a click away.
ROWS = 5


class DeskPanel(Component):
    """A dashboard panel: a heading, up to `ROWS` rows and a sentence for when there are none.

    Subclasses name their template (extending "newsroom/desk/panel.html"), say who sees them in
    `is_shown_to` and what they show in `contents`.
    """

    name = ""
    order = 0
    heading: Any = ""
    empty_text: Any = ""

    def is_shown_to(self, user: Any) -> bool:
        """Whether the panel concerns this user's role."""
        raise NotImplementedError

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        """The panel's rows (`rows`) and whatever else its template shows."""
        raise NotImplementedError

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        request = (parent_context or {})["request"]
        return {
            "request": request,
            "panel_id": f"desk-{self.name}",
            "heading": self.heading,
            "empty_text": self.empty_text,
            **self.contents(request),
        }

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> Any:
        if not self.is_shown_to((parent_context or {})["request"].user):
            return ""
        return super().render_html(parent_context)


def writes_stories(user: Any) -> bool:
    """Reporters, editors and administrators: anyone who may add or change pages."""
    return bool(policy_registry.get_by_type(Page).user_has_any_permission(user, {"add", "change", "publish"}))


def publishes_stories(user: Any) -> bool:
    return bool(policy_registry.get_by_type(Page).user_has_permission(user, "publish"))


class DraftsPanel(DeskPanel):
    name = "drafts"
    order = 120
    heading = _("Your drafts")
    empty_text = _("You have no drafts: everything you wrote is published.")
    template_name = "newsroom/desk/drafts.html"

    def is_shown_to(self, user: Any) -> bool:
        return writes_stories(user)

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        user = request.user
        drafts = (
            Page.objects.filter(Q(owner=user) | Q(latest_revision__user=user))
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .select_related("locale")
            .prefetch_workflow_states()
            .annotate_approved_schedule()
            .order_by("-latest_revision_created_at", "-pk")[:ROWS]
        )
        return {"rows": list(drafts)}


class ReviewPanel(DeskPanel):
    """Wagtail's own "Awaiting your review" panel, in a fixed number of queries; the story's editor
    holds the approve and reject actions."""

    name = "review"
    order = 100
    heading = _("Awaiting your review")
    empty_text = _("Nothing awaits your review.")
    template_name = "newsroom/desk/review.html"

    def is_shown_to(self, user: Any) -> bool:
        return bool(
            user.is_superuser or GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()
        )

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        states = list(
            TaskState.objects.reviewable_by(request.user)
            .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
            .select_related("task", "workflow_state__requested_by")
            .order_by("-started_at")[:ROWS]
        )
        pages = Page.objects.select_related("locale").in_bulk(
            [int(state.workflow_state.object_id) for state in states]
        )
        rows = [
            {"page": pages[int(state.workflow_state.object_id)], "state": state}
            for state in states
            if int(state.workflow_state.object_id) in pages
        ]
        return {"rows": rows}


def today(now: datetime | None = None) -> tuple[datetime, datetime]:
    """Midnight to midnight of the current day in the active time zone."""
    now = timezone.localtime(now)
    start = timezone.make_aware(datetime.combine(now.date(), time.min), now.tzinfo)
    return start, start + timedelta(days=1)


class ScheduledPanel(DeskPanel):
    name = "scheduled"
    order = 130
    heading = _("Scheduled for today")
    empty_text = _("Nothing is scheduled to go live today.")
    template_name = "newsroom/desk/scheduled.html"

    def is_shown_to(self, user: Any) -> bool:
        return publishes_stories(user)

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        start, end = today()
        revisions = list(
            Revision.page_revisions.filter(approved_go_live_at__gte=start, approved_go_live_at__lt=end)
            .select_related("user")
            .order_by("approved_go_live_at", "pk")[:ROWS]
        )
        pages = Page.objects.select_related("locale").in_bulk([int(r.object_id) for r in revisions])
        rows = [
            {"page": pages[int(revision.object_id)], "revision": revision}
            for revision in revisions
            if int(revision.object_id) in pages
        ]
        return {"rows": rows}


class PublishedPanel(DeskPanel):
    name = "published"
    order = 150
    heading = _("Recently published")
    empty_text = _("No story has been published yet.")
    template_name = "newsroom/desk/published.html"

    def is_shown_to(self, user: Any) -> bool:
        return publishes_stories(user) or can_moderate(user)

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        stories = list(
            Page.objects.live()
            .filter(articlepage__isnull=False)
            .select_related("locale")
            .order_by("-last_published_at", "-pk")[:ROWS]
        )
        counts = published_counts([story.pk for story in stories])
        return {"rows": [{"page": story, "comments": counts.get(story.pk, 0)} for story in stories]}
