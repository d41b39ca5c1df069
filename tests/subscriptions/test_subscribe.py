"""Following an edition by e-mail: double opt-in, preferences, one-click unsubscribe, bad input."""

from __future__ import annotations

import re
import time
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from dateline.subscriptions import actions
from dateline.subscriptions.models import Newsletter, Subscriber, Subscription
from tests.discussion.factories import reader
from tests.factories import locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(editions) -> dict[str, Newsletter]:
    return {n.key: n for n in actions.newsletters_of(locale("en"))}


@pytest.fixture(autouse=True)
def mail_goes_out_on_commit(monkeypatch):
    """The confirmation is enqueued on commit; a test's transaction never commits, so run it now."""
    monkeypatch.setattr(actions.transaction, "on_commit", lambda callback, using=None: callback())


def subscribe(client: Client, email: str, *newsletters: Newsletter, language: str = "en"):
    return client.post(f"/{language}/subscribe/", {"email": email, "newsletter": [n.pk for n in newsletters]})


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def test_the_subscribe_page_offers_the_editions_lists_and_the_masthead_links_to_it(client, lists):
    page = client.get("/en/subscribe/").content.decode()
    assert "The day’s top stories" in page
    assert "Breaking news" in page
    assert "World: the day’s stories" in page
    assert 'href="/en/subscribe/"' in client.get("/en/").content.decode()
    russian = client.get("/ru/subscribe/").content.decode()
    assert "Подписаться" in russian


def test_a_new_address_gets_a_confirmation_and_nothing_else_until_it_follows_it(client, lists):
    response = subscribe(client, "Mina@Example.org", lists["daily"], lists["breaking"])
    assert response.status_code == HTTPStatus.OK
    assert "Please confirm your address" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.confirmed_at) == ("mina@example.org", None)
    assert not Subscription.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mina@example.org"]
    link = link_in(mail.outbox[0])
    assert "Yes, subscribe me" in client.get(link).content.decode()  # opening the link changes nothing
    assert not Subscription.objects.exists()
    confirmed = client.post(link)
    assert confirmed.status_code == HTTPStatus.OK
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert set(subscriber.newsletters.values_list("key", flat=True)) == {"daily", "breaking"}


def test_a_reader_subscribing_their_confirmed_address_needs_no_confirmation(client, lists):
    mina = reader("Mina")
    client.force_login(mina)
    response = subscribe(client, mina.email, lists["daily"])
    assert "You are subscribed" in response.content.decode()
    assert not mail.outbox
    subscriber = Subscriber.objects.get()
    assert subscriber.user == mina and subscriber.is_confirmed
    assert list(subscriber.newsletters.values_list("key", flat=True)) == ["daily"]


def test_another_address_of_a_signed_in_reader_is_confirmed_first(client, lists):
    client.force_login(reader("Mina"))
    subscribe(client, "someone-else@example.org", lists["daily"])
    assert len(mail.outbox) == 1
    assert not Subscription.objects.exists()


def test_a_known_address_gets_the_same_answer_and_no_list_without_confirmation(client, lists):
    subscribe(client, "mina@example.org", lists["daily"])
    client.post(link_in(mail.outbox[0]))
    other = Client()
    response = subscribe(other, "mina@example.org", lists["breaking"])
    assert "Please confirm your address" in response.content.decode()
    assert list(Subscriber.objects.get().newsletters.values_list("key", flat=True)) == ["daily"]


def test_an_expired_or_tampered_link_says_so_and_changes_nothing(client, lists, settings):
    subscribe(client, "mina@example.org", lists["daily"])
    link = link_in(mail.outbox[0])
    tampered = client.post(link[:-3] + "abc/")
    assert tampered.status_code == HTTPStatus.BAD_REQUEST
    assert "This link is not valid" in tampered.content.decode()
    settings.DATELINE_SUBSCRIPTION_CONFIRM_DAYS = 0
    time.sleep(1.1)
    expired = client.post(link)
    assert expired.status_code == HTTPStatus.BAD_REQUEST
    assert "expired" in expired.content.decode()
    assert Subscriber.objects.get().confirmed_at is None
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "",
        "not an address",
        "mina@example.org\r\nBcc: everyone@example.org",
        "mina@example.org\nSubject: hi",
        "mina@exam\x00ple.org",
        "a" * 250 + "@example.org",
        "<script>alert(1)</script>@example.org",
    ],
)
def test_a_bad_address_is_refused_with_a_message_and_nothing_is_stored_or_sent(client, lists, address):
    response = subscribe(client, address, lists["daily"])
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'class="form-error"' in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_choosing_no_list_or_another_editions_list_is_refused(client, lists):
    russian_daily = next(n for n in actions.newsletters_of(locale("ru")) if n.key == "daily")
    assert subscribe(client, "mina@example.org").status_code == HTTPStatus.BAD_REQUEST
    assert subscribe(client, "mina@example.org", russian_daily).status_code == HTTPStatus.BAD_REQUEST
    assert not Subscriber.objects.exists()


