"""Bytes to text, strictly: a file is decoded in the one encoding it names, or refused.

Agencies' encodings go wrong in a few known ways: a file declared UTF-8 that holds Windows-1251,
a byte-order mark that contradicts the XML declaration, a file declared in a single-byte
encoding that was in fact written in UTF-8 (it would decode, as nonsense). Each is a quarantine
reason here rather than mojibake on the desk.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from dateline.wire.formats.errors import QuarantineError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
XML_DECLARATION = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# Characters no item's text should keep: C0 and C1 controls but tab and newline, lone surrogates
# (a JSON escape can make one; PostgreSQL refuses them), and the byte-order mark.
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
SPACES = re.compile(r"\s+")


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a byte-order mark names (or None) and the bytes after it."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def codec_name(encoding: str) -> str:
    """Python's canonical name of an encoding ("UTF8", "utf_8" → "utf-8"), or a quarantine."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise QuarantineError("encoding-unknown", encoding=encoding[:40]) from None


def same_family(bom: str, declared: str) -> bool:
    """A byte-order mark of UTF-16 LE agrees with a declaration of plain "UTF-16", and so on."""
    return bom == declared or bom.startswith(declared + "-") or declared.startswith(bom)


def decode(data: bytes, encoding: str) -> str:
    """`data` in `encoding`, refused when a byte is not valid there or the text is really UTF-8."""
    name = codec_name(encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise QuarantineError(
            "encoding-invalid", detail=str(error), encoding=encoding.upper(), position=error.start
        ) from None
    if not name.startswith("utf") and _holds_utf8(data):
        raise QuarantineError("encoding-mixed", encoding=encoding.upper())
    return text


def _holds_utf8(data: bytes) -> bool:
    # Text that is valid UTF-8 and uses multi-byte sequences is, in practice, never a
    # single-byte encoding's text: "Москва" in Windows-1251 is not valid UTF-8.
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_xml(data: bytes, content_type_charset: str = "") -> str:
    """An XML document's text: its byte-order mark, else its declaration, else the transport's
    charset, else UTF-8 (XML's default); a mark and a declaration that disagree are refused."""
    bom, rest = split_bom(data)
    head = rest[:200].decode(bom or "latin-1", errors="replace")
    match = XML_DECLARATION.match(head)
    declared = codec_name(match.group(1)) if match else None
    if bom and declared and not same_family(bom, declared):
        raise QuarantineError("encoding-bom", bom=bom.upper(), declared=match.group(1) if match else "")
    encoding = bom or (match.group(1) if match else "") or content_type_charset or "utf-8"
    return decode(rest, encoding)


def decode_json(data: bytes) -> str:
    """A JSON document's text: UTF-8 (RFC 8259), or the UTF encoding a byte-order mark names."""
    bom, rest = split_bom(data)
    return decode(rest, bom or "utf-8")


def clean(value: str) -> str:
    """A line of agency text as the desk keeps it: composed (NFC), without control characters,
    its runs of white space made one space."""
    return SPACES.sub(" ", UNWANTED.sub("", unicodedata.normalize("NFC", value))).strip()
