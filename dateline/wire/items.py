"""The one normalised wire item every format's parser returns.

Everything here is plain data: text is plain text (never markup), dates are aware and in UTC, and
a body is a tuple of blocks of the kinds a story's body is written with
(dateline/articles/blocks.py: paragraph, subheading, quote). A paragraph may carry a few inline
marks (bold, italic, a link), as offsets into its text, so that no agency's HTML ever reaches a
reader: whoever renders a block escapes its text and draws the marks itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

BlockKind = Literal["paragraph", "subheading", "quote"]
MarkKind = Literal["bold", "italic", "link"]
PubStatus = Literal["usable", "withheld", "canceled"]

USABLE: PubStatus = "usable"
WITHHELD: PubStatus = "withheld"
CANCELED: PubStatus = "canceled"

# IPTC's urgency: 1 is a flash, 2 urgent, 5 usual, 8 (9 in NewsML-G2 and ninjs) the least.
MOST_URGENT = 1
LEAST_URGENT = 9


@dataclass(frozen=True)
class Mark:
    """An inline mark over `text[start:end]` of its block; a link carries its address."""

    kind: MarkKind
    start: int
    end: int
    href: str = ""


@dataclass(frozen=True)
class Block:
    """One block of a body: a paragraph, a subheading or a quote (with who said it)."""

    kind: BlockKind
    text: str
    marks: tuple[Mark, ...] = ()
    attribution: str = ""


@dataclass(frozen=True)
class Subject:
    """A subject the agency filed the item under: a code (IPTC Media Topic qcode or URI) and a name."""

    code: str
    name: str = ""


@dataclass(frozen=True)
class Picture:
    """A picture associated with the item: where to fetch it and what to say under it."""

    href: str
    caption: str = ""
    credit: str = ""
    mime: str = ""
    uri: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class ParsedItem:
    """An agency's item as the desk sees it, whatever format it came in.

    Its identity is (source, `uri`, `version`): the agency's own identifier and the version of it.
    `status` is IPTC's publication status; "canceled" is a kill notice.
    """

    format: str
    uri: str
    version: int = 1
    first_created: datetime | None = None
    version_created: datetime | None = None
    urgency: int | None = None
    status: PubStatus = USABLE
    embargo: datetime | None = None
    language: str = ""
    headline: str = ""
    lede: str = ""
    body: tuple[Block, ...] = ()
    dateline_place: str = ""
    bylines: tuple[str, ...] = ()
    provider: str = ""
    keywords: tuple[str, ...] = ()
    subjects: tuple[Subject, ...] = ()
    category: str = ""
    slugline: str = ""
    pictures: tuple[Picture, ...] = ()
    editorial_note: str = ""

    @property
    def is_kill(self) -> bool:
        """The agency withdrew the item for good: stories built on it must come down."""
        return self.status == CANCELED

    @property
    def is_withheld(self) -> bool:
        """The agency asks that the item not be used until further notice."""
        return self.status == WITHHELD

    @property
    def is_urgent(self) -> bool:
        """A flash or an urgent item (urgency 1 or 2), announced to the whole newsroom."""
        return self.urgency is not None and self.urgency <= 2

    def body_text(self) -> str:
        """The body as plain text, a blank line between blocks (for search and comparison)."""
        return "\n\n".join(block.text for block in self.body)
