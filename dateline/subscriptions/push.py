"""Breaking news as web push: browsers that asked for alerts get one per story.

The site's VAPID key pair is made on first use and kept in the data directory
(`DATELINE_VAPID_KEY_FILE`): browsers tie their subscriptions to its public key, so it must not
change. A browser's subscription names an address at its push service; the server only ever posts
to services listed in `DATELINE_PUSH_SERVICES` (`push_services.py`), and checks the address again
before each post, never following a redirect.

Marking a story breaking writes one `PushAlert`, once per story, in the marking's transaction; a
task sends it to the edition's subscribed browsers in order of subscription. The run holds the
alert under a lease (`DATELINE_SEND_LEASE_SECONDS`, renewed as it goes) so that no other run sends
it at the same time, and saves after each batch how far it got, with each browser's outcome: what
fails for one browser (its key, TLS, a timeout, its service's answer) is recorded against that
subscription and the others still get the alert. Browsers whose service answers 404 or 410, and
those that failed `DATELINE_PUSH_FAILURE_LIMIT` times in a row, are forgotten. A run that dies
leaves its lease to lapse, a run that fails leaves the alert to wait a back-off, and the worker's
schedule (`resume_push_alerts`) hands it to a task again: a resumed alert starts after the last
saved batch, so a browser hears of it twice at most if it was in the batch being sent at the
crash, and the alert's tag shows the two as one. An alert past its time to live
(`DATELINE_PUSH_TTL_SECONDS`) is not resumed: the push services would drop it anyway.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from dateline.breaking.signals import breaking_news_marked
from dateline.core.links import page_address
from dateline.subscriptions import push_services
from dateline.subscriptions.models import PushAlert, PushSubscription
from dateline.subscriptions.sending import retry_delay

logger = logging.getLogger(__name__)

BATCH = 100
GONE = (404, 410)
# Seconds to connect to a push service and for its answer.
TIMEOUT = 10


@cache
def vapid_key() -> Vapid:
    """The site's key pair, made the first time it is needed (by whichever process comes first)."""
    path = Path(settings.DATELINE_VAPID_KEY_FILE)
    if not path.exists():
        key = Vapid()
        key.generate_keys()
        pem = key.private_pem()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first: use theirs
        else:
            with os.fdopen(descriptor, "wb") as file:
                file.write(pem)
    return Vapid.from_file(str(path))


def application_server_key() -> str:
    """The public key as browsers want it (`applicationServerKey`): the raw point, base64url."""
    raw = vapid_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def valid_keys(p256dh: str, auth: str) -> bool:
    """A browser's public key (an uncompressed point on P-256) and its 16-byte secret, base64url."""
    try:
        point = base64.urlsafe_b64decode(p256dh + "=" * (-len(p256dh) % 4))
        secret = base64.urlsafe_b64decode(auth + "=" * (-len(auth) % 4))
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        return False
    return len(point) == 65 and point[0] == 4 and len(secret) == 16


@receiver(breaking_news_marked, dispatch_uid="subscriptions-breaking-push")
def push_breaking_news(alert: Any, **kwargs: Any) -> None:
    story = alert.story
    if PushAlert.objects.filter(story=story).exists():
        return
    payload = {
        "title": alert.headline or story.title,
        "body": story.lede,
        "url": page_address(story),
        "tag": f"breaking-{story.pk}",
    }
    try:
        with transaction.atomic():
            # Held for the task committed with it: the schedule leaves it to that task for a lease.
            push_alert = PushAlert.objects.create(
                story=story, locale_id=story.locale_id, payload=payload, claimed_until=lease_end()
            )
    except IntegrityError:  # marked by someone else at the same moment: theirs goes out
        return
    send_push_alert.enqueue(push_alert.pk)


def lease_end() -> Any:
    return timezone.now() + timedelta(seconds=settings.DATELINE_SEND_LEASE_SECONDS)


def browsers_of(alert: PushAlert) -> Any:
    """The edition's browsers that had subscribed when the alert was made, in order."""
    return PushSubscription.objects.filter(
        locale_id=alert.locale_id, created_at__lte=alert.created_at
    ).order_by("pk")


@task()
def send_push_alert(alert_id: int) -> None:
    """Send what is left of an alert; safe to run again, and beside another run."""
    sender = get_random_string(20)
    alert = claim_alert(alert_id, sender)
    if alert is None:
        return
    try:
        deliver(alert, sender)
    except Exception as error:
        logger.exception("browser alert %s stopped; it is resumed after a back-off", alert.pk)
        # When the database is what failed, this cannot be written: the lease lapses instead.
        with contextlib.suppress(DatabaseError):
            PushAlert.objects.filter(pk=alert.pk, sender=sender).update(
                sender="",
                claimed_until=timezone.now() + retry_delay(alert.attempts),
                error=f"{type(error).__name__}: {error}"[:300],
            )
        raise


