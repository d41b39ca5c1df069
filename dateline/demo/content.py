"""The shape of the demo content: plain data that `dateline demo` turns into pages and snippets.

Everything under `dateline/demo/stories/` is written for this project: fictional people and events
in real places, so that nobody mistakes the demo for real news.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A body is a list of blocks, each a tuple whose first item says what it is:
#   ("p", "Paragraph text; may contain <b>, <i> and <a href>.")
#   ("h", "Subheading")
#   ("quote", "Quoted words", "Speaker name", "Speaker role")
#   ("image", "image-key", "Caption for this use (or empty to use the image's own)")
#   ("related", "story-key")      a link to another demo story, in the same language if it has one
Block = tuple[str, ...]


@dataclass(frozen=True)
class Version:
    """One language version of a story."""

    title: str
    lede: str
    body: list[Block]
    place: str = ""
    kicker: str = ""
    tags: list[str] = field(default_factory=list)
    slug: str = ""


@dataclass(frozen=True)
class Story:
    """A story in one or more editions; versions in several languages are linked as translations."""

    key: str
    section: str  # world, politics, business, science, society, sport, opinion
    hours_ago: float  # when it was first published, counted back from now (negative: scheduled ahead)
    versions: dict[str, Version]  # "en", "ru", "ar"; English is created first when present
    authors: list[str] = field(default_factory=list)  # Author keys
    agency: str = ""  # Agency key, or empty for staff stories
    image: str = ""  # lead image key
    updated_hours_later: float | None = None  # shown as "Updated …" this long after publication


@dataclass(frozen=True)
class Author:
    key: str
    names: dict[str, str]
    roles: dict[str, str]
    bios: dict[str, str]


@dataclass(frozen=True)
class Agency:
    key: str
    names: dict[str, str]
    url: str


@dataclass(frozen=True)
class Image:
    """A picture generated locally with Pillow (no downloads), with its library metadata."""

    key: str
    title: str  # also the alt text
    caption: str
    credit: str
    motif: str  # which drawing routine to use, e.g. "skyline", "waves", "chart", "field", "mountains"
    palette: tuple[str, str, str]  # three hex colours
