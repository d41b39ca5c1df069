"""What readers write (display names, comments, report reasons), as Dateline checks and shows it.

Three things a reader's text can do to the page around it, and what is done about each:
- show nothing at all (zero-width spaces, joiners, fillers): refused like empty text (`shows_nothing`);
- turn the direction of the text after it (a right-to-left override): refused in names
  (`has_direction_controls`), and every piece of reader text is shown isolated (`<bdi>`,
  `dir="auto"`, or U+2068…U+2069 in plain text), so nothing it holds reaches beyond it;
- stack combining marks without end ("zalgo") over the lines and rows around it: clipped to
  `MARKS_IN_A_ROW` on each character wherever it is shown (`clip_marks`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# The characters that change the direction of the text after them: the Arabic letter mark, the
# left-to-right and right-to-left marks, embeddings, overrides and isolates with their ends.
DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Enough for every script's own stacks (Vietnamese two, Arabic and Hebrew three, Tibetan four).
MARKS_IN_A_ROW = 4
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
# Categories that put nothing on the screen: spaces, line and paragraph separators, controls,
# format characters (zero-width spaces and joiners), unassigned code points, marks without a base.
INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Cs", "Mn", "Me"})
# Letters that are drawn as blank space (Hangul fillers, the blank Braille pattern).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def shows_nothing(text: str) -> bool:
    """Whether the text would show the reader nothing to read: only blank or invisible characters."""
    return not any(
        character not in BLANK_LETTERS and unicodedata.category(character) not in INVISIBLE_CATEGORIES
        for character in text
    )


def has_direction_controls(text: str) -> bool:
    return DIRECTION_CONTROLS.search(text) is not None


def clip_marks(text: str) -> str:
    """The text with at most `MARKS_IN_A_ROW` combining marks on any one character."""
    if text.isascii():
        return text
    return _stacked_marks().sub(r"\1", text)


def isolated_text(text: str) -> str:
    """Reader text for plain-text places (a page's title, an e-mail): clipped, and between the
    first-strong isolate and its end, so that its direction stays inside."""
    return f"{FIRST_STRONG_ISOLATE}{clip_marks(text)}{POP_DIRECTIONAL_ISOLATE}"


@cache
def _stacked_marks() -> re.Pattern[str]:
    """A run of combining marks longer than allowed; the first ones are kept as group 1."""
    one = mark_class()
    return re.compile(f"({one}{{{MARKS_IN_A_ROW}}}){one}+")


@cache
def mark_class() -> str:
    """Unicode's combining marks (categories Mn and Me) as a pattern's character class.

    Built once per process: marks are found in the first two planes and among the variation
    selectors of plane 14 (a test compares it with all of Unicode).
    """
    marks = _ranges(range(0x20000)) + _ranges(range(0xE0100, 0xE01F0))
    return "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in marks) + "]"


def _ranges(codes: range) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for code in codes:
        if unicodedata.category(chr(code)) in ("Mn", "Me"):
            if found and found[-1][1] == code - 1:
                found[-1] = (found[-1][0], code)
            else:
                found.append((code, code))
    return found
