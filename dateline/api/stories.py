"""The API's story queries: filters, cursor pages, and the facts a ninjs document is written from.

A page of stories takes a fixed number of queries however long it is: the stories (with their
agencies and lead images joined), their bylines, tags and translations, one query each. Editions,
sections and authors come from what the process remembers per content version
(`dateline.core.versioned`), as the pages do.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale, Page

from dateline.api import cursors, ninjs, problems
from dateline.articles.models import ArticleByline, ArticlePage, ArticleTag, Author, all_authors
from dateline.core import cache_tags, links, versioned
from dateline.coverage.models import LiveCoveragePage
from dateline.editions import navigation
from dateline.editions.models import SectionPage
from dateline.editions.reader_pages import public
from dateline.images.models import NewsImage
from dateline.wire.models import WireUse

API_ROOT = "/api/v1/"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# What a ninjs document needs of a story; the body only for the full-text scope.
STORY_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "content_type_id",
    "live",
    "live_revision_id",
    "translation_key",
    "first_published_at",
    "last_published_at",
    "expire_at",
    "kicker",
    "lede",
    "dateline_place",
    "agency_id",
    "lead_image_id",
    "word_count",
    # The agency and the lead image come in the same query (two fewer statements to build a page).
    "agency__name",
    "agency__url",
    "lead_image__title",
    "lead_image__file",
    "lead_image__width",
    "lead_image__height",
    "lead_image__caption",
    "lead_image__credit",
)
RELATED = ("agency", "lead_image")
SPACES = re.compile(r"\s+")


def story_uri(story_id: int) -> str:
    """A story's identity in every ninjs document: its address in this API."""
    return links.absolute(f"{API_ROOT}stories/{story_id}")


@dataclass(frozen=True)
class StoryFilters:
    """What a partner may narrow the story list by; None is "any"."""

    edition: str | None = None
    section: int | None = None
    tag: str | None = None
    author: int | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def edition_locale_ids(request: HttpRequest, language: str | None) -> list[int]:
    """The locale ids a list covers: one edition's, or every edition's; an unknown edition is a 404."""
    editions = navigation.editions(request)
    if language is None:
        return [edition.locale_id for edition in editions]
    for edition in editions:
        if edition.language_code == language:
            return [edition.locale_id]
    raise problems.not_found(_("There is no edition “%(language)s”.") % {"language": language[:20]})


def filtered(request: HttpRequest, filters: StoryFilters) -> QuerySet[ArticlePage]:
    """Published public stories matching `filters`, newest first, filing the answer under the cache
    tags that publishing a story into such a list purges."""
    locale_ids = edition_locale_ids(request, filters.edition)
    stories = public(ArticlePage.objects.live(), request).select_related(*RELATED).only(*STORY_FIELDS)
    if filters.edition is not None:
        stories = stories.filter(locale_id=locale_ids[0])
    if filters.section is not None:
        section = public(SectionPage.objects.live(), request).filter(pk=filters.section).first()
        if section is None:
            raise problems.not_found(_("There is no section %(id)s.") % {"id": filters.section})
        stories = stories.filter(path__startswith=section.path, depth=section.depth + 1)
        cache_tags.add(request, cache_tags.section(section.pk))
    if filters.tag is not None:
        stories = stories.filter(tagged_items__tag__slug=filters.tag)
        cache_tags.add(request, *(cache_tags.tag(locale_id, filters.tag) for locale_id in locale_ids))
    if filters.author is not None:
        if filters.author not in all_authors(request):
            raise problems.not_found(_("There is no author %(id)s.") % {"id": filters.author})
        stories = stories.filter(bylines__author_id=filters.author)
        cache_tags.add(request, cache_tags.author(filters.author))
    if filters.published_after is not None:
        stories = stories.filter(first_published_at__gt=filters.published_after)
    if filters.published_before is not None:
        stories = stories.filter(first_published_at__lt=filters.published_before)
    if filters.updated_after is not None:
        stories = stories.filter(last_published_at__gt=filters.updated_after)
    if filters.updated_before is not None:
        stories = stories.filter(last_published_at__lt=filters.updated_before)
    # Every story published purges its edition's home tag, so a list under it never misses one.
    cache_tags.add(request, *(cache_tags.home(locale_id) for locale_id in locale_ids))
    return stories.order_by("-first_published_at", "-pk")


def page_of(
    stories: QuerySet[ArticlePage], cursor: str | None, limit: int, filters: StoryFilters
) -> tuple[list[ArticlePage], str | None]:
    """One page after `cursor`, and the cursor of the next page (None on the last).

    The position is the last story's (publication time, id): stories published meanwhile are newer
    and come before it, so paging on never repeats or skips one.
    """
    if cursor:
        moment, story_id = _story_position(cursors.read(cursor, filters.as_dict()))
        stories = stories.filter(
            Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=story_id)
        )
    found = list(stories[: limit + 1])
    page = found[:limit]
    if len(found) <= limit:
        return page, None
    last = page[-1]
    position = [last.first_published_at.isoformat(), last.pk] if last.first_published_at else None
    return page, cursors.make(position, filters.as_dict()) if position else None


