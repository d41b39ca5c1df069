"""Feeds of the edition, its sections, tags and authors: RSS 2.0, Atom and JSON Feed 1.1.

RSS and Atom are parsed back with feedparser and checked field by field; JSON Feed is checked
against the fields its 1.1 specification requires. Then conditional GET, autodiscovery links,
the page cache (through the ASGI application, purged by a publish), WebSub (a hub started by the
test) and bad input.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.template import Context, Template
from django.utils import timezone
from django.utils.http import http_date

from dateline.articles.models import ArticlePage
from dateline.asgi.application import DatelineApplication, bridge_django
from dateline.asgi.page_cache import PageCache
from dateline.editions import navigation
from dateline.editions.models import SectionPage
from dateline.live.hub import Hub
from tests.asgi.test_application import (  # noqa: F401  (django_threads_close_connections: a fixture)
    CountingDjango,
    django_threads_close_connections,
    kept,
    request,
    run_in_a_thread,
)
from tests.editions.test_bad_input import ODD_SLUGS
from tests.factories import AgencyFactory, ArticleFactory, AuthorFactory, NewsImageFactory, section_page

pytestmark = pytest.mark.usefixtures("editions")

FORMATS = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
PUBLISHED = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)
TITLE = "Ports & harbours: <cranes> return to work"
LEDE = "Dock workers & the port authority agreed <new> shift patterns after a week-long strike."
# Where each kind of feed lives under /en/feeds/, its title and the page it follows.
CHANNELS = {
    "edition": ("", "Dateline", "/en/"),
    "section": ("sections/business/", "Dateline — Business", "/en/business/"),
    "tag": ("tags/ports/", "Dateline — Ports", "/en/tags/ports/"),
    "author": ("authors/mariko-tanabe/", "Dateline — Mariko Tanabe", "/en/authors/mariko-tanabe/"),
}


def feed_path(kind: str, feed_format: str, language: str = "en") -> str:
    return f"/{language}/feeds/{CHANNELS[kind][0]}{FORMATS[feed_format]}"


def absolute(path: str) -> str:
    return settings.BASE_URL + path


@pytest.fixture
def story() -> ArticlePage:
    """A story in Business, tagged, by two authors, with a lead image."""
    return ArticleFactory(
        title=TITLE,
        lede=LEDE,
        section="business",
        tags=["Ports", "Trade"],
        authors=[AuthorFactory(name="Mariko Tanabe"), AuthorFactory(name="Sam Okafor")],
        lead_image=NewsImageFactory(),
        first_published_at=PUBLISHED,
    )


def fetch(client: Any, path: str, feed_format: str) -> Any:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    assert response["Content-Type"] == CONTENT_TYPES[feed_format]
    return response


def parsed(client: Any, path: str, feed_format: str) -> Any:
    """A feed parsed back with feedparser, which must have found it well formed."""
    feed = feedparser.parse(fetch(client, path, feed_format).content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[feed_format]
    return feed


def titles(client: Any, path: str) -> list[str]:
    return [entry.title for entry in parsed(client, path, "rss").entries]


def enclosure_of(story: ArticlePage) -> Any:
    return story.lead_image.get_rendition("fill-1200x630-c60")


# --- what a feed says, format by format ------------------------------------------------------------


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
@pytest.mark.parametrize("kind", CHANNELS)
def test_feed_describes_the_story_field_by_field(client, story, kind, feed_format):
    path = feed_path(kind, feed_format)
    _prefix, title, page = CHANNELS[kind]

    feed = parsed(client, path, feed_format)

    assert feed.feed.title == title
    assert feed.feed.link == absolute(page)
    assert feed.feed.language == "en"
    assert ("self", absolute(path)) in {(link.rel, link.href) for link in feed.feed.links}
    (entry,) = feed.entries
    assert entry.title == TITLE
    assert entry.link == absolute(story.url)
    assert html.unescape(entry.summary) == LEDE, "the lede is escaped once, as HTML text"
    assert [author.name for author in entry.authors] == ["Mariko Tanabe", "Sam Okafor"]
    assert [tag.term for tag in entry.tags] == ["Business", "Ports", "Trade"]
    assert entry.published_parsed[:6] == PUBLISHED.utctimetuple()[:6]
    (enclosure,) = entry.enclosures
    picture = enclosure_of(story)
    assert enclosure.href == absolute(picture.url)
    assert enclosure.type == "image/png"
    assert enclosure.length == str(picture.file.size)


def test_atom_entries_carry_when_they_were_updated_and_their_authors_pages(client, story):
    later = PUBLISHED + timedelta(hours=3)
    ArticlePage.objects.filter(pk=story.pk).update(last_published_at=later)

    (entry,) = parsed(client, feed_path("edition", "atom"), "atom").entries

    assert entry.updated_parsed[:6] == later.utctimetuple()[:6]
    assert entry.published_parsed[:6] == PUBLISHED.utctimetuple()[:6]
    assert [author.href for author in entry.authors] == [
        absolute("/en/authors/mariko-tanabe/"),
        absolute("/en/authors/sam-okafor/"),
    ]


@pytest.mark.parametrize("kind", CHANNELS)
def test_json_feed_has_what_json_feed_1_1_requires_and_the_story(client, story, kind):
    path = feed_path(kind, "json")
    _prefix, title, page = CHANNELS[kind]

    document = json.loads(fetch(client, path, "json").content)

    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == title
    assert document["home_page_url"] == absolute(page)
    assert document["feed_url"] == absolute(path)
    assert document["language"] == "en"
    (item,) = document["items"]
    assert isinstance(item["id"], str) and item["id"]
    assert "content_html" in item or "content_text" in item
    assert item["url"] == absolute(story.url)
    assert item["title"] == TITLE
    assert item["summary"] == LEDE
    assert html.unescape(item["content_html"]) == LEDE
    assert datetime.fromisoformat(item["date_published"]) == PUBLISHED
    assert datetime.fromisoformat(item["date_modified"]) == PUBLISHED
    assert item["authors"] == [
        {"name": "Mariko Tanabe", "url": absolute("/en/authors/mariko-tanabe/")},
        {"name": "Sam Okafor", "url": absolute("/en/authors/sam-okafor/")},
    ]
    assert item["tags"] == ["Business", "Ports", "Trade"]
    picture = enclosure_of(story)
    assert item["image"] == absolute(picture.url)
    assert item["attachments"] == [
        {"url": absolute(picture.url), "mime_type": "image/png", "size_in_bytes": picture.file.size}
    ]


def test_a_story_keeps_its_id_in_every_format_when_its_address_changes(client, story):
    def ids() -> set[str]:
        rss = parsed(client, feed_path("edition", "rss"), "rss").entries[0].id
        atom = parsed(client, feed_path("edition", "atom"), "atom").entries[0].id
        json_feed = json.loads(client.get(feed_path("edition", "json")).content)["items"][0]["id"]
        return {rss, atom, json_feed}

    before = ids()
    story.slug = "cranes-return-to-work"
    story.save_revision().publish()

    assert len(before) == 1
    assert ids() == before
    assert (
        parsed(client, feed_path("edition", "rss"), "rss")
        .entries[0]
        .link.endswith("/en/business/cranes-return-to-work/")
    )


def test_a_story_without_authors_or_picture_is_credited_to_the_site_in_atom(client):
    ArticleFactory(title="Cranes return to work")

    feed = parsed(client, feed_path("edition", "atom"), "atom")
    document = json.loads(client.get(feed_path("edition", "json")).content)

    (entry,) = feed.entries
    assert entry.enclosures == []
    assert [author.name for author in feed.feed.authors] == ["Dateline"]
    assert "image" not in document["items"][0]
    assert document["authors"] == [{"name": "Dateline", "url": absolute("/")}]


def test_agency_copy_without_a_byline_is_credited_to_the_agency_in_every_format(client):
    ArticleFactory(title="Cranes return to work", agency=AgencyFactory(name="RIA Novosti", url=""))

    (rss_item,) = parsed(client, feed_path("edition", "rss"), "rss").entries
    (atom_entry,) = parsed(client, feed_path("edition", "atom"), "atom").entries
    (json_item,) = json.loads(client.get(feed_path("edition", "json")).content)["items"]

    assert rss_item.author == "RIA Novosti"
    assert [author.name for author in atom_entry.authors] == ["RIA Novosti"]
    assert json_item["authors"] == [{"name": "RIA Novosti"}]


def test_a_staff_story_without_a_byline_names_the_site_as_its_entries_author(client):
    ArticleFactory(title="Cranes return to work")

    (rss_item,) = parsed(client, feed_path("edition", "rss"), "rss").entries
    (json_item,) = json.loads(client.get(feed_path("edition", "json")).content)["items"]

    assert rss_item.author == "Dateline"
    assert json_item["authors"] == [{"name": "Dateline", "url": absolute("/")}]


# --- which stories ------------------------------------------------------------------------------


def test_a_feed_lists_the_newest_stories_up_to_the_configured_number(client, settings):
    settings.DATELINE_FEED_ITEMS = 3
    now = timezone.now()
    for hours in (5, 1, 3, 2, 4):
        ArticleFactory(
            title=f"Story filed {hours} hours ago", first_published_at=now - timedelta(hours=hours)
        )

    assert titles(client, feed_path("edition", "rss")) == [
        "Story filed 1 hours ago",
        "Story filed 2 hours ago",
        "Story filed 3 hours ago",
    ]


def test_drafts_and_withdrawn_stories_are_in_no_feed(client):
    author = AuthorFactory(name="Mariko Tanabe")
    common = {"section": "business", "tags": ["Ports"], "authors": [author]}
    ArticleFactory(title="Cranes still a draft", live=False, **common)
    ArticleFactory(title="Cranes withdrawn", **common).unpublish()
    ArticleFactory(title="Cranes return to work", **common)

    for kind in CHANNELS:
        assert titles(client, feed_path(kind, "rss")) == ["Cranes return to work"], kind


@pytest.mark.parametrize("language", ["en", "ru", "ar"])
def test_each_edition_feeds_its_own_stories_in_its_own_language(client, language):
    for code in ("en", "ru", "ar"):
        ArticleFactory(title=f"Story of the {code} edition", edition=code)

    rss = parsed(client, feed_path("edition", "rss", language), "rss")
    atom = parsed(client, feed_path("edition", "atom", language), "atom")
    document = json.loads(client.get(feed_path("edition", "json", language)).content)

    assert [entry.title for entry in rss.entries] == [f"Story of the {language} edition"]
    assert [entry.title for entry in atom.entries] == [f"Story of the {language} edition"]
    assert [item["title"] for item in document["items"]] == [f"Story of the {language} edition"]
    assert rss.feed.language == atom.feed.language == document["language"] == language


def test_a_russian_tag_has_its_feed_at_its_cyrillic_address(client):
    ArticleFactory(title="Краны снова работают", edition="ru", tags=["Порты"])

    feed = parsed(client, "/ru/feeds/tags/" + quote("порты") + "/rss.xml", "rss")

    assert [entry.title for entry in feed.entries] == ["Краны снова работают"]
    assert feed.feed.link == absolute("/ru/tags/" + quote("порты") + "/")


def test_an_author_feed_lists_stories_credited_to_any_version_of_the_author(client):
    english = AuthorFactory(name="Mariko Tanabe")
    russian = english.copy_for_translation(section_page("ru", "world").locale)
    russian.name = "Марико Танабе"
    russian.save()
    ArticleFactory(title="Краны снова работают", edition="ru", authors=[english])

    feed = parsed(client, f"/ru/feeds/authors/{quote(russian.slug)}/rss.xml", "rss")

    assert [entry.title for entry in feed.entries] == ["Краны снова работают"]
    assert [author.name for author in feed.entries[0].authors] == ["Марико Танабе"]


# --- not found and bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/en/feeds/sections/no-such-section/rss.xml",
        "/en/feeds/tags/no-such-tag/atom.xml",
        "/en/feeds/authors/no-such-author/feed.json",
        "/en/feeds/rss.json",
        "/en/feeds/sections/business/index.xml",
        "/en/feeds/sections/rss.xml",
    ],
)
def test_unknown_feed_is_not_found(client, path):
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_what_belongs_to_another_edition_has_no_feed_in_this_one(client, editions):
    editions["ru"].add_child(instance=SectionPage(title="Только здесь", slug="tolko-zdes"))
    ArticleFactory(edition="ru", section="world", tags=["Only-in-Russian"])
    AuthorFactory(name="Ivan Petrov", locale=section_page("ru", "world").locale)

    for kind, slug in (("sections", "tolko-zdes"), ("tags", "only-in-russian"), ("authors", "ivan-petrov")):
        assert client.get(f"/ru/feeds/{kind}/{slug}/rss.xml").status_code == HTTPStatus.OK, kind
        assert client.get(f"/en/feeds/{kind}/{slug}/rss.xml").status_code == HTTPStatus.NOT_FOUND, kind


@pytest.mark.parametrize("kind", ["sections", "tags", "authors"])
@pytest.mark.parametrize("slug", ODD_SLUGS)
def test_odd_slug_is_not_found_never_a_server_error(client, kind, slug):
    assert client.get(f"/en/feeds/{kind}/{slug}/rss.xml").status_code == HTTPStatus.NOT_FOUND


def test_control_characters_an_editor_pasted_do_not_break_the_feeds(client):
    author = AuthorFactory(name="Mariko\x01Tanabe")
    ArticleFactory(
        title="Cranes\x0breturn to work",
        lede="Dock\x0cworkers returned.",
        tags=["Ports\x1f"],
        authors=[author],
    )

    for feed_format in ("rss", "atom"):
        (entry,) = parsed(client, feed_path("edition", feed_format), feed_format).entries
        assert entry.title == "Cranes return to work"
        assert entry.summary == "Dock workers returned."
        assert [author.name for author in entry.authors] == ["Mariko Tanabe"]
    (item,) = json.loads(fetch(client, feed_path("edition", "json"), "json").content)["items"]
    assert item["title"] == "Cranes return to work"


# --- conditional GET ----------------------------------------------------------------------------------


@pytest.mark.parametrize("feed_format", FORMATS)
def test_reader_who_has_the_feed_already_gets_not_modified(client, story, feed_format):
    path = feed_path("section", feed_format)
    first = fetch(client, path, feed_format)

    by_etag = client.get(path, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(path, headers={"If-Modified-Since": first["Last-Modified"]})

    assert first["Last-Modified"] == http_date(PUBLISHED.timestamp())
    assert (by_etag.status_code, by_etag.content) == (HTTPStatus.NOT_MODIFIED, b"")
    assert (by_date.status_code, by_date.content) == (HTTPStatus.NOT_MODIFIED, b"")
    assert by_etag["ETag"] == first["ETag"]


def test_reader_gets_the_new_feed_once_a_story_is_published(client, story):
    path = feed_path("section", "rss")
    first = fetch(client, path, "rss")
    ArticleFactory(title="Harbour reopens", section="business")

    again = client.get(
        path, headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]}
    )

    assert again.status_code == HTTPStatus.OK
    assert again["ETag"] != first["ETag"]
    assert b"Harbour reopens" in again.content


# --- autodiscovery ----------------------------------------------------------------------------------


def feed_links(client: Any, path: str) -> list[tuple[str, str, str]]:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    head = BeautifulSoup(response.content, "html.parser").head
    return [
        (link["type"], link["title"], link["href"])
        for link in head.select('link[rel="alternate"][type]')
        if link["type"] in {content_type.split(";")[0] for content_type in CONTENT_TYPES.values()}
    ]


def expected_links(*kinds: str) -> list[tuple[str, str, str]]:
    names = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
    return [
        (
            CONTENT_TYPES[feed_format].split(";")[0],
            f"{CHANNELS[kind][1]} ({names[feed_format]})",
            absolute(feed_path(kind, feed_format)),
        )
        for kind in kinds
        for feed_format in FORMATS
    ]


@pytest.mark.parametrize(
    "page, kinds",
    [
        ("/en/", ["edition"]),
        ("/en/business/", ["edition", "section"]),
        ("/en/tags/ports/", ["edition", "tag"]),
        ("/en/authors/mariko-tanabe/", ["edition", "author"]),
        ("story", ["edition", "section"]),
    ],
)
def test_every_page_names_its_feeds_in_its_head(client, story, page, kinds):
    links = feed_links(client, story.url if page == "story" else page)

    assert links == expected_links(*kinds)
    for content_type, _title, href in links:
        assert client.get(urlsplit(href).path)["Content-Type"].startswith(content_type), href


def test_each_edition_names_its_own_feeds(client):
    hrefs = [href for _type, _title, href in feed_links(client, "/ru/")]

    assert hrefs == [absolute(f"/ru/feeds/{file_name}") for file_name in FORMATS.values()]


def test_feed_links_cost_no_query(rf, django_assert_num_queries):
    request = rf.get("/en/business/")
    edition = navigation.current_edition(request)
    section = section_page("en", "business")
    template = Template("{% load feed_tags %}{% feed_links %}")

    with django_assert_num_queries(0):
        rendered = template.render(Context({"edition": edition, "current_section": section}))

    assert rendered.count("<link ") == 6
    assert absolute("/en/feeds/sections/business/atom.xml") in rendered


# --- the page cache ---------------------------------------------------------------------------------


@pytest.fixture
def site(committed_db: None, editions: Any, django_threads_close_connections: None) -> DatelineApplication:  # noqa: F811
    """The ASGI application as `config/asgi.py` builds it (see tests/asgi/test_application.py)."""
    return DatelineApplication(
        django=CountingDjango(bridge_django(get_wsgi_application(), threads=1)),
        page_cache=PageCache(),
        hub=Hub(poll_seconds=60),
    )


def test_feeds_are_served_from_the_page_cache(site):
    ArticleFactory(title="Cranes return to work")

    async def each_twice() -> dict[str, tuple[Any, Any]]:
        return {
            feed_format: (await request(site, path), await request(site, path))
            for feed_format in FORMATS
            for path in [feed_path("edition", feed_format)]
        }

    responses = asyncio.run(each_twice())

    assert site.django.calls == len(FORMATS)
    assert site.page_cache.hits == len(FORMATS)
    for feed_format, (first, second) in responses.items():
        assert first.status == second.status == HTTPStatus.OK
        assert first.headers[b"content-type"] == CONTENT_TYPES[feed_format].encode()
        assert first.headers[b"cache-control"].startswith(b"public")
        assert second.body == first.body
        assert b"Cranes return to work" in first.body
        assert kept(site, feed_path("edition", feed_format))


def test_the_page_cache_answers_a_reader_who_has_the_feed_with_not_modified(site):
    ArticleFactory()
    path = feed_path("edition", "rss")

    async def revalidate() -> Any:
        first = await request(site, path)
        return await request(site, path, headers=[(b"if-none-match", first.headers[b"etag"])])

    again = asyncio.run(revalidate())

    assert again.status == HTTPStatus.NOT_MODIFIED
    assert site.django.calls == 1


def test_publishing_a_story_drops_the_cached_feed_so_the_next_reader_gets_it(site):
    ArticleFactory(title="Yesterday's news", section="business")
    path = feed_path("section", "atom")

    def publish() -> None:
        ArticleFactory(title="Harbour cranes return to work", section="business")

    async def scenario() -> Any:
        await site.hub.start()
        try:
            before = await request(site, path)
            assert b"Harbour cranes" not in before.body
            assert kept(site, path)
            await run_in_a_thread(publish)()
            async with asyncio.timeout(10):
                while kept(site, path):
                    await asyncio.sleep(0.02)
            return await request(site, path)
        finally:
            await site.hub.stop()

    after = asyncio.run(scenario())

    assert b"Harbour cranes return to work" in after.body
    assert site.django.calls == 2


# --- WebSub -------------------------------------------------------------------------------------


@dataclass
class RecordingHub:
    """A WebSub hub on a local port that keeps every ping it is sent."""

    url: str = ""
    status: int = HTTPStatus.NO_CONTENT
    pings: list[dict[str, list[str]]] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)

    def topics(self) -> list[str]:
        return sorted(topic for ping in self.pings for topic in ping["hub.url"])


@pytest.fixture
def websub_hub(settings: Any) -> Iterator[RecordingHub]:
    hub = RecordingHub()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            hub.pings.append(parse_qs(body.decode()))
            hub.content_types.append(self.headers["Content-Type"])
            self.send_response(hub.status)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hub.url = f"http://127.0.0.1:{server.server_port}/hub"
    settings.DATELINE_WEBSUB_HUB = hub.url
    # The hub is this machine's: the outward guard would refuse it anywhere else.
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    settings.DATELINE_OUTWARD_PORTS = [server.server_port]
    yield hub
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_feeds_name_the_hub_and_themselves(client, websub_hub, feed_format):
    ArticleFactory()
    path = feed_path("edition", feed_format)

    links = parsed(client, path, feed_format).feed.links

    assert {(link["rel"], link["href"]) for link in links} >= {
        ("hub", websub_hub.url),
        ("self", absolute(path)),
    }


def test_json_feed_names_the_hub_and_itself(client, websub_hub):
    document = json.loads(fetch(client, feed_path("edition", "json"), "json").content)

    assert document["hubs"] == [{"type": "WebSub", "url": websub_hub.url}]
    assert document["feed_url"] == absolute(feed_path("edition", "json"))


def test_without_a_hub_feeds_name_none(client, settings):
    settings.DATELINE_WEBSUB_HUB = ""

    rss = parsed(client, feed_path("edition", "rss"), "rss")
    document = json.loads(fetch(client, feed_path("edition", "json"), "json").content)

    assert [link["rel"] for link in rss.feed.links] == ["alternate", "self"]
    assert "hubs" not in document


def test_publishing_a_story_pings_the_hub_for_every_feed_that_lists_it(
    client, websub_hub, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Mariko Tanabe")

    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(section="business", tags=["Ports", "Trade"], authors=[author])

    assert all(ping["hub.mode"] == ["publish"] for ping in websub_hub.pings)
    assert set(websub_hub.content_types) == {"application/x-www-form-urlencoded"}
    listed = ["", "sections/business/", "tags/ports/", "tags/trade/", "authors/mariko-tanabe/"]
    assert websub_hub.topics() == sorted(
        absolute(f"/en/feeds/{prefix}{file_name}") for prefix in listed for file_name in FORMATS.values()
    )
    for topic in websub_hub.topics():
        assert client.get(urlsplit(topic).path).status_code == HTTPStatus.OK, topic


def test_the_hub_hears_of_a_story_only_once_its_publication_commits(
    websub_hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticleFactory(section="world")

    assert websub_hub.pings == []
    for callback in callbacks:
        callback()
    assert websub_hub.topics() == sorted(
        absolute(f"/en/feeds/{prefix}{file_name}")
        for prefix in ("", "sections/world/")
        for file_name in FORMATS.values()
    )


def test_without_a_hub_publishing_sends_nothing(websub_hub, settings, django_capture_on_commit_callbacks):
    settings.DATELINE_WEBSUB_HUB = ""

    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory()

    assert websub_hub.pings == []


def test_a_hub_that_refuses_is_logged_and_the_story_published_all_the_same(
    websub_hub, caplog, django_capture_on_commit_callbacks
):
    websub_hub.status = HTTPStatus.INTERNAL_SERVER_ERROR

    with (
        caplog.at_level(logging.WARNING, logger="dateline.subscriptions.websub"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        story = ArticleFactory(section="world")

    assert ArticlePage.objects.get(pk=story.pk).live
    assert len(websub_hub.pings) == 6, "every feed's ping is tried"
    assert caplog.text.count("refused the ping") == 6


def test_an_unreachable_hub_is_logged_once(settings, caplog, django_capture_on_commit_callbacks):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.DATELINE_WEBSUB_HUB = f"http://127.0.0.1:{closed_port}/hub"
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    settings.DATELINE_OUTWARD_PORTS = [closed_port]

    with (
        caplog.at_level(logging.WARNING, logger="dateline.subscriptions.websub"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        story = ArticleFactory(section="world")

    assert ArticlePage.objects.get(pk=story.pk).live
    assert caplog.text.count("could not be reached") == 1


def test_a_hub_at_an_internal_address_is_never_called(
    websub_hub, settings, caplog, django_capture_on_commit_callbacks
):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = False

    with (
        caplog.at_level(logging.WARNING, logger="dateline.subscriptions.websub"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ArticleFactory(section="world")

    assert websub_hub.pings == []
    assert "private network" in caplog.text


def test_section_tag_and_author_pages_show_their_feeds_to_readers(client, editions):
    author = AuthorFactory(name="Mariko Tanabe")
    ArticleFactory(title="Harbour cranes", tags=["ports"], authors=[author])
    for path, feed in [
        ("/en/world/", "/en/feeds/sections/world/rss.xml"),
        ("/en/tags/ports/", "/en/feeds/tags/ports/rss.xml"),
        (f"/en/authors/{author.slug}/", f"/en/feeds/authors/{author.slug}/rss.xml"),
    ]:
        page = client.get(path).content.decode()
        assert f'<a href="{feed}" type="application/rss+xml">RSS</a>' in page, path
