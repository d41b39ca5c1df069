"""IPTC ninjs ("News in JSON") 1.x, 2.x and 3.x.

The versions name the same things differently: 1.x has `headline`, `body_html`, `byline`,
`embargoed` and associations keyed by name; 2.x has arrays of `headlines`, `descriptions` and
`bodies` in lower case; 3.x writes them in camelCase (`versionCreated`, `pubStatus`,
`embargoedUntil`) with associations as an array. `first` reads whichever spelling is there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from dateline.wire.formats import blocks, dates, fields
from dateline.wire.formats import text as wire_text
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.formats.options import ParseOptions
from dateline.wire.items import Block, ParsedItem, Picture, Subject

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAIN_ROLES = ("main", "", "body", "headline")
LEDE_ROLES = ("summary", "lede", "lead", "abstract", "description")
# Renditions of a picture, the one to take first.
PICTURE_RENDITIONS = ("original", "highres", "baseimage", "full", "main", "viewimage", "preview")
MAX_ITEMS = 1000


def parse(data: bytes, options: ParseOptions) -> tuple[ParsedItem, ...]:
    """Every item of a ninjs document: one object, or an array of them."""
    try:
        document = json.loads(wire_text.decode_json(data))
    except json.JSONDecodeError as error:
        raise QuarantineError(
            "json-malformed", detail=str(error), line=error.lineno, column=error.colno
        ) from None
    except RecursionError:
        raise QuarantineError("too-deep") from None
    objects = document if isinstance(document, list) else [document]
    if not objects:
        raise QuarantineError("no-items")
    return tuple(item(value) for value in objects[:MAX_ITEMS])


def first(document: dict[str, Any], *names: str) -> Any:
    """The value of the first of `names` the document has (a field's spellings across versions)."""
    for name in names:
        if name in document and document[name] not in (None, "", [], {}):
            return document[name]
    return None


def edition(document: dict[str, Any]) -> str:
    """ "ninjs 3.3" from the document's `standard`, else the major version its spelling shows."""
    standard = document.get("standard")
    if isinstance(standard, dict) and fields.string(standard.get("version")):
        return f"ninjs {fields.string(standard.get('version'))}"
    if any(name in document for name in ("versionCreated", "pubStatus", "embargoedUntil", "firstCreated")):
        return "ninjs 3"
    if any(name in document for name in ("headlines", "bodies", "descriptions")):
        return "ninjs 2"
    return "ninjs 1"


def item(document: Any) -> ParsedItem:
    """One ninjs object as a wire item."""
    if not isinstance(document, dict) or not fields.string(document.get("uri")):
        raise QuarantineError("not-ninjs")
    body = _body(document)
    return ParsedItem(
        format=edition(document),
        uri=fields.string(document["uri"]),
        version=fields.version(document.get("version")),
        first_created=dates.iso(fields.string(first(document, "firstCreated", "firstcreated"))),
        version_created=dates.iso(fields.string(first(document, "versionCreated", "versioncreated"))),
        urgency=fields.urgency(document.get("urgency")),
        status=fields.status(first(document, "pubStatus", "pubstatus")),
        embargo=dates.iso(fields.string(first(document, "embargoedUntil", "embargoed"))),
        language=fields.language(document.get("language")),
        headline=_headline(document),
        lede=_lede(document) or blocks.first_paragraph(body),
        body=body,
        dateline_place=fields.place(fields.string(document.get("located"))),
        bylines=_bylines(document),
        provider=_provider(document),
        keywords=fields.unique(fields.string(value) for value in _list(document.get("keywords"))),
        subjects=_subjects(document),
        slugline=fields.string(document.get("slugline")),
        pictures=_pictures(document),
        editorial_note=fields.string(first(document, "edNote", "ednote")),
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    # Arrays of objects in 2.x and 3.x, objects keyed by name in 1.x (associations, renditions).
    if isinstance(value, dict):
        for name, entry in value.items():
            if isinstance(entry, dict):
                yield {"name": name, **entry}
    for entry in _list(value):
        if isinstance(entry, dict):
            yield entry


def _by_role(entries: Any, roles: tuple[str, ...]) -> dict[str, Any] | None:
    candidates = [entry for entry in _objects(entries) if fields.string(entry.get("value"))]
    for role in roles:
        for entry in candidates:
            if fields.string(entry.get("role")).lower() == role:
                return entry
    return candidates[0] if candidates else None


def _content_type(entry: dict[str, Any]) -> str:
    return fields.string(first(entry, "contentType", "contenttype", "mimetype")).lower()


def _as_text(value: str, content_type: str) -> str:
    if content_type.startswith(HTML_TYPES) or "<" in value:
        return " ".join(block.text for block in blocks.from_html(value))
    return wire_text.clean(value)


def _headline(document: dict[str, Any]) -> str:
    entry = _by_role(document.get("headlines"), MAIN_ROLES)
    if entry:
        return _as_text(str(entry["value"]), _content_type(entry))
    return fields.string(document.get("headline"))


def _lede(document: dict[str, Any]) -> str:
    entry = _by_role(document.get("descriptions"), LEDE_ROLES)
    if entry:
        return _as_text(str(entry["value"]), _content_type(entry))
    if fields.string(document.get("description_html")):
        return _as_text(str(document["description_html"]), "text/html")
    return fields.string(document.get("description_text"))


def _body(document: dict[str, Any]) -> tuple[Block, ...]:
    entry = _by_role(document.get("bodies"), MAIN_ROLES)
    if entry:
        value = str(entry["value"])
        if _content_type(entry).startswith(HTML_TYPES) or value.lstrip().startswith("<"):
            return blocks.from_html(value)
        return blocks.from_plain_text(value)
    markup = fields.string(first(document, "body_html", "body_xhtml"))
    if markup:
        return blocks.from_html(str(first(document, "body_html", "body_xhtml")))
    plain = first(document, "body_text")
    return blocks.from_plain_text(plain) if isinstance(plain, str) else ()


def _bylines(document: dict[str, Any]) -> tuple[str, ...]:
    authors = (
        fields.string(person.get("name"))
        for person in _objects(first(document, "people", "person"))
        if fields.string(person.get("rel")).lower().rsplit(":", 1)[-1] in {"author", "creator", "writer"}
    )
    return fields.unique([fields.string(first(document, "by", "byline")), *authors])


def _provider(document: dict[str, Any]) -> str:
    for source in _objects(first(document, "infoSources", "infosources")):
        name = fields.string(first(source, "name", "literal"))
        if name:
            return name
    return fields.string(first(document, "copyrightHolder", "copyrightholder"))


def _subjects(document: dict[str, Any]) -> tuple[Subject, ...]:
    found: dict[str, Subject] = {}
    for entry in _objects(first(document, "subjects", "subject")):
        code = fields.string(first(entry, "uri", "code", "literal"))
        name = fields.string(entry.get("name"))
        if (code or name) and (code or name) not in found:
            found[code or name] = Subject(code=code, name=name)
    return tuple(found.values())[: fields.MAX_LIST]


def _pictures(document: dict[str, Any]) -> tuple[Picture, ...]:
    pictures = []
    for association in _objects(document.get("associations")):
        kind = fields.string(association.get("type")).lower()
        rendition = _rendition(association)
        if rendition is None or (kind and kind not in {"picture", "graphic"}):
            continue
        caption_entry = _by_role(association.get("descriptions"), ("caption", *LEDE_ROLES))
        caption = (
            _as_text(str(caption_entry["value"]), _content_type(caption_entry))
            if caption_entry
            else fields.string(first(association, "description_text", "headline")) or _headline(association)
        )
        pictures.append(
            Picture(
                href=fields.string(rendition.get("href")),
                caption=caption,
                credit=fields.string(
                    first(
                        association,
                        "by",
                        "byline",
                        "copyrightNotice",
                        "copyrightnotice",
                        "copyrightHolder",
                        "copyrightholder",
                    )
                ),
                mime=_content_type(rendition) or _content_type(association),
                uri=fields.string(association.get("uri")),
                width=_dimension(rendition.get("width")),
                height=_dimension(rendition.get("height")),
            )
        )
    return tuple(pictures[: fields.MAX_LIST])


def _rendition(association: dict[str, Any]) -> dict[str, Any] | None:
    renditions = [
        entry for entry in _objects(association.get("renditions")) if fields.string(entry.get("href"))
    ]
    images = [
        entry for entry in renditions if _content_type(entry).startswith("image/") or not _content_type(entry)
    ]
    for name in PICTURE_RENDITIONS:
        for entry in images:
            if fields.string(entry.get("name")).lower() == name:
                return entry
    if images:
        return max(images, key=lambda entry: _dimension(entry.get("width")) or 0)
    return None


def _dimension(value: Any) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1_000_000:
        return int(value)
    return None
