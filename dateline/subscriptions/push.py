"""Breaking news as web push: browsers that asked for alerts get one per story.

The site's VAPID key pair is made on first use and kept in the data directory
(`DATELINE_VAPID_KEY_FILE`): browsers tie their subscriptions to its public key, so it must not
change. A browser's subscription names an address at its push service; the server only ever posts
to services listed in `DATELINE_PUSH_SERVICES` (an address a stranger chose must not make the
server call into the newsroom's network). Marking a story breaking writes one `PushAlert`, once
per story, in the marking's transaction; a task sends it to the edition's subscribed browsers in
order of subscription, remembering how far it got, and forgets browsers whose service answers
404 or 410 (the subscription is gone).
"""

from __future__ import annotations

import base64
import json
import logging
import os
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from dateline.breaking.signals import breaking_news_marked
from dateline.subscriptions.models import PushAlert, PushSubscription

logger = logging.getLogger(__name__)

BATCH = 100
GONE = (404, 410)


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


def allowed_endpoint(endpoint: str) -> bool:
    """An https address at a known push service (tests and local setups may add their own)."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if not host or len(endpoint) > 1000:
        return False
    for service in settings.DATELINE_PUSH_SERVICES:
        scheme, _, suffix = service.rpartition("://")
        if (parts.scheme == (scheme or "https")) and (host == suffix or host.endswith("." + suffix)):
            return True
    return False


def valid_keys(p256dh: str, auth: str) -> bool:
    """A browser's public key (an uncompressed P-256 point) and its 16-byte secret, base64url."""
    try:
        point = base64.urlsafe_b64decode(p256dh + "=" * (-len(p256dh) % 4))
        secret = base64.urlsafe_b64decode(auth + "=" * (-len(auth) % 4))
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
        "url": story.full_url or "",
        "tag": f"breaking-{story.pk}",
    }
    try:
        with transaction.atomic():
            push_alert = PushAlert.objects.create(story=story, locale_id=story.locale_id, payload=payload)
    except IntegrityError:  # marked by someone else at the same moment: theirs goes out
        return
    send_push_alert.enqueue(push_alert.pk)


@task()
def send_push_alert(alert_id: int) -> None:
    """Send an alert to every browser of its edition that subscribed before it went out."""
    alert = PushAlert.objects.filter(pk=alert_id).first()
    if alert is None or alert.finished_at is not None:
        return
    data = json.dumps(alert.payload)
    claims = {"sub": "mailto:" + settings.DATELINE_PUSH_CONTACT}
    browsers = PushSubscription.objects.filter(locale_id=alert.locale_id, created_at__lte=alert.created_at)
    while batch := list(browsers.filter(pk__gt=alert.sent_up_to).order_by("pk")[:BATCH]):
        sent = gone = 0
        last = batch[-1].pk  # before a gone one is deleted (and loses its pk)
        for browser in batch:
            try:
                webpush(
                    browser.subscription_info(),
                    data,
                    vapid_private_key=vapid_key(),
                    vapid_claims=dict(claims),
                    ttl=settings.DATELINE_PUSH_TTL_SECONDS,
                    timeout=10,
                )
                sent += 1
            except WebPushException as error:
                status = getattr(error.response, "status_code", None)
                if status in GONE:
                    browser.delete()
                    gone += 1
                else:
                    logger.warning(
                        "push to %s failed: %s", urlsplit(browser.endpoint).hostname, status or error
                    )
        # How far it got: a sender stopped mid-way starts again after the last batch it finished.
        alert.sent_up_to, alert.sent, alert.gone = last, alert.sent + sent, alert.gone + gone
        alert.save(update_fields=["sent_up_to", "sent", "gone"])
    PushAlert.objects.filter(pk=alert.pk).update(finished_at=timezone.now())
