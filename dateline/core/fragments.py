"""Fragments every page shares (the Newsfeed panel, the sections' navigation, the footer), rendered
once per process and content version (`dateline.core.versioned`) instead of on every page: what
`{% remember %}` does in the layout's Jinja2 templates (`core/jinja2tags.py`).

The key names what the fragment depends on besides published content (the edition, the section in
view); the page's language is always part of it. Cache tags the fragment filed the page under are
remembered with it and filed again each time it is reused, so purges still find the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from dateline.core import cache_tags, versioned


def remember(
    request: HttpRequest | None, name: str, keys: Sequence[Any], render: Callable[[], str]
) -> SafeString:
    """The fragment `render()` gives, remembered under `name`, the language and `keys`."""
    key = ("fragment", name, translation.get_language(), *(str(value) for value in keys))

    def render_once() -> tuple[str, frozenset[str]]:
        before = set(cache_tags.of(request) or ()) if request is not None else set()
        html = render()
        after = set(cache_tags.of(request) or ()) if request is not None else set()
        return html, frozenset(after - before)

    html, tags = versioned.remembered(key, request, render_once)
    if request is not None and tags and cache_tags.of(request) is not None:
        cache_tags.add(request, *tags)
    return mark_safe(html)  # noqa: S308  (the fragment was rendered, and escaped, by its template)
