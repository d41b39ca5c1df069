"""Template tags for every reader page: the page's <head> metadata (templates/jinja2/layout/page_meta.html,
for Django's pages and, through `editions/jinja2tags.py`, Jinja2's)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from dateline.core import jinja, versioned
from dateline.core.links import absolute

register = template.Library()

# OpenGraph wants a territory with the language.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "ar": "ar_AR"}


@register.filter
def absolute_url(url: str) -> str:
    return absolute(url)


def edition_alternates(page: Any) -> tuple[tuple[str, str], ...]:
    """An edition home's or a section's versions in the other editions: (language, address).
    Remembered per content version, as every such page shows them."""
    return tuple(
        (other.locale.language_code, absolute(other.url))
        for other in page.get_translations().live().select_related("locale")
    )


@register.simple_tag(takes_context=True)
def page_meta(context: Mapping[str, Any], page: Any, stories: Any = None) -> SafeString:
    """Canonical address, description, alternates in the other editions and OpenGraph basics;
    `stories`, the page of a story list shown, names its number in the canonical address."""
    request = context["request"]
    path = request.path
    if stories is not None and stories.number > 1:
        path = f"{path}?page={stories.number}"
    alternates: Sequence[tuple[str, str]] = ()
    translations = context.get("translations")
    if translations is not None:
        alternates = [(p.locale.language_code, absolute(p.url)) for p in translations]
    elif page is not None and page.depth <= 3 and request.path == page.url:
        alternates = versioned.remembered_per_object(
            "edition-alternates", page.pk, request, lambda: edition_alternates(page), keep=256
        )
    edition = context.get("edition")
    language = edition.language_code if edition else settings.LANGUAGE_CODE
    return jinja.render(
        "layout/page_meta.html",
        canonical=absolute(path),
        language=language,
        og_locale=OG_LOCALES.get(language, language),
        alternates=alternates,
        description=(
            getattr(page, "search_description", "") or getattr(page, "lede", "") or getattr(page, "blurb", "")
        ),
        og_type="article" if hasattr(page, "lede") else "website",
        title=context.get("meta_title") or getattr(page, "seo_title", "") or getattr(page, "title", ""),
        site_name=settings.SITE_NAME,
    )


@register.simple_tag(takes_context=True)
def archive_month_url(context: template.Context, month: Any) -> str:
    """The address of a month of the edition's archive, e.g. /en/archive/2026/12/."""
    edition = context["edition"]
    return edition.url + edition.home.reverse_subpage(
        "archive_month", kwargs={"year": f"{month.year:04d}", "month": f"{month.month:02d}"}
    )
