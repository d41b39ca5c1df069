"""Template context for every page of the reader site: the edition, its sections, the others."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dateline.editions import navigation, newsfeed


def edition(request: HttpRequest) -> dict[str, Any]:
    # Lazy, so that newsroom pages, which never show them, never load them. The template reads
    # live_since before the newsfeed, so replay starts no later than what the page shows.
    return {
        "edition": SimpleLazyObject(lambda: navigation.current_edition(request)),
        "editions": SimpleLazyObject(lambda: navigation.editions(request)),
        "sections": SimpleLazyObject(lambda: navigation.sections(request)),
        "newsfeed": SimpleLazyObject(lambda: newsfeed.latest(request)),
        "live_since": SimpleLazyObject(lambda: newsfeed.last_event_id(request)),
        "site_name": settings.SITE_NAME,
    }
