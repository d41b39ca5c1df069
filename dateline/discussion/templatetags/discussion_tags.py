from typing import Any

from django import template
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
def reaction_choices() -> list[tuple[str, Any]]:
    return list(Reaction.choices)
