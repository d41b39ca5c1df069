"""Template context for every page of the reader site: the Newsfeed's headlines."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dateline.articles import newsfeed


def newsfeed_headlines(request: HttpRequest) -> dict[str, Any]:
    # Lazy, so that newsroom pages, which never show them, never load them. The template reads
    # live_since before the newsfeed, so replay starts no later than what the page shows.
    return {
        "newsfeed": SimpleLazyObject(lambda: newsfeed.latest(request)),
        "live_since": SimpleLazyObject(lambda: newsfeed.last_event_id(request)),
    }
