"""The edition a request belongs to, its sections and the other editions, loaded once a request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import get_language_info

if TYPE_CHECKING:
    from dateline.editions.models import HomePage, SectionPage


@dataclass(frozen=True)
class Edition:
    """A language edition of the site, as the header and footer show it."""

    language_code: str
    name: str
    direction: str
    home: HomePage

    @property
    def locale_id(self) -> int:
        return self.home.locale_id

    @property
    def url(self) -> str:
        return self.home.url


def _load_editions() -> list[Edition]:
    from dateline.editions.models import HomePage

    homes = HomePage.objects.live().select_related("locale").order_by("locale__language_code")
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
            )
        )
    editions.sort(key=lambda e: order.index(e.language_code) if e.language_code in order else len(order))
    return editions


def editions(request: HttpRequest) -> list[Edition]:
    """Every live edition, in the order of settings.LANGUAGES."""
    if not hasattr(request, "_dateline_editions"):
        request._dateline_editions = _load_editions()  # type: ignore[attr-defined]
    return request._dateline_editions  # type: ignore[attr-defined]


def current_edition(request: HttpRequest) -> Edition | None:
    """The edition of the request's language prefix, or the first edition."""
    available = editions(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    for edition in available:
        if edition.language_code == language:
            return edition
    return available[0] if available else None


def sections(request: HttpRequest) -> list[SectionPage]:
    """The current edition's sections in menu order."""
    if not hasattr(request, "_dateline_sections"):
        from dateline.editions.models import SectionPage

        edition = current_edition(request)
        found: list[SectionPage] = []
        if edition is not None:
            found = list(
                SectionPage.objects.live()
                .public()
                .child_of(edition.home)
                .filter(show_in_menus=True)
                .order_by("path")
            )
        request._dateline_sections = found  # type: ignore[attr-defined]
    return request._dateline_sections  # type: ignore[attr-defined]
