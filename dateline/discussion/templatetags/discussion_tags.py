from typing import Any

from django import template
from django.utils.safestring import SafeString

from dateline.accounts.models import ReaderProfile
from dateline.discussion import markup, text
from dateline.discussion.models import Comment

register = template.Library()


@register.filter
def comment_text(value: str) -> SafeString:
    return text.render_comment(value)


@register.filter
def profile(user: Any) -> ReaderProfile | None:
    """The reader's profile as the comment list loaded it (None for a deleted account)."""
    return markup.profile_of(user)


@register.filter
def initials_tone(profile: ReaderProfile) -> str:
    """The class that colours a reader's initials (`markup.initials_tone`)."""
    return markup.initials_tone(profile)


@register.simple_tag(takes_context=True)
def comment_markup(context: template.Context, comment: Comment) -> SafeString:
    """The comment as `markup.comment_html` builds it, with the reader's pressed reactions and the
    CSRF token when the page has them (pages without JavaScript)."""
    return markup.comment_html(
        comment,
        cached=bool(context.get("cached")),
        mine=context.get("my_reactions"),
        csrf_token=str(context.get("csrf_token") or ""),
    )
