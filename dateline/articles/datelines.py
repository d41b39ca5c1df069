"""Datelines typed into a story's first paragraph ("TOKYO, September 11 (RIA Novosti) – …").

Agency copy arrives with its dateline in the text. Left there, readers would see it twice: once
from the dateline fields, once as typed. `typed_dateline` finds one (English and Russian forms,
with any of the dashes –, — or -), `without_typed_dateline` takes it out of a paragraph's HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.html import strip_tags

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY = r"[0-3]?\d"
TYPED_DATELINE = re.compile(
    rf"""^\s*
    (?P<place>[^\W\d_](?:[^,()\n–—-]|(?<=\w)-(?=\w)){{0,60}}?)\s*
    (?:,\s*(?:(?P<month>{MONTH})\.?\s+(?P<day>{DAY})|(?P<day_first>{DAY})\s+(?P<month_after>{MONTH}))\b)?
    \s*(?:\((?P<agency>[^()\n]{{1,80}})\))?
    \s*(?:[–—]|-(?!\w)|(?<!\w)-)\s*""",
    re.IGNORECASE | re.VERBOSE,
)
OPENING_TAG = re.compile(r"^\s*<p\b[^>]*>")


@dataclass(frozen=True)
class TypedDateline:
    """A dateline found at the start of a paragraph: its parts, and the text it took up."""

    text: str
    place: str
    day: date | None
    agency: str

    @property
    def place_name(self) -> str:
        """The place as the dateline field takes it: "TOKYO" becomes "Tokyo"."""
        return self.place.title() if self.place.isupper() else self.place


def typed_dateline(paragraph_html: str, today: date | None = None) -> TypedDateline | None:
    """The dateline a paragraph starts with, if it has one with a date or an agency in it."""
    text = html.unescape(strip_tags(paragraph_html))
    match = TYPED_DATELINE.match(text)
    if not match:
        return None
    has_date = bool(match["month"] or match["month_after"])
    # Without a date, only a capitalised place before an agency is a dateline, not "(…) –" in prose.
    if not (has_date or (match["agency"] and match["place"].strip().isupper())):
        return None
    day = None
    if has_date:
        month = MONTHS[(match["month"] or match["month_after"]).lower()]
        day = dated(month, int(match["day"] or match["day_first"]), today or timezone.localdate())
    return TypedDateline(
        text=match.group(0), place=match["place"].strip(), day=day, agency=(match["agency"] or "").strip()
    )


def dated(month: int, day: int, today: date) -> date | None:
    """The most recent `month`/`day` up to tomorrow (agency copy is dated where it was filed)."""
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if (candidate - today).days <= 1:
            return candidate
    return None


def without_typed_dateline(paragraph_html: str, dateline: TypedDateline) -> str:
    """The paragraph's HTML with the dateline's text taken off its start.

    Tags inside the dateline (a bold place name) go with it; entities count as the one character
    they stand for.
    """
    opening = OPENING_TAG.match(paragraph_html)
    start = opening.end() if opening else 0
    position, left = start, len(dateline.text)
    while left > 0 and position < len(paragraph_html):
        if paragraph_html[position] == "<":
            position = paragraph_html.index(">", position) + 1
            continue
        if paragraph_html[position] == "&" and (entity := re.match(r"&#?\w+;", paragraph_html[position:])):
            position += entity.end()
        else:
            position += 1
        left -= 1
    return paragraph_html[:start] + paragraph_html[position:]
