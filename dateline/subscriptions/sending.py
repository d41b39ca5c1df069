"""Sending a mailing: every confirmed subscriber of its list who has not paused gets it once.

Starting a mailing writes one delivery row per recipient, a slice of subscribers per short
transaction (`do_start`). Senders (the background task, or `dateline newsletter send`) claim
batches of waiting rows, send each message over one SMTP connection and mark its row sent as soon
as the server has accepted it. A claim lasts `DATELINE_SEND_LEASE_SECONDS`; the sender renews it
while its batch sends and checks it before each message, so a sender that lost it (stalled for a
lease) stops rather than send what another has taken over. A sender killed mid-send leaves its
claimed rows marked as being sent; once their lease has run out, the next run takes them over, so
everyone gets the mailing and nobody gets it twice. The one message that may have been in flight
at the moment of the kill is sent again with the same Message-ID, by which mail systems recognise
a repeat.

A connection the server drops is opened again and the message tried once more. A message the
server refuses for now (4xx), or that cannot reach it, is tried again after a back-off
(`DATELINE_SEND_RETRY_SECONDS`, doubling), up to `DATELINE_SEND_ATTEMPTS` tries; one refused for
good (5xx) fails at once, with the server's reason. A mailing is sent when every delivery is sent
or has failed for good; the worker's schedule hands it to a sender again when a retry is due.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from smtplib import (
    SMTPAuthenticationError,
    SMTPConnectError,
    SMTPException,
    SMTPHeloError,
    SMTPNotSupportedError,
    SMTPRecipientsRefused,
    SMTPResponseException,
    SMTPServerDisconnected,
)
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from dateline.articles.models import ArticlePage
from dateline.core.links import page_address
from dateline.subscriptions import actions, queries
from dateline.subscriptions.models import Delivery, Mailing, Subscriber

logger = logging.getLogger(__name__)

BATCH = 200
START_BATCH = 5000
# However many attempts failed, the next is at most this far off.
LONGEST_RETRY_WAIT = timedelta(hours=1)
# Reasons of our own, stored untranslated and shown in the newsroom's language.
UNREACHABLE = gettext_noop("The mail server could not be reached.")
SENDER_STOPPED = gettext_noop("Its sender stopped at every attempt.")
# smtplib's failures of the connection, not of one message (as are other OSErrors: refused, reset,
# timed out, TLS): the connection is opened again, or the batch waits.
CONNECTION_ERRORS = (
    SMTPServerDisconnected,
    SMTPConnectError,
    SMTPHeloError,
    SMTPAuthenticationError,
    SMTPNotSupportedError,
)
MANAGE_PLACEHOLDER = "__MANAGE_URL__"
UNSUBSCRIBE_PLACEHOLDER = "__UNSUBSCRIBE_URL__"


class SendingError(Exception):
    pass


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: the setting's 1, 2, 4 … times."""
    wait = timedelta(seconds=settings.DATELINE_SEND_RETRY_SECONDS * 2 ** min(max(0, attempts - 1), 16))
    return min(wait, LONGEST_RETRY_WAIT)


def recipients(mailing: Mailing) -> Any:
    return Subscriber.objects.filter(
        subscriptions__newsletter_id=mailing.newsletter_id, confirmed_at__isnull=False, paused=False
    )


def do_start(mailing: Mailing) -> int:
    """Write the mailing's deliveries and hand it to the background worker; how many there are.

    The rows go in short transactions, a slice of subscribers each, so that the database's write
    lock is never held for the whole list. A start cut short (a crash, a lost task) leaves a
    draft that is due, with some of its rows: the worker's schedule starts it again, and the
    rows already written are skipped, never doubled (one per mailing and subscriber).
    """
    now = timezone.now()
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != Mailing.Status.DRAFT:
            raise SendingError(_("This mailing has been sent already."))
        if mailing.scheduled_for is None or mailing.scheduled_for > now:
            mailing.scheduled_for = now
            mailing.save(update_fields=["scheduled_for"])
    written = Delivery.objects.filter(mailing=mailing).aggregate(last=Max("subscriber_id"))["last"]
    after = written or 0
    # A slice of the subscribers at a time: a list of millions never sits in memory at once.
    while ids := list(
        recipients(mailing).filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:START_BATCH]
    ):
        with transaction.atomic():
            if not Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.DRAFT).exists():
                break  # another start finished it meanwhile
            Delivery.objects.bulk_create(
                [Delivery(mailing=mailing, subscriber_id=pk) for pk in ids], ignore_conflicts=True
            )
        after = ids[-1]
    with transaction.atomic():
        total = Delivery.objects.filter(mailing=mailing).count()
        started = Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.DRAFT).update(
            status=Mailing.Status.SENDING, started_at=timezone.now(), total=total
        )
        # Enqueued in the same transaction: the database task backend commits the task with the
        # mailing's new status, so neither goes without the other.
        if started:
            send_mailing.enqueue(mailing.pk)
    return total


