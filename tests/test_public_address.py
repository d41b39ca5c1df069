"""One setting names the public address (DATELINE_BASE_URL, read as each process starts): every
link the site writes follows it, whatever address `setup` recorded and whatever host a request
named. Each test moves the address and reads a kind of link."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from dateline.breaking.actions import do_mark_breaking
from dateline.editions.setup import follow_base_url
from dateline.subscriptions import actions
from dateline.subscriptions.models import PushAlert, Subscriber, Subscription
from tests.factories import ArticleFactory, locale, publish_translation

pytestmark = pytest.mark.django_db

MOVED = "https://news.example.org"


@pytest.fixture
def moved(editions, settings) -> str:
    """The site set up on the default address, then started on another one."""
    settings.BASE_URL = MOVED
    return MOVED


def test_canonical_and_hreflang_links_name_the_public_address(client: Client, moved):
    story = ArticleFactory()
    russian = publish_translation(story, "ru", title="Портовые краны снова работают", slug="krany")

    page = BeautifulSoup(client.get(story.url).content, "html.parser")

    assert page.select_one('link[rel="canonical"]')["href"] == MOVED + story.url
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en": MOVED + story.url, "ru": MOVED + russian.url}


def test_feeds_name_the_public_address(client: Client, moved):
    story = ArticleFactory()

    feed = json.loads(client.get("/en/feeds/feed.json").content)

    assert feed["home_page_url"] == MOVED + "/en/"
    assert feed["feed_url"] == MOVED + "/en/feeds/feed.json"
    assert feed["items"][0]["url"] == MOVED + story.url


def test_a_confirmation_mail_links_to_the_public_address(client: Client, moved, monkeypatch):
    monkeypatch.setattr(actions.transaction, "on_commit", lambda callback, using=None: callback())
    daily = next(n for n in actions.newsletters_of(locale("en")) if n.key == "daily")

    client.post("/en/subscribe/", {"email": "mina@example.org", "newsletter": [daily.pk]})

    (message,) = mail.outbox
    assert re.search(r"https?://\S+", message.body).group(0).startswith(MOVED + "/en/subscribe/")


def test_a_breaking_news_mail_and_browser_alert_link_to_the_story_at_the_public_address(moved, editor):
    breaking = next(n for n in actions.newsletters_of(locale("en")) if n.key == "breaking")
    subscriber = Subscriber.objects.create(
        email="mina@example.org", locale=locale("en"), confirmed_at=timezone.now()
    )
    Subscription.objects.create(subscriber=subscriber, newsletter=breaking)
    story = ArticleFactory(title="Storm makes landfall")

    do_mark_breaking(story, user=editor, headline="Storm Amaru makes landfall")

    (message,) = mail.outbox
    assert MOVED + story.url in message.body
    assert PushAlert.objects.get(story=story).payload["url"] == MOVED + story.url


def test_the_site_record_follows_the_public_address_as_a_server_starts(moved):
    story = ArticleFactory()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"

    assert follow_base_url() is True

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example.org", 443)
    assert story.full_url == MOVED + story.url  # Wagtail's own links: its newsroom mails, "view live"
    assert follow_base_url() is False
