"""Sitemaps for search engines: what an edition publishes, as the sitemaps protocol lists it.

`/sitemap.xml` is an index naming, for every edition, one sitemap of its fixed pages (home,
sections, information pages), its stories in sitemaps of at most `URLS_PER_SITEMAP` addresses
(oldest first, so a story keeps its sitemap as new ones come), and its Google News sitemap (the
stories of the last `NEWS_WINDOW`). Every address carries its last change, its versions in the
other editions (`xhtml:link` hreflang alternates, found by Wagtail's translation key whatever
their slugs) and, for a story, its lead image.

Django's `django.contrib.sitemaps` is not used: it pages with a `p` parameter, which public pages
do not read (`dateline.core.public`), has no image tags, and its alternates are one object's
address in each language, not pages with slugs of their own. Each sitemap is a fixed number of
queries whatever its length, read through the index on (locale_id, first_published_at, id).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page

from dateline.articles.models import ArticlePage
from dateline.core import cache_tags
from dateline.core.links import absolute
from dateline.editions.models import HomePage
from dateline.editions.reader_pages import public
from dateline.images.models import NewsImage

# The sitemaps protocol allows 50,000 addresses a sitemap; at 250–900 bytes an address, 4,000 keep
# a sitemap within what the page cache keeps (4 MiB), so crawlers are answered without Django.
URLS_PER_SITEMAP = 4_000
# Google News reads the stories of the last two days, at most a thousand of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000


@dataclass(frozen=True)
class Edition:
    """What a sitemap needs of an edition's home: where its pages' addresses start."""

    home: HomePage
    language_code: str
    url: str  # the home's address, e.g. /en/
    url_path: str  # the home's place in the tree's addresses, e.g. /en/

    @property
    def locale_id(self) -> int:
        return self.home.locale_id

    def address(self, url_path: str) -> str:
        """The absolute address of a page of this edition, from its `url_path`."""
        return absolute(self.url + url_path[len(self.url_path) :])


@dataclass(frozen=True)
class Entry:
    """One address of a sitemap: when it last changed, its versions in other editions (itself
    among them when there are any, as hreflang asks) and its lead image's address, if any."""

    location: str
    last_modified: str
    alternates: list[tuple[str, str]]
    image: str


@dataclass(frozen=True)
class NewsEntry:
    """A story of a Google News sitemap."""

    location: str
    published: str
    title: str


def editions(request: HttpRequest | None) -> list[Edition]:
    """Every live edition, from the homes every page remembers."""
    return [
        Edition(home, home.locale.language_code, home.url, home.url_path)
        for home in HomePage.edition_homes(request)
        if home.url
    ]


def file_under_every_edition(request: HttpRequest, all_editions: Iterable[Edition]) -> None:
    """File a sitemap under every edition's home and navigation: a story published or withdrawn
    anywhere changes its own edition's list and the alternates of the others."""
    for edition in all_editions:
        cache_tags.add(request, cache_tags.home(edition.locale_id), cache_tags.edition(edition.locale_id))


def stories(edition: Edition, request: HttpRequest | None) -> QuerySet[Page]:
    """An edition's public stories of every kind, oldest first: the order of its sitemaps.

    Read as pages of the story types rather than through the story table, so that the order is
    the index's own (locale_id, first_published_at, id) with nothing left to sort.
    """
    return (
        public(Page.objects.live().type(ArticlePage), request)
        .filter(locale_id=edition.locale_id)
        .order_by("first_published_at", "id")
    )


def story_sitemap_count(edition: Edition, request: HttpRequest | None) -> int:
    """How many sitemaps an edition's stories fill."""
    return math.ceil(stories(edition, request).count() / URLS_PER_SITEMAP)


def story_entries(
    edition: Edition, number: int, all_editions: list[Edition], request: HttpRequest | None
) -> list[Entry]:
    """The stories of an edition's sitemap `number` (from 1), in two queries."""
    start = (number - 1) * URLS_PER_SITEMAP
    rows = stories(edition, request).values(
        "translation_key", "url_path", "last_published_at", image=F("articlepage__lead_image__file")
    )
    return _entries(edition, list(rows[start : start + URLS_PER_SITEMAP]), all_editions, request)


def page_entries(edition: Edition, all_editions: list[Edition], request: HttpRequest | None) -> list[Entry]:
    """An edition's home, its sections and its information pages (the pages below the home that
    are not stories), in two queries."""
    home = Page.objects.filter(pk=edition.home.pk)
    pages = public((home | edition.home.get_children()).live(), request).order_by("path")
    rows = pages.values("translation_key", "url_path", "last_published_at")
    return _entries(
        edition,
        [{**row, "image": ""} for row in rows],
        all_editions,
        request,
    )


def news_entries(edition: Edition, request: HttpRequest | None) -> list[NewsEntry]:
    """An edition's stories of the last `NEWS_WINDOW`, newest first, at most `NEWS_LIMIT`."""
    since = timezone.now() - NEWS_WINDOW
    rows = (
        stories(edition, request)
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at", "-id")
        .values("url_path", "first_published_at", "title")[:NEWS_LIMIT]
    )
    return [
        NewsEntry(edition.address(row["url_path"]), w3c_datetime(row["first_published_at"]), row["title"])
        for row in rows
    ]


def w3c_datetime(moment: datetime | None) -> str:
    """A moment as sitemaps write it (W3C Datetime, to the second, in UTC), "" for none."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _entries(
    edition: Edition,
    rows: list[dict[str, Any]],
    all_editions: list[Edition],
    request: HttpRequest | None,
) -> list[Entry]:
    """Entries for `rows`, with the versions of their pages in the other editions read in one
    query over the rows' translation keys (taken from the rows: a subquery would walk the
    edition's stories up to the sitemap's offset a second time)."""
    by_locale = {other.locale_id: other for other in all_editions}
    translations = (
        public(Page.objects.live(), request)
        .filter(translation_key__in=[row["translation_key"] for row in rows], locale_id__in=list(by_locale))
        .exclude(locale_id=edition.locale_id)
        .order_by()
        .values_list("translation_key", "locale_id", "url_path")
    )
    versions: dict[Any, list[tuple[str, str]]] = {}
    for key, locale_id, url_path in translations:
        other = by_locale[locale_id]
        versions.setdefault(key, []).append((other.language_code, other.address(url_path)))
    # Stories share pictures, and the storage's address of a file costs more than the rest of an entry.
    images: dict[str, str] = {}
    storage = NewsImage._meta.get_field("file").storage
    entries = []
    for row in rows:
        location = edition.address(row["url_path"])
        alternates = versions.get(row["translation_key"], [])
        if alternates:
            alternates = sorted([(edition.language_code, location), *alternates])
        image = images.get(row["image"], "")
        if row["image"] and not image:
            image = images[row["image"]] = absolute(storage.url(row["image"]))
        entries.append(Entry(location, w3c_datetime(row["last_published_at"]), alternates, image))
    return entries
