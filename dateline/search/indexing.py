"""Putting stories into the index and taking them out: one story at a time as the outbox tells of
it (`dateline.search.follower`), or all of them at once (`dateline manage search_index --rebuild`).

A story is indexed as readers see it while it is live; a story that is not (a draft never
published, a story withdrawn) is indexed from its latest revision, for the newsroom only. Whatever
the event, the story's entry is made again from what the database holds now, so events may come
twice or out of order and the index still ends up right.
"""

from __future__ import annotations

import html
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils.html import strip_tags
from wagtail.models import Locale

from dateline.articles.models import ArticlePage
from dateline.core import rows
from dateline.editions.models import SectionPage
from dateline.search import engines, text
from dateline.search.models import IndexWord, SearchEntry, facet_words, position_of

logger = logging.getLogger(__name__)

# Stories read and written per transaction in a rebuild.
REBUILD_BATCH = 500


def body_text(story: ArticlePage) -> str:
    """The words of a story's body: paragraphs, subheadings and quotes, without markup."""
    parts: list[str] = []
    for block in story.body.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            parts.append(html.unescape(strip_tags(value.replace("</p>", "</p>\n"))))
        elif kind == "subheading" and isinstance(value, str):
            parts.append(value)
        elif kind == "quote" and isinstance(value, dict):
            parts.append(str(value.get("text", "")))
    return "\n".join(part.strip() for part in parts if part.strip())


def entry_for(story: ArticlePage, language: str, section_id: int | None) -> SearchEntry:
    """The index's entry for `story` as it stands (live or not)."""
    tagged = list(story.tagged_items.all())
    authors = [byline.author_id for byline in story.bylines.all()]
    return SearchEntry(
        page_id=story.pk,
        position=position_of(story.first_published_at, story.pk),
        language=language,
        section_id=section_id,
        first_published_at=story.first_published_at,
        live=story.live,
        headline=story.title,
        lede=story.lede,
        body=body_text(story),
        tags="\n".join(item.tag.name for item in tagged),
        facets=facet_words(section_id, authors, [item.tag_id for item in tagged]),
    )


def _section_ids() -> dict[str, int]:
    return dict(SectionPage.objects.values_list("path", "pk"))


def _languages() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


def _as_indexed(story: ArticlePage) -> ArticlePage:
    """The version of `story` the index keeps: itself when live, its latest revision otherwise."""
    if story.live or story.latest_revision_id is None:
        return story
    draft = story.get_latest_revision_as_object()
    return draft if isinstance(draft, ArticlePage) else story


def _entries(stories: Sequence[ArticlePage]) -> list[SearchEntry]:
    sections, languages = _section_ids(), _languages()
    entries = []
    for story in stories:
        indexed = _as_indexed(story)
        section_id = sections.get(story.path[: -story.steplen])
        entries.append(entry_for(indexed, languages.get(story.locale_id, ""), section_id))
    return entries


def refresh(page_ids: Iterable[int]) -> int:
    """Make the entries of these stories again from the database, removing those of stories that
    are gone; the number of stories indexed."""
    wanted = sorted(set(page_ids))
    if not wanted:
        return 0
    stories = list(ArticlePage.objects.filter(pk__in=wanted).prefetch_related("tagged_items__tag", "bylines"))
    entries = _entries(stories)
    gone = sorted(set(wanted) - {story.pk for story in stories})
    with transaction.atomic():
        _write(entries)
        if gone:
            engines.engine().remove(gone)
            SearchEntry.objects.filter(page_id__in=gone).delete()
        _count_words(entries)
    return len(entries)


def _write(entries: Sequence[SearchEntry]) -> None:
    if not entries:
        return
    index = engines.engine()
    # The old words go first, found by the entries' old positions.
    index.remove([entry.page_id for entry in entries])
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=[
            "position",
            "language",
            "section_id",
            "first_published_at",
            "live",
            "headline",
            "lede",
            "body",
            "tags",
            "facets",
        ],
    )
    index.write(entries)


def suggestion_words(entry: SearchEntry) -> set[str]:
    """The words of a story that "Did you mean" may offer: its headline's, lede's and tags'."""
    return set(text.words(f"{entry.headline}\n{entry.lede}\n{entry.tags}"))


def _count_words(entries: Sequence[SearchEntry]) -> None:
    counted = Counter(
        (entry.language, word) for entry in entries if entry.live for word in suggestion_words(entry)
    )
    if counted:
        _add_word_counts(counted)


def _add_word_counts(counted: Counter[tuple[str, str]]) -> None:
    word = rows.names(IndexWord)
    statement = (
        f"INSERT INTO {word} ({word.language}, {word.word}, {word.stories}) VALUES (%s, %s, %s)"  # noqa: S608  (names from the model, values as parameters)
        f" ON CONFLICT ({word.language}, {word.word}) DO UPDATE SET {word.stories} = {word}.{word.stories} + %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(statement, [(language, w, n, n) for (language, w), n in sorted(counted.items())])


def rebuild(progress: Any = None) -> int:
    """Index every story again from scratch; the number indexed. `progress(done)` is called after
    each batch."""
    with transaction.atomic():
        engines.engine().remove_all()
        SearchEntry.objects.all().delete()
        IndexWord.objects.all().delete()
    ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    counted: Counter[tuple[str, str]] = Counter()
    done = 0
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = ids[start : start + REBUILD_BATCH]
        stories = list(
            ArticlePage.objects.filter(pk__in=batch).prefetch_related("tagged_items__tag", "bylines")
        )
        entries = _entries(stories)
        with transaction.atomic():
            _write(entries)
        counted.update((e.language, w) for e in entries if e.live for w in suggestion_words(e))
        done += len(entries)
        if progress is not None:
            progress(done)
    with transaction.atomic():
        _add_word_counts(counted)
    engines.engine().after_rebuild()
    return done
