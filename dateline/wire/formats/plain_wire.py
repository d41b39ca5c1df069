"""Plain-text wire: IPTC 7901 and ANPA-1312 messages, framed by control characters.

A message is SOH, a header, STX, the text, ETX, an optional trailer (the time it was sent), EOT;
a file may hold several. The header line differs:

- IPTC 7901: source and number, priority digit, category, word count, then optional fields:
  `rtr0042 2 pl 0312 urgent 20261206-rtr-0042#2`, and a keyword line under it.
- ANPA-1312: service letter and story number, priority letter (f flash, b bulletin, u urgent,
  r regular, d deferred, a advance), category letter, the slug, optional version and word count:
  `a0123 u i BC-Japan-Quake 1stLd-Writethru 0345`.

The text starts with the headline (teleprinters end it with "="), then an optional "By …" line,
then the story, whose first paragraph may open with the dateline: `TOKYO (Agency) — …`.
An item's identity is the token `id#version` when the header has one, else source and slug.
"""

from __future__ import annotations

import re

from dateline.wire.formats import blocks, fields
from dateline.wire.formats import text as wire_text
from dateline.wire.formats.errors import QuarantineError
from dateline.wire.formats.options import ParseOptions
from dateline.wire.items import CANCELED, USABLE, WITHHELD, Block, ParsedItem, PubStatus

SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"
IPTC_7901 = re.compile(r"^([A-Za-z]{1,8})(\d{1,6})\s+(\d)\s+([A-Za-z]{1,3})\s+(\d{1,6})\b\s*(.*)$")
ANPA_1312 = re.compile(r"^([A-Za-z]?)(\d{1,6})\s+([fbuordwa])\s+([A-Za-z])\s+(\S+)\s*(.*)$", re.IGNORECASE)
ANPA_PRIORITIES = {"f": 1, "b": 2, "u": 3, "o": 4, "r": 5, "d": 6, "w": 7, "a": 7}
VERSIONED_ID = re.compile(r"^([\w.:-]+)#(\d{1,6})$")
WRITETHRU = re.compile(r"(\d+)(?:st|nd|rd|th)\s*-?\s*Ld", re.IGNORECASE)
KILL = re.compile(
    r"\b(kill|killed|eliminate|elimination|withdrawn|storno|отмена|аннулир\w*)\b", re.IGNORECASE
)
BYLINE = re.compile(r"^\s*(?:by|автор:?)\s+(.+)$", re.IGNORECASE)
HOLD = re.compile(r"\b(withhold|withheld|hold for release|задержать)\b", re.IGNORECASE)


def is_framed(data: bytes) -> bool:
    """A plain-text wire message has its control marks near the start (sniffing)."""
    head = data[:512]
    return (b"\x01" in head and b"\x02" in data[:4096]) or head.lstrip().startswith(b"\x02")


def parse(data: bytes, options: ParseOptions) -> tuple[ParsedItem, ...]:
    """Every message of a plain-text wire file."""
    document = wire_text.decode(data, options.text_encoding)
    messages = [part for part in document.split(SOH) if part.strip(" \r\n\x00" + EOT)]
    if not messages:
        raise QuarantineError("no-items")
    return tuple(_message(message, options) for message in messages[:1000])


def _message(message: str, options: ParseOptions) -> ParsedItem:
    header, stx, rest = message.partition(STX)
    text, etx, _trailer = rest.partition(ETX)
    if not stx or not etx or not text.strip():
        raise QuarantineError("wire-framing")
    header_lines = [wire_text.clean(line) for line in header.splitlines() if wire_text.clean(line)]
    if not header_lines:
        raise QuarantineError("wire-header")
    first_line, keyword_lines = header_lines[0], header_lines[1:]
    iptc = IPTC_7901.match(first_line)
    anpa = None if iptc else ANPA_1312.match(first_line)
    if iptc:
        source, number, priority, category, _words, optional = iptc.groups()
        label, urgency, slug = "IPTC 7901", fields.urgency(priority), " ".join(keyword_lines)
    elif anpa:
        source, number, priority_letter, category, slug, optional = anpa.groups()
        label, urgency = "ANPA-1312", ANPA_PRIORITIES.get(priority_letter.lower())
        slug = " ".join([slug, *keyword_lines])
    else:
        raise QuarantineError("wire-header")
    uri, version = _identity(optional.split(), source, number, slug)
    headline, bylines, body = _text(text)
    signals = " ".join([first_line, slug, headline])
    return ParsedItem(
        format=label,
        uri=uri,
        version=version,
        urgency=urgency,
        status=_status(signals),
        headline=headline,
        lede=blocks.first_paragraph(body),
        body=body,
        bylines=bylines,
        keywords=fields.unique(wire_text.clean(part) for part in re.split(r"[/,;]", slug)),
        category=category.lower(),
        slugline=slug,
    )


def _identity(tokens: list[str], source: str, number: str, slug: str) -> tuple[str, int]:
    for token in tokens:
        versioned = VERSIONED_ID.match(token)
        if versioned:
            return versioned.group(1), fields.version(versioned.group(2))
    writethru = WRITETHRU.search(" ".join([slug, *tokens]))
    version = int(writethru.group(1)) + 1 if writethru else 1
    base_slug = WRITETHRU.sub("", slug).strip(" -,")
    key = re.sub(r"\W+", "-", base_slug).strip("-").lower()[:120] or number
    return f"{source.lower()}:{key}", version


def _text(text: str) -> tuple[str, tuple[str, ...], tuple[Block, ...]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    headline = wire_text.clean(lines.pop(0).strip().lstrip("^").rstrip("=<").strip()) if lines else ""
    bylines = []
    # Between the headline and the story: "By …" lines and, ending in "=", the writer's title.
    while lines and (not lines[0].strip() or BYLINE.match(lines[0]) or lines[0].rstrip().endswith("=")):
        line = lines.pop(0)
        byline = BYLINE.match(line)
        if byline:
            bylines.append(wire_text.clean(byline.group(1).rstrip().rstrip("=")))
    body_text = "\n".join(
        line.rstrip().rstrip("=") if line.rstrip().endswith("=") else line for line in lines
    )
    return headline, fields.unique(bylines), blocks.from_plain_text(body_text)


def _status(signals: str) -> PubStatus:
    if KILL.search(signals):
        return CANCELED
    if HOLD.search(signals):
        return WITHHELD
    return USABLE
