"""An entry as HTML, the same for the page and for the live event that carries it to open pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from dateline.coverage.models import LiveEntry
from dateline.editions.models import HomePage

ENTRY_TEMPLATE = "coverage/includes/entry.html"
KEY_EVENT_TEMPLATE = "coverage/includes/key_event.html"


def render_entry(entry: LiveEntry) -> str:
    return _render(ENTRY_TEMPLATE, entry)


def render_key_event(entry: LiveEntry) -> str:
    return _render(KEY_EVENT_TEMPLATE, entry)


def _render(template_name: str, entry: LiveEntry) -> str:
    page = entry.page
    # As a reader of the page sees it, whatever language and time zone the editor works in.
    with (
        translation.override(page.locale.language_code),
        timezone.override(timezone.get_default_timezone()),
    ):
        return render_to_string(
            template_name, {"entry": entry, "page": page, "home": HomePage.for_locale(page.locale_id)}
        )
