"""The edition a request belongs to, its sections and the other editions, loaded once a request."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language_info
from wagtail.models import Locale

from dateline.core import versioned
from dateline.editions.models import HomePage, InfoPage, SectionPage
from dateline.editions.reader_pages import public


@dataclass(frozen=True)
class Edition:
    """A language edition of the site, as the header and footer show it."""

    language_code: str
    name: str
    direction: str
    home: HomePage
    url: str

    @classmethod
    def of(cls, home: HomePage) -> Edition:
        info = get_language_info(home.locale.language_code)
        return cls(
            language_code=home.locale.language_code,
            name=info["name_local"],
            direction="rtl" if info["bidi"] else "ltr",
            home=home,
            url=home.url,
        )

    @property
    def locale_id(self) -> int:
        return self.home.locale_id

    @property
    def authors_url(self) -> str:
        return self.url + self.home.reverse_subpage("authors")

    @property
    def tags_url(self) -> str:
        return self.url + self.home.reverse_subpage("tags")

    @property
    def archive_url(self) -> str:
        return self.url + self.home.reverse_subpage("archive")


def _load_info_pages(request: HttpRequest) -> dict[int, list[InfoPage]]:
    ids = list(InfoPage.objects.order_by().values_list("pk", flat=True))
    by_edition: dict[int, list[InfoPage]] = {}
    pages = public(InfoPage.objects.live().filter(pk__in=ids), request).only(
        "id", "title", "slug", "url_path", "path", "depth", "locale_id"
    )
    for page in pages.order_by("path"):
        page.nav_url = page.url
        by_edition.setdefault(page.locale_id, []).append(page)
    return by_edition


def editions(request: HttpRequest | None) -> list[Edition]:
    """Every live edition, in the order of settings.LANGUAGES."""
    return versioned.remembered(
        "editions", request, lambda: [Edition.of(home) for home in HomePage.edition_homes(request)]
    )


def page_url(request: HttpRequest | None, locale_id: int, url_path: str) -> str | None:
    """The address of the page at `url_path` in the edition of `locale_id`, as Wagtail's `get_url`
    gives it, worked out from the edition's remembered address (Wagtail reverses a route per page);
    None for a page outside every edition."""
    for edition in editions(request):
        if edition.locale_id == locale_id and url_path.startswith(edition.home.url_path):
            return iri_to_uri(edition.url + url_path[len(edition.home.url_path) :])
    return None


def current_edition(request: HttpRequest) -> Edition | None:
    """The edition of the request's language prefix, or the first edition."""
    home = HomePage.current_home(request)
    if home is None:
        return None
    return next((edition for edition in editions(request) if edition.home.pk == home.pk), None)


def edition_home(request: HttpRequest, locale_id: int) -> HomePage | None:
    """The home page of the edition with this locale, without a query."""
    return next((e.home for e in editions(request) if e.locale_id == locale_id), None)


def sections(request: HttpRequest) -> list[SectionPage]:
    """The current edition's sections in menu order."""
    edition = current_edition(request)
    if edition is None:
        return []
    return SectionPage.menus(request).get(edition.locale_id, [])


def info_pages(request: HttpRequest) -> list[InfoPage]:
    """The current edition's pages about the publication (About, Contact, Privacy, Terms), in the
    newsroom's order, for the footer."""
    edition = current_edition(request)
    if edition is None:
        return []
    by_edition = versioned.remembered("info-pages", request, lambda: _load_info_pages(request))
    return by_edition.get(edition.locale_id, [])


def locales(request: HttpRequest | None) -> dict[int, Locale]:
    """Every locale by id (a page's `locale` without a query), remembered per content version: a
    locale is made before any page of it is published."""
    return versioned.remembered(
        "locales", request, lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )
