"""What readers do in a discussion: `check_…` validates, `do_…` writes, `notify_…` goes live on commit."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from dateline.core import ratelimit, reader_text, rows
from dateline.discussion import authors, markup, notifications, queries, rules
from dateline.discussion.models import (
    COMMENT_LENGTH,
    REPORT_REASON_LENGTH,
    Comment,
    CommentReaction,
    CommentReport,
    ModerationAction,
    Notification,
    Reaction,
)
from dateline.discussion.streams import stream_name
from dateline.live.events import publish_on_commit

# Control characters (Unicode's category Cc) but line ends and tabs, and lone surrogates (Cs): as
# a pattern, as every comment is checked (a test compares it with `unicodedata` over all of Unicode).
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class DiscussionError(Exception):
    """A reader's request that cannot be carried out, with a message they can act on."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- checks ------------------------------------------------------------------------------------------


def has_confirmed_email(user: Any) -> bool:
    return authors.author_of(user).confirmed


def check_can_post(user: Any, story: Page, standing: Any = None) -> authors.Author:
    """Refuses what the reader may not post here; otherwise their details, as the rules need them."""
    if not user.is_authenticated:
        raise DiscussionError(_("Please log in to take part in the discussion."), 403)
    author = authors.author_of(user)
    if not author.confirmed:
        raise DiscussionError(
            _("Please confirm your e-mail address first: follow the link in the message we sent you."), 403
        )
    if not story.live:
        raise DiscussionError(_("This story is not published."), 404)
    check_open(story)
    check_standing(standing)
    return author


def check_standing(standing: Any) -> None:
    """A banned reader, or one suspended until a time, cannot post, edit or react."""
    if standing is None:
        return
    if standing.banned:
        raise DiscussionError(_("Your account may no longer take part in discussions."), 403)
    if standing.is_suspended():
        until = formats.date_format(timezone.localtime(standing.suspended_until), "DATETIME_FORMAT")
        raise DiscussionError(
            _("Your account is suspended from discussions until %(until)s.") % {"until": until}, 403
        )


def check_open(story: Page) -> None:
    takes_comments = getattr(story, "takes_comments", None)
    if takes_comments is None or not takes_comments():
        raise DiscussionError(_("The discussion of this story is closed."), 403)


def check_rate(user: Any, action: str, rate: str) -> None:
    if not ratelimit.allow(action, str(user.pk), rate):
        raise DiscussionError(_("You are doing that too often. Please wait a minute and try again."), 429)