def _story_position(position: list[Any]) -> tuple[datetime, int]:
    try:
        moment = datetime.fromisoformat(position[0])
        story_id = int(position[1])
    except (IndexError, TypeError, ValueError) as error:
        raise problems.bad_parameter("cursor", _("This cursor cannot be read.")) from error
    return moment, story_id


def used_tags(after_id: int, count: int) -> QuerySet[Tag]:
    """Tags given to stories, by id, after `after_id`."""
    used = ArticleTag.objects.filter(tag_id=OuterRef("pk"))
    return Tag.objects.filter(pk__gt=after_id).filter(Exists(used)).order_by("pk")[:count]


def published_story(request: HttpRequest, story_id: int, full_text: bool) -> ArticlePage:
    """A published public story, or a 404 problem."""
    fields = (*STORY_FIELDS, "body") if full_text else STORY_FIELDS
    story = (
        public(ArticlePage.objects.live(), request)
        .select_related(*RELATED)
        .only(*fields)
        .filter(pk=story_id)
        .first()
    )
    if story is None:
        raise problems.not_found(_("There is no published story %(id)s.") % {"id": story_id})
    return story


def facts_for(
    request: HttpRequest, stories: Sequence[ArticlePage], full_text: bool
) -> list[ninjs.StoryFacts]:
    """Everything the ninjs documents of `stories` say, in a fixed number of queries."""
    if not stories:
        return []
    ids = [story.pk for story in stories]
    languages = _languages(request, {story.locale_id for story in stories})
    sections = _sections(request, stories)
    authors = all_authors(request)
    # Rows as tuples: a page of 20 stories has some 60 tags and 30 bylines, and a model instance
    # for each stood out in the answer's profile.
    bylines: dict[int, list[Author]] = {}
    for page_id, author_id in (
        ArticleByline.objects.filter(page_id__in=ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "author_id")
    ):
        if author_id in authors:
            bylines.setdefault(page_id, []).append(authors[author_id])
    author_urls = {
        author.pk: remembered_author_url(request, author)
        for story_authors in bylines.values()
        for author in story_authors
    }
    tags: dict[int, list[ninjs.Concept]] = {}
    for story_id, name, slug in (
        ArticleTag.objects.filter(content_object_id__in=ids)
        .order_by("pk")
        .values_list("content_object_id", "tag__name", "tag__slug")
    ):
        tags.setdefault(story_id, []).append(ninjs.Concept(name, slug))
    translations = _translations(request, stories, languages)
    sources: dict[int, list[ninjs.Provenance]] = {}
    for story_id, agency_name, item_uri, version in (
        WireUse.objects.filter(story_id__in=ids)
        .order_by("used_at", "pk")
        .values_list("story_id", "source__name", "uri", "version")
    ):
        sources.setdefault(story_id, []).append(ninjs.Provenance(agency_name, item_uri, version))
    coverage_type = ContentType.objects.get_for_model(LiveCoveragePage).pk

    facts = []
    for story in stories:
        story_authors = bylines.get(story.pk, [])
        agency = story.agency if story.agency_id else None
        image = story.lead_image if story.lead_image_id else None
        section = sections.get(story.path[: -story.steplen])
        facts.append(
            ninjs.StoryFacts(
                uri=story_uri(story.pk),
                version=str(story.live_revision_id or ""),
                language=languages.get(story.locale_id, ""),
                headline=story.title,
                kicker=story.kicker,
                lede=story.lede,
                href=links.absolute(_url_of(request, story)),
                first_created=story.first_published_at or timezone.now(),
                version_created=story.last_published_at or story.first_published_at or timezone.now(),
                profile="live-coverage" if story.content_type_id == coverage_type else "story",
                story_id=story.pk,
                translation_key=str(story.translation_key),
                expires=story.expire_at,
                located=story.dateline_place,
                section=ninjs.Concept(section.title, section.slug, links.absolute(_section_url(section)))
                if section
                else None,
                agency=ninjs.Concept(agency.name, uri=agency.url) if agency else None,
                authors=[
                    ninjs.Concept(author.name, author.slug, author_urls[author.pk])
                    for author in story_authors
                ],
                tags=tags.get(story.pk, []),
                picture=picture_of(image) if image else None,
                translations=translations.get(story.pk, []),
                sources=sources.get(story.pk, []),
                **_body(story, full_text),
            )
        )
        _file_under(request, story, story_authors, image)
    return facts


