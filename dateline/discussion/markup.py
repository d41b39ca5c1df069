"""A comment's markup, built in Python: every new comment renders it once for its live event.

Through the template engine it cost ≈ 1.2 ms a comment, an eighth of a comment's POST; this
builds the same markup in a tenth of that. `templates/discussion/comment.html` calls it, so pages,
fragments and the live stream all show one markup. The reader's text goes through
`text.render_comment` (escaped, addresses linked); everything else through `escape`.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from dateline.accounts.models import ReaderProfile, default_display_name
from dateline.discussion import text
from dateline.discussion.models import Comment, Reaction

# Where a reply's markup goes when the thread is kept in the cache without its replies.
REPLIES = "<!--replies-->"

_addresses: dict[str | None, dict[str, str]] = {}
_words: dict[str | None, dict[str, str]] = {}


def wording() -> dict[str, str]:
    """The markup's fixed words in the active language, escaped, looked up once per language.

    (Written out here rather than inside the markup's f-strings, where makemessages cannot see them.)
    """
    language = get_language()
    found = _words.get(language)
    if found is None:
        found = {
            "deleted": gettext("This comment was deleted."),
            "removed": gettext("This comment was removed by a moderator."),
            "held": gettext("Only you can see this comment until a moderator approves it."),
            "former": gettext("Former reader"),
            "newsroom": gettext("Newsroom"),
            "featured": gettext("Featured"),
            "edited": gettext("edited"),
            "reactions": gettext("Reactions"),
            "reply": gettext("Reply"),
            "edit": gettext("Edit"),
            "confirm_delete": gettext("Delete this comment?"),
            "delete": gettext("Delete"),
            "report": gettext("Report"),
            "report_question": gettext("What is wrong with this comment?"),
            "send_report": gettext("Send report"),
        }
        found = {key: str(escape(value)) for key, value in found.items()}
        _words[language] = found
    return found


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


def avatar(profile: ReaderProfile) -> str:
    if profile.avatar:
        return f'<img class="avatar" src="{escape(profile.avatar.url)}" alt="" width="40" height="40">'
    return (
        f'<span class="avatar avatar--initials" style="background:{escape(profile.colour)}" '
        f'aria-hidden="true">{escape(profile.initials)}</span>'
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
    links, words = addresses(), wording()
    pk = comment.pk
    classes = ["comment"]
    if comment.thread_id:
        classes.append("comment--reply")
    if comment.is_removed or comment.status == Comment.Status.REJECTED:
        classes.append("comment--removed")
    if comment.is_pending:
        classes.append("comment--pending")
    if comment.featured:
        classes.append("comment--featured")
    editable_until = int(comment.editable_until().timestamp())
    parts = [
        f'<article class="{" ".join(classes)}" id="{comment.anchor}" data-comment="{pk}" '
        f'data-author="{comment.author_id or ""}" data-editable-until="{editable_until}">'
    ]
    if comment.is_removed:
        parts.append(f'<p class="comment__removed">{words["deleted"]}</p>')
    elif comment.status == Comment.Status.REJECTED:
        parts.append(f'<p class="comment__removed">{words["removed"]}</p>')
    else:
        parts.append(_visible(comment, links, words, mine or {}, escape(csrf_token)))
    if not comment.thread_id:
        if cached:
            replies = REPLIES
        else:
            replies = "".join(
                comment_html(reply, mine=mine, csrf_token=csrf_token)
                for reply in getattr(comment, "shown_replies", ())
            )
        parts.append(f'<div class="comment__replies" data-replies="{pk}">{replies}</div>')
        if hidden := hidden_replies(comment):
            label = ngettext("Show %(counter)s more reply", "Show %(counter)s more replies", hidden) % {
                "counter": hidden
            }
            parts.append(
                f'<p class="comment__more-replies"><a href="{links["discussions"]}{comment.story_id}/threads/'
                f'{pk}/" data-all-replies="{pk}">{escape(label)}</a></p>'
            )
    parts.append("</article>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped or a number)


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


def _visible(
    comment: Comment,
    links: dict[str, str],
    words: dict[str, str],
    mine: dict[int, Collection[str]],
    csrf: str,
) -> str:
    pk = comment.pk
    reader = profile_of(comment.author)
    parts = []
    if comment.is_pending:
        parts.append(f'<p class="comment__held">{words["held"]}</p>')
    parts.append('<header class="comment__header">')
    if reader is not None:
        parts.append(avatar(reader))
    parts.append('<p class="comment__byline">')
    if reader is not None:
        parts.append(
            f'<a class="comment__author" href="{links["readers"]}{comment.author_id}/">'
            f"{escape(reader.display_name)}</a>"
        )
    else:
        parts.append(f'<span class="comment__author">{words["former"]}</span>')
    if comment.author is not None and comment.author.is_staff:
        parts.append(f' <span class="badge">{words["newsroom"]}</span>')
    if comment.featured:
        parts.append(f' <span class="badge badge--featured">{words["featured"]}</span>')
    if comment.reply_to_id and comment.reply_to is not None and comment.reply_to.thread_id:
        answered = profile_of(comment.reply_to.author)
        name = answered.display_name if answered is not None else gettext("a former reader")
        answers = gettext("in reply to %(name)s") % {"name": name}
        parts.append(f' <span class="comment__answers">{escape(answers)}</span>')
    created = timezone.localtime(comment.created_at)
    parts.append(
        f' <a class="comment__time" href="{links["comments"]}{pk}/"><time datetime="{created.isoformat()}">'
        f"{escape(formats.date_format(created, 'DATETIME_FORMAT'))}</time></a>"
    )
    if comment.edited_at:
        parts.append(f' <span class="comment__edited">{words["edited"]}</span>')
    parts.append("</p></header>")
    parts.append(f'<div class="comment__body" data-comment-body>{text.render_comment(comment.body)}</div>')
    parts.append('<footer class="comment__actions">')
    token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    if not comment.is_pending:
        pressed = mine.get(pk, ())
        reactions = comment.reactions or {}
        buttons = "".join(
            f'<button type="submit" name="kind" value="{kind}" class="reaction" data-reaction="{kind}" '
            f'aria-pressed="{"true" if kind in pressed else "false"}">{escape(label)} '
            f'<span class="reaction__count" data-reaction-count>{reactions.get(kind, 0)}</span></button>'
            for kind, label in Reaction.choices
        )
        parts.append(
            f'<form method="post" action="{links["comments"]}{pk}/react/" class="reactions" '
            f'data-comment-action="react" aria-label="{words["reactions"]}">{token}{buttons}</form>'
            f' <button type="button" class="link-button" data-reply-to="{pk}">{words["reply"]}</button>'
        )
    parts.append(
        f' <button type="button" class="link-button own-only" data-edit>{words["edit"]}</button>'
        f' <form method="post" action="{links["comments"]}{pk}/delete/" class="own-only" '
        f'data-comment-action="delete" data-confirm="{words["confirm_delete"]}">{token}'
        f'<button type="submit" class="link-button">{words["delete"]}</button></form>'
    )
    if not comment.is_pending:
        parts.append(
            f' <details class="comment__report others-only"><summary>{words["report"]}</summary>'
            f'<form method="post" action="{links["comments"]}{pk}/report/" data-comment-action="report">'
            f'{token}<label for="report-{pk}">{words["report_question"]}</label>'
            f'<textarea id="report-{pk}" name="reason" rows="2" maxlength="500" required></textarea>'
            f'<button type="submit" class="button button--small">{words["send_report"]}</button>'
            "</form></details>"
        )
    parts.append("</footer>")
    return "".join(parts)