def clean_text(value: str, limit: int, empty_message: str) -> str:
    """The reader's text as typed (line ends made uniform, outer blank space trimmed), or an error;
    text of nothing but invisible characters (zero-width spaces) is as empty as none."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text or reader_text.shows_nothing(text):
        raise DiscussionError(empty_message)
    if len(text) > limit:
        raise DiscussionError(
            _("Please keep it to %(limit)s characters; this is %(length)s.")
            % {"limit": f"{limit:,}", "length": f"{len(text):,}"}
        )
    if UNSHOWABLE.search(text):
        raise DiscussionError(
            _("The text contains control characters that cannot be shown. Please remove them.")
        )
    return text


def clean_comment(value: str) -> str:
    return clean_text(value, COMMENT_LENGTH, _("Please write something before posting."))


def own_comment(user: Any, comment: Comment) -> None:
    if not user.is_authenticated or comment.author_id != user.pk:
        raise DiscussionError(_("Only the author can change this comment."), 403)
    if comment.status == Comment.Status.REMOVED:
        raise DiscussionError(_("This comment was deleted."), 410)


# --- writes ------------------------------------------------------------------------------------------


def do_post_comment(user: Any, story: Page, body: str, reply_to: Comment | None = None) -> Comment:
    """Post a comment or reply; the rules decide whether it is published, held or rejected."""
    standing = rules.standing_of(user) if user.is_authenticated else None
    author = check_can_post(user, story, standing)
    text = clean_comment(body)
    if reply_to is not None and (
        reply_to.story_id != story.pk or reply_to.status != Comment.Status.PUBLISHED
    ):
        raise DiscussionError(_("The comment you are replying to is no longer there."), 404)
    check_rate(user, "comment", settings.DATELINE_COMMENT_RATE)
    verdict = rules.screen(user, story, text, standing, author.published)
    thread = None if reply_to is None else (reply_to.thread or reply_to)
    comment = Comment(
        story=story,
        author=user,
        body=text,
        thread=thread,
        reply_to=reply_to if thread else None,
        status=verdict.status,
        held_because=verdict.held_because,
        held_detail=verdict.detail,
        fingerprint=rules.fingerprint(text),
    )
    if verdict.status == Comment.Status.REJECTED:
        comment.rejection_reason = _("It contains words this discussion does not allow.")
    # The live event's markup is made before the transaction: while it lasts, every other
    # process's comments wait for SQLite's write lock (bench/README.md, "Comments").
    markup_for = None
    if verdict.status == Comment.Status.PUBLISHED:
        with translation.override(story.locale.language_code):
            markup_for = markup.comment_html_before_saving(comment)
    with transaction.atomic():
        # The hottest write readers make, so its statement is written once (dateline.core.rows);
        # post_save goes out as with save(): a held or rejected comment's author details are
        # forgotten by their receiver (authors.comment_changed).
        rows.insert(comment)
        if verdict.status == Comment.Status.REJECTED:
            notifications.notify_reader(
                user.pk, Notification.Kind.REJECTED, comment, comment.rejection_reason
            )
        elif markup_for is not None:
            publish_comment(comment, markup_for(comment.pk))
    return comment


def publish_comment(comment: Comment, html: str | None = None) -> None:
    """What follows a comment going public: its thread's count, the reply's author told, live."""
    if comment.thread_id is not None:
        queries.count_reply(comment.thread_id)
    notifications.notify_reply(comment)
    notify_comment(comment, "comment", html)


def do_edit_comment(user: Any, comment: Comment, body: str) -> Comment:
    """Change the text in the first minutes. The new text passes the rules a new comment would, and
    counts against the same rate: an edit must not be a way round either."""
    own_comment(user, comment)
    story = comment.story.specific
    check_open(story)
    standing = rules.standing_of(user)
    check_standing(standing)
    if comment.status == Comment.Status.REJECTED:
        raise DiscussionError(_("A rejected comment cannot be edited."), 403)
    if timezone.now() > comment.editable_until():
        raise DiscussionError(_("Comments can only be edited in the first ten minutes."), 403)
    text = clean_comment(body)
    check_rate(user, "comment", settings.DATELINE_COMMENT_RATE)
    published = authors.author_of(user).published
    verdict = rules.screen(user, story, text, standing, published, replacing=comment.pk)
    was_public = comment.status == Comment.Status.PUBLISHED
    with transaction.atomic():
        comment.body = text
        comment.edited_at = timezone.now()
        comment.fingerprint = rules.fingerprint(text)
        fields = ["body", "edited_at", "fingerprint"]
        if verdict.status != Comment.Status.PUBLISHED:
            comment.status = verdict.status
            comment.held_because, comment.held_detail = verdict.held_because, verdict.detail
            fields += ["status", "held_because", "held_detail"]
            log_rules_decision(comment, verdict)
        if verdict.status == Comment.Status.REJECTED:
            comment.rejection_reason = _("It contains words this discussion does not allow.")
            fields.append("rejection_reason")
            notifications.notify_reader(
                user.pk, Notification.Kind.REJECTED, comment, comment.rejection_reason
            )
        comment.save(update_fields=fields)
        if comment.status == Comment.Status.PUBLISHED:
            notify_comment(comment, "comment")
        elif was_public:
            notify_comment(comment, "comment-removed")
    return comment


def log_rules_decision(comment: Comment, verdict: rules.Verdict) -> None:
    """An edit the rules held or rejected goes into the comment's history in the moderation log,
    in the newsroom's language, so that moderators see why it came back to them."""
    kind = (
        ModerationAction.Kind.EDIT_REJECTED
        if verdict.status == Comment.Status.REJECTED
        else ModerationAction.Kind.EDIT_HELD
    )
    with translation.override(settings.LANGUAGE_CODE):
        reason = str(Comment.Held(verdict.held_because).label)
        if verdict.detail:
            reason = f"{reason}: “{verdict.detail}”"
    ModerationAction.objects.create(kind=kind, comment=comment, reader_id=comment.author_id, reason=reason)


