"""Cache tags: the names a cached page is filed under, so that a change purges exactly the pages
that show it.

A view adds tags to the request while it renders (`add`); for a view that declared its response
public content (`dateline.core.public`), `PublicCacheHeadersMiddleware` turns them into a response
header that the ASGI page cache reads and strips. A change publishes a purge event
with the tags it affects (`dateline.live.purge`), and every server process drops the pages filed
under any of them.
"""

from __future__ import annotations

from django.http import HttpRequest

HEADER = "X-Dateline-Cache-Tags"
EVERYTHING = "all"


def page(page_id: int) -> str:
    return f"page:{page_id}"


def edition(locale_id: int) -> str:
    """Every page of an edition, which all show its navigation."""
    return f"edition:{locale_id}"


def home(locale_id: int) -> str:
    """An edition's home page, which lists its latest stories."""
    return f"home:{locale_id}"


def section(section_id: int) -> str:
    return f"section:{section_id}"


def tag(locale_id: int, slug: str) -> str:
    return f"tag:{locale_id}:{slug}"


def author(author_id: int) -> str:
    return f"author:{author_id}"


def agency(agency_id: int) -> str:
    return f"agency:{agency_id}"


def image(image_id: int) -> str:
    return f"image:{image_id}"


def add(request: HttpRequest, *tags: str) -> None:
    """File the response to `request` under `tags` (which does not make it public)."""
    existing: set[str] | None = getattr(request, "cache_tags", None)
    if existing is None:
        existing = set()
        request.cache_tags = existing  # type: ignore[attr-defined]
    existing.update(tags)


def of(request: HttpRequest) -> set[str] | None:
    """The tags the response to `request` was filed under, or None if it was filed under none."""
    return getattr(request, "cache_tags", None)
