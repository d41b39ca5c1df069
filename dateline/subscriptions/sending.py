"""Sending a mailing: every confirmed subscriber of its list who has not paused gets it once.

Starting a mailing writes one delivery row per recipient, in one transaction. Senders (the
background task, or `dateline newsletter send`) claim batches of waiting rows, send each message
over one SMTP connection and mark its row sent as soon as the server has accepted it. A sender
killed mid-send leaves its claimed rows marked as being sent; once their lease
(`DATELINE_SEND_LEASE_SECONDS`) has run out, the next run takes them over, so everyone gets the
mailing and nobody gets it twice. The one message that may have been in flight at the moment of
the kill is sent again with the same Message-ID, by which mail systems recognise a repeat.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from datetime import timedelta
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django_tasks import task

from dateline.subscriptions import actions
from dateline.subscriptions.models import Delivery, Mailing, Subscriber

logger = logging.getLogger(__name__)

BATCH = 200
START_BATCH = 5000
MANAGE_PLACEHOLDER = "__MANAGE_URL__"
UNSUBSCRIBE_PLACEHOLDER = "__UNSUBSCRIBE_URL__"


class SendingError(Exception):
    pass


def recipients(mailing: Mailing) -> Any:
    return Subscriber.objects.filter(
        subscriptions__newsletter_id=mailing.newsletter_id, confirmed_at__isnull=False, paused=False
    )


def do_start(mailing: Mailing) -> int:
    """Write the mailing's deliveries and hand it to the background worker; how many there are."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != Mailing.Status.DRAFT:
            raise SendingError(_("This mailing has been sent already."))
        total = after = 0
        # A slice of the subscribers at a time: a list of millions never sits in memory at once.
        while ids := list(
            recipients(mailing).filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:START_BATCH]
        ):
            Delivery.objects.bulk_create(
                [Delivery(mailing=mailing, subscriber_id=pk) for pk in ids], ignore_conflicts=True
            )
            total, after = total + len(ids), ids[-1]
        mailing.status = Mailing.Status.SENDING
        mailing.started_at = timezone.now()
        mailing.total = total
        mailing.save(update_fields=["status", "started_at", "total"])
        # Enqueued in the same transaction: the database task backend commits the task with the
        # deliveries, so neither goes without the other.
        send_mailing.enqueue(mailing.pk)
    return total


def resume_stalled() -> int:
    """Hand again to the worker the mailings nobody has been sending for a lease (a sender was
    killed, or its task lost); how many. Run by the worker's schedule."""
    lapsed = timezone.now() - timedelta(seconds=settings.DATELINE_SEND_LEASE_SECONDS)
    stalled = (
        Mailing.objects.filter(status=Mailing.Status.SENDING, started_at__lt=lapsed)
        .filter(deliveries__status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])
        .exclude(deliveries__claimed_at__gte=lapsed)
        .distinct()
    )
    ids = list(stalled.values_list("pk", flat=True))
    for mailing_id in ids:
        send_mailing.enqueue(mailing_id)
    return len(ids)


def progress(mailing: Mailing) -> tuple[int, int]:
    """(sent, of how many)."""
    sent = Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).count()
    return sent, mailing.total


def run(mailing_id: int, report: Callable[[int, int], None] | None = None) -> Mailing:
    """Send what is left of a mailing; safe to run again, and beside another run."""
    mailing = Mailing.objects.select_related("newsletter__locale", "newsletter__section").get(pk=mailing_id)
    if mailing.status == Mailing.Status.DRAFT:
        raise SendingError(_("This mailing has not been started."))
    sender = get_random_string(20)
    compose = composer(mailing)
    pause = 1 / settings.DATELINE_SEND_RATE if settings.DATELINE_SEND_RATE > 0 else 0.0
    while batch := claim(mailing, sender):
        with get_connection() as smtp:
            for delivery in batch:
                started = time.monotonic()
                _send_one(delivery, compose, smtp, sender)
                if pause:
                    time.sleep(max(0.0, pause - (time.monotonic() - started)))
        if report is not None:
            report(*progress(mailing))
    if not Delivery.objects.filter(
        mailing=mailing, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).exists():
        Mailing.objects.filter(pk=mailing.pk, finished_at__isnull=True).update(
            status=Mailing.Status.SENT, finished_at=timezone.now()
        )
    mailing.refresh_from_db()
    return mailing


def claim(mailing: Mailing, sender: str) -> list[Delivery]:
    """A batch of deliveries nobody is sending: waiting ones, and those whose sender went quiet."""
    now = timezone.now()
    lapsed = now - timedelta(seconds=settings.DATELINE_SEND_LEASE_SECONDS)
    with transaction.atomic():
        waiting = Delivery.objects.filter(mailing=mailing).filter(
            Q(status=Delivery.Status.PENDING) | Q(status=Delivery.Status.SENDING, claimed_at__lt=lapsed)
        )
        if database.vendor == "postgresql":
            waiting = waiting.select_for_update(skip_locked=True)
        ids = list(waiting.order_by("id").values_list("pk", flat=True)[:BATCH])
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING, claimed_by=sender, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(
        Delivery.objects.filter(pk__in=ids, claimed_by=sender).select_related("subscriber").order_by("id")
    )


