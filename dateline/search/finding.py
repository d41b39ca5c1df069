"""A reader's search: the words of the query, the stories they find in an edition, in the order
asked for, a page at a time, with the words marked; and "Did you mean" when nothing is found.

Three orders: by relevance (the headline weighs most, then the lede, the tags and the body), by
newest, and the default, relevance weighed by recency. The last ranks a bounded set of candidates
rather than every match: the `CANDIDATES` newest matches (ranking every match of a common word
costs a pass over tens of thousands of stories; bench/README.md, "Search"). A story older than
those would need to be many times as relevant as each of them to rank above them. Matches are
counted up to the last page a reader may ask for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.search import text
from dateline.search.engines import Candidate, Filters, engine
from dateline.search.models import IndexWord, SearchEntry

PER_PAGE = 20
# Pages a reader may ask for: a search is not a way to walk the whole archive.
MOST_PAGES = 25
MOST_COUNTED = PER_PAGE * MOST_PAGES
# The default order ranks as many of the newest matches as a reader may page through.
CANDIDATES = MOST_COUNTED
# A story this many days old counts half as much as a new one of the same relevance.
RECENCY_HALF_DAYS = 30.0
# Words around the first match in a result's snippet.
SNIPPET_WORDS = 30


class Sort:
    RECENT = "recent"  # relevance weighed by recency
    RELEVANCE = "relevance"
    NEWEST = "newest"
    ALL = (RECENT, RELEVANCE, NEWEST)


@dataclass
class Hit:
    """A story found, with its headline and a snippet with the query's words marked."""

    page_id: int
    headline: SafeString
    snippet: SafeString


@dataclass
class Results:
    words: list[str]
    total: int = 0
    page: int = 1
    pages: int = 0
    hits: list[Hit] = field(default_factory=list)
    suggestion: str = ""

    @property
    def more_than(self) -> int:
        """The count shown as "more than …" when matches were counted only that far, else 0."""
        return MOST_COUNTED if self.total > MOST_COUNTED else 0


def find(
    query: str,
    language: str,
    filters: Filters,
    sort: str = Sort.RECENT,
    page: int = 1,
    now: datetime | None = None,
) -> Results:
    """The page `page` of the stories of `language` that `query` finds (1-based; a page past the
    end gives no hits)."""
    words = text.query_words(query, language)
    results = Results(words=words, page=page)
    if not words:
        return results
    index = engine()
    ranked: list[int] = []
    if sort == Sort.RECENT:
        # The candidates, read one past their number, count the matches as far as a reader may
        # page: no count of its own.
        candidates = index.newest_ranked(language, words, filters, CANDIDATES + 1)
        results.total = len(candidates)
        ranked = recent_first(candidates[:CANDIDATES], now or timezone.now())
    else:
        results.total = index.count(language, words, filters, MOST_COUNTED + 1)
    if not results.total:
        results.suggestion = suggest(language, words, filters)
        return results
    offset = (page - 1) * PER_PAGE
    if sort == Sort.RECENT:
        results.pages = min(math.ceil(len(ranked) / PER_PAGE), MOST_PAGES)
        ids = ranked[offset : offset + PER_PAGE] if page <= results.pages else []
    else:
        results.pages = math.ceil(min(results.total, MOST_COUNTED) / PER_PAGE)
        if page > results.pages:
            return results
        order = index.newest if sort == Sort.NEWEST else index.best
        ids = order(language, words, filters, PER_PAGE, offset)
    results.hits = hits(ids, language, words)
    return results


def recent_first(candidates: list[Candidate], now: datetime) -> list[int]:
    """The candidates (the newest matches) ordered by relevance weighed by recency."""

    def weighed(candidate: Candidate) -> tuple[float, int]:
        when = candidate.published
        age_days = max(0.0, (now - when).total_seconds() / 86400) if when else 365.0
        return (-candidate.relevance / (1.0 + age_days / RECENCY_HALF_DAYS), -candidate.page_id)

    return [candidate.page_id for candidate in sorted(candidates, key=weighed)]


