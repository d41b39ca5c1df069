"""A sender process killed with SIGKILL in the middle of a mailing, and run again: every subscriber
gets the mailing, and the only possible repeat is the one message in flight at the kill, sent again
with the same Message-ID (by which mail systems recognise it). A real SMTP server, real processes."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from dateline.subscriptions import actions, sending
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription
from tests.browser.server import database_url
from tests.factories import locale

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
SUBSCRIBERS = 150


class SlowMailServer:
    """Takes a few milliseconds a message, so that the kill lands mid-mailing."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.01)
        found = MESSAGE_ID.search(envelope.content)
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient, found.group(1) if found else b""))
        return "250 OK"


def sender(mailing_id: int, port: int, **environment: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
        **environment,
    }
    command = [sys.executable, "-m", "dateline.cli", "newsletter", "send", str(mailing_id)]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def test_a_sender_killed_with_sigkill_and_run_again_reaches_everyone_once(committed_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    daily = next(n for n in actions.newsletters_of(locale("en")) if n.key == "daily")
    for number in range(SUBSCRIBERS):
        subscriber = Subscriber.objects.create(
            email=f"reader{number}@example.org", locale=daily.locale, confirmed_at=timezone.now()
        )
        Subscription.objects.create(subscriber=subscriber, newsletter=daily)
    mailing = Mailing.objects.create(newsletter=daily, subject="Today", stories=[])
    sending.do_start(mailing)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mail_server = SlowMailServer()
    controller = Controller(mail_server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        first = sender(mailing.pk, port)
        deadline = time.monotonic() + 120
        while len(mail_server.received) < SUBSCRIBERS // 3 and time.monotonic() < deadline:
            assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert 0 < len(mail_server.received) < SUBSCRIBERS
        # Its claim has not lapsed: a second sender leaves the dead one's batch alone, then takes
        # it over once the lease is up.
        second = sender(mailing.pk, port, DATELINE_SEND_LEASE_SECONDS="0")
        assert second.wait(timeout=120) == 0, second.stderr.read().decode() if second.stderr else ""
    finally:
        controller.stop()
    copies = Counter(recipient for recipient, _id in mail_server.received)
    assert set(copies) == {f"reader{number}@example.org" for number in range(SUBSCRIBERS)}
    repeated = [recipient for recipient, count in copies.items() if count > 1]
    assert len(repeated) <= 1 and all(copies[r] == 2 for r in repeated)
    for recipient in repeated:
        assert len({message_id for r, message_id in mail_server.received if r == recipient}) == 1
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).count() == SUBSCRIBERS
