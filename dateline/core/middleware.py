"""Marks responses that every anonymous reader may share, for the page cache and for CDNs; keeps
answers that belong to no edition out of the editions' language redirects."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware

from dateline.core import cache_tags, public, surrogate_keys, versioned


class PublicCacheHeadersMiddleware:
    """A page whose view declared it public content (`dateline.core.public`), requested without a
    session, is public.

    It gets the configured `Cache-Control` and the tag header the ASGI page cache reads, with the
    tags the page filed itself under (none is fine: such a page is dropped only by a purge of
    everything), and with a CDN configured the same tags as the CDN's keys
    (`dateline.core.surrogate_keys`). Anything else is left alone, so personal pages and the
    newsroom are never shared.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            public.is_declared(request)
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not response.cookies
            and not response.has_header("Cache-Control")
        ):
            response["Cache-Control"] = settings.DATELINE_PUBLIC_CACHE_CONTROL
            tags = cache_tags.of(request) or set()
            response[cache_tags.HEADER] = " ".join(sorted(tags))
            if settings.DATELINE_CDN_PURGE:
                for name, value in surrogate_keys.headers(tags).items():
                    response[name] = value
        return response


class ContentVersionMiddleware:
    """Binds the request to `dateline.core.versioned` for code Wagtail calls without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with versioned.as_current_request(request):
            return self.get_response(request)


def mark_outside_editions(request: HttpRequest) -> None:
    """Say that the answer to `request` belongs to no edition (the content API)."""
    request.outside_editions = True  # type: ignore[attr-defined]


class EditionLocaleMiddleware(LocaleMiddleware):
    """Django's, except for answers marked `mark_outside_editions`: Django sends a 404 at an
    address without a language prefix to the same address under one, and under an edition every
    address is some page's (Wagtail's routes), so the API's 404 problems became redirects."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "outside_editions", False):
            return response
        return super().process_response(request, response)
