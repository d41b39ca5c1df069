"""Readers' comments are plain text: escaped, with web addresses made into links, nothing else."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.core.reader_text import clip_marks

# An address starts with http(s):// or www. and runs to the next space; trailing punctuation that
# usually ends a sentence is left outside the link.
ADDRESS = re.compile(r"(?i)\b((?:https?://|www\.)[^\s<>\"']+)")
TRAILING = ".,;:!?)]}»”’"


def render_comment(text: str) -> SafeString:
    """Paragraphs for blank-line breaks, <br> for single ones, links for addresses.

    Each paragraph takes its direction from its own first letters and keeps whatever direction
    the text sets inside itself (`dir="auto"` isolates it); stacked marks are clipped."""
    paragraphs = [part for part in re.split(r"\n{2,}", clip_marks(text).strip()) if part.strip()]
    html = "".join(
        f'<p dir="auto">{"<br>".join(_linked(line) for line in part.split(chr(10)))}</p>'
        for part in paragraphs
    )
    return mark_safe(html)  # noqa: S308  (every piece of the reader's text went through escape())


def _linked(line: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in ADDRESS.finditer(line):
        address = match.group(1)
        kept = address.rstrip(TRAILING)
        pieces.append(escape(line[position : match.start()]))
        target = kept if kept.lower().startswith("http") else f"https://{kept}"
        pieces.append(
            f'<a href="{escape(target)}" rel="nofollow ugc noopener" target="_blank">{escape(kept)}</a>'
        )
        position = match.start() + len(kept)
    pieces.append(escape(line[position:]))
    return "".join(pieces)


def count_links(text: str) -> int:
    return len(ADDRESS.findall(text))
