"""Story lists: the querysets behind home, section, tag and author pages.

Every list fetches its cards with a fixed number of queries, however many stories it shows: the
stories with their lead images in one statement, the images' renditions in another
(`cards`), and the section from the edition's navigation, which the page has already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.http import HttpRequest

from dateline.articles import queries
from dateline.articles.cards import CARD_IMAGE_SPEC, Card
from dateline.articles.models import ArticlePage
from dateline.core import cache_tags, pagination, rows
from dateline.editions.models import SectionPage
from dateline.editions.reader_pages import public, restricted_paths
from dateline.images.models import NewsImage
from dateline.images.pictures import ImageFacts, pictures

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


def cards(request: HttpRequest | None, story_ids: Sequence[int], locale_id: int) -> dict[int, Card]:
    """The cards of the stories among `story_ids` that a reader of the edition may see (live, in
    the edition, not behind a privacy setting), by id; their sections are not attached."""
    shown = queries.card_rows(ArticlePage, NewsImage, story_ids, locale_id, restricted_paths(request))
    images = {row[8]: ImageFacts(row[8], *row[9:16]) for row in shown if row[8] is not None}
    shown_pictures = pictures(list(images.values()), CARD_IMAGE_SPEC)
    published_at = ArticlePage._meta.get_field("first_published_at")
    return {
        row[0]: Card(
            pk=row[0],
            title=row[1],
            url_path=row[2],
            path=row[3],
            locale_id=locale_id,
            content_type_id=row[4],
            first_published_at=rows.value_of(published_at, row[5]),
            kicker=row[6],
            lede=row[7],
            lead_image_id=row[8],
            picture=shown_pictures.get(row[8]) if row[8] is not None else None,
        )
        for row in shown
    }


def in_section(stories: QuerySet[ArticlePage], section: SectionPage) -> QuerySet[ArticlePage]:
    return stories.filter(path__startswith=section.path, depth=section.depth + 1)


def attach_sections(stories: Iterable[Card | ArticlePage], sections: Sequence[SectionPage]) -> None:
    """Give each story its section from the already loaded navigation, without a query."""
    by_path = {section.path: section for section in sections}
    for story in stories:
        parent_path = story.path[: -story.steplen]
        story.__dict__["section"] = by_path.get(parent_path)


def paginate(
    request: HttpRequest, stories: QuerySet[ArticlePage], locale_id: int, sections: Sequence[SectionPage]
) -> pagination.UncountedPage[Card]:
    """One page of a list of the edition's stories, as cards; a page number that is not a page of
    it is a 404, never a 500."""
    number = pagination.page_number(request.GET.get("page"))
    ids = pagination.page_of(stories.values_list("pk", flat=True), number, STORIES_PER_PAGE)
    found = cards(request, ids.object_list, locale_id)
    page = pagination.UncountedPage(
        [found[pk] for pk in ids.object_list if pk in found], number, ids.has_next
    )
    attach_sections(page.object_list, sections)
    tag_stories(request, page.object_list)
    return page


def tag_stories(request: HttpRequest, stories: Iterable[Card | ArticlePage]) -> None:
    """File a list page under each story and lead image it shows."""
    for story in stories:
        cache_tags.add(request, cache_tags.page(story.pk))
        if story.lead_image_id:
            cache_tags.add(request, cache_tags.image(story.lead_image_id))
