"""Agency markup (HTML, XHTML, NITF's body) and plain text into a story's blocks.

Markup is read, never kept: what comes out is plain text in paragraphs, subheadings and quotes,
with bold, italic and links (http, https and mailto only) as marks over the text. Everything else
(scripts, styles, images, tables' structure, unknown elements) is dropped or reduced to its text.
HTML strings go through the standard library's tolerant HTML tokenizer; XML trees (XHTML, NITF)
are walked; both feed the same `BlockBuilder`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from dateline.wire.formats import text as wire_text
from dateline.wire.items import Block, BlockKind, Mark, MarkKind

PARAGRAPH_TAGS = frozenset(
    {"p", "div", "li", "dd", "dt", "pre", "tr", "td", "th", "caption", "address", "figcaption", "block"}
)
SUBHEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2"})
QUOTE_TAGS = frozenset({"blockquote", "bq"})
# Inside a quote, who said it: HTML's <cite> or <footer>, NITF's <credit>.
ATTRIBUTION_TAGS = frozenset({"cite", "footer", "credit"})
MARK_TAGS: dict[str, MarkKind] = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "a": "link"}
SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "template",
        "noscript",
        "media",
        "img",
        "figure",
        "video",
        "audio",
        "form",
        "button",
        "select",
        "textarea",
    }
)
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
MAX_BLOCK_CHARACTERS = 20_000


class BlockBuilder:
    """Collects text and marks into blocks as a document's elements open and close."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.kind: BlockKind = "paragraph"
        self.parts: list[str] = []
        self.length = 0
        self.marks: list[Mark] = []
        self.open_marks: list[tuple[str, MarkKind, int, str]] = []
        self.skipping = 0
        self.quote_depth = 0
        self.quote_lines: list[str] = []
        self.attribution: list[str] = []
        self.in_attribution = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        """An element opens."""
        if self.skipping or tag in SKIPPED_TAGS:
            self.skipping += 1
            return
        if tag in QUOTE_TAGS:
            self.flush()
            self.quote_depth += 1
        elif tag in ATTRIBUTION_TAGS and self.quote_depth:
            self.flush()
            self.in_attribution += 1
        elif tag in SUBHEADING_TAGS:
            self.flush()
            self.kind = "subheading"
        elif tag in PARAGRAPH_TAGS:
            self.flush()
        elif tag == "br":
            self.add_text(" ")
        elif tag in MARK_TAGS:
            href = wire_text.clean(attributes.get("href", ""))
            if MARK_TAGS[tag] != "link" or SAFE_LINK.match(href):
                self.open_marks.append((tag, MARK_TAGS[tag], self.length, href))

    def end(self, tag: str) -> None:
        """An element closes."""
        if self.skipping:
            self.skipping -= 1
            return
        if tag in QUOTE_TAGS and self.quote_depth:
            self.flush()
            self.quote_depth -= 1
            if not self.quote_depth:
                self.flush_quote()
        elif tag in ATTRIBUTION_TAGS and self.in_attribution:
            self.attribution.append(self.take_text())
            self.in_attribution -= 1
        elif tag in SUBHEADING_TAGS or tag in PARAGRAPH_TAGS:
            self.flush()
        elif tag in MARK_TAGS:
            for index in range(len(self.open_marks) - 1, -1, -1):
                if self.open_marks[index][0] == tag:
                    _, kind, start, href = self.open_marks.pop(index)
                    if self.length > start:
                        self.marks.append(Mark(kind, start, self.length, href))
                    break

    def add_text(self, data: str) -> None:
        """Text inside the current element; runs of white space become one space."""
        if self.skipping or not data:
            return
        data = wire_text.UNWANTED.sub("", wire_text.SPACES.sub(" ", data))
        if not self.length or (self.parts and self.parts[-1].endswith(" ")):
            data = data.lstrip(" ")
        if data and self.length + len(data) <= MAX_BLOCK_CHARACTERS:
            self.parts.append(data)
            self.length += len(data)

    def take_text(self) -> str:
        """The text gathered since the last block, taken out of the block being written."""
        text = "".join(self.parts).strip()
        self.parts, self.length, self.marks, self.open_marks = [], 0, [], []
        return text

    def flush(self) -> None:
        """End the block being written, if it holds any text."""
        raw = "".join(self.parts)
        text = raw.rstrip()
        marks = tuple(
            Mark(mark.kind, mark.start, min(mark.end, len(text)), mark.href)
            for mark in self.marks
            if mark.start < len(text)
        )
        kind = self.kind
        self.parts, self.length, self.marks = [], 0, []
        self.open_marks = [(tag, mark, 0, href) for tag, mark, _, href in self.open_marks]
        self.kind = "paragraph"
        if not text:
            return
        if self.quote_depth:
            self.quote_lines.append(text)
        else:
            self.blocks.append(Block(kind, text, marks))

    def flush_quote(self) -> None:
        """End a quote: its paragraphs become one quote block, with who said it."""
        if self.quote_lines:
            attribution = " ".join(part for part in self.attribution if part)
            self.blocks.append(Block("quote", "\n".join(self.quote_lines), (), attribution.lstrip("—–- ")))
        self.quote_lines, self.attribution = [], []

    def finish(self) -> tuple[Block, ...]:
        """Every block, the last one ended."""
        self.flush()
        self.quote_depth = 0
        self.flush_quote()
        return tuple(self.blocks)


class _HTMLReader(HTMLParser):
    def __init__(self, builder: BlockBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag in {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}:
            # Void elements never close: a skipped one must not swallow what follows.
            self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.add_text(data)


def from_html(markup: str) -> tuple[Block, ...]:
    """Blocks from an HTML fragment (a ninjs body, a feed's description)."""
    builder = BlockBuilder()
    reader = _HTMLReader(builder)
    reader.feed(markup)
    reader.close()
    return builder.finish()


def from_element(element: Element) -> tuple[Block, ...]:
    """Blocks from an XML element's content (XHTML's body, NITF's body.content), its tags
    already without namespaces."""
    builder = BlockBuilder()
    _walk(element, builder, top=True)
    return builder.finish()


def _walk(element: Element, builder: BlockBuilder, *, top: bool = False) -> None:
    # Recursion is bounded: the XML reader refuses documents nested deeper than a news item is.
    tag = element.tag if isinstance(element.tag, str) else ""
    if not top:
        builder.start(tag, {key: str(value) for key, value in element.attrib.items()})
    builder.add_text(element.text or "")
    for child in element:
        _walk(child, builder)
        builder.add_text(child.tail or "")
    if not top:
        builder.end(tag)


def from_plain_text(value: str) -> tuple[Block, ...]:
    """Blocks from plain text: paragraphs part at blank lines, or, in wire copy that has none,
    at indented lines (the old teleprinter convention)."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    has_blank = any(not line.strip() for line in _inner(lines))
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if has_blank:
                paragraphs.append([])
            continue
        if not has_blank and line[:1] in {" ", "\t"} and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(line)
    texts = (wire_text.clean(" ".join(lines))[:MAX_BLOCK_CHARACTERS] for lines in paragraphs)
    return tuple(Block("paragraph", text) for text in texts if text)


def _inner(lines: list[str]) -> Iterable[str]:
    # Blank lines before the first and after the last line of text separate nothing.
    first = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    last = max((index for index, line in enumerate(lines) if line.strip()), default=-1)
    return lines[first : last + 1]


def first_paragraph(blocks: tuple[Block, ...]) -> str:
    """The text of the first paragraph (a lede where the agency gave none)."""
    return next((block.text for block in blocks if block.kind == "paragraph"), "")
