"""Stories related to a story: those sharing most of its tags, then the latest of its section.

The story's page is filed under the stories it shows, so withdrawing or changing one purges it; a
story published later shows up under it when the page is next rendered (the next purge of it or
its edition), which is soon enough for a list of further reading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.http import HttpRequest
from taggit.models import Tag

from dateline.articles import listing, queries
from dateline.articles.cards import Card
from dateline.articles.models import ArticlePage, ArticleTag
from dateline.editions import navigation
from dateline.editions.reader_pages import restricted_paths

RELATED_STORIES = 4
# Stories looked at per tag, the most recently tagged: a common tag is on tens of thousands of
# stories, and counting shared tags over all of them took an uncached story page 0.2 s at 100,000
# stories (bench/README.md, "Pages").
CANDIDATES_PER_TAG = 50


def related_stories(
    story: ArticlePage,
    request: HttpRequest,
    limit: int = RELATED_STORIES,
    tags: Sequence[Tag] | None = None,
) -> list[Card]:
    """The cards of up to `limit` live stories of the same edition: most shared tags first (newest among
    equals), then the newest of the story's section. `tags` are the story's, if the page has
    them already."""
    restricted = restricted_paths(request)
    tag_ids = [tag.pk for tag in (story.tags.all() if tags is None else tags)]
    chosen: list[int] = []
    if tag_ids:
        chosen = sharing_most_tags(story, tag_ids, limit, restricted)
    if len(chosen) < limit:
        chosen += queries.newest_in_section(
            ArticlePage,
            story.locale_id,
            story.path[: -story.steplen],
            story.depth,
            [story.pk, *chosen],
            restricted,
            limit - len(chosen),
        )
    if not chosen:
        return []
    found = listing.cards(request, chosen, story.locale_id)
    related = [found[pk] for pk in chosen if pk in found]
    listing.attach_sections(related, navigation.sections(request))
    listing.tag_stories(request, related)
    return related


def sharing_most_tags(
    story: ArticlePage, tag_ids: list[int], limit: int, restricted_paths: Sequence[str] = ()
) -> list[int]:
    """Up to `limit` ids of the live stories of `story`'s edition sharing most of `tag_ids`, newest
    among equals, looking at the `CANDIDATES_PER_TAG` most recently tagged stories of each tag;
    `story` itself and the pages under `restricted_paths` left out.

    One statement reads each tag's index (tag, id) backwards instead of joining every story that
    carries it (`queries.newest_tagged`); the shared tags are counted here."""
    tagged = set(queries.newest_tagged(ArticleTag, tag_ids, CANDIDATES_PER_TAG))
    shared = Counter(story_id for _tag_id, story_id in tagged)
    if not shared:
        return []
    newest_first = queries.published_among(
        ArticlePage, story.locale_id, list(shared), story.pk, restricted_paths
    )
    # A stable sort: the newest first among stories sharing as many tags.
    return sorted(newest_first, key=lambda story_id: shared[story_id], reverse=True)[:limit]
