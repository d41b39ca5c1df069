"""Slugs made from headlines: Latin letters only, whatever the edition's script, and unique where
they must be.

A Russian or Arabic headline becomes a Latin slug by the small tables below rather than a
Unicode one: addresses stay readable in every mail client and chat that shortens them, and the
newsroom's browser makes the same slug while the headline is typed (the tables are handed to
Wagtail's slug field, `js_formatters`). Cyrillic follows Wagtail's own table (GOST 7.79 system B
without its apostrophes); Arabic names the letters Wagtail's table leaves out (alef, tā' marbūṭa…).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.text import slugify

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "c", "ч": "ch", "ш": "sh", "щ": "shh",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
}  # fmt: skip
ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "y",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh",
    "گ": "g", "ک": "k", "ی": "y", "ـ": "",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
}  # fmt: skip
# Short vowels, shadda and sukun: marks over letters, not letters.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
LATIN = str.maketrans(
    {
        **CYRILLIC,
        **{letter.upper(): latin.capitalize() for letter, latin in CYRILLIC.items()},
        **ARABIC,
    }
)
MAX_LENGTH = 80
FALLBACK = "story"


def transliterate(text: str) -> str:
    """Cyrillic and Arabic letters written in Latin ones; other text as it was."""
    return ARABIC_MARKS.sub("", text).translate(LATIN)


def slug_for(text: str, max_length: int = MAX_LENGTH) -> str:
    """A Latin slug for a headline, cut at a word within `max_length`; a script the tables do not
    know keeps its own letters rather than vanish."""
    slug = slugify(transliterate(text)) or slugify(text, allow_unicode=True) or FALLBACK
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


def unique_slug(slug: str, is_taken: Callable[[str], bool]) -> str:
    """`slug`, or `slug-2`, `slug-3`… the first that `is_taken` does not refuse."""
    candidate, suffix = slug, 1
    while is_taken(candidate):
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def js_formatters() -> list[tuple[str, str]]:
    """The tables as (pattern, replacement) pairs for Wagtail's slug field, which applies them
    while the headline is typed."""
    pairs = [(ARABIC_MARKS.pattern, "")]
    for letter, latin in {**CYRILLIC, **ARABIC}.items():
        pairs.append((re.escape(letter), latin))
        if letter.upper() != letter:
            pairs.append((re.escape(letter.upper()), latin))
    return pairs