def test_subscribing_is_rate_limited(client, lists, settings):
    settings.DATELINE_SUBSCRIBE_RATE = "2/h"
    assert subscribe(client, "one@example.org", lists["daily"]).status_code == HTTPStatus.OK
    assert subscribe(client, "two@example.org", lists["daily"]).status_code == HTTPStatus.OK
    refused = subscribe(client, "three@example.org", lists["daily"])
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert Subscriber.objects.count() == 2


def confirmed_subscriber(lists, *keys: str) -> Subscriber:
    subscriber = Subscriber.objects.create(email="mina@example.org", locale=locale("en"))
    subscriber.confirmed_at = subscriber.created_at
    subscriber.save()
    for key in keys:
        Subscription.objects.create(subscriber=subscriber, newsletter=lists[key])
    return subscriber


def test_one_click_unsubscribe_works_as_a_post_without_cookies_and_a_get_only_asks(lists):
    subscriber = confirmed_subscriber(lists, "daily", "breaking")
    url = f"/en/subscribe/unsubscribe/{actions.unsubscribe_token(subscriber, lists['daily'])}/"
    mail_program = Client(enforce_csrf_checks=True)
    asked = mail_program.get(url)
    assert asked.status_code == HTTPStatus.OK
    assert subscriber.subscriptions.count() == 2
    response = mail_program.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == HTTPStatus.OK
    assert list(subscriber.newsletters.values_list("key", flat=True)) == ["breaking"]
    assert not mail_program.cookies


def test_the_preference_page_changes_lists_pauses_and_leaves_everything(client, lists):
    subscriber = confirmed_subscriber(lists, "daily")
    url = f"/en/subscribe/preferences/{actions.manage_token(subscriber)}/"
    page = client.get(url).content.decode()
    assert "mina@example.org" in page
    client.post(
        url, {"newsletter": [lists["breaking"].pk, lists["section:" + section_id(lists)].pk], "paused": "1"}
    )
    subscriber.refresh_from_db()
    assert subscriber.paused
    assert set(subscriber.newsletters.values_list("key", flat=True)) == {
        "breaking",
        f"section:{section_id(lists)}",
    }
    client.post(url, {"newsletter": [lists["breaking"].pk], "leave": "1"})
    assert not subscriber.subscriptions.exists()


def section_id(lists) -> str:
    return next(key for key in lists if key.startswith("section:")).split(":")[1]


def test_a_link_for_an_address_that_is_gone_or_tampered_is_refused(client, lists):
    subscriber = confirmed_subscriber(lists, "daily")
    token = actions.manage_token(subscriber)
    assert client.get(f"/en/subscribe/preferences/{token[:-2]}xx/").status_code == HTTPStatus.BAD_REQUEST
    unsubscribe = actions.unsubscribe_token(subscriber, None)
    subscriber.delete()
    assert client.get(f"/en/subscribe/preferences/{token}/").status_code == HTTPStatus.NOT_FOUND
    assert client.post(f"/en/subscribe/unsubscribe/{unsubscribe}/").status_code == HTTPStatus.NOT_FOUND


def test_a_confirmation_link_is_used_once_and_leaving_is_not_undone_by_following_it_again(client, lists):
    subscribe(client, "mina@example.org", lists["daily"])
    link = link_in(mail.outbox[0])
    assert client.post(link).status_code == HTTPStatus.OK
    subscriber = Subscriber.objects.get()
    preferences = f"/en/subscribe/preferences/{actions.manage_token(subscriber)}/"
    client.post(preferences, {"leave": "1"})
    assert not subscriber.subscriptions.exists()
    again = client.post(link)
    assert again.status_code == HTTPStatus.GONE
    assert "has been used already" in again.content.decode()
    assert not subscriber.subscriptions.exists()
    # A new subscription needs a new confirmation, and its link works (once).
    subscribe(client, "mina@example.org", lists["breaking"])
    assert not subscriber.subscriptions.exists()
    new_link = link_in(mail.outbox[1])
    assert client.post(new_link).status_code == HTTPStatus.OK
    assert list(subscriber.newsletters.values_list("key", flat=True)) == ["breaking"]
    assert client.post(new_link).status_code == HTTPStatus.GONE


def test_following_a_newer_confirmation_link_spends_the_older_ones(client, lists):
    subscribe(client, "mina@example.org", lists["daily"])
    subscribe(client, "mina@example.org", lists["breaking"])
    older, newer = (link_in(message) for message in mail.outbox)
    assert client.post(newer).status_code == HTTPStatus.OK
    assert client.post(older).status_code == HTTPStatus.GONE
    assert list(Subscriber.objects.get().newsletters.values_list("key", flat=True)) == ["breaking"]
