"""What every page type readers see shares: it is public content, and its privacy settings are
read once per content version rather than with a query on every request."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
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


class ReaderPageMixin:
    """For the page types readers see: public content (the same for every anonymous reader), and
    Wagtail's check for privacy settings before serving a page (two queries) answered from
    `restricted_paths` when none applies."""

    path: str

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Serve the page as public content (`dateline.core.public`); Wagtail has checked its
        privacy settings by now. A newsroom preview is never public."""
        if not getattr(request, "is_preview", False):
            declare_public_content(request)
        return super().serve(request, *args, **kwargs)  # type: ignore[misc]

    def get_view_restrictions(self) -> Any:
        if not any(self.path.startswith(path) for path in restricted_paths(None)):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]