def resume_stalled() -> int:
    """Hand again to the worker the mailings nobody is sending that have something to send: a
    sender was killed or its task lost, or deliveries wait for their retry; how many. Run by the
    worker's schedule."""
    now = timezone.now()
    lapsed = now - timedelta(seconds=settings.DATELINE_SEND_LEASE_SECONDS)
    deliveries = Delivery.objects.filter(mailing=OuterRef("pk"))
    stalled = Mailing.objects.filter(status=Mailing.Status.SENDING, started_at__lt=lapsed).filter(
        Exists(deliveries.filter(sendable(now, lapsed))),
        ~Exists(deliveries.filter(status=Delivery.Status.SENDING, claimed_at__gte=lapsed)),
    )
    ids = list(stalled.values_list("pk", flat=True))
    for mailing_id in ids:
        send_mailing.enqueue(mailing_id)
    return len(ids)


def sendable(now: datetime, lapsed: datetime) -> Q:
    """Deliveries a sender may take: waiting ones, those whose sender went quiet, and those whose
    retry is due."""
    return (
        Q(status=Delivery.Status.PENDING)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=lapsed)
        | Q(status=Delivery.Status.RETRYING, retry_at__lte=now)
    )


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
    while batch := claim(mailing, sender):
        held = send_batch(batch, compose, sender)
        if report is not None:
            report(*progress(mailing))
        if not held:
            break  # its claim lapsed and another sender took over: that one goes on
    if not Delivery.objects.filter(
        mailing=mailing,
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING, Delivery.Status.RETRYING],
    ).exists():
        Mailing.objects.filter(pk=mailing.pk, finished_at__isnull=True).update(
            status=Mailing.Status.SENT, finished_at=timezone.now()
        )
    mailing.refresh_from_db()
    return mailing


def claim(mailing: Mailing, sender: str) -> list[Delivery]:
    """A batch of deliveries nobody is sending: waiting ones, those whose sender went quiet and
    those whose retry is due. A row claimed as often as sending is tried, whose sender went quiet
    each time, is failed instead."""
    now = timezone.now()
    lapsed = now - timedelta(seconds=settings.DATELINE_SEND_LEASE_SECONDS)
    with transaction.atomic():
        Delivery.objects.filter(
            mailing=mailing,
            status=Delivery.Status.SENDING,
            claimed_at__lt=lapsed,
            attempts__gte=settings.DATELINE_SEND_ATTEMPTS,
        ).update(status=Delivery.Status.FAILED, error=SENDER_STOPPED)
        waiting = Delivery.objects.filter(mailing=mailing).filter(sendable(now, lapsed))
        if database.vendor == "postgresql":
            waiting = waiting.select_for_update(skip_locked=True)
        ids = list(waiting.order_by("id").values_list("pk", flat=True)[:BATCH])
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING,
            claimed_by=sender,
            claimed_at=now,
            retry_at=None,
            attempts=F("attempts") + 1,
        )
    return list(
        Delivery.objects.filter(pk__in=ids, claimed_by=sender).select_related("subscriber").order_by("id")
    )


class Claim:
    """A sender's hold on its batch: renewed while the batch sends (a quarter of the lease at a
    time), and checked before each message, so that a sender whose claim lapsed stops instead of
    sending what another has taken over."""

    def __init__(self, sender: str, batch: list[Delivery]) -> None:
        self.sender = sender
        self.unsent = {delivery.pk for delivery in batch}
        self.renewed = time.monotonic()

    def holds(self, delivery_id: int) -> bool:
        if time.monotonic() - self.renewed >= settings.DATELINE_SEND_LEASE_SECONDS / 4:
            Delivery.objects.filter(
                pk__in=self.unsent, claimed_by=self.sender, status=Delivery.Status.SENDING
            ).update(claimed_at=timezone.now())
            self.renewed = time.monotonic()
        return queries.still_claimed(delivery_id, self.sender)

    def done(self, delivery_id: int) -> None:
        self.unsent.discard(delivery_id)