def do_delete_comment(user: Any, comment: Comment) -> Comment:
    own_comment(user, comment)
    with transaction.atomic():
        comment.status = Comment.Status.REMOVED
        comment.body = ""
        comment.save(update_fields=["status", "body"])
        notify_comment(comment, "comment-removed")
    return comment


def toggled_counts(reactions: dict[str, int], kind: str, added: bool) -> dict[str, int]:
    """Reaction counts after one reader added or took back a reaction of `kind` (kinds at 0 left
    out); comments and chat messages keep them so."""
    counts = dict(reactions)
    counts[kind] = max(0, counts.get(kind, 0) + (1 if added else -1))
    return {name: count for name, count in counts.items() if count}


def do_toggle_reaction(user: Any, comment: Comment, kind: str) -> dict[str, int]:
    """Adds the reader's reaction of this kind, or takes it back if they had it; the new counts."""
    if not user.is_authenticated:
        raise DiscussionError(_("Please log in to react."), 403)
    if kind not in Reaction.values:
        raise DiscussionError(_("Unknown reaction."))
    if comment.status != Comment.Status.PUBLISHED:
        raise DiscussionError(_("This comment can no longer be reacted to."), 410)
    check_open(comment.story.specific)
    check_rate(user, "reaction", settings.DATELINE_REACTION_RATE)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        removed, _counts = CommentReaction.objects.filter(comment=comment, reader=user, kind=kind).delete()
        if not removed:
            CommentReaction.objects.create(comment=comment, reader=user, kind=kind)
        comment.reactions = toggled_counts(comment.reactions, kind, added=not removed)
        comment.reaction_count = sum(comment.reactions.values())
        comment.save(update_fields=["reactions", "reaction_count"])
        publish_on_commit(
            stream_name(comment.story_id),
            "comment-reactions",
            {"id": comment.pk, "reactions": comment.reactions},
            changes_pages=False,
        )
    return comment.reactions


def do_report_comment(user: Any, comment: Comment, reason: str) -> CommentReport:
    if not user.is_authenticated:
        raise DiscussionError(_("Please log in to report a comment."), 403)
    text = clean_text(reason, REPORT_REASON_LENGTH, _("Please say what is wrong with this comment."))
    if comment.author_id == user.pk:
        raise DiscussionError(_("You cannot report your own comment."))
    check_rate(user, "report", settings.DATELINE_REPORT_RATE)
    report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=user, defaults={"reason": text}
    )
    if not created:
        raise DiscussionError(_("You have already reported this comment. Thank you."), 409)
    return report


# --- live --------------------------------------------------------------------------------------------


def notify_comment(comment: Comment, kind: str, html: str | None = None) -> None:
    """Everyone reading the story sees the comment appear, change or go, and the new count.

    `html`: the comment's markup when the caller made it already (in the story's language).
    """
    payload: dict[str, Any] = {
        "id": comment.pk,
        "thread": comment.thread_id,
        "count": queries.published_count(comment.story_id),
    }
    if kind == "comment":
        if html is None:
            with translation.override(comment.story.locale.language_code):
                html = markup.comment_html(comment)
        payload["html"] = html
        comment.rendered = html  # type: ignore[attr-defined]  # the author gets the same markup
    elif comment.status == Comment.Status.PENDING:
        with translation.override(comment.story.locale.language_code):
            payload["label"] = _("This comment was changed and waits for a moderator.")
    elif comment.status != Comment.Status.REMOVED:
        with translation.override(comment.story.locale.language_code):
            payload["label"] = _("This comment was removed by a moderator.")
    publish_on_commit(stream_name(comment.story_id), kind, payload, changes_pages=False)
