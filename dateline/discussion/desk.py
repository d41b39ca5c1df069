"""The moderators' panel on the newsroom's dashboard: how many comments wait, and the newest."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dateline.discussion import moderation
from dateline.discussion.models import Comment
from dateline.newsroom.desk import ROWS, DeskPanel


class HeldCommentsPanel(DeskPanel):
    """Held comments, newest first, each linking to its page in the queue; for those who moderate."""

    name = "held-comments"
    order = 110
    heading = _("Held comments")
    empty_text = _("No comment is waiting for a moderator.")
    template_name = "discussion/newsroom/desk.html"

    def is_shown_to(self, user: Any) -> bool:
        return moderation.can_moderate(user)

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        held = (
            Comment.objects.filter(status=Comment.Status.PENDING)
            .select_related("author__reader_profile", "story__locale")
            .order_by("-created_at", "-id")[:ROWS]
        )
        return {
            "rows": list(held),
            "held": moderation.pending_count(),
            "reported": moderation.reported_count(),
        }