def _file_under(request: HttpRequest, story: ArticlePage, authors: list[Author], image: Any) -> None:
    """The tags the story's own page is filed under that a change to this document purges."""
    cache_tags.add(request, cache_tags.page(story.pk), *(cache_tags.author(author.pk) for author in authors))
    if story.agency_id:
        cache_tags.add(request, cache_tags.agency(story.agency_id))
    if image is not None:
        cache_tags.add(request, cache_tags.image(image.pk))


def _body(story: ArticlePage, full_text: bool) -> dict[str, Any]:
    if not full_text:
        return {}
    body_html = str(story.body)
    body_text = SPACES.sub(" ", html.unescape(strip_tags(body_html))).strip()
    return {"body_html": body_html, "body_text": body_text, "word_count": story.word_count}


def picture_of(image: NewsImage) -> ninjs.Picture:
    name = image.file.name.lower()
    content_type = (
        "image/png" if name.endswith(".png") else "image/webp" if name.endswith(".webp") else "image/jpeg"
    )
    return ninjs.Picture(
        uri=links.absolute(image.file.url),
        title=image.title,
        caption=image.caption,
        credit=image.credit,
        href=links.absolute(image.file.url),
        width=image.width,
        height=image.height,
        content_type=content_type,
    )


def remembered_author_url(request: HttpRequest, author: Author) -> str:
    """`author_url`, worked out once per author and content version (a route reversed each time)."""
    return versioned.remembered_per_object(
        "api-author-url", author.pk, request, functools.partial(author_url, request, author)
    )


def author_url(request: HttpRequest, author: Author) -> str:
    """An author's page, from the edition's address each process remembers (Wagtail would work out
    the edition home's address again for every byline)."""
    for edition in navigation.editions(request):
        if edition.locale_id == author.locale_id:
            return links.absolute(edition.url + edition.home.reverse_subpage("author", args=[author.slug]))
    return links.absolute(author.get_url(request))


def _section_url(section: SectionPage) -> str:
    """The section's address: worked out once per content version for the menus (`nav_url`)."""
    return getattr(section, "nav_url", None) or section.url or ""


def _languages(request: HttpRequest, locale_ids: set[int]) -> dict[int, str]:
    languages = {edition.locale_id: edition.language_code for edition in navigation.editions(request)}
    missing = locale_ids - languages.keys()
    if missing:
        languages.update(Locale.objects.filter(pk__in=missing).values_list("pk", "language_code"))
    return languages


def _sections(request: HttpRequest, stories: Sequence[ArticlePage]) -> dict[str, SectionPage]:
    """Each story's section by tree path: from the remembered menus, else in one query."""
    by_path = {section.path: section for menu in SectionPage.menus(request).values() for section in menu}
    missing = {story.path[: -story.steplen] for story in stories} - by_path.keys()
    if missing:
        for section in SectionPage.objects.filter(path__in=missing).only(
            "id", "title", "slug", "url_path", "path", "depth", "locale_id"
        ):
            by_path[section.path] = section
    return by_path


def _url_of(request: HttpRequest, page: Page) -> str:
    return navigation.page_url(request, page.locale_id, page.url_path) or page.get_url(request) or ""


def _translations(
    request: HttpRequest, stories: Sequence[ArticlePage], languages: dict[int, str]
) -> dict[int, list[ninjs.Translation]]:
    keys = {story.translation_key for story in stories}
    # Rows as tuples: a page instance for each translation stood out in the answer's profile.
    pages = (
        public(Page.objects.live(), request)
        .filter(translation_key__in=keys)
        .order_by("pk")
        .values_list("pk", "title", "url_path", "locale_id", "translation_key")
    )
    by_key: dict[Any, list[tuple[int, str, str, int, Any]]] = {}
    for page in pages:
        by_key.setdefault(page[4], []).append(page)
    missing = {page[3] for group in by_key.values() for page in group} - languages.keys()
    if missing:
        languages.update(Locale.objects.filter(pk__in=missing).values_list("pk", "language_code"))
    found: dict[int, list[ninjs.Translation]] = {}
    for story in stories:
        group = by_key.get(story.translation_key, [])
        found[story.pk] = [
            ninjs.Translation(
                uri=story_uri(page_id),
                language=languages.get(locale_id, ""),
                headline=title,
                href=links.absolute(_translation_url(request, page_id, locale_id, url_path)),
            )
            for page_id, title, url_path, locale_id, _key in group
            if page_id != story.pk
        ]
        cache_tags.add(request, *(cache_tags.page(page[0]) for page in group))
    return found


def _translation_url(request: HttpRequest, page_id: int, locale_id: int, url_path: str) -> str:
    url = navigation.page_url(request, locale_id, url_path)
    if url is None:
        page = Page.objects.filter(pk=page_id).first()
        url = (page.get_url(request) if page else None) or ""
    return url
