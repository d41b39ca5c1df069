"""Public content: the responses every anonymous reader may share, and only those.

A view says that what it shows is the same for every anonymous reader by declaring it
(`declare`, or the `public_content` decorator; Wagtail's reader pages do it as they are served).
Only such a response, made without a session, is marked public for CDNs and kept by the ASGI page
cache (`PublicCacheHeadersMiddleware`); cache tags alone say where a page is filed, not that it may
be shared.

A public page is kept under its path and the query parameters public pages read
(`SHARED_QUERY_PARAMETERS`), so a declared view sees only those: anything else in the query string
(a tracking parameter, a stranger's 60 KB of junk) is neither a new cache entry nor echoed back in
a link on the page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, QueryDict

# The query parameters reader pages read: the page of a list (`dateline.articles.listing`).
SHARED_QUERY_PARAMETERS = frozenset({"page"})

View = TypeVar("View", bound=Callable[..., Any])


def shared_query(query_string: str) -> str:
    """`query_string` with only the parameters public pages read, in their order, as they came."""
    if not query_string:
        return query_string
    return "&".join(
        part for part in query_string.split("&") if part.split("=", 1)[0] in SHARED_QUERY_PARAMETERS
    )


def declare(request: HttpRequest) -> None:
    """Say that the response to `request` is public content, and hide from the view the query
    parameters public pages do not read (the page cache keeps the page without them)."""
    request.public_content = True  # type: ignore[attr-defined]
    query_string = request.META.get("QUERY_STRING", "")
    shared = shared_query(query_string)
    if shared != query_string:
        request.META["QUERY_STRING"] = shared
        request.GET = QueryDict(shared, encoding=request.encoding)  # type: ignore[assignment]


def is_declared(request: HttpRequest) -> bool:
    """Whether the view declared its response public content."""
    return getattr(request, "public_content", False)


def public_content(view: View) -> View:
    """Decorate a view whose response is the same for every anonymous reader (`declare`)."""

    @functools.wraps(view)
    def declared(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        declare(request)
        return view(request, *args, **kwargs)

    return declared  # type: ignore[return-value]
