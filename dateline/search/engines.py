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
from datetime import datetime
from functools import cache
from typing import Any, Protocol

from django.db import connection

from dateline.articles.models import ArticleByline, ArticleTag
from dateline.core import rows
from dateline.search import text
from dateline.search.models import SearchEntry

FTS_TABLE = "search_words"
# bm25's weights for the FTS5 columns: headline, lede, body, tags.
SQLITE_WEIGHTS = (10.0, 4.0, 1.0, 2.0)


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
        """Put `entries` (saved already) and their words into the full-text structure."""

    def remove(self, page_ids: Sequence[int]) -> None:
        """Take the stories' words out of the full-text structure."""

    def best(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        """The matching stories' ids, most relevant first."""

    def newest(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        """The matching stories' ids, newest first."""

    def relevance(self, language: str, words: list[str], page_ids: Sequence[int]) -> dict[int, float]:
        """How relevant each of these matching stories is (higher is better)."""

    def count(self, language: str, words: list[str], filters: Filters) -> int:
        """How many stories match."""


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
        self.remove([entry.page_id for entry in entries])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, headline, lede, body, tags) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608  (names from the model, values as parameters)
                [
                    (
                        entry.page_id,
                        text.stemmed_text(entry.headline, entry.language),
                        text.stemmed_text(entry.lede, entry.language),
                        text.stemmed_text(entry.body, entry.language),
                        text.stemmed_text(entry.tags, entry.language),
                    )
                    for entry in entries
                ],
            )

    def remove(self, page_ids: Sequence[int]) -> None:
        if page_ids:
            statement = f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({rows.placeholders(len(page_ids))})"  # noqa: S608  (values as parameters)
            rows.execute(statement, page_ids)

    @staticmethod
    def _match(language: str, words: list[str]) -> str:
        # Each stem a quoted string (stems are letters and digits only): all of them must occur.
        return " AND ".join(
            f'"{stem}"' for stem in dict.fromkeys(text.stem(word, language) for word in words)
        )

    def _from(self, language: str, words: list[str], filters: Filters) -> tuple[str, list[Any]]:
        entry = rows.names(SearchEntry)
        conditions, params = _filters_sql(filters)
        sql = (
            f"FROM {FTS_TABLE} JOIN {entry} e ON e.{entry.page_id} = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH %s AND e.{entry.language} = %s{conditions}"
        )
        return sql, [self._match(language, words), language, *params]

    def best(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        source, params = self._from(language, words, filters)
        weights = ", ".join(str(weight) for weight in SQLITE_WEIGHTS)
        found = rows.select(
            f"SELECT {FTS_TABLE}.rowid {source} ORDER BY bm25({FTS_TABLE}, {weights}) LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in found]

    def newest(self, language: str, words: list[str], filters: Filters, limit: int, offset: int) -> list[int]:
        entry = rows.names(SearchEntry)
        source, params = self._from(language, words, filters)
        found = rows.select(
            f"SELECT {FTS_TABLE}.rowid {source}"
            f" ORDER BY e.{entry.first_published_at} DESC, e.{entry.page_id} DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in found]

    def relevance(self, language: str, words: list[str], page_ids: Sequence[int]) -> dict[int, float]:
        if not page_ids:
            return {}
        weights = ", ".join(str(weight) for weight in SQLITE_WEIGHTS)
        found = rows.select(
            f"SELECT rowid, bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE}"  # noqa: S608  (names from the model, values as parameters)
            f" WHERE {FTS_TABLE} MATCH %s AND rowid IN ({rows.placeholders(len(page_ids))})",
            [self._match(language, words), *page_ids],
        )
        # bm25() is lower for better matches.
        return {page_id: -score for page_id, score in found}

    def count(self, language: str, words: list[str], filters: Filters) -> int:
        source, params = self._from(language, words, filters)
        found = rows.first(f"SELECT COUNT(*) {source}", params)
        return found[0] if found else 0


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

    def _from(self, language: str, words: list[str], filters: Filters) -> tuple[str, list[Any]]:
        entry = rows.names(SearchEntry)
        conditions, params = _filters_sql(filters)
        sql = (
            f"FROM {entry} e, plainto_tsquery(%s::regconfig, %s) q"
            f" WHERE e.search @@ q AND e.{entry.language} = %s{conditions}"
        )
        return sql, [text.regconfig(language), " ".join(words), language, *params]

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
        source, params = self._from(language, words, filters)
        found = rows.select(
            f"SELECT e.{entry.page_id} {source}"
            f" ORDER BY e.{entry.first_published_at} DESC NULLS LAST, e.{entry.page_id} DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in found]

    def relevance(self, language: str, words: list[str], page_ids: Sequence[int]) -> dict[int, float]:
        if not page_ids:
            return {}
        entry = rows.names(SearchEntry)
        found = rows.select(
            f"SELECT e.{entry.page_id}, ts_rank(e.search, q) FROM {entry} e, plainto_tsquery(%s::regconfig, %s) q"  # noqa: S608  (names from the model, values as parameters)
            f" WHERE e.{entry.page_id} IN ({rows.placeholders(len(page_ids))})",
            [text.regconfig(language), " ".join(words), *page_ids],
        )
        return dict(found)

    def count(self, language: str, words: list[str], filters: Filters) -> int:
        source, params = self._from(language, words, filters)
        found = rows.first(f"SELECT COUNT(*) {source}", params)
        return found[0] if found else 0
