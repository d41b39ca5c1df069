"""The search index's rows: one entry per story, and where indexing has got to in the outbox."""

from collections.abc import Iterable
from datetime import datetime

from django.db import models

# Loaded with the models, as Django loads every app: it connects the index's receivers (drafts,
# stories deleted outright) without an import inside `ready()`.
from dateline.search import receivers  # noqa: F401


class SearchEntry(models.Model):
    """A story as the index knows it: what filters and sorts need, and the plain text that the
    result's snippet is cut from.

    The words themselves are in the database's own full-text structure beside it (an FTS5 table
    on SQLite, a `tsvector` column on PostgreSQL: `dateline.search.engines`), written with the
    entry. The story is named by id, not by a foreign key: a story deleted outright leaves its
    entry until the follower removes it, and queries only ever show stories that still exist.
    """

    page_id = models.BigIntegerField(primary_key=True)
    # The story's place in publication order (`position_of`): its row id in SQLite's FTS5 table,
    # which FTS5 walks newest first and stops when it has enough.
    position = models.BigIntegerField(unique=True)
    language = models.CharField(max_length=12)
    section_id = models.BigIntegerField(null=True)
    first_published_at = models.DateTimeField(null=True)
    # Readers see live stories only; the newsroom also finds drafts and withdrawn stories.
    live = models.BooleanField(default=False)
    headline = models.TextField()
    lede = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tags = models.TextField(blank=True)  # the tags' names, one per line
    # What a search may be narrowed to, as words (`facet_words`): SQLite's FTS5 finds them with the
    # query's own words, so a rare section, author or tag does not mean walking every match.
    facets = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["language", "live", "first_published_at"], name="search_newest"),
            models.Index(fields=["section_id"], name="search_section"),
        ]

    def __str__(self) -> str:
        return self.headline


# Page ids a position tells apart within one second of publication.
PAGES_PER_SECOND = 2**24


def position_of(first_published_at: datetime | None, page_id: int) -> int:
    """A number that orders stories by first publication (a story never published comes first):
    the second of publication, then the page id modulo `PAGES_PER_SECOND`. Two stories share one
    only if published in the same second with ids 16,777,216 apart."""
    seconds = int(first_published_at.timestamp()) if first_published_at is not None else 0
    return seconds * PAGES_PER_SECOND + page_id % PAGES_PER_SECOND


def facet_words(section_id: int | None, author_ids: Iterable[int], tag_ids: Iterable[int]) -> str:
    """The facets of a story as words: `section6 author42 tag15 …`."""
    words = [f"section{section_id}"] if section_id is not None else []
    words += [f"author{author_id}" for author_id in sorted(set(author_ids))]
    words += [f"tag{tag_id}" for tag_id in sorted(set(tag_ids))]
    return " ".join(words)


class IndexWord(models.Model):
    """A word of an edition's headlines, ledes and tags, as written (normalised), with the number of
    stories it was indexed in: what "Did you mean" offers a query that found nothing.

    Counts grow as stories are indexed and are made exact again by a rebuild; a suggestion is
    offered only once it is seen to find stories, so a word whose stories are gone is never one.
    """

    language = models.CharField(max_length=12)
    word = models.CharField(max_length=40)
    stories = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="search_word_unique")]

    def __str__(self) -> str:
        return self.word


class IndexCursor(models.Model):
    """One row: the outbox event up to which every story change is in the index."""

    last_event_id = models.BigIntegerField()
    indexed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Search index up to event {self.last_event_id}"
