"""A mailing on a bad day, against a real SMTP server: senders whose claims run out mid-batch, a
server that drops the connection, one that is down, one that says "later" for an address. Every
subscriber gets the mailing once, or the newsroom is told who did not and why."""

from __future__ import annotations

import threading
import time
from http import HTTPStatus

import pytest
from django.db import connection
from django.utils import timezone

from dateline.subscriptions import actions, digests, sending
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription
from tests.factories import locale
from tests.subscriptions.mail_backends import SenderKilled
from tests.subscriptions.mail_servers import MailServer, free_port, sender, serving, use_mail_server


def daily_with(count: int) -> tuple[Mailing, set[str]]:
    """A started mailing of the English daily digest to `count` confirmed subscribers."""
    daily = next(n for n in actions.newsletters_of(locale("en")) if n.key == "daily")
    addresses = {f"reader{number}@example.org" for number in range(count)}
    for address in sorted(addresses):
        subscriber = Subscriber.objects.create(
            email=address, locale=daily.locale, confirmed_at=timezone.now()
        )
        Subscription.objects.create(subscriber=subscriber, newsletter=daily)
    mailing = Mailing.objects.create(newsletter=daily, subject="Today", stories=[])
    return mailing, addresses


def counts(mailing: Mailing) -> dict[str, int]:
    return {
        status: Delivery.objects.filter(mailing=mailing, status=status).count() for status in Delivery.Status
    }


@pytest.fixture
def queued(settings):
    """Tasks wait in a queue instead of running at once: the test runs the senders itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_senders_whose_lease_is_shorter_than_a_batch_send_each_message_once(committed_db, queued):
    mailing, addresses = daily_with(400)
    sending.do_start(mailing)
    # 25 messages a second: a batch of 200 takes 8 s, four times the 2 s lease.
    slow = {"DATELINE_SEND_LEASE_SECONDS": "2", "DATELINE_SEND_RATE": "25"}
    mail_server = MailServer()
    with serving(mail_server) as port:
        first = sender(mailing.pk, port, **slow)
        deadline = time.monotonic() + 60
        while not mail_server.received and time.monotonic() < deadline:
            assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
            time.sleep(0.01)
        second = sender(mailing.pk, port, **slow)
        for process in (first, second):
            assert process.wait(timeout=120) == 0, process.stderr.read().decode() if process.stderr else ""
    copies = mail_server.copies()
    assert set(copies) == addresses
    assert [address for address, count in copies.items() if count > 1] == []
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert counts(mailing)[Delivery.Status.SENT] == 400


@pytest.mark.django_db
def test_a_connection_dropped_after_the_fifth_message_is_opened_again_and_nobody_is_left_out(
    editions, settings, queued
):
    mailing, addresses = daily_with(40)
    sending.do_start(mailing)
    mail_server = MailServer(drop_at=6)
    with serving(mail_server) as port:
        use_mail_server(settings, port)
        finished = sending.run(mailing.pk)
    copies = mail_server.copies()
    assert set(copies) == addresses
    assert [address for address, count in copies.items() if count > 1] == []
    assert finished.status == Mailing.Status.SENT
    assert counts(finished)[Delivery.Status.SENT] == 40


@pytest.mark.django_db
def test_a_mail_server_that_is_down_gets_the_mailing_once_it_is_back_and_the_newsroom_sees_it_wait(
    client, editor, settings, queued
):
    settings.DATELINE_SEND_RETRY_SECONDS = 1
    settings.DATELINE_SEND_LEASE_SECONDS = 1
    mailing, addresses = daily_with(12)
    sending.do_start(mailing)
    port = free_port()
    use_mail_server(settings, port)
    waiting = sending.run(mailing.pk)  # nothing listens on the port
    assert waiting.status == Mailing.Status.SENDING
    assert counts(waiting)[Delivery.Status.RETRYING] == 12
    client.force_login(editor)
    page = client.get(f"/newsroom/newsletters/{mailing.pk}/")
    assert page.status_code == HTTPStatus.OK
    assert "0 of 12 sent · 12 to be tried again" in page.content.decode()
    assert sending.resume_stalled() == 0  # their retry is not due yet
    mail_server = MailServer()
    with serving(mail_server, port):
        time.sleep(1.1)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        assert sending.resume_stalled() == 1
    assert mail_server.copies() == dict.fromkeys(addresses, 1)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT


@pytest.mark.django_db
def test_an_address_the_server_keeps_deferring_is_tried_up_to_the_limit_then_failed_with_the_reason(
    client, editor, settings, queued
):
    settings.DATELINE_SEND_RETRY_SECONDS = 0
    settings.DATELINE_SEND_ATTEMPTS = 3
    mailing, addresses = daily_with(5)
    sending.do_start(mailing)
    mail_server = MailServer(deferred=frozenset({"reader3@example.org"}))
    with serving(mail_server) as port:
        use_mail_server(settings, port)
        finished = sending.run(mailing.pk)
    assert mail_server.copies() == dict.fromkeys(addresses - {"reader3@example.org"}, 1)
    assert finished.status == Mailing.Status.SENT
    deferred = Delivery.objects.get(mailing=mailing, subscriber__email="reader3@example.org")
    assert (deferred.status, deferred.attempts) == (Delivery.Status.FAILED, 3)
    assert "451" in deferred.error and "try again later" in deferred.error
    client.force_login(editor)
    page = client.get(f"/newsroom/newsletters/{mailing.pk}/").content.decode()
    assert "4 of 5 sent · 1 failed" in page
    assert "reader3@example.org" in page and "try again later" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_starting_a_mailing_commits_a_slice_at_a_time_and_a_start_cut_short_is_finished_by_the_worker(
    committed_db, queued, monkeypatch
):
    monkeypatch.setattr(sending, "START_BATCH", 2)
    mailing, _addresses = daily_with(5)
    seen_by_others: list[int] = []
    write = Delivery.objects.bulk_create

    def killed_at_the_second_slice(rows, **options):
        if Delivery.objects.filter(mailing=mailing).exists():

            def count() -> None:
                seen_by_others.append(Delivery.objects.filter(mailing=mailing).count())
                connection.close()

            reader = threading.Thread(target=count)
            reader.start()
            reader.join()
            raise SenderKilled
        return write(rows, **options)

    monkeypatch.setattr(Delivery.objects, "bulk_create", killed_at_the_second_slice)
    with pytest.raises(SenderKilled):
        sending.do_start(mailing)
    # Another connection saw the first slice committed while the start went on: the write lock
    # was not held for the whole list.
    assert seen_by_others == [2]
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT and mailing.scheduled_for <= timezone.now()
    monkeypatch.setattr(Delivery.objects, "bulk_create", write)
    assert digests.run_digests(timezone.now()) == (0, 1)  # the worker's next round
    mailing.refresh_from_db()
    assert (mailing.status, mailing.total) == (Mailing.Status.SENDING, 5)
    recipients = list(Delivery.objects.filter(mailing=mailing).values_list("subscriber_id", flat=True))
    assert sorted(recipients) == sorted(set(recipients)) and len(recipients) == 5
