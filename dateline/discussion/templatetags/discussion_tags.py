from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from dateline.accounts.models import ReaderProfile, default_display_name
from dateline.discussion import text
from dateline.discussion.models import Reaction

register = template.Library()


@register.filter
def comment_text(value: str) -> SafeString:
    return text.render_comment(value)


@register.filter
def profile(user: Any) -> ReaderProfile | None:
    """The reader's profile as the comment list loaded it (None for a deleted account)."""
    if user is None:
        return None
    return getattr(user, "reader_profile", None) or ReaderProfile(
        user=user, display_name=default_display_name(user)
    )


@register.filter
def reaction_total(reactions: dict[str, int], kind: str) -> int:
    return reactions.get(kind, 0) if reactions else 0


@register.filter
def reacted(my_reactions: dict[int, set[str]] | None, comment_id: int) -> set[str]:
    return (my_reactions or {}).get(comment_id, set())


@register.simple_tag
def discussion_links() -> dict[str, Any]:
    """The addresses a comment links to, reversed once per list rather than several times a comment:
    append `<id>/` (and the action) to them."""
    return {
        "comments": reverse("comment_permalink", args=[0])[: -len("0/")],
        "readers": reverse("reader_profile", args=[0])[: -len("0/")],
        "discussions": reverse("discussion", args=[0])[: -len("0/")],
        "reactions": list(Reaction.choices),
    }


@register.filter
def hidden_replies(thread: Any) -> int:
    """How many replies of a thread are not shown under it (cut to the first few)."""
    shown = getattr(thread, "shown_replies", None)
    if shown is None:
        return 0
    return max(0, thread.reply_count - sum(1 for reply in shown if not reply.is_pending))
