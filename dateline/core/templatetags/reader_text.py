"""Filters for text readers wrote (names, comments, reasons), wherever a template shows it:

- `{{ name|isolated }}` in markup: escaped, marks clipped, inside `<bdi>` so that its direction
  stays inside;
- `{{ name|isolated_text }}` in plain text (a page's title, an e-mail): the same with Unicode's
  isolate characters instead of the element;
- `{{ body|reader_text }}` inside an element of its own that isolates it (`dir="auto"`).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.core import reader_text as text

register = template.Library()


@register.filter
def isolated(value: Any) -> SafeString | str:
    """ "" for nothing, so that `|default:` can follow."""
    if value is None or value == "":
        return ""
    return mark_safe(f"<bdi>{escape(text.clip_marks(str(value)))}</bdi>")  # noqa: S308  (escaped)


@register.filter
def isolated_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    return text.isolated_text(str(value))


@register.filter
def reader_text(value: Any) -> str:
    return text.clip_marks(str(value or ""))
