"""The sitemaps' addresses (`dateline.articles.sitemaps`): public content, filed under every
edition's home so that publishing or withdrawing a story purges them at once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from dateline.articles import sitemaps
from dateline.core import jinja
from dateline.core.links import absolute
from dateline.core.public import public_content

CONTENT_TYPE = "application/xml; charset=utf-8"


@public_content
@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: each edition's sitemap of pages, its sitemaps of stories and its news."""
    editions = sitemaps.editions(request)
    sitemaps.file_under_every_edition(request, editions)
    locations = []
    for edition in editions:
        with translation.override(edition.language_code):
            locations.append(absolute(reverse("sitemap_pages")))
            for number in range(1, sitemaps.story_sitemap_count(edition, request) + 1):
                locations.append(absolute(reverse("sitemap_stories", kwargs={"number": number})))
            locations.append(absolute(reverse("sitemap_news")))
    return _xml("sitemaps/index.xml", locations=locations)


@public_content
@require_GET
def sitemap_pages(request: HttpRequest) -> HttpResponse:
    """/<language>/sitemap-pages.xml: the edition's home, sections and information pages."""
    editions = sitemaps.editions(request)
    edition = _requested_edition(editions)
    sitemaps.file_under_every_edition(request, editions)
    return _xml("sitemaps/urlset.xml", entries=sitemaps.page_entries(edition, editions, request))


@public_content
@require_GET
def sitemap_stories(request: HttpRequest, number: str) -> HttpResponse:
    """/<language>/sitemap-stories-<number>.xml: one share of the edition's stories, oldest first."""
    editions = sitemaps.editions(request)
    edition = _requested_edition(editions)
    sitemaps.file_under_every_edition(request, editions)
    entries = sitemaps.story_entries(edition, int(number), editions, request)
    if not entries and int(number) > 1:
        raise Http404("No such sitemap")
    return _xml("sitemaps/urlset.xml", entries=entries)


@public_content
@require_GET
def sitemap_news(request: HttpRequest) -> HttpResponse:
    """/<language>/sitemap-news.xml: the edition's stories of the last two days, for Google News."""
    editions = sitemaps.editions(request)
    edition = _requested_edition(editions)
    sitemaps.file_under_every_edition(request, [edition])
    return _xml(
        "sitemaps/news.xml",
        entries=sitemaps.news_entries(edition, request),
        publication=settings.SITE_NAME,
        language=edition.language_code,
    )


def _requested_edition(editions: list[sitemaps.Edition]) -> sitemaps.Edition:
    language = translation.get_language()
    for edition in editions:
        if edition.language_code == language:
            return edition
    raise Http404("No such edition")


def _xml(template: str, **context: Any) -> HttpResponse:
    return HttpResponse(jinja.render(template, **context), content_type=CONTENT_TYPE)
