"""XML read safely: entities refused, nothing outside the document fetched, depth bounded.

defusedxml's parser refuses any entity declaration (so no billion laughs and no external entity)
and any reference to an outside resource. A document type that only names a DTD (NITF's
`<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.6//EN" …>`) is allowed, but the DTD is never loaded:
a document that needs it (uses an entity it would define) fails as not well formed.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from dateline.wire.formats import text as wire_text
from dateline.wire.formats.errors import QuarantineError

# A news item is a few levels deep; an attacker's is thousands (and our walks are recursive).
MAX_DEPTH = 100
# expat's error code for a document that ends inside an element: "no element found".
EXPAT_NO_ELEMENT_FOUND = 3
EXPAT_UNCLOSED_TOKEN = 5


class _BoundedTreeBuilder(TreeBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:  # type: ignore[override]
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuarantineError("too-deep")
        return super().start(tag, attrs)

    def end(self, tag: str) -> Element:  # type: ignore[override]
        self.depth -= 1
        return super().end(tag)


def parse(data: bytes, content_type_charset: str = "", *, keep_namespaces: bool = False) -> Element:
    """The document's root element, or a quarantine saying why it cannot be read.

    Tags and attribute names lose their namespaces ("{http://iptc.org/…}newsItem" → "newsItem",
    `xml:lang` → "lang") unless `keep_namespaces`: the standards' elements are named uniquely
    enough, and agencies are loose with namespaces.
    """
    document = wire_text.decode_xml(data, content_type_charset)
    parser = DefusedXMLParser(
        target=_BoundedTreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(document)
        root: Element = parser.close()
    except EntitiesForbidden as error:
        raise QuarantineError("xml-entities", detail=repr(error), name=error.name) from None
    except ExternalReferenceForbidden as error:
        raise QuarantineError("xml-external", detail=repr(error), name=error.sysid or "") from None
    except DefusedXmlException as error:
        raise QuarantineError("xml-entities", detail=repr(error), name="") from None
    except ParseError as error:
        line, column = error.position
        if error.code in {EXPAT_NO_ELEMENT_FOUND, EXPAT_UNCLOSED_TOKEN}:
            raise QuarantineError("xml-truncated", detail=str(error), line=line) from None
        raise QuarantineError("xml-malformed", detail=str(error), line=line, column=column) from None
    if not keep_namespaces:
        strip_namespaces(root)
    return root


def strip_namespaces(root: Element) -> None:
    """Every tag and attribute name of the tree without its namespace."""
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = local_name(element.tag)
        if any(name.startswith("{") for name in element.attrib):
            element.attrib = {local_name(name): value for name, value in element.attrib.items()}


def local_name(name: str) -> str:
    """ "{namespace}name" → "name"."""
    return name.rsplit("}", 1)[-1]


def child(element: Element | None, *path: str) -> Element | None:
    """The first element down `path` (local names), or None."""
    for name in path:
        if element is None:
            return None
        element = element.find(name)
    return element


def children(element: Element | None, name: str) -> list[Element]:
    """Every child element named `name`."""
    return [] if element is None else element.findall(name)


def text_of(element: Element | None) -> str:
    """All the text inside an element, cleaned (see text.clean)."""
    return "" if element is None else wire_text.clean("".join(element.itertext()))


def attribute(element: Element | None, name: str) -> str:
    """An attribute's value, cleaned, or ""."""
    return "" if element is None else wire_text.clean(element.get(name, ""))
