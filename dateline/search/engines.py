"""The index's written-out statements, one engine per database: FTS5 on SQLite, a `tsvector` on
PostgreSQL. Nothing else in the app writes SQL.

Both are fed words already normalised in Python (`dateline.search.text`), and both are asked with
words the reader's query was cut into: no text a reader typed reaches `MATCH` or a tsquery parser.

- **SQLite**: the FTS5 table `search_words` (made by the migration) holds each story's stems in
  four columns, its row id the story's; `bm25()` ranks with the weights of `SQLITE_WEIGHTS`.
- **PostgreSQL**: the entry's `search` column holds `setweight(to_tsvector(<edition's
  configuration>, …))` of the headline (A), lede (B), tags (C) and body (D), under a GIN index;
  `ts_rank` ranks, and `plainto_tsquery` with the same configuration stems the query's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple, Protocol

from django.db import connection

from dateline.articles.models import ArticleByline, ArticleTag
from dateline.core import rows
from dateline.search import text
from dateline.search.models import PAGES_PER_SECOND, SearchEntry, facet_words, position_of

FTS_TABLE = "search_words"
# bm25's weights for the FTS5 columns: headline, lede, body, tags, facets (which rank nothing).
SQLITE_WEIGHTS = (10.0, 4.0, 1.0, 2.0, 0.0)
TEXT_COLUMNS = "{headline lede body tags}"
# On PostgreSQL, the stories of an edition read newest first for the newest matches, and then the
# newest stories among which the GIN index's matches are sorted, before every match is
# (`PostgresEngine._newest_first`).
LOOK_AT = 2000
WINDOW = 20_000


class Candidate(NamedTuple):
    """A match with what the default order weighs: its relevance (higher is better) and when it
    was first published (None if never)."""

    page_id: int
    relevance: float
    published: datetime | None


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to, besides its words and edition."""

    section_id: int | None = None
    author_id: int | None = None
    tag_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    live_only: bool = True


