"""Marking a story as breaking news, and ending alerts.

`check_…` validates and checks access, `do_…` writes, `notify_…` tells readers on commit: a
`breaking` event on the edition's `breaking:<lang>` stream shows or replaces the banner on open
pages, `breaking-cleared` removes it, and a purge of the edition's cached pages makes pages
rendered afterwards agree (every page renders the active alert server-side).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dateline.breaking.models import BreakingNews
from dateline.breaking.signals import breaking_news_marked
from dateline.core import cache_tags
from dateline.live import streams
from dateline.live.events import publish_on_commit
from dateline.live.purge import purge_on_commit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from dateline.articles.models import ArticlePage

    User = AbstractBaseUser | AnonymousUser


class BreakingNewsError(Exception):
    """A request the newsroom cannot carry out; the message says why, for the editor."""


def stream(language_code: str) -> str:
    return streams.edition_stream("breaking", language_code)


# --- checks -----------------------------------------------------------------------------------------


def check_can_mark_breaking(story: ArticlePage, user: User) -> None:
    """Only those who may publish a story may put it in front of every reader of the edition."""
    if not story.permissions_for_user(user).can_publish():
        raise PermissionDenied
    if not story.live:
        raise BreakingNewsError(_("Only a published story can be marked as breaking news."))


def check_can_clear_breaking(alert: BreakingNews, user: User) -> None:
    if not alert.story.permissions_for_user(user).can_publish():
        raise PermissionDenied


# --- writes -----------------------------------------------------------------------------------------


def do_mark_breaking(
    story: ArticlePage,
    *,
    user: Any,
    headline: str = "",
    hours: int | None = None,
    now: datetime | None = None,
) -> BreakingNews:
    """Mark `story` as breaking news for `hours` (default `DATELINE_BREAKING_HOURS`) from now.

    A story has one alert: marking it again while active changes the wording and the end time;
    marking it again after it ended starts it afresh (readers who dismissed it see it again).
    """
    hours = settings.DATELINE_BREAKING_HOURS if hours is None else hours
    if hours <= 0:
        raise ValueError("a breaking-news alert lasts a positive number of hours")
    now = now or timezone.now()
    with transaction.atomic():
        alert, first_time = BreakingNews.objects.select_for_update().get_or_create(
            story=story, defaults={"started_at": now, "ends_at": now}
        )
        if not first_time and not alert.is_active(now):
            alert.started_at = now
        alert.headline = headline
        alert.ends_at = now + timedelta(hours=hours)
        alert.cleared_at = None
        alert.cleared_by = None
        alert.end_reason = ""
        alert.marked_by = user if user is not None and user.is_authenticated else None
        alert.save()
        alert.story = story
        breaking_news_marked.send(sender=BreakingNews, alert=alert, first_time=first_time)
        notify_marked(alert)
    return alert


def do_clear_breaking(alert: BreakingNews, *, user: Any, now: datetime | None = None) -> bool:
    """End `alert` now; False if it had already ended (nothing is sent again)."""
    cleared_by = user if user is not None and user.is_authenticated else None
    return _end(alert, BreakingNews.EndReason.CLEARED, cleared_by=cleared_by, now=now)


def end_expired_alerts(now: datetime | None = None) -> int:
    """End every alert whose time has run out; the worker calls this every scheduling round.

    Each alert is ended (and its `breaking-cleared` event sent) exactly once, however many
    workers run this at the same time. Returns how many this call ended.
    """
    now = now or timezone.now()
    ended = 0
    for alert in BreakingNews.objects.overdue(now).select_related("story"):
        if _end(alert, BreakingNews.EndReason.EXPIRED, now=now):
            ended += 1
    return ended


def end_alert_of_withdrawn_story(story: ArticlePage) -> bool:
    """A story that is no longer published cannot stay in the banner."""
    alert = BreakingNews.objects.filter(story=story, cleared_at__isnull=True).first()
    if alert is None:
        return False
    alert.story = story
    return _end(alert, BreakingNews.EndReason.WITHDRAWN)


def _end(
    alert: BreakingNews,
    reason: BreakingNews.EndReason,
    *,
    cleared_by: Any = None,
    now: datetime | None = None,
) -> bool:
    now = now or timezone.now()
    with transaction.atomic():
        # Only the update that finds the alert still open sends the event: a worker and an editor
        # ending it at the same moment cannot both announce it.
        ended = BreakingNews.objects.filter(pk=alert.pk, cleared_at__isnull=True).update(
            cleared_at=now, cleared_by=cleared_by, end_reason=reason
        )
        if not ended:
            return False
        alert.cleared_at = now
        alert.cleared_by = cleared_by
        alert.end_reason = reason
        notify_cleared(alert, now=now)
    return True


# --- events -----------------------------------------------------------------------------------------


def alert_payload(alert: BreakingNews) -> dict[str, Any]:
    """What a page needs to show the banner: the same as the server-rendered one."""
    return {
        "id": alert.pk,
        "headline": alert.banner_headline,
        "url": alert.story.url or "",
        "started_at": alert.started_at.isoformat(),
        "ends_at": alert.ends_at.isoformat(),
    }


def notify_marked(alert: BreakingNews) -> None:
    story = alert.story
    publish_on_commit(stream(story.locale.language_code), "breaking", alert_payload(alert))
    purge_on_commit([cache_tags.edition(story.locale_id)])


def notify_cleared(alert: BreakingNews, now: datetime | None = None) -> None:
    """Take the banner down; if another alert of the edition is still on, pages go back to it."""
    story = alert.story
    language_code = story.locale.language_code
    publish_on_commit(stream(language_code), "breaking-cleared", {"id": alert.pk})
    still_on = BreakingNews.objects.exclude(pk=alert.pk).active(story.locale_id, now)
    if still_on is not None:
        publish_on_commit(stream(language_code), "breaking", alert_payload(still_on))
    purge_on_commit([cache_tags.edition(story.locale_id)])
