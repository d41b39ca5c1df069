"""Search engines find every public page of every edition through /sitemap.xml, and Google News
the stories of the last two days, as soon as they are published."""

from __future__ import annotations

from datetime import datetime, timedelta
from http import HTTPStatus
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from dateline.articles import sitemaps
from dateline.articles.models import ArticlePage
from dateline.asgi.page_cache import MAX_BODY_BYTES
from dateline.core import jinja
from dateline.core.cache_tags import HEADER
from dateline.editions.models import HomePage, InfoPage
from dateline.live.models import Event
from tests.coverage.factories import CoverageFactory
from tests.factories import ArticleFactory, NewsImageFactory, publish_translation
from tests.query_plans import sqlite_plan

pytestmark = pytest.mark.usefixtures("editions")

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
IMAGE = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NAMESPACES = {"s": SITEMAP, "xhtml": XHTML, "image": IMAGE, "news": NEWS}


def fetch(client, address: str) -> ElementTree.Element:
    """A sitemap, parsed: the path of `address` asked of the site, as a crawler would."""
    response = client.get(urlsplit(address).path)
    assert response.status_code == HTTPStatus.OK, address
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314  (our own output)


def sitemap_addresses(client) -> list[str]:
    index = fetch(client, "/sitemap.xml")
    assert index.tag == f"{{{SITEMAP}}}sitemapindex"
    return [loc.text or "" for loc in index.findall("s:sitemap/s:loc", NAMESPACES)]


