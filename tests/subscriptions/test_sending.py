"""Sending a mailing: everyone once, with one-click unsubscribe, even when a sender dies."""

from __future__ import annotations

import re
import socket
from collections import Counter
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dateline.subscriptions import actions, sending
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription
from tests.factories import ArticleFactory, locale
from tests.subscriptions.mail_backends import DyingBackend, SenderKilled

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    """Tasks wait in a queue instead of running at once: the test runs the sender itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def daily(editions):
    return next(n for n in actions.newsletters_of(locale("en")) if n.key == "daily")


def subscribers(newsletter, count: int, confirmed: bool = True, paused: bool = False) -> list[Subscriber]:
    made = []
    for number in range(count):
        subscriber = Subscriber.objects.create(
            email=f"reader{number}-{'confirmed' if confirmed else 'new'}-{'paused' if paused else 'on'}@example.org",
            locale=newsletter.locale,
            confirmed_at=timezone.now() if confirmed else None,
            paused=paused,
        )
        Subscription.objects.create(subscriber=subscriber, newsletter=newsletter)
        made.append(subscriber)
    return made


def mailing_of(newsletter, *stories) -> Mailing:
    return Mailing.objects.create(
        newsletter=newsletter,
        subject="The day’s top stories",
        intro="Good morning.",
        stories=[s.pk for s in stories],
    )


def recipients_of(outbox) -> Counter[str]:
    return Counter(address for message in outbox for address in message.to)


def test_a_mailing_goes_once_to_each_confirmed_subscriber_who_has_not_paused(daily):
    story = ArticleFactory(title="Sea wall holds", lede="The new wall held back the storm surge.")
    readers = subscribers(daily, 3)
    subscribers(daily, 1, confirmed=False)
    subscribers(daily, 1, paused=True)
    mailing = mailing_of(daily, story)
    assert sending.do_start(mailing) == 3  # the worker sends it (here at once)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert sending.progress(mailing) == (3, 3)
    assert recipients_of(mail.outbox) == Counter({r.email: 1 for r in readers})
    message = mail.outbox[0]
    assert "Sea wall holds" in message.body and "Good morning." in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Sea wall holds" in html and "style=" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https?://[^>]+/en/subscribe/unsubscribe/[^>]+/>", message.extra_headers["List-Unsubscribe"]
    )
    # Every placeholder was filled (a signed token may itself contain "__", so look for them by name).
    for placeholder in (sending.MANAGE_PLACEHOLDER, sending.UNSUBSCRIBE_PLACEHOLDER):
        assert placeholder not in message.body and placeholder not in html


def test_the_unsubscribe_link_of_a_mailing_works_with_one_post_and_no_cookies(
    daily, django_capture_on_commit_callbacks
):
    reader = subscribers(daily, 1)[0]
    sending.do_start(mailing_of(daily))
    target = urlsplit(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")).path
    response = Client(enforce_csrf_checks=True).post(
        target, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(subscriber=reader).exists()


def test_a_sender_killed_mid_mailing_and_run_again_reaches_everyone_exactly_once(daily, settings, queued):
    settings.EMAIL_BACKEND = "tests.subscriptions.mail_backends.DyingBackend"
    readers = subscribers(daily, 7)
    mailing = mailing_of(daily)
    sending.do_start(mailing)
    DyingBackend.survive, DyingBackend.accepted = 3, 0
    with pytest.raises(SenderKilled):
        sending.run(mailing.pk)
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3
    DyingBackend.survive = 10**6
    sending.run(mailing.pk)  # the dead sender's claim still holds: nothing it had is sent
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3
    settings.DATELINE_SEND_LEASE_SECONDS = 0
    finished = sending.run(mailing.pk)
    assert finished.status == Mailing.Status.SENT
    assert recipients_of(mail.outbox) == Counter({r.email: 1 for r in readers})
    assert sending.run(mailing.pk).status == Mailing.Status.SENT
    assert len(mail.outbox) == 7


def test_a_refused_address_is_marked_failed_and_the_others_still_get_it(daily, settings, queued):
    settings.EMAIL_BACKEND = "tests.subscriptions.mail_backends.RefusingBackend"
    readers = subscribers(daily, 2)
    gone = Subscriber.objects.create(
        email="gone@example.org", locale=daily.locale, confirmed_at=timezone.now()
    )
    Subscription.objects.create(subscriber=gone, newsletter=daily)
    mailing = mailing_of(daily)
    sending.do_start(mailing)
    assert sending.run(mailing.pk).status == Mailing.Status.SENT
    assert recipients_of(mail.outbox) == Counter({r.email: 1 for r in readers})
    failed = Delivery.objects.get(subscriber=gone)
    assert failed.status == Delivery.Status.FAILED and "no such mailbox" in failed.error


def test_a_mailing_cannot_be_started_twice(daily, queued):
    mailing = mailing_of(daily)
    sending.do_start(mailing)
    with pytest.raises(sending.SendingError):
        sending.do_start(mailing)


def test_the_command_line_sends_with_a_progress_bar(daily, queued):
    subscribers(daily, 4)
    mailing = mailing_of(daily)
    output = StringIO()
    call_command("newsletter", "send", str(mailing.pk), stdout=output)
    assert "100%" in output.getvalue() and "4/4" in output.getvalue()
    assert len(mail.outbox) == 4


def test_a_mailing_whose_sender_stopped_is_handed_to_the_worker_again(daily, settings, queued):
    from django_tasks import default_task_backend

    subscribers(daily, 2)
    mailing = mailing_of(daily)
    sending.do_start(mailing)
    assert sending.resume_stalled() == 0  # just started: its sender has a lease
    settings.DATELINE_SEND_LEASE_SECONDS = 0
    queued_before = len(default_task_backend.results)
    assert sending.resume_stalled() == 1
    assert len(default_task_backend.results) == queued_before + 1
    sending.run(mailing.pk)
    assert sending.resume_stalled() == 0


def test_marking_a_story_breaking_mails_the_alert_list_once_however_often_it_is_marked(editions, editor):
    from dateline.breaking.actions import do_clear_breaking, do_mark_breaking

    breaking = next(n for n in actions.newsletters_of(locale("en")) if n.key == "breaking")
    readers = subscribers(breaking, 2)
    story = ArticleFactory(title="Storm makes landfall")
    alert = do_mark_breaking(story, user=editor, headline="Storm Amaru makes landfall")
    do_mark_breaking(story, user=editor, headline="Storm Amaru: thousands evacuated")
    do_clear_breaking(alert, user=editor)
    do_mark_breaking(story, user=editor)
    assert recipients_of(mail.outbox) == Counter({r.email: 1 for r in readers})
    assert mail.outbox[0].subject == "Breaking: Storm Amaru makes landfall"
    assert Mailing.objects.filter(story=story).count() == 1


def test_through_a_real_mail_server_each_message_carries_its_own_address_and_links(
    editions, settings, queued
):
    """The MIME form is made once per mailing and filled in per subscriber: read it back as a
    mail program would, in an edition whose subject needs encoding."""
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    received: list[tuple[list[str], bytes]] = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Controller(Keep(), hostname="127.0.0.1", port=port)
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        daily = next(n for n in actions.newsletters_of(locale("ru")) if n.key == "daily")
        readers = subscribers(daily, 3)
        story = ArticleFactory(
            title="Дамба выдержала", lede="Новая дамба сдержала штормовой нагон.", edition="ru"
        )
        mailing = Mailing.objects.create(newsletter=daily, subject="Главное за день", stories=[story.pk])
        sending.do_start(mailing)
        sending.run(mailing.pk)
    finally:
        server.stop()
    assert sorted(rcpt for rcpts, _content in received for rcpt in rcpts) == sorted(r.email for r in readers)
    ids = set()
    for (recipient,), content in received:
        message = message_from_bytes(content, policy=policy.default)
        subscriber = Subscriber.objects.get(email=recipient)
        assert message["To"] == recipient
        assert message["Subject"] == "Главное за день"
        ids.add(message["Message-ID"])
        assert message["Message-ID"] == f"<mailing-{mailing.pk}.{subscriber.pk}@127.0.0.1>"
        unsubscribe = message["List-Unsubscribe"].strip("<>")
        assert (
            actions.read_token(
                urlsplit(unsubscribe).path.rstrip("/").rsplit("/", 1)[1], actions.UNSUBSCRIBE_SALT
            )[0]
            == subscriber
        )
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "Дамба выдержала" in text and "Дамба выдержала" in html
        assert unsubscribe in text and unsubscribe in html
    assert len(ids) == 3


def test_starting_a_mailing_writes_its_deliveries_a_slice_of_subscribers_at_a_time(
    daily, queued, monkeypatch
):
    monkeypatch.setattr(sending, "START_BATCH", 2)
    readers = subscribers(daily, 5)
    mailing = mailing_of(daily)
    assert sending.do_start(mailing) == 5
    assert sorted(Delivery.objects.filter(mailing=mailing).values_list("subscriber_id", flat=True)) == sorted(
        r.pk for r in readers
    )


def test_a_breaking_alert_is_started_by_a_task_not_in_the_editors_request_and_never_lost(
    editions, editor, queued
):
    from dateline.breaking.actions import do_mark_breaking
    from dateline.subscriptions import digests

    breaking = next(n for n in actions.newsletters_of(locale("en")) if n.key == "breaking")
    subscribers(breaking, 3)
    do_mark_breaking(ArticleFactory(title="Storm makes landfall"), user=editor)
    alert = Mailing.objects.get(newsletter=breaking)
    assert alert.status == Mailing.Status.DRAFT and not Delivery.objects.exists()
    # Had the task been lost, the worker's next round starts the mailing that is due.
    assert digests.run_digests(timezone.now())[1] == 1
    alert.refresh_from_db()
    assert alert.status == Mailing.Status.SENDING and alert.total == 3
    sending.start_mailing.call(alert.pk)  # the task, arriving late, finds it started: nothing twice
    assert Delivery.objects.filter(mailing=alert).count() == 3
