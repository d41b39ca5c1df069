"""Words as the index keeps them: normalised, then stemmed, the same way for stories and queries.

Everything that turns text into index terms goes through this module, so that a story and a
reader's query meet on the same terms whatever the database:

- `normalise` folds what a reader does not type consistently: case, «ё» (written «е» in most
  Russian text), Arabic tatweel and harakat, the alef forms (أ إ آ ٱ → ا), alef maqsura (ى → ي)
  and ta marbuta (ة → ه).
- `words` cuts normalised text into words (letters and digits only: quotes, operators and
  parentheses never reach the database's query syntax).
- `stems` stems each word with the Snowball stemmer of the edition's language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

import snowballstemmer

# The languages the index stems; any other edition is indexed with normalised words unstemmed.
STEMMERS = {"en": "english", "ru": "russian", "ar": "arabic"}
# PostgreSQL's text search configuration for each language (`\dF`); "simple" for the others.
REGCONFIGS = {"en": "english", "ru": "russian", "ar": "arabic"}

# A query's words beyond this many are ignored: a reader types a handful, never hundreds.
QUERY_WORDS = 12
# Distinct (word, language) stems kept in memory: a few megabytes.
STEMS_REMEMBERED = 50_000
# A word longer than this is not a word anyone searches for.
LONGEST_WORD = 40

WORD = re.compile(r"\w+")
# A word as written, its Arabic marks (which are not letters) included.
WRITTEN_WORD = re.compile("[\\w\u0640\u064b-\u065f\u0670]+")
ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")  # tatweel, harakat, Quranic marks
FOLDS = str.maketrans({"ё": "е", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})

# Words too common to find anything by; a query of only these finds nothing rather than everything.
STOP_WORDS = {
    # Words as a sentence writes them read better than a list of quoted strings.
    "en": frozenset(
        "a an and are as at be by for from has have he her his i in is it its of on or she that the"  # noqa: SIM905
        " their they this to was were which who will with".split()
    ),
    "ru": frozenset(
        "а без в во вы да для до же за и из или им их к как ко ли на над не нет ни но о об он она они"  # noqa: SIM905
        " от по под при с со та так то у что это я".split()
    ),
    "ar": frozenset("في من على الى عن ان او ثم مع هذا هذه ذلك التي الذي و".split()),  # noqa: SIM905
}


def normalise(text: str) -> str:
    """`text` lower-cased with the letters a reader writes in several ways folded into one."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return ARABIC_MARKS.sub("", text).translate(FOLDS)


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    return [word for word in WORD.findall(normalise(text)) if len(word) <= LONGEST_WORD and word != "_"]


@functools.cache
def _stemmer(language: str) -> snowballstemmer.Stemmer | None:
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@functools.lru_cache(maxsize=STEMS_REMEMBERED)
def stem(word: str, language: str) -> str:
    """The stem of one normalised word (the word itself in a language without a stemmer).

    Remembered: the stemmer is pure Python (some 20 µs a word), and a newsroom's words repeat, so
    indexing 100,000 stories stems each distinct word once rather than every time it is written.
    """
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer is not None else word


def stems(text: str, language: str) -> list[str]:
    """The stems of `text`'s words, in order: what the SQLite index stores for a story."""
    return [stem(word, language) for word in words(text)]


def stemmed_text(text: str, language: str) -> str:
    """`text` as the SQLite index stores it: its stems separated by spaces."""
    return " ".join(stems(text, language))


def query_words(query: str, language: str) -> list[str]:
    """The words of a reader's query worth searching for: stop words and repeats dropped, a
    dozen at most (a query of stop words only gives none)."""
    stop = STOP_WORDS.get(language, frozenset())
    kept: list[str] = []
    for word in words(query):
        if word not in stop and word not in kept:
            kept.append(word)
    return kept[:QUERY_WORDS]


def marked_spans(text: str, query_stems: set[str], language: str) -> Iterator[tuple[int, int]]:
    """Where in `text` (as written) the words whose stems are among `query_stems` are."""
    for match in WRITTEN_WORD.finditer(text):
        if written_stem(match.group(), language) in query_stems:
            yield match.span()


@functools.lru_cache(maxsize=STEMS_REMEMBERED)
def written_stem(word: str, language: str) -> str:
    """The stem of a word as written, remembered: a result's snippet looks at a few hundred words of
    its story, and normalising each took half of a search's time."""
    return stem(normalise(word), language)


def regconfig(language: str) -> str:
    """PostgreSQL's text search configuration for an edition's language."""
    return REGCONFIGS.get(language, "simple")
