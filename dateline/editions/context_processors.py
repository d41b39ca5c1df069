"""Template context for every page of the reader site: the edition, its sections, the others."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dateline.editions import navigation


def edition(request: HttpRequest) -> dict[str, Any]:
    # Lazy, so that newsroom pages, which never show them, never load them.
    return {
        "edition": SimpleLazyObject(lambda: navigation.current_edition(request)),
        "editions": SimpleLazyObject(lambda: navigation.editions(request)),
        "sections": SimpleLazyObject(lambda: navigation.sections(request)),
        "info_pages": SimpleLazyObject(lambda: navigation.info_pages(request)),
        "site_name": settings.SITE_NAME,
    }
