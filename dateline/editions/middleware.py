"""Wagtail's site lookup, answered from what the process remembers of the editions."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from dateline.core import versioned
from dateline.editions import navigation


class EditionSiteMiddleware:
    """Answers Wagtail's per-request site lookup from what the process remembers per host
    (saving a site is a change of content, so the answer is never stale)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The raw host, as Wagtail reads it: ALLOWED_HOSTS is Django's to enforce, later.
        raw_host = request._get_raw_host()  # type: ignore[attr-defined]
        key = ("site", split_domain_port(raw_host)[0], request.get_port())
        request._wagtail_site = versioned.remembered(  # type: ignore[attr-defined]
            key, request, lambda: self.find_site(request)
        )
        return self.get_response(request)

    @staticmethod
    def find_site(request: HttpRequest) -> Any:
        """The site, its root already the specific edition home: Wagtail's routing then finds the
        request's edition through `HomePage.localized` without asking the database."""
        site = Site._find_for_request(request)
        if site is not None:
            for edition in navigation.editions(request):
                if edition.home.pk == site.root_page_id:
                    site.root_page = edition.home
        return site
