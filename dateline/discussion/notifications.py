"""What a reader is told about their comments: replies, and moderators' decisions with the reason.

Notifications are rows the reader sees on their notifications page (the count of unread ones is
part of the signed-in state the pages fetch). A reply is also sent by e-mail, through a background
task after the commit, to readers who asked for it in their profile.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from dateline.accounts import queries as account_queries
from dateline.core import rows
from dateline.discussion.models import Comment, Notification


def notify_reader(
    recipient_id: int | None, kind: str, comment: Comment, reason: str = ""
) -> Notification | None:
    """Tell a reader about one of their comments (nothing if the account is gone)."""
    if recipient_id is None:
        return None
    # Written without the ORM's statement building: a reply's POST makes one (dateline.core.rows).
    return rows.insert(Notification(recipient_id=recipient_id, kind=kind, comment=comment, reason=reason))


def notify_reply(reply: Comment) -> None:
    """The author of the answered comment learns of a published reply (not of their own replies)."""
    answered = reply.reply_to
    if answered is None or answered.author_id is None or answered.author_id == reply.author_id:
        return
    notification = notify_reader(answered.author_id, Notification.Kind.REPLY, reply)
    if notification is not None and wants_reply_email(answered.author_id):
        notification_id = notification.pk
        transaction.on_commit(lambda: send_reply_email.enqueue(notification_id))


def wants_reply_email(reader_id: int) -> bool:
    profile = account_queries.reader_profile(reader_id)
    return profile is not None and profile.email_on_reply


def unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()


def mark_read(user: Any, notification_ids: list[int]) -> int:
    return Notification.objects.filter(recipient=user, pk__in=notification_ids, read_at=None).update(
        read_at=timezone.now()
    )


def mark_all_read(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


@task()
def send_reply_email(notification_id: int) -> None:
    """One e-mail per reply, in the language of the story's edition, with a way to stop them."""
    notification = (
        Notification.objects.select_related(
            "recipient__reader_profile", "comment__story__locale", "comment__author__reader_profile"
        )
        .filter(pk=notification_id, kind=Notification.Kind.REPLY)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return
    reply = notification.comment
    if reply.status != Comment.Status.PUBLISHED:
        return
    with translation.override(reply.story.locale.language_code):
        context = {
            "reply": reply,
            "reader": notification.recipient,
            "story": reply.story,
            "comment_url": settings.BASE_URL + reverse("comment_permalink", args=[reply.pk]),
            "settings_url": settings.BASE_URL + reverse("reader_settings"),
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("discussion/email/reply_subject.txt", context).strip()
        body = render_to_string("discussion/email/reply.txt", context)
    send_mail(subject, body, None, [notification.recipient.email])
