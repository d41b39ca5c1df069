"""Values every format has, read the same way: version, urgency, status, language, lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from dateline.wire.formats import text as wire_text
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.items import CANCELED, LEAST_URGENT, MOST_URGENT, USABLE, WITHHELD, PubStatus

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
STATUSES: dict[str, PubStatus] = {
    "usable": USABLE,
    "withheld": WITHHELD,
    "canceled": CANCELED,
    "cancelled": CANCELED,
    "embargoed": USABLE,  # NITF's: usable once the embargo (its date.release) has passed
}
MAX_LIST = 200


def string(value: Any) -> str:
    """A JSON value as cleaned text: strings and numbers, nothing else."""
    if isinstance(value, str):
        return wire_text.clean(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def version(value: Any) -> int:
    """An item's version: a whole number from 1 (an absent version is the first)."""
    raw = string(value)
    if not raw:
        return 1
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise QuarantineError("bad-version", value=raw[:40])
    return int(raw)


def urgency(value: Any) -> int | None:
    """IPTC's urgency, 1 (flash) to 9 (least); anything else is no urgency given."""
    raw = string(value)
    if raw.isdigit() and MOST_URGENT <= int(raw) <= LEAST_URGENT:
        return int(raw)
    return None


def status(value: Any) -> PubStatus:
    """IPTC's publication status from "usable", "stat:canceled", "http://cv.iptc.org/…/withheld"…"""
    raw = string(value).lower().rstrip("/")
    code = re.split(r"[:/]", raw)[-1] if raw else ""
    return STATUSES.get(code, USABLE)


def language(value: Any) -> str:
    """A BCP 47 language tag in its usual case ("en", "ru", "en-GB"); "" if it is not one."""
    raw = string(value).replace("_", "-")
    if not LANGUAGE_TAG.match(raw):
        return ""
    primary, *rest = raw.split("-")
    return "-".join([primary.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, each once, in their order (at most MAX_LIST)."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
            if len(seen) >= MAX_LIST:
                break
    return tuple(seen)


def code_tail(value: str) -> str:
    """The last part of a qcode or URI: "nprov:RIA" → "RIA", "http://…/provider/AFP" → "AFP"."""
    return re.split(r"[:/#]", value.rstrip("/"))[-1] if value else ""


# A wire dateline opening a story: "TOKYO, September 11 (Agency) – …", "MOSCOW (Agency) - …".
DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_.'-]*(?:[ .'-]+[^\W\d_][^\W\d_.'-]*){0,3}),?[^()\n]{0,40}?"
    r"\((?P<agency>[^()]{1,40})\)\s*[-–—]"
)


def place(value: str) -> str:
    """A dateline's place as a name: wire copy writes it in capitals ("NEW YORK" → "New York")."""
    value = wire_text.clean(value)
    return value.title() if value.isupper() else value


def dateline_in(paragraph: str) -> tuple[str, str]:
    """The place and agency of the dateline opening `paragraph`, or ("", "")."""
    match = DATELINE.match(paragraph)
    if not match:
        return "", ""
    return place(match.group("place")), wire_text.clean(match.group("agency"))
