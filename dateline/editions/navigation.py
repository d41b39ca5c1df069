"""The edition a request belongs to, its sections and the other editions, loaded once a request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import get_language_info

from dateline.core import versioned

if TYPE_CHECKING:
    from wagtail.models import Page

    from dateline.editions.models import HomePage, SectionPage


P = TypeVar("P", bound="Page")


@dataclass(frozen=True)
class Edition:
    """A language edition of the site, as the header and footer show it."""

    language_code: str
    name: str
    direction: str
    home: HomePage
    url: str

    @property
    def locale_id(self) -> int:
        return self.home.locale_id


def _load_editions() -> list[Edition]:
    from dateline.editions.models import HomePage

    # Ids first, from the small table: joined to wagtailcore_page, SQLite (without table
    # statistics) walks every page of the site to find the few homes.
    homes = (
        HomePage.objects.live()
        .filter(pk__in=list(HomePage.objects.order_by().values_list("pk", flat=True)))
        .select_related("locale")
    )
    order = [code for code, _name in settings.LANGUAGES]
    editions = []
    for home in homes:
        code = home.locale.language_code
        info = get_language_info(code)
        editions.append(
            Edition(
                language_code=code,
                name=info["name_local"],
                direction="rtl" if info["bidi"] else "ltr",
                home=home,
                url=home.url,
            )
        )
    editions.sort(key=lambda e: order.index(e.language_code) if e.language_code in order else len(order))
    return editions


def _load_sections(request: HttpRequest) -> dict[int, list[SectionPage]]:
    from dateline.editions.models import SectionPage

    ids = list(SectionPage.objects.order_by().values_list("pk", flat=True))
    by_edition: dict[int, list[SectionPage]] = {}
    sections = public(SectionPage.objects.live().filter(pk__in=ids, show_in_menus=True), request)
    for section in sections.order_by("path"):
        section.nav_url = section.url  # worked out once per version, not on every page
        by_edition.setdefault(section.locale_id, []).append(section)
    return by_edition


def editions(request: HttpRequest) -> list[Edition]:
    """Every live edition, in the order of settings.LANGUAGES."""
    return versioned.remembered("editions", request, _load_editions)


def current_edition(request: HttpRequest) -> Edition | None:
    """The edition of the request's language prefix, or the first edition."""
    available = editions(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    for edition in available:
        if edition.language_code == language:
            return edition
    return available[0] if available else None


def edition_home(request: HttpRequest, locale_id: int) -> HomePage | None:
    """The home page of the edition with this locale, without a query."""
    return next((e.home for e in editions(request) if e.locale_id == locale_id), None)


def sections(request: HttpRequest) -> list[SectionPage]:
    """The current edition's sections in menu order."""
    edition = current_edition(request)
    if edition is None:
        return []
    by_edition = versioned.remembered("sections", request, lambda: _load_sections(request))
    return by_edition.get(edition.locale_id, [])


def restricted_paths(request: HttpRequest | None) -> list[str]:
    """The tree paths of pages behind a privacy setting (saving one purges everything)."""
    from wagtail.models import PageViewRestriction

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
    """For the page types readers see: Wagtail's check for privacy settings before serving a page
    costs two queries, answered here from `restricted_paths` when none applies."""

    path: str

    def get_view_restrictions(self) -> Any:
        from wagtail.models import PageViewRestriction

        if not any(self.path.startswith(path) for path in restricted_paths(None)):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]
