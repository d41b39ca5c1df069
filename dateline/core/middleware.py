"""Marks responses that every anonymous reader may share, for the page cache and for CDNs."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from dateline.core import cache_tags


class PublicCacheHeadersMiddleware:
    """A page that filed itself under cache tags, requested without a session, is public.

    It gets the configured `Cache-Control` and the tag header the ASGI page cache reads. Anything
    else is left alone, so personal pages and the newsroom are never shared.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        tags = cache_tags.of(request)
        if (
            tags is not None
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not response.cookies
            and not response.has_header("Cache-Control")
        ):
            response["Cache-Control"] = settings.DATELINE_PUBLIC_CACHE_CONTROL
            response[cache_tags.HEADER] = " ".join(sorted(tags))
        return response