def hits(page_ids: Sequence[int], language: str, words: list[str]) -> list[Hit]:
    """The entries of `page_ids`, in that order, with the query's words marked."""
    stems = {text.stem(word, language) for word in words}
    entries = SearchEntry.objects.in_bulk(list(page_ids))
    found = []
    for page_id in page_ids:
        entry = entries.get(page_id)
        if entry is not None:
            found.append(
                Hit(page_id, marked(entry.headline, stems, language), snippet(entry, stems, language))
            )
    return found


def marked(passage: str, stems: set[str], language: str) -> SafeString:
    """`passage` escaped, with the words whose stems are `stems` in `<mark>`."""
    pieces: list[str] = []
    end = 0
    for start, stop in text.marked_spans(passage, stems, language):
        pieces.append(escape(passage[end:start]))
        pieces.append(f"<mark>{escape(passage[start:stop])}</mark>")
        end = stop
    pieces.append(escape(passage[end:]))
    return mark_safe("".join(pieces))  # noqa: S308  (every piece of the passage is escaped above)


def snippet(entry: SearchEntry, stems: set[str], language: str) -> SafeString:
    """The lede if the query's words are in it or not in the body; else the body's words around
    the first match."""
    if any(True for _ in text.marked_spans(entry.lede, stems, language)):
        return marked(entry.lede, stems, language)
    first = next(text.marked_spans(entry.body, stems, language), None)
    if first is None:
        return marked(entry.lede, stems, language)
    before = entry.body[: first[0]].split()
    after = entry.body[first[0] :].split()
    start_words = before[-(SNIPPET_WORDS // 3) :] if before else []
    window = " ".join([*start_words, *after[: SNIPPET_WORDS - len(start_words)]])
    lead = "… " if len(start_words) < len(before) else ""
    tail = " …" if len(after) > SNIPPET_WORDS - len(start_words) else ""
    return mark_safe(lead + marked(window, stems, language) + tail)  # noqa: S308  (marked() escaped it)


def suggest(language: str, words: list[str], filters: Filters) -> str:
    """Words of the index close to the query's unknown ones, if together they find something."""
    changed = False
    suggested = []
    for word in words:
        known = IndexWord.objects.filter(language=language, word=word, stories__gt=0).exists()
        closest = None if known else closest_word(language, word)
        if closest:
            changed = True
        suggested.append(closest or word)
    if not changed or not engine().count(language, suggested, filters, 1):
        return ""
    return " ".join(suggested)


def closest_word(language: str, word: str) -> str | None:
    """The index's word nearest `word` by edit distance (at most 1 for short words, 2 for
    others), the one in most stories among equals."""
    allowed = 1 if len(word) <= 4 else 2
    # A typo rarely touches both ends of a word: a candidate shares its first letter or last two.
    candidates = (
        IndexWord.objects.filter(language=language, stories__gt=0)
        .filter(Q(word__startswith=word[0]) | Q(word__endswith=word[-2:]))
        .annotate(letters=Length("word"))
        .filter(letters__gte=len(word) - allowed, letters__lte=len(word) + allowed)
    )
    best: tuple[int, int, str] | None = None
    for candidate, stories in candidates.values_list("word", "stories").iterator():
        distance = edit_distance(word, candidate, allowed)
        if distance <= allowed and (best is None or (distance, -stories) < (best[0], -best[1])):
            best = (distance, stories, candidate)
    return best[2] if best else None


def edit_distance(first: str, second: str, most: int) -> int:
    """Levenshtein distance between two words, or `most + 1` once it is sure to exceed `most`."""
    if abs(len(first) - len(second)) > most:
        return most + 1
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


def newsroom_story_ids(query: str, languages: Sequence[str], limit: int) -> list[int]:
    """The stories of every edition that `query` finds, live or not, most relevant first (for the
    newsroom, whose editors search all editions and their drafts at once)."""
    index = engine()
    found: list[int] = []
    for language in languages:
        words = text.query_words(query, language)
        if words:
            found.extend(index.best(language, words, Filters(live_only=False), limit, 0))
    return list(dict.fromkeys(found))[:limit]
