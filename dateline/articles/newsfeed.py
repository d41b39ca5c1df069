"""The Newsfeed: an edition's latest headlines on every page, kept current through the live stream.

Pages carry the headlines as they were when rendered and the id of the last event at that moment;
the stream replays what was published since, so a cached page never shows a stale feed for long.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from dateline.articles import listing
from dateline.articles.models import ArticlePage
from dateline.core import cache_tags, versioned
from dateline.editions import navigation
from dateline.live import streams
from dateline.live.events import publish_on_commit

SIZE = 20


def stream(language_code: str) -> str:
    return streams.edition_stream("newsfeed", language_code)


def story_payload(story: ArticlePage) -> dict[str, Any]:
    published = story.first_published_at or timezone.now()
    return {
        "id": story.pk,
        "title": story.title,
        "url": story.url,
        "published": published.isoformat(),
        "published_ms": int(published.timestamp() * 1000),
    }


def last_event_id(request: HttpRequest | None = None) -> int:
    """Where a page rendered now resumes the stream from."""
    return versioned.newest_event_id(request)


def latest(request: HttpRequest) -> list[dict[str, Any]]:
    """The current edition's latest headlines, filed under the page's cache tags."""
    edition = navigation.current_edition(request)
    if edition is None:
        return []
    cache_tags.add(request, cache_tags.home(edition.locale_id))

    def headlines() -> list[dict[str, Any]]:
        stories = listing.published_stories(edition.locale_id, request).only(
            "id", "title", "url_path", "first_published_at", "locale_id", "path", "depth"
        )[:SIZE]
        return [story_payload(story) for story in stories]

    return versioned.remembered(("newsfeed", edition.locale_id), request, headlines)


def notify_published(story: ArticlePage) -> None:
    # The content API's changes feed tells a first publication from a later one (Wagtail gives a
    # story its first and last publication times together only the first time).
    updated = story.first_published_at != story.last_published_at
    publish_on_commit(
        stream(story.locale.language_code), "story", {**story_payload(story), "updated": updated}
    )


def notify_withdrawn(story: ArticlePage) -> None:
    publish_on_commit(stream(story.locale.language_code), "story-withdrawn", {"id": story.pk})
