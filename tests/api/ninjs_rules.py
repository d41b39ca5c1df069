"""The rules of IPTC's ninjs 3.3 and 2.4 schemas that Dateline's documents touch, written out as
our own checks (the IPTC publishes the schemas as JSON Schema; see iptc/newsinjson,
specification/ninjs-schema_3.3.json and ninjs-schema_2.4.json).

What is checked, for both versions: no property outside the schema at any level (the schemas close
every object), the required ones (`uri` on the document; `value` on headlines, descriptions and
bodies; `name` on renditions and associations, and `uri` on 2.4's associations too), the types
(strings, integers, arrays, objects), the formats (`uri`: absolute, with a scheme; `date-time`:
RFC 3339) and the enumerations (`type`, `pubStatus`, `representationType`).

Where 3.3 and 2.4 differ: 3.3 names properties in camelCase, 2.4 in lower case; 3.3 allows `rel`
on an association, 2.4 does not; 2.4's `type` has no `event` or `planning`; 2.4 rendition sizes
are numbers, 3.3's integers.
"""

from __future__ import annotations

import re
from typing import Any

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")

STRING, INTEGER, NUMBER, ARRAY, OBJECT = "string", "integer", "number", "array", "object"


def _text_item(content_type: str, extra: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "required": {"value"},
        "properties": {"role": STRING, content_type: STRING, "value": STRING, **(extra or {})},
    }


def _concept(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "required": set(),
        "properties": {"name": STRING, "rel": STRING, "uri": "uri", "literal": STRING, **(extra or {})},
    }


def _rules(version: str) -> dict[str, Any]:
    three = version == "3.3"

    def n(camel: str) -> str:
        return camel if three else camel.lower()

    rendition = {
        "required": {"name"},
        "properties": {
            "name": STRING,
            "href": "uri",
            n("contentType"): STRING,
            "title": STRING,
            "width": INTEGER if three else NUMBER,
            "height": INTEGER if three else NUMBER,
            n("sizeInBytes"): INTEGER if three else NUMBER,
            "duration": NUMBER,
            "format": STRING,
        },
    }
    root = {
        "uri": "uri",
        "type": (
            "enum",
            {"text", "audio", "video", "picture", "graphic", "composite", "component"}
            | ({"event", "planning"} if three else set()),
        ),
        n("representationType"): ("enum", {"full", "partial"}),
        "profile": STRING,
        "version": STRING,
        n("firstCreated"): "date-time",
        n("versionCreated"): "date-time",
        n("contentCreated"): "date-time",
        (n("embargoedUntil") if three else "embargoed"): "date-time",
        n("pubStatus"): ("enum", {"usable", "withheld", "canceled"}),
        "urgency": INTEGER,
        n("copyrightHolder"): STRING,
        n("copyrightNotice"): STRING,
        n("usageTerms"): STRING,
        n("edNote"): STRING,
        "language": STRING,
        "descriptions": ("items", _text_item(n("contentType"))),
        "bodies": (
            "items",
            _text_item(
                n("contentType"),
                {n("charCount"): INTEGER if three else NUMBER, n("wordCount"): INTEGER if three else NUMBER},
            ),
        ),
        "headlines": ("items", _text_item(n("contentType"))),
        "people": ("items", _concept()),
        "organisations": ("items", _concept()),
        "places": ("items", _concept()),
        "subjects": ("items", _concept({"creator": STRING, "relevance": INTEGER, "confidence": INTEGER})),
        "title": STRING,
        "by": STRING,
        "slugline": STRING,
        "located": STRING,
        "renditions": ("items", rendition),
        n("altIds"): ("items", {"required": set(), "properties": {"role": STRING, "value": STRING}}),
        n("infoSources"): (
            "items",
            {
                "required": set(),
                "properties": {"name": STRING, "role": STRING, "uri": "uri", "literal": STRING},
            },
        ),
        "standard": (
            "object",
            {"required": set(), "properties": {"name": STRING, "version": STRING, "schema": "uri"}},
        ),
        "expires": "date-time",
    }
    association_extra = {"name": STRING, "rel": STRING} if three else {"name": STRING}
    association = {
        "required": {"name"} if three else {"name", "uri"},
        "properties": {**root, **association_extra},
    }
    root["associations"] = ("items", association)
    return {"required": {"uri"}, "properties": root}


RULES = {"3.3": _rules("3.3"), "2.4": _rules("2.4")}


def problems_in(document: Any, version: str) -> list[str]:
    """Every way `document` breaks the rules of ninjs `version` ("3.3" or "2.4"); [] if none."""
    found: list[str] = []
    _check_object(document, RULES[version], "$", found)
    return found


def _check_object(value: Any, rules: dict[str, Any], where: str, found: list[str]) -> None:
    if not isinstance(value, dict):
        found.append(f"{where}: not an object")
        return
    for name in rules["required"] - value.keys():
        found.append(f"{where}: {name} is required")
    for name, inner in value.items():
        rule = rules["properties"].get(name)
        if rule is None:
            found.append(f"{where}: {name} is not a property here")
            continue
        _check(inner, rule, f"{where}.{name}", found)


def _check(value: Any, rule: Any, where: str, found: list[str]) -> None:
    if isinstance(rule, tuple):
        kind, detail = rule
        if kind == "enum":
            if value not in detail:
                found.append(f"{where}: {value!r} is not one of {sorted(detail)}")
        elif kind == "items":
            if not isinstance(value, list):
                found.append(f"{where}: not an array")
                return
            for index, item in enumerate(value):
                _check_object(item, detail, f"{where}[{index}]", found)
        elif kind == "object":
            _check_object(value, detail, where, found)
        return
    if rule == STRING and not isinstance(value, str):
        found.append(f"{where}: not a string")
    elif rule == INTEGER and (not isinstance(value, int) or isinstance(value, bool)):
        found.append(f"{where}: not an integer")
    elif rule == NUMBER and (not isinstance(value, int | float) or isinstance(value, bool)):
        found.append(f"{where}: not a number")
    elif rule == "uri" and not (isinstance(value, str) and ABSOLUTE_URI.match(value)):
        found.append(f"{where}: {value!r} is not an absolute URI")
    elif rule == "date-time" and not (isinstance(value, str) and RFC3339.match(value)):
        found.append(f"{where}: {value!r} is not an RFC 3339 date-time")
