"""IPTC NewsML-G2: a `newsItem` alone, or the items of a `newsMessage`.

A text item's content is the first `inlineXML` the desk can read (XHTML, or NITF's body) or an
`inlineData` in plain text. Pictures are items of their own (`itemClass` ninat:picture) whose
`remoteContent` says where the image is; in a message they belong to the text items that link to
them (`itemMeta/link/@residref`) or, when no text item links to any, to the message's one text
item. A link to a picture that is not in the message still gives its address.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from dateline.wire.formats import blocks, dates, fields, nitf
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.formats.options import ParseOptions
from dateline.wire.formats.safe_xml import attribute, child, children, text_of
from dateline.wire.items import Block, ParsedItem, Picture, Subject

PICTURE_CLASSES = {"picture", "graphic"}
TEXT_CLASSES = {"text", "composite", ""}
RENDITION_PREFERENCE = ("highres", "original", "baseimage", "print", "web", "preview", "thumbnail")
LEDE_ROLES = {"summary", "lede", "abstract", ""}


def parse(root: Element, options: ParseOptions) -> tuple[ParsedItem, ...]:
    """The text items of a newsItem or a newsMessage, each with its pictures."""
    news_items = [root] if root.tag == "newsItem" else list(root.iter("newsItem"))
    texts = [element for element in news_items if _item_class(element) in TEXT_CLASSES]
    pictures = {
        element.get("guid", ""): _picture(element)
        for element in news_items
        if _item_class(element) in PICTURE_CLASSES
    }
    if not texts:
        raise QuarantineError("no-items")
    linked = {ref for text in texts for ref in _linked_refs(text)}
    orphans = tuple(picture for guid, picture in pictures.items() if picture and guid not in linked)
    share_orphans = len(texts) == 1
    return tuple(_text_item(text, pictures, orphans if share_orphans else ()) for text in texts)


def _item_class(element: Element) -> str:
    return fields.code_tail(attribute(child(element, "itemMeta", "itemClass"), "qcode")).lower()


def _linked_refs(element: Element) -> list[str]:
    return [
        attribute(link, "residref")
        for link in children(child(element, "itemMeta"), "link")
        if attribute(link, "residref")
    ]


def _text_item(
    element: Element, pictures: dict[str, Picture | None], orphans: tuple[Picture, ...]
) -> ParsedItem:
    guid = attribute(element, "guid")
    if not guid:
        raise QuarantineError("no-identifier")
    item_meta = child(element, "itemMeta")
    content_meta = child(element, "contentMeta")
    body = _body(child(element, "contentSet"))
    return ParsedItem(
        format="NewsML-G2",
        uri=guid,
        version=fields.version(attribute(element, "version")),
        first_created=dates.iso(text_of(child(item_meta, "firstCreated"))),
        version_created=dates.iso(text_of(child(item_meta, "versionCreated"))),
        urgency=fields.urgency(text_of(child(content_meta, "urgency"))),
        status=fields.status(attribute(child(item_meta, "pubStatus"), "qcode")),
        embargo=dates.iso(text_of(child(item_meta, "embargoed"))),
        language=fields.language(
            attribute(child(content_meta, "language"), "tag") or attribute(element, "lang")
        ),
        headline=text_of(child(content_meta, "headline")),
        lede=_lede(content_meta) or blocks.first_paragraph(body),
        body=body,
        dateline_place=_place(content_meta),
        bylines=_bylines(content_meta),
        provider=_provider(child(item_meta, "provider")),
        keywords=fields.unique(text_of(keyword) for keyword in children(content_meta, "keyword")),
        subjects=_subjects(content_meta),
        category=_genre(content_meta),
        slugline=text_of(child(content_meta, "slugline")),
        pictures=_item_pictures(item_meta, pictures) + orphans,
        editorial_note=text_of(child(item_meta, "edNote")),
    )


def _lede(content_meta: Element | None) -> str:
    for description in children(content_meta, "description"):
        if fields.code_tail(attribute(description, "role")).lower() in LEDE_ROLES:
            return text_of(description)
    return ""


def _place(content_meta: Element | None) -> str:
    located = child(content_meta, "located")
    return (
        text_of(child(located, "name"))
        or attribute(located, "literal")
        or text_of(child(content_meta, "dateline"))
    )


def _bylines(content_meta: Element | None) -> tuple[str, ...]:
    creators = (
        text_of(child(creator, "name")) or attribute(creator, "literal")
        for creator in children(content_meta, "creator")
    )
    return fields.unique([text_of(child(content_meta, "by")), *creators])


def _provider(provider: Element | None) -> str:
    return (
        text_of(child(provider, "name"))
        or attribute(provider, "literal")
        or fields.code_tail(attribute(provider, "qcode"))
    )


def _subjects(content_meta: Element | None) -> tuple[Subject, ...]:
    found: dict[str, Subject] = {}
    for subject in children(content_meta, "subject"):
        code = attribute(subject, "qcode") or attribute(subject, "uri") or attribute(subject, "literal")
        name = text_of(child(subject, "name"))
        if (code or name) and (code or name) not in found:
            found[code or name] = Subject(code=code, name=name)
    return tuple(found.values())[: fields.MAX_LIST]


def _genre(content_meta: Element | None) -> str:
    genre = child(content_meta, "genre")
    return text_of(child(genre, "name")) or fields.code_tail(attribute(genre, "qcode"))


def _body(content_set: Element | None) -> tuple[Block, ...]:
    for inline in children(content_set, "inlineXML"):
        content_type = attribute(inline, "contenttype").lower()
        html_body = inline.find(".//body")
        if "nitf" in content_type or inline.find("nitf") is not None:
            document = inline.find("nitf")
            if document is not None:
                return nitf.body_blocks(document)
        elif html_body is not None:
            return blocks.from_element(html_body)
        elif "html" in content_type:
            return blocks.from_element(inline)
    for inline in children(content_set, "inlineData"):
        if attribute(inline, "contenttype").lower() in {"", "text/plain"}:
            return blocks.from_plain_text("".join(inline.itertext()))
    return ()


def _picture(element: Element) -> Picture | None:
    renditions = [
        content
        for content in children(child(element, "contentSet"), "remoteContent")
        if attribute(content, "href")
    ]
    if not renditions:
        return None

    def preference(content: Element) -> tuple[int, int]:
        name = fields.code_tail(attribute(content, "rendition")).lower()
        rank = RENDITION_PREFERENCE.index(name) if name in RENDITION_PREFERENCE else len(RENDITION_PREFERENCE)
        return rank, -(_number(attribute(content, "width")) or 0)

    chosen = min(renditions, key=preference)
    content_meta = child(element, "contentMeta")
    caption = next(
        (
            text_of(description)
            for description in children(content_meta, "description")
            if fields.code_tail(attribute(description, "role")).lower() == "caption"
        ),
        "",
    ) or text_of(child(content_meta, "headline"))
    return Picture(
        href=attribute(chosen, "href"),
        caption=caption,
        credit=text_of(child(content_meta, "creditline")) or text_of(child(content_meta, "by")),
        mime=attribute(chosen, "contenttype"),
        uri=attribute(element, "guid"),
        width=_number(attribute(chosen, "width")),
        height=_number(attribute(chosen, "height")),
    )


def _item_pictures(item_meta: Element | None, pictures: dict[str, Picture | None]) -> tuple[Picture, ...]:
    found = []
    for link in children(item_meta, "link"):
        reference = attribute(link, "residref")
        picture = pictures.get(reference)
        if picture:
            found.append(picture)
        elif attribute(link, "href") and attribute(link, "contenttype").startswith("image/"):
            found.append(
                Picture(
                    href=attribute(link, "href"),
                    caption=text_of(child(link, "title")),
                    mime=attribute(link, "contenttype"),
                    uri=reference,
                )
            )
    return tuple(found)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 7 else None