class Engine(Protocol):
    """The index's statements on one database."""

    def write(self, entries: Sequence[SearchEntry]) -> None:
        """Put `entries` (saved already, their old words removed) and their words into the
        full-text structure."""

    def remove(self, page_ids: Sequence[int]) -> None:
        """Take the stories' words out of the full-text structure (before their entries change)."""

    def remove_all(self) -> None:
        """Empty the full-text structure."""

    def after_rebuild(self) -> None:
        """Bring the database's statistics up to date after every entry was written again."""

    def best(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        """The matching stories' ids, most relevant first."""

    def newest(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        """The matching stories' ids, newest first."""

    def newest_ranked(self, language: str, words: list[str], filters: Filters, limit: int) -> list[Candidate]:
        """The newest matching stories with their relevance and publication, newest first."""

    def count(self, language: str, words: list[str], filters: Filters, most: int) -> int:
        """How many stories match, counted up to `most`."""


def engine() -> Engine:
    """The engine of the default database."""
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()


def _filters_sql(filters: Filters) -> tuple[str, list[Any]]:
    """The conditions on the entry `e` for `filters`, and their parameters."""
    entry, byline, tagged = rows.names(SearchEntry), rows.names(ArticleByline), rows.names(ArticleTag)
    conditions: list[str] = []
    params: list[Any] = []
    if filters.live_only:
        conditions.append(f"e.{entry.live} = %s")
        params.append(True)
    if filters.section_id is not None:
        conditions.append(f"e.{entry.section_id} = %s")
        params.append(filters.section_id)
    if filters.since is not None:
        conditions.append(f"e.{entry.first_published_at} >= %s")
        params.append(rows.moment(filters.since))
    if filters.until is not None:
        conditions.append(f"e.{entry.first_published_at} < %s")
        params.append(rows.moment(filters.until))
    if filters.author_id is not None:
        conditions.append(
            f"e.{entry.page_id} IN (SELECT {byline.page} FROM {byline} WHERE {byline.author} = %s)"  # noqa: S608  (names from the model, values as parameters)
        )
        params.append(filters.author_id)
    if filters.tag_id is not None:
        conditions.append(
            f"e.{entry.page_id} IN (SELECT {tagged.content_object} FROM {tagged} WHERE {tagged.tag} = %s)"  # noqa: S608  (names from the model, values as parameters)
        )
        params.append(filters.tag_id)
    return "".join(f" AND {condition}" for condition in conditions), params


class SqliteEngine:
    """FTS5, fed stems."""

    def write(self, entries: Sequence[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, headline, lede, body, tags, facets) VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608  (names from the model, values as parameters)
                [
                    (
                        entry.position,
                        text.stemmed_text(entry.headline, entry.language),
                        text.stemmed_text(entry.lede, entry.language),
                        text.stemmed_text(entry.body, entry.language),
                        text.stemmed_text(entry.tags, entry.language),
                        entry.facets,
                    )
                    for entry in entries
                ],
            )

    def remove(self, page_ids: Sequence[int]) -> None:
        entry = rows.names(SearchEntry)
        for start in range(0, len(page_ids), 500):
            chunk = page_ids[start : start + 500]
            rows.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT {entry.position} FROM {entry}"  # noqa: S608  (names from the model, values as parameters)
                f" WHERE {entry.page_id} IN ({rows.placeholders(len(chunk))}))",
                chunk,
            )

    def remove_all(self) -> None:
        rows.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608  (a constant name)

    def after_rebuild(self) -> None:
        """Nothing to do: FTS5 keeps what `bm25()` needs as it goes."""

    @staticmethod
    def _match(language: str, words: list[str], filters: Filters) -> str:
        """The words' stems (letters and digits only, each quoted), all of them in the story's text,
        and the facets the filters ask for."""
        stems = " AND ".join(
            f'"{stem}"' for stem in dict.fromkeys(text.stem(word, language) for word in words)
        )
        facets = facet_words(filters.section_id, _ids(filters.author_id), _ids(filters.tag_id)).split()
        return " AND ".join([f"{TEXT_COLUMNS} : ({stems})", *(f'facets : "{facet}"' for facet in facets)])

    def _from(self, language: str, words: list[str], filters: Filters) -> tuple[str, list[Any]]:
        entry = rows.names(SearchEntry)
        conditions: list[str] = []
        params: list[Any] = [self._match(language, words, filters), language]
        if filters.live_only:
            conditions.append(f"e.{entry.live} = %s")
            params.append(True)
        # Days as ranges of row ids, which are positions in publication order.
        if filters.since is not None:
            conditions.append(f"{FTS_TABLE}.rowid >= %s")
            params.append(position_of(filters.since, 0))
        if filters.until is not None:
            conditions.append(f"{FTS_TABLE}.rowid < %s")
            params.append(position_of(filters.until, 0))
        # CROSS JOIN: SQLite takes the FTS5 table first, as written; left to choose, it walked the
        # edition's entries and asked FTS5 about each (seconds for a count).
        sql = (
            f"FROM {FTS_TABLE} CROSS JOIN {entry} e ON e.{entry.position} = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH %s AND e.{entry.language} = %s"
            + "".join(f" AND {condition}" for condition in conditions)
        )
        return sql, params

    def best(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        entry = rows.names(SearchEntry)
        source, params = self._from(language, words, filters)
        found = rows.select(
            f"SELECT e.{entry.page_id} {source} ORDER BY bm25({FTS_TABLE}, {_weights()}) LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in found]

    def newest(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        entry = rows.names(SearchEntry)
        source, params = self._from(language, words, filters)
        # Row ids are positions in publication order: FTS5 reads its matches newest first and
        # stops at the limit.
        found = rows.select(
            f"SELECT e.{entry.page_id} {source} ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in found]

    def newest_ranked(self, language: str, words: list[str], filters: Filters, limit: int) -> list[Candidate]:
        entry = rows.names(SearchEntry)
        source, params = self._from(language, words, filters)
        # bm25() is worked out only for the rows read before the limit; it is lower for better. The
        # row id says the second of publication: no second read of the entries for their dates.
        found = rows.select(
            f"SELECT e.{entry.page_id}, bm25({FTS_TABLE}, {_weights()}), {FTS_TABLE}.rowid {source}"
            f" ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s",
            [*params, limit],
        )
        return [Candidate(page_id, -score, _published_at(position)) for page_id, score, position in found]

    def count(self, language: str, words: list[str], filters: Filters, most: int) -> int:
        source, params = self._from(language, words, filters)
        # Newest first, as the pages read them: a search narrowed to recent days stops early.
        found = rows.first(
            f"SELECT COUNT(*) FROM (SELECT 1 {source} ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s)",  # noqa: S608  (names from the model, values as parameters)
            [*params, most],
        )
        return found[0] if found else 0


def _published_at(position: int) -> datetime | None:
    """The second of first publication a position (`position_of`) holds; None if never published."""
    seconds = position // PAGES_PER_SECOND
    return datetime.fromtimestamp(seconds, tz=UTC) if seconds else None


def _ids(value: int | None) -> list[int]:
    return [value] if value is not None else []


def _weights() -> str:
    return ", ".join(str(weight) for weight in SQLITE_WEIGHTS)


@cache
def _vector_sql() -> str:
    entry = rows.names(SearchEntry)
    weighted = " || ".join(
        f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')" for weight in ("A", "B", "C", "D")
    )
    return f"UPDATE {entry} SET search = {weighted} WHERE {entry.page_id} = %s"  # noqa: S608  (names from the model, values as parameters)


class PostgresEngine:
    """A stored, GIN-indexed tsvector per story, in its edition's text search configuration."""

    def write(self, entries: Sequence[SearchEntry]) -> None:
        statement = _vector_sql()
        values = []
        for entry in entries:
            config = text.regconfig(entry.language)
            values.append(
                (
                    *(config, text.normalise(entry.headline)),
                    *(config, text.normalise(entry.lede)),
                    *(config, text.normalise(entry.tags)),
                    *(config, text.normalise(entry.body)),
                    entry.page_id,
                )
            )
        with connection.cursor() as cursor:
            cursor.executemany(statement, values)

    def remove(self, page_ids: Sequence[int]) -> None:
        """Nothing to do: the words are in the entry's own row."""

    def remove_all(self) -> None:
        """Nothing to do: the words are in the entries' own rows."""

    def after_rebuild(self) -> None:
        # Without statistics after a bulk load the planner expected ten matches for any word.
        rows.execute(f"ANALYZE {rows.names(SearchEntry)}")

    def _from(self, language: str, words: list[str], filters: Filters) -> tuple[str, list[Any]]:
        entry = rows.names(SearchEntry)
        conditions, params = _filters_sql(filters)
        sql = (
            f"FROM {entry} e, plainto_tsquery(%s::regconfig, %s) q"
            f" WHERE e.search @@ q AND e.{entry.language} = %s{conditions}"
        )
        return sql, [text.regconfig(language), " ".join(words), language, *params]

    def _newest_first(
        self, language: str, words: list[str], filters: Filters, columns: str, limit: int, offset: int
    ) -> list[tuple[Any, ...]] | None:
        """`columns` of the matches `offset` to `offset + limit`, newest first, found among the
        edition's newest stories; None when too few of them match (a rare word, or one narrowed to
        a rare section or tag), for the GIN path to sort every match instead.

        A GIN index finds every match of a common word but not the newest: ordering tens of
        thousands of them by date cost 0.1–1 s (bench/README.md, "Search"). So, first, the newest
        `LOOK_AT` stories are read through the (language, live, first publication) index and each
        one's words tested (a common word's newest page is among the first few hundred); then the
        GIN index is asked for the matches among the newest `WINDOW` stories only (a word in a few
        stories in a hundred), which are few enough to sort.
        """
        if not filters.live_only:
            return None  # the newsroom's search of drafts too: the index has no order across both
        entry = rows.names(SearchEntry)
        conditions, params = _filters_sql(filters)
        query = [text.regconfig(language), " ".join(words)]
        # Stories never published come last in the order asked for: reading only the published
        # is right whenever enough of them match, and the GIN path orders the rest.
        newest = f"e.{entry.first_published_at} DESC, e.{entry.page_id} DESC"
        published = f"e.{entry.language} = %s AND e.{entry.first_published_at} IS NOT NULL"
        found = rows.select(
            f"SELECT {columns} FROM (SELECT e.{entry.page_id}, e.{entry.first_published_at}, e.search"  # noqa: S608  (names from the model, values as parameters)
            f" FROM {entry} e WHERE {published}{conditions} ORDER BY {newest} LIMIT %s) e,"
            f" plainto_tsquery(%s::regconfig, %s) q WHERE e.search @@ q ORDER BY {newest} LIMIT %s OFFSET %s",
            [language, *params, LOOK_AT, *query, limit, offset],
        )
        if len(found) < limit:
            # The window starts at the WINDOW-th newest story of the edition (none if it has fewer):
            # the GIN index's matches and that range of the date index are intersected as bitmaps.
            window = (
                f"SELECT e.{entry.first_published_at} FROM {entry} e WHERE {published}"  # noqa: S608  (names from the model, values as parameters)
                f" AND e.{entry.live} = %s ORDER BY e.{entry.first_published_at} DESC LIMIT 1 OFFSET %s"
            )
            found = rows.select(
                f"SELECT {columns} FROM (SELECT e.{entry.page_id}, e.{entry.first_published_at}, e.search, q FROM {entry} e,"  # noqa: S608  (names from the model, values as parameters)
                f" plainto_tsquery(%s::regconfig, %s) q WHERE e.search @@ q AND {published}"
                f" AND e.{entry.first_published_at} >= ({window}){conditions}"
                f" ORDER BY {newest} LIMIT %s OFFSET %s) e",
                [*query, language, language, True, WINDOW, *params, limit, offset],
            )
        return found if len(found) == limit else None

    def best(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        entry = rows.names(SearchEntry)
        source, params = self._from(language, words, filters)
        found = rows.select(
            f"SELECT e.{entry.page_id} {source} ORDER BY ts_rank(e.search, q) DESC, e.{entry.page_id} DESC"
            " LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in found]

    def newest(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        entry = rows.names(SearchEntry)
        found = self._newest_first(language, words, filters, f"e.{entry.page_id}", limit, offset)
        if found is None:
            source, params = self._from(language, words, filters)
            found = rows.select(
                f"SELECT e.{entry.page_id} {source}"
                f" ORDER BY e.{entry.first_published_at} DESC NULLS LAST, e.{entry.page_id} DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
        return [row[0] for row in found]

    def newest_ranked(self, language: str, words: list[str], filters: Filters, limit: int) -> list[Candidate]:
        entry = rows.names(SearchEntry)
        columns = f"e.{entry.page_id}, ts_rank(e.search, q), e.{entry.first_published_at}"
        found = self._newest_first(language, words, filters, columns, limit, 0)
        if found is None:
            source, params = self._from(language, words, filters)
            # Ranked after the sort: `ts_rank` reads the whole vector (the body's too) of each row
            # it is worked out for, which cost ten times the rest for thousands of matches.
            found = rows.select(
                f"SELECT {columns} FROM (SELECT e.{entry.page_id}, e.{entry.first_published_at}, e.search, q {source}"  # noqa: S608  (names from the model, values as parameters)
                f" ORDER BY e.{entry.first_published_at} DESC NULLS LAST, e.{entry.page_id} DESC LIMIT %s) e",
                [*params, limit],
            )
        return [Candidate(page_id, float(rank), published) for page_id, rank, published in found]

    def count(self, language: str, words: list[str], filters: Filters, most: int) -> int:
        source, params = self._from(language, words, filters)
        found = rows.first(f"SELECT COUNT(*) FROM (SELECT 1 {source} LIMIT %s) matches", [*params, most])  # noqa: S608  (names from the model, values as parameters)
        return found[0] if found else 0
