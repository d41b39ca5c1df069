"""What every page type readers see shares: it is public content, its privacy settings are read
once per content version rather than with a query on every request, and its address is made
without a language switch and a URL reversal for every link to it."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction

from dateline.core import versioned
from dateline.core.public import declare as declare_public_content

P = TypeVar("P", bound=Page)


def restricted_paths(request: HttpRequest | None) -> list[str]:
    """The tree paths of pages behind a privacy setting (saving one purges everything)."""
    return versioned.remembered(
        "restricted-paths",
        request,
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public(pages: QuerySet[P], request: HttpRequest | None) -> QuerySet[P]:
    """`pages` without those behind a privacy setting, which Wagtail's `public()` finds with a
    query each time it is called; here the restrictions are read once per content version."""
    for path in restricted_paths(request):
        pages = pages.exclude(path__startswith=path)
    return pages


# What Wagtail's `wagtail_serve` route takes (wagtail/urls.py), and the characters Django's
# `reverse` leaves unquoted.
SERVED_PATH = re.compile(r"(?:[\w\-]+/)*")
UNQUOTED = RFC3986_SUBDELIMS + "/~:@"


@lru_cache(maxsize=64)
def served_prefix(resolver: URLResolver, script_prefix: str, language_code: str) -> str:
    """Where `wagtail_serve` starts in `language_code` ("/en/"), for the URL configuration whose
    resolver is given (a new one when the configuration changes) and the script prefix."""
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",))


class ReaderPageMixin:
    """For the page types readers see: public content (the same for every anonymous reader), and
    Wagtail's check for privacy settings before serving a page (two queries) answered from
    `restricted_paths` when none applies."""

    path: str
    url_path: str

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Serve the page as public content (`dateline.core.public`); Wagtail has checked its
        privacy settings by now. A newsroom preview is never public."""
        if not getattr(request, "is_preview", False):
            declare_public_content(request)
        return super().serve(request, *args, **kwargs)  # type: ignore[misc]

    @property
    def url(self) -> Any:
        """Wagtail's `url`, worked out once per page object for its path and the active language: a
        story's page asks for its own address five times (its link, its metadata, its share links)."""
        key = (self.url_path, translation.get_language())
        known = self.__dict__.get("_address")
        if known is None or known[0] != key:
            known = (key, self.get_url())  # type: ignore[attr-defined]
            self.__dict__["_address"] = known
        return known[1]

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        """Wagtail's (site id, site root URL, path), with the path made as Wagtail's `reverse`
        under the page's language makes it, from the route's start in that language remembered
        once: a front page links some forty stories. Anything unusual (a page in several sites,
        a path the route would refuse) takes Wagtail's own way."""
        # Wagtail keeps the sites' root paths on the request it is given: once per request, where
        # without one every address read them from Django's cache again.
        sites = self._get_relevant_site_root_paths(request or versioned.current_request())  # type: ignore[attr-defined]
        if len({site[0] for site in sites}) != 1 or not getattr(settings, "WAGTAIL_APPEND_SLASH", True):
            return super().get_url_parts(request)  # type: ignore[misc]
        site_id, root_path, root_url, language_code = sites[0]
        rest = self.url_path[len(root_path) :]
        if not SERVED_PATH.fullmatch(rest):
            return super().get_url_parts(request)  # type: ignore[misc]
        active = translation.get_language()
        try:
            if get_supported_content_language_variant(active) == language_code:
                language_code = active
        except LookupError:
            pass
        try:
            prefix = served_prefix(get_resolver(get_urlconf()), get_script_prefix(), language_code)
        except NoReverseMatch:
            return super().get_url_parts(request)  # type: ignore[misc]
        return (site_id, root_url, prefix + quote(rest, safe=UNQUOTED))

    def get_view_restrictions(self) -> Any:
        if not any(self.path.startswith(path) for path in restricted_paths(None)):
            return no_restrictions()
        return super().get_view_restrictions()  # type: ignore[misc]


@cache
def no_restrictions() -> QuerySet[PageViewRestriction]:
    """No privacy settings, as a queryset already evaluated: Wagtail's serve hook iterates it on
    every request, which compiled an empty query each time. (Chaining it gives a new, empty one.)"""
    nothing = PageViewRestriction.objects.none()
    list(nothing)
    return nothing
