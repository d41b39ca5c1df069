"""Stories related to a story: those sharing most of its tags, then the latest of its section.

The story's page is filed under the stories it shows, so withdrawing or changing one purges it; a
story published later shows up under it when the page is next rendered (the next purge of it or
its edition), which is soon enough for a list of further reading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import HttpRequest
from taggit.models import Tag

from dateline.articles import listing, queries
from dateline.articles.cards import Card
from dateline.articles.models import ArticlePage, ArticleTag
from dateline.editions import navigation

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
    stories = listing.published_stories(story.locale_id, request).exclude(pk=story.pk)
    tag_ids = [tag.pk for tag in (story.tags.all() if tags is None else tags)]
    chosen: list[int] = []
    if tag_ids:
        chosen = sharing_most_tags(stories, tag_ids, limit)
    if len(chosen) < limit:
        section_path = story.path[: -story.steplen]
        chosen += list(
            stories.filter(path__startswith=section_path, depth=story.depth)
            .exclude(pk__in=chosen)
            .values_list("pk", flat=True)[: limit - len(chosen)]
        )
    if not chosen:
        return []
    found = listing.cards(request, chosen, story.locale_id)
    related = [found[pk] for pk in chosen if pk in found]
    listing.attach_sections(related, navigation.sections(request))
    listing.tag_stories(request, related)
    return related


def sharing_most_tags(stories: QuerySet[ArticlePage], tag_ids: list[int], limit: int) -> list[int]:
    """Among `stories`, up to `limit` ids of those sharing most of `tag_ids`, newest among equals,
    looking at the `CANDIDATES_PER_TAG` most recently tagged stories of each tag.

    One statement reads each tag's index (tag, id) backwards instead of joining every story that
    carries it (`queries.newest_tagged`); the shared tags are counted here."""
    tagged = set(queries.newest_tagged(ArticleTag, tag_ids, CANDIDATES_PER_TAG))
    shared = Counter(story_id for _tag_id, story_id in tagged)
    if not shared:
        return []
    published = stories.order_by().filter(pk__in=list(shared)).values_list("pk", "first_published_at")
    ranked = sorted(published, key=lambda row: (shared[row[0]], row[1], row[0]), reverse=True)
    return [pk for pk, _published_at in ranked[:limit]]