def _send_one(
    delivery: Delivery, compose: Callable[[Subscriber], EmailMultiAlternatives], smtp: Any, sender: str
) -> None:
    try:
        smtp.send_messages([compose(delivery.subscriber)])
    except (SMTPException, OSError, ValueError) as error:
        logger.warning(
            "could not send mailing %s to subscriber %s: %s",
            delivery.mailing_id,
            delivery.subscriber_id,
            error,
        )
        Delivery.objects.filter(pk=delivery.pk, claimed_by=sender).update(
            status=Delivery.Status.FAILED, error=str(error)[:300]
        )
        return
    mark_sent(delivery.pk, sender)


def mark_sent(delivery_id: int, sender: str) -> None:
    """The row of a message the mail server accepted, marked at once (a sender killed after this
    leaves nothing to send twice). Written out: through the ORM this took a quarter of a message's
    CPU at 100,000 messages (bench/README.md, "Newsletters")."""
    table = Delivery._meta.db_table
    with database.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, sent_at = %s WHERE id = %s AND claimed_by = %s",  # noqa: S608  (a model's table name)
            [Delivery.Status.SENT.value, timezone.now(), delivery_id, sender],
        )


class RawMessage:
    """A message's MIME form as bytes, for the mail backends (which ask for `as_bytes`)."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.raw if linesep == "\r\n" else self.raw.replace(b"\r\n", linesep.encode())

    def get_charset(self) -> None:
        return None


class PreparedMessage(EmailMultiAlternatives):
    """A subscriber's message whose MIME form was made once for the whole mailing, with their own
    address and links put in: building MIME for every message was half of sending it."""

    raw = b""

    def message(self) -> Any:  # type: ignore[override]
        return RawMessage(self.raw)


def composer(mailing: Mailing) -> Callable[[Subscriber], EmailMultiAlternatives]:
    """The mailing rendered once; each subscriber's message only gets their own address and links."""
    newsletter = mailing.newsletter
    with translation.override(newsletter.locale.language_code):
        context = {
            "mailing": mailing,
            "newsletter": newsletter,
            "title": newsletter.title(),
            "stories": stories_of(mailing),
            "site_name": settings.SITE_NAME,
            "manage_url": MANAGE_PLACEHOLDER,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "language": newsletter.locale.language_code,
        }
        text = render_to_string("subscriptions/email/mailing.txt", context)
        html = render_to_string("subscriptions/email/mailing.html", context)
        manage_route = reverse("subscription_preferences", args=["TOKEN"])
        unsubscribe_route = reverse("subscription_unsubscribe", args=["TOKEN"])
    domain = settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    list_id = f"<{newsletter.key.replace(':', '-')}.{newsletter.locale.language_code}.{domain}>"

    def build(
        to: str, message_id: str, manage: str, unsubscribe: str, kind: type = EmailMultiAlternatives
    ) -> Any:
        message = kind(
            mailing.subject,
            text.replace(MANAGE_PLACEHOLDER, manage).replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
            to=[to],
            headers={
                # The same on a second try: mail systems recognise a repeat by it.
                "Message-ID": message_id,
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": list_id,
            },
        )
        message.attach_alternative(
            html.replace(MANAGE_PLACEHOLDER, manage).replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
            "text/html",
        )
        return message

    # The MIME form of a message with placeholders where a subscriber's details go. If an encoding
    # split a placeholder (a line too long for 8-bit text), every message is built in full instead.
    holders = {"to": "subscriber@dateline.invalid", "id": "<message-id@dateline.invalid>"}
    template = build(holders["to"], holders["id"], MANAGE_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER)
    raw = template.message().as_bytes(linesep="\r\n")
    whole = all(
        raw.count(p.encode()) >= 1 for p in (*holders.values(), MANAGE_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER)
    )

    def compose(subscriber: Subscriber) -> EmailMultiAlternatives:
        manage = actions.absolute(manage_route.replace("TOKEN", actions.manage_token(subscriber)))
        unsubscribe = actions.absolute(
            unsubscribe_route.replace("TOKEN", actions.unsubscribe_token(subscriber, newsletter))
        )
        message_id = f"<mailing-{mailing.pk}.{subscriber.pk}@{domain}>"
        if not whole or not subscriber.email.isascii():
            return build(subscriber.email, message_id, manage, unsubscribe)  # type: ignore[no-any-return]
        message = build(subscriber.email, message_id, manage, unsubscribe, PreparedMessage)
        message.raw = (
            raw.replace(holders["to"].encode(), subscriber.email.encode())
            .replace(holders["id"].encode(), message_id.encode())
            .replace(MANAGE_PLACEHOLDER.encode(), manage.encode())
            .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe.encode())
        )
        return message  # type: ignore[no-any-return]

    return compose


def stories_of(mailing: Mailing) -> list[Any]:
    """The mailing's published stories in its order (withdrawn ones are left out)."""
    from dateline.articles.models import ArticlePage

    found = {
        p.pk: p
        for p in ArticlePage.objects.live().filter(pk__in=mailing.stories).select_related("lead_image")
    }
    stories = []
    for pk in mailing.stories:
        if (story := found.get(pk)) is not None:
            stories.append(
                {"id": story.pk, "title": story.title, "lede": story.lede, "url": story.full_url or ""}
            )
    return stories


@task()
def start_mailing(mailing_id: int) -> None:
    """Start a mailing that is due (a breaking-news alert): its deliveries, then its sending."""
    mailing = Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.DRAFT).first()
    if mailing is not None:
        with contextlib.suppress(SendingError):  # the schedule started it meanwhile
            do_start(mailing)


@task()
def send_mailing(mailing_id: int) -> None:
    run(mailing_id)
