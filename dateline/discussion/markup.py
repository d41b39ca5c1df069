"""A comment's markup: templates/jinja2/discussion/comment.html, from plain values.

Pages, fragments and the live stream all show this one markup (`templates/discussion/comment.html`
calls it for Django's templates). The template is given only `comment_values`, which is also what
a cached copy is checked against (`rendering.key_of`), so nothing it shows can change without
making a new copy (the language is in the cache key). Jinja2, as Django's engine takes three and a
half times as long (bench/README.md, "Markup: templates or Python").
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from dateline.accounts.models import INITIALS_COLOURS, ReaderProfile, default_display_name
from dateline.core import jinja
from dateline.discussion import text
from dateline.discussion.models import Comment, Reaction

TEMPLATE = "discussion/comment.html"
# Where a reply's markup goes when the thread is kept in the cache without its replies.
REPLIES = "<!--replies-->"

_addresses: dict[str | None, dict[str, str]] = {}
_reactions: dict[str | None, list[tuple[str, str]]] = {}


def addresses() -> dict[str, str]:
    """The prefixes a comment's links start with (append `<id>/`), reversed once per language."""
    language = get_language()
    found = _addresses.get(language)
    if found is None:
        found = {
            "comments": reverse("comment_permalink", args=[0])[: -len("0/")],
            "readers": reverse("reader_profile", args=[0])[: -len("0/")],
            "discussions": reverse("discussion", args=[0])[: -len("0/")],
        }
        _addresses[language] = found
    return found


def reaction_labels() -> list[tuple[str, str]]:
    """Each kind of reaction with its label in the active language, looked up once per language."""
    language = get_language()
    found = _reactions.get(language)
    if found is None:
        found = _reactions[language] = [(kind, str(label)) for kind, label in Reaction.choices]
    return found


def profile_of(user: Any) -> ReaderProfile | None:
    """The author's profile as loaded with the comment (None for a deleted account)."""
    if user is None:
        return None
    return getattr(user, "reader_profile", None) or ReaderProfile(
        user=user, display_name=default_display_name(user)
    )


def hidden_replies(thread: Comment) -> int:
    """How many replies of a thread are not shown under it (cut to the first few)."""
    shown = getattr(thread, "shown_replies", None)
    if shown is None:
        return 0
    return max(0, thread.reply_count - sum(1 for reply in shown if not reply.is_pending))


def initials_tone(profile: ReaderProfile) -> str:
    """The stylesheet's class for the background of the reader's initials: a class, not an inline
    style, which the readers' Content-Security-Policy refuses."""
    return f"avatar--tone-{INITIALS_COLOURS.index(profile.colour)}"


def comment_values(comment: Comment, pressed: Collection[str] = ()) -> dict[str, Any]:
    """Everything the comment's template shows, as plain values (`pressed`: the reader's reactions,
    shown pressed for pages without JavaScript)."""
    author = profile_of(comment.author)
    answering = bool(comment.reply_to_id and comment.reply_to is not None and comment.reply_to.thread_id)
    answered = profile_of(comment.reply_to.author) if answering and comment.reply_to else None
    reactions = comment.reactions or {}
    hidden = 0 if comment.thread_id else hidden_replies(comment)
    return {
        # With the id, the time tells a comment from another across a restored or recreated database.
        "pk": comment.pk,
        "created": timezone.localtime(comment.created_at),
        "story_id": comment.story_id,
        "is_reply": bool(comment.thread_id),
        "removed": comment.is_removed,
        "rejected": comment.status == Comment.Status.REJECTED,
        "pending": comment.is_pending,
        "featured": comment.featured,
        "author_id": comment.author_id,
        "editable_until": int(comment.editable_until().timestamp()),
        "author": None
        if author is None
        else {
            "name": author.display_name,
            "avatar": author.avatar.url if author.avatar else "",
            "initials": author.initials,
            "tone": initials_tone(author),
        },
        "staff": bool(comment.author is not None and comment.author.is_staff),
        "answering": answering,
        "answered": answered.display_name if answered is not None else None,
        "edited": bool(comment.edited_at),
        "body": comment.body,
        "reactions": [
            (kind, label, reactions.get(kind, 0), kind in pressed) for kind, label in reaction_labels()
        ],
        # Made here: `makemessages` finds `_()` in a template, not a plural form.
        "more_replies": ngettext("Show %(counter)s more reply", "Show %(counter)s more replies", hidden)
        % {"counter": hidden}
        if hidden
        else "",
    }


def render(values: dict[str, Any], replies: str, csrf_token: str = "") -> SafeString:
    """The markup of a comment's `values`, with its replies' markup (a thread's) in `replies`."""
    return jinja.render(
        TEMPLATE,
        **values,
        links=addresses(),
        body_html=text.render_comment(values["body"]),
        replies=mark_safe(replies),  # noqa: S308  (markup made by this template, or the marker)
        csrf_token=csrf_token,
    )


def comment_html(
    comment: Comment,
    *,
    cached: bool = False,
    mine: dict[int, Collection[str]] | None = None,
    csrf_token: str = "",
) -> SafeString:
    """The comment (a thread with its shown replies, unless `cached`: then a marker where they go).

    `mine`: the reactions the reader gave, by comment, to show pressed without JavaScript;
    `csrf_token` for the forms without JavaScript (the script sends it in a header).
    """
    replies = ""
    if not comment.thread_id:
        replies = (
            REPLIES
            if cached
            else "".join(
                comment_html(reply, mine=mine, csrf_token=csrf_token)
                for reply in getattr(comment, "shown_replies", ())
            )
        )
    values = comment_values(comment, (mine or {}).get(comment.pk, ()))
    return render(values, replies, csrf_token)


def comment_html_before_saving(comment: Comment) -> Callable[[int], SafeString]:
    """The markup of a comment not stored yet, made before its id is known: call the result with it.

    The id stands in as a random 19-digit number, replaced once known: the reader's text would have
    to hold that exact number by chance for it to be replaced too.
    """
    stand_in = 10**18 + secrets.randbelow(8 * 10**18)
    comment.pk = stand_in
    try:
        html = str(comment_html(comment))
    finally:
        comment.pk = None
    needle = str(stand_in)
    return lambda pk: mark_safe(html.replace(needle, str(pk)))  # noqa: S308  (comment_html escaped it)
