"""RSS 2.0 and Atom feeds, each entry an item, read through a per-source field mapping.

Feeds carry wire copy in whatever elements their publisher chose: one agency puts the byline in
`dc:creator`, another in `author`, a third its urgency in an element of its own. A source's
`field_mapping` names, for any of `FIELDS`, the element (and optionally attribute) that carries it,
as a path from the entry in prefixed form: `{"byline": "dc:creator", "urgency": "agency:priority",
"keywords": "category/@term"}`. Prefixes are those of `NAMESPACES`, or Clark notation
(`{http://example.com/ns}priority`) for any other. Unmapped fields fall back to RSS's and Atom's own
elements.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree.ElementTree import Element

from django.utils.translation import gettext_lazy as _

from dateline.wire.formats import blocks, dates, fields
from dateline.wire.formats import text as wire_text
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.formats.options import ParseOptions
from dateline.wire.formats.safe_xml import strip_namespaces
from dateline.wire.items import Block, ParsedItem, Picture

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACES = {
    "atom": ATOM,
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "georss": "http://www.georss.org/georss",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
FIELDS = (
    "uri",
    "version",
    "headline",
    "lede",
    "body",
    "byline",
    "keywords",
    "place",
    "urgency",
    "status",
    "embargo",
    "language",
    "category",
    "first_created",
    "version_created",
    "provider",
    "slugline",
)
RSS_DEFAULTS: dict[str, tuple[str, ...]] = {
    "uri": ("guid", "link"),
    "headline": ("title",),
    "lede": ("description",),
    "body": ("content:encoded",),
    "byline": ("dc:creator", "author"),
    "keywords": ("category",),
    "version_created": ("dc:date", "pubDate"),
    "language": ("dc:language",),
}
ATOM_DEFAULTS: dict[str, tuple[str, ...]] = {
    "uri": ("atom:id",),
    "headline": ("atom:title",),
    "lede": ("atom:summary",),
    "body": ("atom:content",),
    "byline": ("atom:author/atom:name",),
    "keywords": ("atom:category/@term",),
    "first_created": ("atom:published",),
    "version_created": ("atom:updated",),
}
MAX_ENTRIES = 1000
RSS_AUTHOR = re.compile(r"^\S+@\S+\s*\((.+)\)$")


def check_field_mapping(mapping: Mapping[str, str]) -> None:
    """Refuse a mapping that names an unknown field or an unknown prefix (when a source is saved)."""
    for name, path in mapping.items():
        if name not in FIELDS:
            raise ValueError(str(_("“%(field)s” is not a field of a wire item.") % {"field": name}))
        for step in path.split("/"):
            prefix = step.lstrip("@").split(":", 1)[0] if ":" in step and not step.startswith("{") else ""
            if prefix and prefix not in NAMESPACES:
                raise ValueError(str(_("The prefix “%(prefix)s” is not known.") % {"prefix": prefix}))


def parse(root: Element, options: ParseOptions) -> tuple[ParsedItem, ...]:
    """The entries of an RSS 2.0 channel or an Atom feed (namespaces kept on `root`)."""
    check_field_mapping(options.field_mapping)
    if root.tag == f"{{{ATOM}}}feed":
        feed, entries, defaults, label = root, root.findall("atom:entry", NAMESPACES), ATOM_DEFAULTS, "Atom"
        feed_title = _text(root.find("atom:title", NAMESPACES))
    else:
        channel = root.find("channel")
        if channel is None:
            raise QuarantineError("no-items")
        feed, entries, defaults, label = channel, channel.findall("item"), RSS_DEFAULTS, "RSS"
        feed_title = _text(channel.find("title"))
    if not entries:
        raise QuarantineError("no-items")
    feed_language = _text(feed.find("language")) or feed.get(f"{{{NAMESPACES['xml']}}}lang", "")
    return tuple(
        _entry(entry, label, defaults, options.field_mapping, feed_language, feed_title)
        for entry in entries[:MAX_ENTRIES]
    )


def _entry(
    entry: Element,
    label: str,
    defaults: Mapping[str, tuple[str, ...]],
    mapping: Mapping[str, str],
    feed_language: str,
    feed_title: str,
) -> ParsedItem:
    def values(name: str) -> list[str]:
        paths = (mapping[name],) if name in mapping else defaults.get(name, ())
        for path in paths:
            found = _select(entry, path)
            if any(found):
                return found
        return []

    def value(name: str) -> str:
        return next(iter(values(name)), "")

    uri = wire_text.clean(value("uri"))
    if not uri:
        raise QuarantineError("no-identifier")
    body = _body(entry, mapping, defaults)
    lede = value("lede")
    return ParsedItem(
        format=label,
        uri=uri,
        version=fields.version(value("version")),
        first_created=dates.any_date(value("first_created")),
        version_created=dates.any_date(value("version_created")),
        urgency=fields.urgency(value("urgency")),
        status=fields.status(value("status")),
        embargo=dates.any_date(value("embargo")),
        language=fields.language(
            value("language") or entry.get(f"{{{NAMESPACES['xml']}}}lang", "") or feed_language
        ),
        headline=_plain(value("headline")),
        lede=_plain(lede) or blocks.first_paragraph(body),
        body=body or (blocks.from_html(lede) if "<" in lede else blocks.from_plain_text(lede)),
        dateline_place=fields.place(_plain(value("place"))),
        bylines=fields.unique(_person(name) for name in values("byline")),
        provider=_plain(value("provider")) or wire_text.clean(feed_title),
        keywords=fields.unique(_plain(keyword) for keyword in values("keywords")),
        category=_plain(value("category")),
        slugline=_plain(value("slugline")),
        pictures=_pictures(entry),
    )


def _select(entry: Element, path: str) -> list[str]:
    """The texts (or attribute values) at `path` under the entry."""
    path, _, attribute_name = path.partition("/@")
    if path.startswith("@"):
        path, attribute_name = ".", path[1:]
    elements = entry.findall(path, NAMESPACES)
    if attribute_name:
        name = _clark(attribute_name)
        return [element.get(name, "") for element in elements]
    return ["".join(element.itertext()) for element in elements]


def _clark(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}" if local and prefix in NAMESPACES else name


def _body(
    entry: Element, mapping: Mapping[str, str], defaults: Mapping[str, tuple[str, ...]]
) -> tuple[Block, ...]:
    paths = (mapping["body"],) if "body" in mapping else defaults.get("body", ())
    for path in paths:
        element = entry.find(path.partition("/@")[0], NAMESPACES)
        if element is None:
            continue
        kind = element.get("type", "html" if path != "atom:content" else "text").lower()
        if kind in {"xhtml", "application/xhtml+xml"}:
            strip_namespaces(element)
            return blocks.from_element(element)
        content = "".join(element.itertext())
        if "html" in kind or "<" in content:
            return blocks.from_html(content)
        return blocks.from_plain_text(content)
    return ()


def _plain(value: str) -> str:
    # Feeds put markup in titles and names too; only its text is kept.
    if "<" in value:
        return " ".join(block.text for block in blocks.from_html(value))
    return wire_text.clean(value)


def _person(value: str) -> str:
    # RSS's <author> is an address with the name in brackets: "desk@example.org (Pablo Ruiz)".
    match = RSS_AUTHOR.match(value.strip())
    return wire_text.clean(match.group(1)) if match else _plain(value)


def _text(element: Element | None) -> str:
    return "" if element is None else wire_text.clean("".join(element.itertext()))


def _pictures(entry: Element) -> tuple[Picture, ...]:
    pictures = []
    for enclosure in entry.findall("enclosure"):
        if enclosure.get("type", "").startswith("image/") and enclosure.get("url"):
            pictures.append(
                Picture(href=wire_text.clean(enclosure.get("url", "")), mime=enclosure.get("type", ""))
            )
    for link in entry.findall("atom:link", NAMESPACES):
        if link.get("rel") == "enclosure" and link.get("type", "").startswith("image/") and link.get("href"):
            pictures.append(
                Picture(
                    href=wire_text.clean(link.get("href", "")),
                    mime=link.get("type", ""),
                    caption=wire_text.clean(link.get("title", "")),
                )
            )
    for content in entry.iter(f"{{{NAMESPACES['media']}}}content"):
        medium = content.get("medium", "")
        mime = content.get("type", "")
        if content.get("url") and (medium == "image" or mime.startswith("image/")):
            pictures.append(
                Picture(
                    href=wire_text.clean(content.get("url", "")),
                    caption=_text(content.find("media:description", NAMESPACES))
                    or _text(content.find("media:title", NAMESPACES)),
                    credit=_text(content.find("media:credit", NAMESPACES)),
                    mime=mime,
                    width=_number(content.get("width", "")),
                    height=_number(content.get("height", "")),
                )
            )
    return tuple(pictures[: fields.MAX_LIST])


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 7 else None
