"""Marks responses that every anonymous reader may share, for the page cache and for CDNs."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from dateline.core import cache_tags, versioned


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


class ContentVersionMiddleware:
    """Binds the request to `dateline.core.versioned` for code Wagtail calls without a request,
    and answers Wagtail's per-request site lookup from what the process remembers per host
    (saving a site is a change of content, so the answer is never stale)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.http.request import split_domain_port

        # The raw host, as Wagtail reads it: ALLOWED_HOSTS is Django's to enforce, later.
        raw_host = request._get_raw_host()  # type: ignore[attr-defined]
        key = ("site", split_domain_port(raw_host)[0], request.get_port())
        request._wagtail_site = versioned.remembered(  # type: ignore[attr-defined]
            key, request, lambda: self.find_site(request)
        )
        with versioned.serving(request):
            return self.get_response(request)

    @staticmethod
    def find_site(request: HttpRequest) -> Any:
        """The site, its root already the specific edition home: Wagtail's routing then finds the
        request's edition through `HomePage.localized` without asking the database."""
        from wagtail.models import Site

        from dateline.editions import navigation

        site = Site._find_for_request(request)
        if site is not None:
            for edition in navigation.editions(request):
                if edition.home.pk == site.root_page_id:
                    site.root_page = edition.home
        return site
