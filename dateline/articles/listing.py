"""Story lists: the querysets behind home, section, tag and author pages.

Every list fetches its cards with a fixed number of queries, however many stories it shows: the
lead image and its rendition are prefetched and the section comes from the edition's navigation,
which the page has already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest

from dateline.articles.cards import CARD_IMAGE_SPEC
from dateline.articles.models import ArticlePage
from dateline.core import cache_tags, pagination
from dateline.editions.models import SectionPage
from dateline.editions.reader_pages import public
from dateline.images.models import NewsImage

STORIES_PER_PAGE = 20
# What a story card shows; the rest of the page (its body above all) stays in the database.
CARD_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "content_type_id",
    "live",
    "first_published_at",
    "last_published_at",
    "kicker",
    "lede",
    "lead_image_id",
    "agency_id",
)


def published_stories(locale_id: int, request: HttpRequest | None = None) -> QuerySet[ArticlePage]:
    """Live stories of one edition, newest first, with what their cards show."""
    return (
        public(ArticlePage.objects.live(), request)
        .filter(locale_id=locale_id)
        .only(*CARD_FIELDS)
        .order_by("-first_published_at", "-pk")
    )


def with_card_data(stories: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """Prefetch what a story card shows: the lead image and its card rendition."""
    return stories.prefetch_related(
        Prefetch("lead_image", queryset=NewsImage.objects.prefetch_renditions(CARD_IMAGE_SPEC))
    )


def prefetch_card_data(stories: Sequence[ArticlePage]) -> None:
    """`with_card_data` for stories already fetched, in two queries for all of them."""
    prefetch_related_objects(
        stories, Prefetch("lead_image", queryset=NewsImage.objects.prefetch_renditions(CARD_IMAGE_SPEC))
    )


def in_section(stories: QuerySet[ArticlePage], section: SectionPage) -> QuerySet[ArticlePage]:
    return stories.filter(path__startswith=section.path, depth=section.depth + 1)


def attach_sections(stories: Iterable[ArticlePage], sections: Sequence[SectionPage]) -> None:
    """Give each story its section from the already loaded navigation, without a query."""
    by_path = {section.path: section for section in sections}
    for story in stories:
        parent_path = story.path[: -story.steplen]
        story.__dict__["section"] = by_path.get(parent_path)


def paginate(
    request: HttpRequest, stories: QuerySet[ArticlePage], sections: Sequence[SectionPage]
) -> pagination.UncountedPage[ArticlePage]:
    """One page of a list; a page number that is not a page of it is a 404, never a 500."""
    number = pagination.page_number(request.GET.get("page"))
    page = pagination.page_of(with_card_data(stories), number, STORIES_PER_PAGE)
    attach_sections(page.object_list, sections)
    tag_stories(request, page.object_list)
    return page


def tag_stories(request: HttpRequest, stories: Iterable[ArticlePage]) -> None:
    """File a list page under each story and lead image it shows."""
    for story in stories:
        cache_tags.add(request, cache_tags.page(story.pk))
        if story.lead_image_id:
            cache_tags.add(request, cache_tags.image(story.lead_image_id))
