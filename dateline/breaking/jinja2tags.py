"""`breaking_banner()`: the edition's breaking-news banner, on every reader page
(templates/jinja2/layout/masthead.html)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from jinja2 import Environment, pass_context
from jinja2.ext import Extension

from dateline.breaking.models import BreakingNews
from dateline.core import cache_tags, jinja, versioned


def breaking_banner(context: Mapping[str, Any]) -> SafeString:
    """The active alert of the page's edition, or the empty live container breaking.js fills.

    Remembered until the next event (`dateline.core.versioned`). A cacheable page is filed under its edition, which marking or clearing an alert
    purges, so cached pages never show an alert that has changed.
    """
    edition = context.get("edition")
    if not edition:
        return SafeString("")
    request = context.get("request")
    alert = versioned.remembered(
        ("breaking", edition.locale_id), request, lambda: BreakingNews.objects.active(edition.locale_id)
    )
    if alert is not None and alert.ends_at <= timezone.now():
        alert = None  # expired since it was remembered; the worker is about to announce it
    if request is not None and cache_tags.of(request) is not None:
        cache_tags.add(request, cache_tags.edition(edition.locale_id))
    return jinja.render(
        "breaking/banner.html",
        alert=alert,
        url=alert.story.get_url(request) if alert else "",
        language_code=edition.language_code,
    )


class BreakingExtension(Extension):
    """Listed in TEMPLATES' Jinja2 `extensions`, as a Django app's template tags are loaded."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals["breaking_banner"] = pass_context(breaking_banner)


breaking = BreakingExtension
