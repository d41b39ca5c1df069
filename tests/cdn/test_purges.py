"""Publishing and withdrawing a story purges, at the CDN in front, every page that shows it; a CDN
that fails is retried without losing or doubling a purge, and one that is down never stops the site."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.core.exceptions import ImproperlyConfigured

from dateline.articles.models import ArticlePage, Author
from dateline.background import Background
from dateline.cdn import sender
from dateline.cdn.models import PurgeCursor
from dateline.cdn.purgers import PurgeFailed, configured
from dateline.cdn.sender import PurgeSender, follow_outbox
from dateline.core import surrogate_keys
from dateline.live.models import Event
from dateline.newsroom.roles import EDITORS
from dateline.subscriptions.feeds import feed_path
from tests.cdn.fake_cdn import fake_cdn, unused_port
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.usefixtures("editions")


@pytest.fixture
def cdn(settings):
    with fake_cdn() as server:
        settings.DATELINE_CDN_PURGE = server.url
        yield server


@pytest.fixture
def author(db) -> Author:
    return AuthorFactory(name="Mariko Tanabe")


@pytest.fixture
def story(author) -> ArticlePage:
    # An earlier story with the same section, tags and author: their pages exist before this one.
    ArticleFactory(section="business", tags=["Ports", "Trade"], authors=[author])
    return ArticleFactory(live=False, section="business", tags=["Ports", "Trade"], authors=[author])


def pages_showing(story: ArticlePage, author: Author) -> list[str]:
    """The addresses of every page that lists `story` (its own comes on top once it is published)."""
    business = story.get_parent()
    return [
        "/en/",
        "/en/business/",
        "/en/tags/ports/",
        "/en/tags/trade/",
        author.get_url(),
        feed_path("edition", "rss"),
        feed_path("edition", "json"),
        feed_path("section", "atom", "business"),
        feed_path("tag", "rss", "ports"),
        feed_path("author", "json", author.slug),
        "/sitemap.xml",
        "/en/sitemap-pages.xml",
        "/en/sitemap-stories-1.xml",
        "/en/sitemap-news.xml",
        "/api/v1/stories",
        "/api/v1/stories?edition=en",
        f"/api/v1/stories?section={business.pk}",
        "/api/v1/stories?tag=ports",
        f"/api/v1/stories?author={author.pk}",
        "/api/v1/changes?since=0",
    ]


def served_keys(client, paths: list[str]) -> dict[str, set[str]]:
    """The `Surrogate-Key` each page is served with, by address."""
    keys = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        keys[path] = set(response[surrogate_keys.SURROGATE_KEY].split())
    return keys


def missed(keys: dict[str, set[str]], purged: set[str]) -> list[str]:
    """The pages none of whose keys was purged: a CDN would go on serving them as they were."""
    return [path for path, page_keys in keys.items() if not page_keys & purged]


def test_public_pages_carry_their_cache_tags_for_the_cdn(cdn, client, story):
    response = client.get("/en/business/")

    tags = response[surrogate_keys.SURROGATE_KEY].split()
    assert f"section:{story.get_parent().pk}" in tags
    assert "all" in tags
    assert response[surrogate_keys.CACHE_TAG].split(",") == tags


def test_without_a_cdn_pages_carry_no_cdn_headers(client, story):
    response = client.get("/en/business/")

    assert response.status_code == HTTPStatus.OK
    assert not response.has_header(surrogate_keys.SURROGATE_KEY)
    assert not response.has_header(surrogate_keys.CACHE_TAG)


def test_publishing_a_story_purges_every_page_that_will_show_it_at_the_cdn(cdn, client, story, author):
    purges = PurgeSender(configured())
    purges.send_pending()
    before = served_keys(client, pages_showing(story, author))

    story.save_revision().publish()
    purges.send_pending()

    assert missed(before, cdn.purged_keys()) == []


def test_withdrawing_a_story_purges_every_page_that_showed_it_at_the_cdn(cdn, client, story, author):
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)
    purges = PurgeSender(configured())
    purges.send_pending()
    shown = served_keys(client, [story.url, f"/api/v1/stories/{story.pk}", *pages_showing(story, author)])

    story.unpublish()
    purges.send_pending()

    assert missed(shown, cdn.purged_keys()) == []


def test_a_cdn_that_fails_twice_then_answers_gets_every_purge_once(cdn, story):
    purges = PurgeSender(configured())
    purges.send_pending()
    story.save_revision().publish()
    cdn.failing = 2

    for _attempt in range(2):
        with pytest.raises(PurgeFailed):
            purges.send_pending()
    assert PurgeCursor.objects.get().failures == 2
    purges.send_pending()

    assert len(cdn.requests) == 3
    (keys,) = cdn.purged
    assert f"page:{story.pk}" in keys
    assert len(keys) == len(set(keys))
    assert PurgeCursor.objects.get().failures == 0
    assert purges.send_pending() == 0  # nothing left to send


def test_batches_that_went_through_are_not_sent_again_when_a_later_one_fails(cdn, story):
    purger = configured()
    purger.batch_size = 2
    purges = PurgeSender(purger)
    purges.send_pending()
    story.save_revision().publish()
    answer = purger.purge

    def second_request_fails(keys):
        cdn.failing = 1 if len(cdn.requests) == 1 else 0
        answer(keys)

    purger.purge = second_request_fails
    with pytest.raises(PurgeFailed):
        purges.send_pending()
    purger.purge = answer
    purges.send_pending()

    answered = [key for batch in cdn.purged for key in batch]
    assert len(cdn.purged) >= 3  # the publication's keys took several batches
    assert len(answered) == len(set(answered))  # no key purged twice
    assert len(cdn.requests) == len(cdn.purged) + 1  # only the failed batch was sent again


def test_a_cdn_that_is_down_leaves_the_site_serving_and_gets_its_purges_later(settings, client, story):
    settings.DATELINE_CDN_PURGE = f"http://127.0.0.1:{unused_port()}/purge"
    settings.DATELINE_CDN_TIMEOUT_SECONDS = 1.0
    purges = PurgeSender(configured())
    purges.send_pending()

    story.save_revision().publish()
    with pytest.raises(PurgeFailed):
        purges.send_pending()

    assert client.get("/en/business/").status_code == HTTPStatus.OK
    assert client.get(ArticlePage.objects.get(pk=story.pk).url).status_code == HTTPStatus.OK
    cursor = PurgeCursor.objects.get()
    assert cursor.failures == 1
    assert "127.0.0.1" in cursor.last_error
    with fake_cdn() as cdn:
        settings.DATELINE_CDN_PURGE = cdn.url
        PurgeSender(configured()).send_pending()
    assert f"page:{story.pk}" in cdn.purged_keys()


def test_a_redirect_from_the_cdn_is_a_failure_not_followed(cdn, story):
    purges = PurgeSender(configured())
    purges.send_pending()
    story.save_revision().publish()
    cdn.answer_with = HTTPStatus.MOVED_PERMANENTLY

    with pytest.raises(PurgeFailed, match="301"):
        purges.send_pending()

    assert len(cdn.requests) == 1


def test_purges_pruned_before_they_were_sent_purge_everything(cdn, story):
    purges = PurgeSender(configured())
    purges.send_pending()
    PurgeCursor.objects.update(last_event_id=0)
    story.save_revision().publish()
    Event.objects.filter(id__lt=Event.objects.order_by("-id").values_list("id", flat=True)[0]).delete()

    purges.send_pending()

    assert cdn.purged == [["all", surrogate_keys.OVERFLOW]]


def test_a_database_restored_from_before_the_cursor_purges_everything_then_follows_it(cdn, story):
    purges = PurgeSender(configured())
    purges.send_pending()
    PurgeCursor.objects.update(last_event_id=10**9)

    purges.send_pending()
    story.save_revision().publish()
    purges.send_pending()

    assert cdn.purged[0] == ["all", surrogate_keys.OVERFLOW]
    assert f"page:{story.pk}" in cdn.purged[1]


def test_the_worker_purges_the_cdn_within_five_seconds_of_the_commit(cdn, committed_db, story):
    stopping = threading.Event()
    worker = threading.Thread(target=follow_outbox, args=(configured(), stopping, 0.05), daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 5
        while not PurgeCursor.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        committed = time.monotonic()
        story.save_revision().publish()

        assert cdn.wait_for_purges(1, timeout=5), "no purge reached the CDN"
        assert time.monotonic() - committed < 5
        assert f"page:{story.pk}" in cdn.purged_keys()
    finally:
        stopping.set()
        worker.join(5)


def test_only_the_process_that_leads_sends_purges(cdn, committed_db, story, monkeypatch):
    @contextmanager
    def another_process_leads(work):
        yield False

    monkeypatch.setattr(sender, "round_of", another_process_leads)
    stopping = threading.Event()
    worker = threading.Thread(target=follow_outbox, args=(configured(), stopping, 0.05), daemon=True)
    worker.start()
    story.save_revision().publish()
    time.sleep(0.5)
    stopping.set()
    worker.join(5)

    assert cdn.requests == []


def test_the_worker_sends_purges_only_when_a_cdn_is_configured(settings):
    settings.DATELINE_CDN_PURGE = ""
    assert "background-cdn" not in [thread.name for thread in Background().threads]

    settings.DATELINE_CDN_PURGE = "https://purger.example.org/purge"
    assert "background-cdn" in [thread.name for thread in Background().threads]


def test_a_cdn_named_without_its_token_stops_the_worker_as_it_starts(settings):
    settings.DATELINE_CDN_PURGE = "cloudflare://023e105f4ecef8ad9ca31a8372d0c353"
    settings.DATELINE_CDN_TOKEN = ""

    with pytest.raises(ImproperlyConfigured, match="DATELINE_CDN_TOKEN"):
        Background()


def test_the_newsroom_dashboard_counts_the_purges_the_cdn_failed(settings, client, roles, story):
    settings.DATELINE_CDN_PURGE = f"http://127.0.0.1:{unused_port()}/purge"
    purges = PurgeSender(configured())
    purges.send_pending()
    client.force_login(UserFactory(username="chief", groups=[EDITORS]))
    assert "The CDN is refusing purges" not in client.get("/newsroom/").content.decode()

    story.save_revision().publish()
    for _attempt in range(3):
        with pytest.raises(PurgeFailed):
            purges.send_pending()
    html = client.get("/newsroom/").content.decode()

    assert "The CDN is refusing purges" in html
    assert "failed 3 purges in a row" in html