def urls(sitemap: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {url.findtext("s:loc", "", NAMESPACES): url for url in sitemap.findall("s:url", NAMESPACES)}


def story_addresses(client, language: str = "en") -> list[str]:
    """Every address the edition's story sitemaps list, in the order they list them."""
    found = []
    for address in sitemap_addresses(client):
        if f"/{language}/sitemap-stories-" in address:
            found += [
                url.findtext("s:loc", "", NAMESPACES)
                for url in fetch(client, address).findall("s:url", NAMESPACES)
            ]
    return found


def absolute(page: Page) -> str:
    return settings.BASE_URL + page.url


def absolute_of_draft(story: ArticlePage) -> str:
    return f"{settings.BASE_URL}/en/world/{story.slug}/"


def news_addresses(client) -> list[str]:
    news = fetch(client, "/en/sitemap-news.xml")
    return [url.findtext("s:loc", "", NAMESPACES) for url in news.findall("s:url", NAMESPACES)]


def purges_during(action) -> set[str]:
    """Every tag the purge events `action` sends name."""
    last = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    action()
    tags: set[str] = set()
    for event in Event.objects.filter(id__gt=last, stream="cache", kind="purge"):
        tags.update(event.payload["tags"])
    return tags


def test_sitemaps_keep_within_the_protocols_limits():
    assert sitemaps.URLS_PER_SITEMAP <= 50_000
    assert sitemaps.NEWS_LIMIT <= 1_000
    assert sitemaps.NEWS_WINDOW.total_seconds() <= 48 * 3600


def test_a_full_story_sitemap_of_long_addresses_fits_in_the_page_cache():
    def address(language: str) -> str:
        return f"https://news.example.org/{language}/{'section' * 3}/{'headline-' * 9}/"

    entry = sitemaps.Entry(
        location=address("en"),
        last_modified="2026-12-06T16:35:45+00:00",
        alternates=[(language, address(language)) for language in ("ar", "en", "ru")],
        image="https://news.example.org/media/original_images/" + "picture" * 10 + ".jpg",
    )

    markup = jinja.render("sitemaps/urlset.xml", entries=[entry] * sitemaps.URLS_PER_SITEMAP)

    assert len(markup.encode()) <= MAX_BODY_BYTES


def test_robots_txt_names_the_sitemap_index_at_the_public_address(client):
    response = client.get("/robots.txt")

    assert f"Sitemap: {settings.BASE_URL}/sitemap.xml" in response.content.decode().splitlines()


def test_the_index_lists_each_edition_s_pages_stories_and_news(client):
    ArticleFactory(edition="en")
    ArticleFactory(edition="ru")

    addresses = sitemap_addresses(client)

    assert addresses == [
        f"{settings.BASE_URL}/en/sitemap-pages.xml",
        f"{settings.BASE_URL}/en/sitemap-stories-1.xml",
        f"{settings.BASE_URL}/en/sitemap-news.xml",
        f"{settings.BASE_URL}/ru/sitemap-pages.xml",
        f"{settings.BASE_URL}/ru/sitemap-stories-1.xml",
        f"{settings.BASE_URL}/ru/sitemap-news.xml",
        f"{settings.BASE_URL}/ar/sitemap-pages.xml",
        f"{settings.BASE_URL}/ar/sitemap-news.xml",
    ]


def test_the_pages_sitemap_lists_the_home_sections_and_information_pages_with_their_translations(client):
    about = InfoPage.objects.get(locale__language_code="en", slug="about")

    pages = urls(fetch(client, "/en/sitemap-pages.xml"))

    assert f"{settings.BASE_URL}/en/" in pages
    assert f"{settings.BASE_URL}/en/world/" in pages
    assert absolute(about) in pages
    world = pages[f"{settings.BASE_URL}/en/world/"]
    alternates = {link.get("hreflang"): link.get("href") for link in world.findall("xhtml:link", NAMESPACES)}
    assert alternates == {
        "en": f"{settings.BASE_URL}/en/world/",
        "ru": f"{settings.BASE_URL}/ru/world/",
        "ar": f"{settings.BASE_URL}/ar/world/",
    }
    assert world.findtext("s:lastmod", "", NAMESPACES)


def test_a_story_is_listed_with_its_last_change_its_translations_and_its_lead_image(client):
    story = ArticleFactory(lead_image=NewsImageFactory())
    russian = publish_translation(story, "ru", slug="krany-v-portu")

    english = urls(fetch(client, "/en/sitemap-stories-1.xml"))[absolute(story)]

    lastmod = english.findtext("s:lastmod", "", NAMESPACES)
    assert datetime.fromisoformat(lastmod) == story.last_published_at.replace(microsecond=0)
    alternates = {
        link.get("hreflang"): link.get("href") for link in english.findall("xhtml:link", NAMESPACES)
    }
    assert alternates == {"en": absolute(story), "ru": absolute(russian)}
    image = english.findtext("image:image/image:loc", "", NAMESPACES)
    assert image == settings.BASE_URL + story.lead_image.file.url
    assert urls(fetch(client, "/ru/sitemap-stories-1.xml"))[absolute(russian)] is not None


def test_live_coverage_is_listed_with_the_stories(client):
    coverage = CoverageFactory(section="politics")

    assert absolute(coverage) in story_addresses(client)


def test_withdrawn_drafts_and_private_pages_are_left_out(client):
    shown = ArticleFactory(section="world")
    draft = ArticleFactory(section="world", live=False)
    private = ArticleFactory(section="business")
    PageViewRestriction.objects.create(page=private.get_parent(), restriction_type=PageViewRestriction.LOGIN)

    listed = story_addresses(client)

    assert absolute(shown) in listed
    assert absolute(private) not in listed
    assert f"/{draft.slug}/" not in " ".join(listed)
    assert f"{settings.BASE_URL}/en/business/" not in urls(fetch(client, "/en/sitemap-pages.xml"))


def test_the_index_splits_the_stories_so_each_appears_exactly_once(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_SITEMAP", 30)
    stories = [ArticleFactory(section=("world", "business", "politics")[n % 3]) for n in range(200)]

    addresses = sitemap_addresses(client)
    listed = story_addresses(client)

    assert sum("/en/sitemap-stories-" in address for address in addresses) == 7  # ⌈200 / 30⌉
    assert sorted(listed) == sorted(absolute(story) for story in stories)
    for address in addresses:
        if "/sitemap-stories-" in address:
            assert len(fetch(client, address).findall("s:url", NAMESPACES)) <= 30
    assert client.get("/en/sitemap-stories-8.xml").status_code == HTTPStatus.NOT_FOUND


def test_a_story_sitemap_costs_the_same_queries_for_many_stories_as_for_a_few(client):
    for _ in range(3):
        story = ArticleFactory(lead_image=NewsImageFactory())
        publish_translation(story, "ru")
    client.get("/en/sitemap-stories-1.xml")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/sitemap-stories-1.xml")
    for _ in range(20):
        story = ArticleFactory(lead_image=NewsImageFactory())
        publish_translation(story, "ru")

    client.get("/en/sitemap-stories-1.xml")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/sitemap-stories-1.xml")

    assert response.content.count(b"<url>") == 23
    assert len(many) == len(few)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's plan")
def test_a_story_sitemap_reads_the_edition_s_stories_in_the_order_of_their_index(client):
    ArticleFactory(lead_image=NewsImageFactory())

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/sitemap-stories-1.xml")

    (listing,) = [
        query["sql"]
        for query in queries.captured_queries
        if "LIMIT" in query["sql"]
        and "url_path" in query["sql"]
        and 'translation_key" IN' not in query["sql"]
    ]
    plan = sqlite_plan(listing)
    assert any("dateline_page_locale_published" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_the_news_sitemap_lists_only_the_last_two_days_newest_first(client):
    old = ArticleFactory(title="Older news", first_published_at=timezone.now() - timedelta(hours=49))
    recent = [ArticleFactory(title=f"Recent {n}") for n in range(3)]

    news = fetch(client, "/en/sitemap-news.xml")

    assert news.tag == f"{{{SITEMAP}}}urlset"
    listed = [url.findtext("s:loc", "", NAMESPACES) for url in news.findall("s:url", NAMESPACES)]
    assert listed == [absolute(story) for story in reversed(recent)]
    assert absolute(old) not in listed
    first = news.find("s:url/news:news", NAMESPACES)
    assert first is not None
    assert first.findtext("news:publication/news:name", "", NAMESPACES) == settings.SITE_NAME
    assert first.findtext("news:publication/news:language", "", NAMESPACES) == "en"
    assert first.findtext("news:title", "", NAMESPACES) == "Recent 2"
    published = datetime.fromisoformat(first.findtext("news:publication_date", "", NAMESPACES))
    assert timezone.now() - published < sitemaps.NEWS_WINDOW


def test_the_news_sitemap_keeps_to_its_limit(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    for n in range(3):
        ArticleFactory(title=f"Recent {n}")

    news = fetch(client, "/en/sitemap-news.xml")

    assert len(news.findall("s:url", NAMESPACES)) == 2


def test_an_edition_without_a_home_has_no_sitemaps(client):
    HomePage.objects.get(locale__language_code="ar").unpublish()

    assert client.get("/ar/sitemap-pages.xml").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "address", ["/sitemap.xml", "/en/sitemap-pages.xml", "/en/sitemap-stories-1.xml", "/en/sitemap-news.xml"]
)
def test_sitemaps_are_public_and_purged_when_a_story_is_published_or_withdrawn(client, address):
    story = ArticleFactory(live=False, section="world")
    before = client.get(address)
    tags = set(before[HEADER].split())
    assert before["Cache-Control"] == settings.DATELINE_PUBLIC_CACHE_CONTROL

    published = purges_during(lambda: story.save_revision().publish())
    assert tags & published, "publishing purges the sitemap"
    story = ArticlePage.objects.get(pk=story.pk)
    withdrawn = purges_during(story.unpublish)
    assert tags & withdrawn, "withdrawing purges the sitemap"


def test_a_story_published_appears_at_once_and_a_withdrawn_one_is_gone(client):
    story = ArticleFactory(live=False, section="world")
    assert absolute_of_draft(story) not in story_addresses(client) + news_addresses(client)

    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)
    assert absolute(story) in story_addresses(client)
    assert absolute(story) in news_addresses(client)

    story.unpublish()
    assert absolute(story) not in story_addresses(client) + news_addresses(client)
