"""Which format a file is in, found from its content, and the one entry point that reads it.

`parse` takes bytes, `parse_stream` a file object (read in chunks, refused once past the limit,
never wholly in memory), `parse_path` a file (its size checked before it is opened). Each returns
the items, or raises `QuarantineError` and nothing else: a parser's unexpected failure on
malformed input is a quarantine too, never a crash of the desk.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable
from typing import BinaryIO

from dateline.wire.formats import blocks, feeds, fields, newsml_g2, ninjs, nitf, plain_wire, safe_xml
from dateline.wire.formats import text as wire_text
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.formats.options import DEFAULT_OPTIONS, ParseOptions
from dateline.wire.items import ParsedItem

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
MAX_IDENTIFIER_CHARACTERS = 500
# Magic numbers of what an agency's directory should never hold, with the name an editor reads.
ARCHIVES = (
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
)
PICTURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
BINARIES = ((b"%PDF-", "PDF"), (b"\x7fELF", "ELF"), (b"MZ", "EXE"), (b"\xd0\xcf\x11\xe0", "OLE"))
ROOT_ELEMENT = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
DOCTYPE_NAME = re.compile(r"<!DOCTYPE\s+([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
SKIPPABLE_PROLOGUE = re.compile(r"^(\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>)", re.DOTALL)
XML_FORMATS = {
    "newsItem": "newsml-g2",
    "newsMessage": "newsml-g2",
    "nitf": "nitf",
    "rss": "feed",
    "feed": "feed",
}
FORMAT_NAMES = {
    "ninjs": "ninjs",
    "newsml-g2": "NewsML-G2",
    "nitf": "NITF",
    "feed": "RSS/Atom",
    "plain-wire": "IPTC 7901/ANPA-1312",
}


def detect(data: bytes) -> str:
    """The format of `data` ("ninjs", "newsml-g2", "nitf", "feed", "plain-wire"), from its content."""
    if not data.strip():
        raise QuarantineError("empty")
    for signatures, reason in ((ARCHIVES, "archive"), (PICTURES, "picture"), (BINARIES, "binary")):
        for magic, kind in signatures:
            if data.startswith(magic):
                raise QuarantineError(reason, kind=kind)
    if len(data) > 262 and data[257:262] == b"ustar":
        raise QuarantineError("archive", kind="tar")
    if plain_wire.is_framed(data):
        return "plain-wire"
    bom, rest = wire_text.split_bom(data)
    head = rest[:4096].decode(bom or "utf-8", errors="replace").lstrip()
    if head.startswith(("{", "[")):
        return "ninjs"
    if head.startswith("<"):
        root = _root_name(head)
        if root in XML_FORMATS:
            return XML_FORMATS[root]
        raise QuarantineError("unknown-xml", root=root[:40] or "?")
    if b"\x00" in data[:4096] or _mostly_control(data[:4096]):
        raise QuarantineError("binary", kind="?")
    raise QuarantineError("unknown-format")


def _root_name(head: str) -> str:
    while True:
        prologue = SKIPPABLE_PROLOGUE.match(head)
        if not prologue or not prologue.group(0):
            break
        head = head[prologue.end() :]
    # A document type whose internal subset runs past the sniffed head names the root too.
    match = DOCTYPE_NAME.match(head) or ROOT_ELEMENT.match(head)
    return match.group(2) if match else ""


def _mostly_control(sample: bytes) -> bool:
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls * 20 > len(sample)


def _read_xml(
    reader: Callable[..., tuple[ParsedItem, ...]], *, keep_namespaces: bool = False
) -> Callable[[bytes, ParseOptions, str], tuple[ParsedItem, ...]]:
    def read(data: bytes, options: ParseOptions, charset: str) -> tuple[ParsedItem, ...]:
        return reader(safe_xml.parse(data, charset, keep_namespaces=keep_namespaces), options)

    return read


PARSERS: dict[str, Callable[[bytes, ParseOptions, str], tuple[ParsedItem, ...]]] = {
    "ninjs": lambda data, options, charset: ninjs.parse(data, options),
    "newsml-g2": _read_xml(newsml_g2.parse),
    "nitf": _read_xml(nitf.parse),
    "feed": _read_xml(feeds.parse, keep_namespaces=True),
    "plain-wire": lambda data, options, charset: plain_wire.parse(data, options),
}


def parse(
    data: bytes, *, name: str = "", content_type: str = "", options: ParseOptions = DEFAULT_OPTIONS
) -> tuple[ParsedItem, ...]:
    """The items in `data`, or a `QuarantineError` saying why there are none.

    `name` and `content_type` (the file's, the HTTP response's) are for the log and, for XML, the
    transport's charset; the format is always found from the content.
    """
    if len(data) > options.max_bytes:
        raise QuarantineError("too-large", limit=options.max_bytes)
    kind = detect(data)
    charset = _charset(content_type)
    try:
        items = PARSERS[kind](data, options, charset)
    except QuarantineError:
        raise
    except RecursionError:
        raise QuarantineError("too-deep") from None
    except Exception as error:
        # Input no test foresaw must still end in quarantine, not in a desk that stops.
        logger.warning("wire file %r (%s) could not be read", name, kind, exc_info=True)
        raise QuarantineError("unreadable", detail=repr(error), format=FORMAT_NAMES[kind]) from None
    if not items:
        raise QuarantineError("no-items")
    return tuple(_checked(item, options) for item in items)


def _charset(content_type: str) -> str:
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else ""


def _checked(item: ParsedItem, options: ParseOptions) -> ParsedItem:
    # The identity is stored and indexed whole: a longer one is no agency's, and cut short it
    # could make two items one.
    if len(item.uri) > MAX_IDENTIFIER_CHARACTERS:
        raise QuarantineError("long-identifier", limit=MAX_IDENTIFIER_CHARACTERS)
    return _with_source_defaults(item, options)


def _with_source_defaults(item: ParsedItem, options: ParseOptions) -> ParsedItem:
    # What the item does not say: the dateline opening its story, then the source's settings.
    place, agency = fields.dateline_in(blocks.first_paragraph(item.body))
    return dataclasses.replace(
        item,
        dateline_place=item.dateline_place or place,
        provider=item.provider or agency or options.provider,
        language=item.language or fields.language(options.language),
    )


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of `stream`, read in chunks, or a quarantine as soon as it passes `max_bytes`."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise QuarantineError("too-large", limit=max_bytes)
        chunks.append(chunk)


def parse_stream(
    stream: BinaryIO, *, name: str = "", content_type: str = "", options: ParseOptions = DEFAULT_OPTIONS
) -> tuple[ParsedItem, ...]:
    """The items of a file object (an upload, an HTTP response), read within the size limit."""
    return parse(
        read_limited(stream, options.max_bytes), name=name, content_type=content_type, options=options
    )


def parse_path(
    path: str | os.PathLike[str], options: ParseOptions = DEFAULT_OPTIONS
) -> tuple[ParsedItem, ...]:
    """The items of a file on disk; a file over the limit is refused before it is read."""
    if os.stat(path).st_size > options.max_bytes:
        raise QuarantineError("too-large", limit=options.max_bytes)
    with open(path, "rb") as stream:
        return parse_stream(stream, name=os.fspath(path), options=options)
