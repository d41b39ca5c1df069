"""What every reader page's Jinja2 templates show of the editions: `edition_switcher()`, and
`page_meta(page, stories)` (the same as Django's `{% page_meta %}`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.safestring import SafeString
from jinja2 import Environment, pass_context
from jinja2.ext import Extension

from dateline.core import jinja
from dateline.editions.templatetags.edition_tags import page_meta


def edition_switcher(context: Mapping[str, Any]) -> SafeString:
    """Links to the other editions: to this story's version in them where there is one."""
    edition = context.get("edition")
    editions = context.get("editions") or []
    translations = {page.locale.language_code: page for page in context.get("translations") or []}
    links = []
    for other in editions:
        target = translations.get(other.language_code)
        links.append(
            {
                "edition": other,
                "url": target.url if target else other.url,
                "current": edition is not None and other.language_code == edition.language_code,
            }
        )
    return jinja.render("layout/edition_switcher.html", links=links)


class EditionsExtension(Extension):
    """Listed in TEMPLATES' Jinja2 `extensions`, as a Django app's template tags are loaded."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            edition_switcher=pass_context(edition_switcher), page_meta=pass_context(page_meta)
        )


editions = EditionsExtension