def claim_alert(alert_id: int, sender: str) -> PushAlert | None:
    """The alert, held by this run; None if it is finished or another run holds it."""
    now = timezone.now()
    claimed = (
        PushAlert.objects.filter(pk=alert_id, finished_at__isnull=True)
        .filter(Q(sender="") | Q(claimed_until__lt=now) | Q(claimed_until__isnull=True))
        .update(sender=sender, claimed_until=lease_end(), attempts=F("attempts") + 1)
    )
    alert = PushAlert.objects.filter(pk=alert_id, sender=sender).first() if claimed else None
    if alert is None:
        return None
    if alert.created_at < now - timedelta(seconds=settings.DATELINE_PUSH_TTL_SECONDS):
        finish(alert, sender, reached_all=False)
        return None
    if alert.attempts == 1:
        alert.total = browsers_of(alert).count()
        alert.save(update_fields=["total"])
    return alert


def finish(alert: PushAlert, sender: str, *, reached_all: bool = True) -> None:
    """The alert done: every browser reached (those that left meanwhile no longer count), or given
    up past its time to live with some not reached."""
    done = {"total": F("sent") + F("failed") + F("gone")} if reached_all else {}
    PushAlert.objects.filter(pk=alert.pk, sender=sender).update(
        finished_at=timezone.now(), sender="", claimed_until=None, **done
    )


@dataclass
class Outcome:
    """What became of one batch's browsers."""

    sent: list[int] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def deliver(alert: PushAlert, sender: str) -> None:
    data = json.dumps(alert.payload)
    key = vapid_key()
    renew_every = settings.DATELINE_SEND_LEASE_SECONDS / 4
    renewed = time.monotonic()
    with requests.Session() as session:
        # A service that answers with a redirect is not followed (to wherever it points).
        session.max_redirects = 0
        while batch := list(browsers_of(alert).filter(pk__gt=alert.sent_up_to)[:BATCH]):
            outcome = Outcome()
            for browser in batch:
                if time.monotonic() - renewed >= renew_every:
                    if not PushAlert.objects.filter(pk=alert.pk, sender=sender).update(
                        claimed_until=lease_end()
                    ):
                        return  # the lease lapsed and another run holds the alert now
                    renewed = time.monotonic()
                error = push_one(browser, data, key, session)
                if error is None:
                    outcome.sent.append(browser.pk)
                elif error == "gone":
                    outcome.gone.append(browser.pk)
                else:
                    outcome.failed[browser.pk] = error
            if not save_progress(alert, sender, batch[-1].pk, outcome):
                return
            renewed = time.monotonic()
    finish(alert, sender)


def push_one(browser: PushSubscription, data: str, key: Vapid, session: requests.Session) -> str | None:
    """None when the service took the alert, "gone" when the subscription is gone, or what failed."""
    if not push_services.allowed_endpoint(browser.endpoint):
        return "not an address at a known push service"
    try:
        webpush(
            browser.subscription_info(),
            data,
            vapid_private_key=key,
            vapid_claims={"sub": "mailto:" + settings.DATELINE_PUSH_CONTACT},
            ttl=settings.DATELINE_PUSH_TTL_SECONDS,
            timeout=TIMEOUT,
            requests_session=session,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE:
            return "gone"
        return f"{status} {getattr(error.response, 'reason', '')}".strip() if status else str(error)
    except Exception as error:  # one browser's failure (its key, TLS, a timeout) is its own
        logger.warning("push to %s failed: %s", urlsplit(browser.endpoint).hostname, error)
        return f"{type(error).__name__}: {error}"
    return None


def save_progress(alert: PushAlert, sender: str, last: int, outcome: Outcome) -> bool:
    """A batch's outcome, in one short transaction with the alert's progress; False if another
    run holds the alert now (its lease lapsed), and nothing is written."""
    now = timezone.now()
    with transaction.atomic():
        if not PushAlert.objects.filter(pk=alert.pk, sender=sender).update(
            sent_up_to=last,
            sent=F("sent") + len(outcome.sent),
            failed=F("failed") + len(outcome.failed),
            gone=F("gone") + len(outcome.gone),
            claimed_until=lease_end(),
        ):
            return False
        PushSubscription.objects.filter(pk__in=outcome.gone).delete()
        PushSubscription.objects.filter(pk__in=outcome.sent, failures__gt=0).update(failures=0)
        for pk, error in outcome.failed.items():
            PushSubscription.objects.filter(pk=pk).update(
                failures=F("failures") + 1, last_error=error[:300], last_failed_at=now
            )
        PushSubscription.objects.filter(
            pk__in=list(outcome.failed), failures__gte=settings.DATELINE_PUSH_FAILURE_LIMIT
        ).delete()
    alert.sent_up_to = last
    return True


def resume_push_alerts() -> int:
    """Hand to the worker again the alerts no run holds whose lease or back-off is over (a run
    died or failed); how many. Run by the worker's schedule."""
    now = timezone.now()
    waiting = PushAlert.objects.filter(finished_at__isnull=True).filter(
        Q(claimed_until__lt=now) | Q(claimed_until__isnull=True)
    )
    resumed = 0
    for alert_id in list(waiting.values_list("pk", flat=True)):
        with transaction.atomic():
            # Held for the task enqueued with it, so that the next round does not enqueue another.
            if waiting.filter(pk=alert_id).update(sender="", claimed_until=lease_end()):
                send_push_alert.enqueue(alert_id)
                resumed += 1
    return resumed
