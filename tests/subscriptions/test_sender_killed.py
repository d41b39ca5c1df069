"""A sender process killed with SIGKILL in the middle of a mailing, and run again: every subscriber
gets the mailing, and the only possible repeat is the one message in flight at the kill, sent again
with the same Message-ID (by which mail systems recognise it). A real SMTP server, real processes."""

from __future__ import annotations

import signal
import time

import pytest
from django.utils import timezone

from dateline.subscriptions import actions, sending
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription
from tests.factories import locale
from tests.subscriptions.mail_servers import MailServer, sender, serving

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBSCRIBERS = 150


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
    # A few milliseconds a message, so that the kill lands mid-mailing.
    mail_server = MailServer(delay=0.01)
    with serving(mail_server) as port:
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
    copies = mail_server.copies()
    assert set(copies) == {f"reader{number}@example.org" for number in range(SUBSCRIBERS)}
    repeated = [recipient for recipient, count in copies.items() if count > 1]
    assert len(repeated) <= 1 and all(copies[r] == 2 for r in repeated)
    for recipient in repeated:
        assert len({message_id for r, message_id in mail_server.received if r == recipient}) == 1
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).count() == SUBSCRIBERS
