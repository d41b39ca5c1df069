"""Story lists: the querysets behind home, section, tag and author pages.

Every list fetches its cards with a fixed number of queries, however many stories it shows: the
lead image and its rendition are prefetched and the section comes from the edition's navigation,
which the page has already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest

from dateline.core import cache_tags

if TYPE_CHECKING:
    from dateline.articles.models import ArticlePage
    from dateline.editions.models import SectionPage

CARD_IMAGE_SPEC = "fill-640x360-c60"
STORIES_PER_PAGE = 20


def published_stories(locale_id: int) -> QuerySet[ArticlePage]:
    """Live stories of one edition, newest first, without their bodies."""
    from dateline.articles.models import ArticlePage

    return (
        ArticlePage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .defer("body", "search_description", "seo_title", "latest_revision", "draft_title")
        .order_by("-first_published_at", "-pk")
    )


def with_card_data(stories: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """Prefetch what a story card shows: the lead image and its card rendition."""
    from dateline.images.models import NewsImage

    return stories.prefetch_related(
        Prefetch("lead_image", queryset=NewsImage.objects.prefetch_renditions(CARD_IMAGE_SPEC))
    )


def prefetch_card_data(stories: Sequence[ArticlePage]) -> None:
    """`with_card_data` for stories already fetched, in two queries for all of them."""
    from dateline.images.models import NewsImage

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


def paginate(request: HttpRequest, stories: QuerySet[ArticlePage], sections: Sequence[SectionPage]) -> Page:
    """One page of a list; a page number that is not a page of it is a 404, never a 500."""
    paginator = Paginator(with_card_data(stories), STORIES_PER_PAGE, allow_empty_first_page=True)
    raw_number = request.GET.get("page", "1")
    if len(raw_number) > 9:
        raise Http404("No such page")
    try:
        page = paginator.page(raw_number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("No such page") from error
    page.object_list = list(page.object_list)
    attach_sections(page.object_list, sections)
    tag_stories(request, page.object_list)
    return page


def tag_stories(request: HttpRequest, stories: Iterable[ArticlePage]) -> None:
    """File a list page under each story and lead image it shows."""
    for story in stories:
        cache_tags.add(request, cache_tags.page(story.pk))
        if story.lead_image_id:
            cache_tags.add(request, cache_tags.image(story.lead_image_id))