def send_batch(
    batch: list[Delivery], compose: Callable[[Subscriber], EmailMultiAlternatives], sender: str
) -> bool:
    """Send a claimed batch over one connection, opened again if the server drops it; False if
    the claim was lost on the way."""
    pause = 1 / settings.DATELINE_SEND_RATE if settings.DATELINE_SEND_RATE > 0 else 0.0
    held = Claim(sender, batch)
    smtp = get_connection()
    try:
        for index, delivery in enumerate(batch):
            if not held.holds(delivery.pk):
                return False
            started = time.monotonic()
            if not send_one(delivery, compose, smtp, sender):
                # The mail server cannot be reached: the rest of the batch waits for its retry.
                logger.warning("mail server out of reach: %d messages wait for a retry", len(batch) - index)
                for untried in batch[index + 1 :]:
                    retry_or_fail(untried, sender, UNREACHABLE)
                return True
            held.done(delivery.pk)
            if pause:
                time.sleep(max(0.0, pause - (time.monotonic() - started)))
    finally:
        with contextlib.suppress(OSError):
            smtp.close()
    return True


def send_one(
    delivery: Delivery, compose: Callable[[Subscriber], EmailMultiAlternatives], smtp: Any, sender: str
) -> bool:
    """Send one message and mark its row: sent, to be retried, or failed with the reason. A dropped
    connection is opened again and the message tried once more on it (with the same Message-ID);
    False when the server cannot be reached at all."""
    for reconnected in (False, True):
        try:
            message = compose(delivery.subscriber)
            smtp.open()  # nothing to do while the connection is open
            smtp.send_messages([message])
        except OSError as error:  # smtplib's errors are OSErrors too
            logger.warning(
                "could not send mailing %s to subscriber %s (attempt %s): %s",
                delivery.mailing_id,
                delivery.subscriber_id,
                delivery.attempts,
                error,
            )
            if isinstance(error, SMTPException) and not isinstance(error, CONNECTION_ERRORS):
                if permanent(error):
                    fail(delivery, sender, str(error))
                else:
                    retry_or_fail(delivery, sender, str(error))
                return True
            with contextlib.suppress(OSError):
                smtp.close()
            if reconnected:
                retry_or_fail(delivery, sender, str(error) or UNREACHABLE)
                return False
            continue
        except (ValueError, UnicodeError) as error:  # an address the message cannot carry
            fail(delivery, sender, str(error))
            return True
        queries.mark_sent(delivery.pk, sender)
        return True
    return False


def permanent(error: SMTPException) -> bool:
    """Whether the server refused for good (a 5xx answer), not for now (4xx, or no answer)."""
    if isinstance(error, SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, SMTPResponseException) and error.smtp_code >= 500


def retry_or_fail(delivery: Delivery, sender: str, reason: str) -> None:
    """A delivery that did not go out: tried again after a back-off, or failed once it has been
    tried `DATELINE_SEND_ATTEMPTS` times."""
    if delivery.attempts >= settings.DATELINE_SEND_ATTEMPTS:
        fail(delivery, sender, reason)
        return
    Delivery.objects.filter(pk=delivery.pk, claimed_by=sender).update(
        status=Delivery.Status.RETRYING,
        retry_at=timezone.now() + retry_delay(delivery.attempts),
        error=reason[:300],
    )


def fail(delivery: Delivery, sender: str, reason: str) -> None:
    """A delivery that will not go out, with the reason the newsroom is shown."""
    Delivery.objects.filter(pk=delivery.pk, claimed_by=sender).update(
        status=Delivery.Status.FAILED, retry_at=None, error=reason[:300]
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
    found = {
        p.pk: p
        for p in ArticlePage.objects.live().filter(pk__in=mailing.stories).select_related("lead_image")
    }
    stories = []
    for pk in mailing.stories:
        if (story := found.get(pk)) is not None:
            stories.append(
                {"id": story.pk, "title": story.title, "lede": story.lede, "url": page_address(story)}
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
