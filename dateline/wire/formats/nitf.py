"""IPTC NITF 3.x (News Industry Text Format): one story per document.

The head's `docdata` carries the identity (`doc-id`, `du-key/@version`), the urgency (`ed-urg`,
1–8), the status (`management-status`), the embargo (`date.release`) and the keywords; the body's
`body.head` the headline, byline, distributor and dateline; `body.content` the text, with pictures
as `media` elements. NewsML-G2 carries NITF inline: it reuses `body_blocks` and `media_pictures`.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from dateline.wire.formats import blocks, dates, fields
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.formats.options import ParseOptions
from dateline.wire.formats.safe_xml import attribute, child, children, text_of
from dateline.wire.items import Block, ParsedItem, Picture, Subject


def parse(root: Element, options: ParseOptions) -> tuple[ParsedItem, ...]:
    """The story of a NITF document."""
    docdata = child(root, "head", "docdata")
    body_head = child(root, "body", "body.head")
    uri = attribute(child(docdata, "doc-id"), "id-string") or attribute(
        child(root, "head", "docdata", "du-key"), "key"
    )
    if not uri:
        raise QuarantineError("no-identifier")
    regsrc = attribute(child(docdata, "doc-id"), "regsrc")
    body = body_blocks(root)
    abstract = child(body_head, "abstract")
    return (
        ParsedItem(
            format="NITF",
            uri=f"{regsrc}:{uri}" if regsrc and not uri.startswith(regsrc) else uri,
            version=fields.version(attribute(child(docdata, "du-key"), "version")),
            version_created=dates.nitf(attribute(child(docdata, "date.issue"), "norm")),
            urgency=fields.urgency(attribute(child(docdata, "urgency"), "ed-urg")),
            status=fields.status(attribute(docdata, "management-status")),
            embargo=dates.nitf(attribute(child(docdata, "date.release"), "norm")),
            language=fields.language(
                attribute(root, "lang")
                or attribute(child(root, "body"), "lang")
                or attribute(child(root, "head"), "lang")
            ),
            headline=text_of(child(body_head, "hedline", "hl1")) or text_of(child(root, "head", "title")),
            lede=(
                " ".join(block.text for block in blocks.from_element(abstract))
                if abstract is not None
                else ""
            )
            or blocks.first_paragraph(body),
            body=body,
            dateline_place=_place(child(body_head, "dateline")),
            bylines=_bylines(body_head),
            provider=text_of(child(body_head, "distributor"))
            or attribute(child(docdata, "doc.rights"), "provider")
            or attribute(child(docdata, "doc.copyright"), "holder"),
            keywords=fields.unique(
                attribute(keyword, "key") for keyword in children(child(docdata, "key-list"), "keyword")
            ),
            subjects=_subjects(root),
            category=attribute(child(root, "head", "tobject"), "tobject.type"),
            pictures=media_pictures(root),
            editorial_note=attribute(child(docdata, "ed-msg"), "info"),
        ),
    )


def body_blocks(root: Element) -> tuple[Block, ...]:
    """The story's text from `body/body.content`."""
    content = child(root, "body", "body.content")
    return blocks.from_element(content) if content is not None else ()


def media_pictures(root: Element) -> tuple[Picture, ...]:
    """The pictures of the story's `media` elements (image ones)."""
    pictures = []
    for media in root.iter("media"):
        if attribute(media, "media-type").lower() not in {"image", "photo", "graphic", ""}:
            continue
        reference = next(
            (ref for ref in children(media, "media-reference") if attribute(ref, "source")), None
        )
        if reference is None:
            continue
        pictures.append(
            Picture(
                href=attribute(reference, "source"),
                caption=text_of(child(media, "media-caption")),
                credit=text_of(child(media, "media-producer")),
                mime=attribute(reference, "mime-type"),
                width=_number(attribute(reference, "width")),
                height=_number(attribute(reference, "height")),
            )
        )
    return tuple(pictures[: fields.MAX_LIST])


def _place(dateline: Element | None) -> str:
    if dateline is None:
        return ""
    location = child(dateline, "location")
    return fields.place(
        text_of(child(location, "city")) or text_of(location) or text_of(dateline).split(",")[0]
    )


def _bylines(body_head: Element | None) -> tuple[str, ...]:
    names = []
    for byline in children(body_head, "byline"):
        people = [text_of(person) for person in children(byline, "person")]
        names.extend(people if any(people) else [text_of(byline)])
    return fields.unique(names)


def _subjects(root: Element) -> tuple[Subject, ...]:
    found: dict[str, Subject] = {}
    for subject in root.iter("tobject.subject"):
        code = attribute(subject, "tobject.subject.refnum")
        name = attribute(subject, "tobject.subject.matter") or attribute(subject, "tobject.subject.type")
        if (code or name) and (code or name) not in found:
            found[code or name] = Subject(code=code, name=name)
    return tuple(found.values())[: fields.MAX_LIST]


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 7 else None
