"""What moderators decide, in the newsroom: approve, reject with a reason, feature, dismiss reports,
and a reader's standing (pre-moderation, a timed suspension, a ban). Every decision is written to the
audit log (`ModerationAction`) and, where it concerns a comment, told to its author."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dateline.discussion.actions import DiscussionError, notify_comment, publish_comment
from dateline.discussion.models import (
    Comment,
    CommentReport,
    ModerationAction,
    Notification,
    ReaderStanding,
)
from dateline.discussion.notifications import notify_reader

MODERATE_PERMISSION = "discussion.moderate_comment"
REASON_LENGTH = 500


def can_moderate(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


def check_can_moderate(user: Any) -> None:
    if not can_moderate(user):
        raise PermissionDenied


def log(
    kind: str, moderator: Any, comment: Comment | None = None, reader_id: int | None = None, reason: str = ""
) -> ModerationAction:
    return ModerationAction.objects.create(
        kind=kind,
        moderator=moderator,
        comment=comment,
        reader_id=reader_id if reader_id is not None else (comment.author_id if comment else None),
        reason=reason,
    )


# --- comments ----------------------------------------------------------------------------------------


def do_approve(moderator: Any, comment: Comment) -> bool:
    """Publish a held or rejected comment; false if it was already published or is gone."""
    check_can_moderate(moderator)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("story__locale", "reply_to")
            .get(pk=comment.pk)
        )
        if comment.status in (Comment.Status.PUBLISHED, Comment.Status.REMOVED):
            return False
        was_held = comment.status == Comment.Status.PENDING
        comment.status = Comment.Status.PUBLISHED
        comment.rejection_reason = ""
        comment.moderated_by, comment.moderated_at = moderator, timezone.now()
        comment.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
        CommentReport.objects.filter(comment=comment).update(resolved=True)
        log(ModerationAction.Kind.APPROVE, moderator, comment)
        if was_held:
            notify_reader(comment.author_id, Notification.Kind.APPROVED, comment)
        publish_comment(comment)
    return True


def do_reject(moderator: Any, comment: Comment, reason: str) -> bool:
    """Take a comment off the discussion; its author is told why. False if nothing changed."""
    check_can_moderate(moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",)).select_related("story__locale").get(pk=comment.pk)
        )
        if comment.status in (Comment.Status.REJECTED, Comment.Status.REMOVED):
            return False
        was_public = comment.status == Comment.Status.PUBLISHED
        comment.status = Comment.Status.REJECTED
        comment.rejection_reason = reason
        comment.featured = False
        comment.moderated_by, comment.moderated_at = moderator, timezone.now()
        comment.save(update_fields=["status", "rejection_reason", "featured", "moderated_by", "moderated_at"])
        CommentReport.objects.filter(comment=comment).update(resolved=True)
        log(ModerationAction.Kind.REJECT, moderator, comment, reason=reason)
        notify_reader(comment.author_id, Notification.Kind.REJECTED, comment, reason)
        if was_public:
            notify_comment(comment, "comment-removed")
        if comment.author_id is not None:
            review_rejection_rate(comment.author_id)
    return True


def do_moderate_many(
    moderator: Any, comments: Iterable[Comment], decision: str, reason: str | Callable[[Comment], str] = ""
) -> int:
    """Approve or reject several comments at once (the reason may depend on the comment, e.g. on
    its edition's language); how many changed."""
    check_can_moderate(moderator)
    if decision == "approve":
        return sum(do_approve(moderator, comment) for comment in comments)
    if decision == "reject":
        return sum(
            do_reject(moderator, comment, reason(comment) if callable(reason) else reason)
            for comment in comments
        )
    raise DiscussionError(_("Choose to approve or to reject."))


def do_feature(moderator: Any, comment: Comment, featured: bool) -> bool:
    """Pin a published top-level comment above the others, or unpin it."""
    check_can_moderate(moderator)
    if comment.status != Comment.Status.PUBLISHED or comment.thread_id is not None:
        raise DiscussionError(_("Only a published comment that starts a thread can be featured."))
    if comment.featured == featured:
        return False
    with transaction.atomic():
        comment.featured = featured
        comment.save(update_fields=["featured"])
        log(
            ModerationAction.Kind.FEATURE if featured else ModerationAction.Kind.UNFEATURE, moderator, comment
        )
        if featured:
            notify_reader(comment.author_id, Notification.Kind.FEATURED, comment)
        notify_comment(comment, "comment")
    return True


def do_dismiss_reports(moderator: Any, comment: Comment) -> int:
    """The comment stays: its open reports are closed."""
    check_can_moderate(moderator)
    with transaction.atomic():
        closed = CommentReport.objects.filter(comment=comment, resolved=False).update(resolved=True)
        if closed:
            log(ModerationAction.Kind.DISMISS_REPORTS, moderator, comment)
    return closed


def clean_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise DiscussionError(_("Please give the reason the author will see."))
    if len(text) > REASON_LENGTH:
        raise DiscussionError(_("Please keep the reason to %(limit)s characters.") % {"limit": REASON_LENGTH})
    return text


# --- readers -----------------------------------------------------------------------------------------


def standing_for(reader_id: int) -> ReaderStanding:
    return ReaderStanding.objects.get_or_create(reader_id=reader_id)[0]


def do_set_standing(
    moderator: Any, reader_id: int, kind: str, reason: str = "", days: int = 0
) -> ReaderStanding:
    """Pre-moderate or trust a reader, suspend them for some days, ban them, or lift it."""
    check_can_moderate(moderator)
    with transaction.atomic():
        standing = ReaderStanding.objects.select_for_update().filter(reader_id=reader_id).first()
        standing = standing or ReaderStanding.objects.create(reader_id=reader_id)
        if kind == ModerationAction.Kind.PREMODERATE:
            standing.premoderated = True
        elif kind == ModerationAction.Kind.TRUST:
            standing.premoderated = False
        elif kind == ModerationAction.Kind.SUSPEND:
            if days < 1:
                raise DiscussionError(_("A suspension lasts at least one day."))
            standing.suspended_until = timezone.now() + timedelta(days=days)
        elif kind == ModerationAction.Kind.BAN:
            standing.banned = True
        elif kind == ModerationAction.Kind.RESTORE:
            standing.banned = False
            standing.suspended_until = None
        else:
            raise DiscussionError("unknown standing")
        standing.reason = reason
        standing.changed_at = timezone.now()
        standing.save()
        log(kind, moderator, reader_id=reader_id, reason=reason)
    return standing


def reader_history(reader_id: int, window: timedelta | None = None) -> dict[str, Any]:
    """How many comments a reader wrote, how they fared, and the share rejected (in one query)."""
    comments = Comment.objects.filter(author_id=reader_id).exclude(status=Comment.Status.REMOVED)
    if window is not None:
        comments = comments.filter(created_at__gte=timezone.now() - window)
    counts = comments.aggregate(
        total=Count("id"),
        published=Count("id", filter=Q(status=Comment.Status.PUBLISHED)),
        pending=Count("id", filter=Q(status=Comment.Status.PENDING)),
        rejected=Count("id", filter=Q(status=Comment.Status.REJECTED)),
        reported=Count("reports", filter=Q(reports__isnull=False), distinct=True),
    )
    counts["rejection_rate"] = counts["rejected"] / counts["total"] if counts["total"] else 0.0
    return counts


def review_rejection_rate(reader_id: int) -> bool:
    """Puts a reader on pre-moderation when too many of their recent comments were rejected."""
    history = reader_history(reader_id, settings.DATELINE_REJECTION_WINDOW)
    if history["total"] < settings.DATELINE_REJECTION_MINIMUM:
        return False
    if history["rejection_rate"] < settings.DATELINE_REJECTION_THRESHOLD:
        return False
    updated = ReaderStanding.objects.filter(reader_id=reader_id, premoderated=False).update(
        premoderated=True, changed_at=timezone.now()
    )
    if not updated:
        if ReaderStanding.objects.filter(reader_id=reader_id).exists():
            return False
        ReaderStanding.objects.create(reader_id=reader_id, premoderated=True)
    log(
        ModerationAction.Kind.PREMODERATE,
        None,
        reader_id=reader_id,
        reason=ngettext(
            "%(rejected)s of %(total)s comment rejected in the last %(days)s days",
            "%(rejected)s of %(total)s comments rejected in the last %(days)s days",
            history["total"],
        )
        % {
            "rejected": history["rejected"],
            "total": history["total"],
            "days": settings.DATELINE_REJECTION_WINDOW.days,
        },
    )
    return True


def pending_count() -> int:
    return Comment.objects.filter(status=Comment.Status.PENDING).count()


def reported_count() -> int:
    return (
        Comment.objects.filter(reports__resolved=False)
        .exclude(status__in=[Comment.Status.REJECTED, Comment.Status.REMOVED])
        .values("pk")
        .distinct()
        .count()
    )
