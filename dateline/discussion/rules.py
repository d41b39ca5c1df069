"""The rules a comment passes as it is posted: published at once, held for a moderator, or rejected.

Newsroom accounts are trusted. For readers, in this order: a banned word rejects; a pre-moderated
story, a reader on pre-moderation, a suspect word, a new reader's first comments, too many links
from a new reader and a repeat of a recent comment each hold the comment for a moderator.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from dateline.core import rows
from dateline.discussion.models import Comment, DiscussionMode, ReaderStanding, WordRule
from dateline.discussion.text import count_links

WORDS_VERSION_KEY = "discussion:word-rules:version"
WORDS_CACHE_SECONDS = 300
REPEAT_WINDOW = timedelta(hours=24)
# What the repeat check compares with: every comment the reader still has (not deleted).
KEPT = [status.value for status in Comment.Status if status != Comment.Status.REMOVED]


@dataclass(frozen=True)
class Verdict:
    status: str
    held_because: str = ""
    detail: str = ""


PUBLISH = Verdict(Comment.Status.PUBLISHED)


def standing_of(user: Any) -> ReaderStanding | None:
    """Read at every post (so a ban takes effect at once): one statement written once."""
    return rows.fetch_first(ReaderStanding, "reader_id = %s", [user.pk])


def fingerprint(text: str) -> str:
    """The same text whatever its case and spacing: how a repeated post is recognised."""
    folded = " ".join(text.casefold().split())
    return hashlib.blake2b(folded.encode(), digest_size=32).hexdigest()


def screen(user: Any, story: Any, text: str, standing: ReaderStanding | None, published: int) -> Verdict:
    """What happens to this reader's comment on this story, by the rules above (`published`: how
    many of the reader's comments are, as `authors.author_of` counts them)."""
    verdict = screen_edit(user, story, text, standing)
    if verdict != PUBLISH or user.is_staff:
        return verdict
    if published < settings.DATELINE_HELD_FIRST_COMMENTS:
        return Verdict(Comment.Status.PENDING, Comment.Held.NEW_READER)
    links = count_links(text)
    if published < settings.DATELINE_TRUSTED_AFTER_COMMENTS and links > settings.DATELINE_NEW_READER_LINKS:
        return Verdict(Comment.Status.PENDING, Comment.Held.LINKS, str(links))
    if posted_recently(user.pk, fingerprint(text)):
        return Verdict(Comment.Status.PENDING, Comment.Held.REPEATED)
    return PUBLISH


def posted_recently(author_id: int, folded: str) -> bool:
    """Whether the reader posted this text (by its fingerprint) in the repeat window, and kept it.

    Asked at every post, so written out. The statuses kept are named rather than "not removed", so
    that the (author, status, created_at) index is entered once per status at the window's start."""
    table = Comment._meta.db_table
    found = rows.first(
        f"SELECT 1 FROM {table} WHERE author_id = %s AND status IN ({rows.placeholders(KEPT)})"  # noqa: S608  (a model's table name)
        " AND created_at >= %s AND fingerprint = %s LIMIT 1",
        [author_id, *KEPT, rows.moment(timezone.now() - REPEAT_WINDOW), folded],
    )
    return found is not None


def screen_edit(user: Any, story: Any, text: str, standing: ReaderStanding | None) -> Verdict:
    """An edited text: rejected for a banned word, held where a new comment would be held for its
    story, its reader or a suspect word; otherwise it keeps its place."""
    if user.is_staff:
        return PUBLISH
    banned, suspect = word_rules(story.locale.language_code)
    if word := first_match(banned, text):
        return Verdict(Comment.Status.REJECTED, Comment.Held.BANNED_WORD, word)
    if story.discussion_mode() == DiscussionMode.PREMODERATED:
        return Verdict(Comment.Status.PENDING, Comment.Held.STORY)
    if standing is not None and standing.premoderated:
        return Verdict(Comment.Status.PENDING, Comment.Held.READER)
    if word := first_match(suspect, text):
        return Verdict(Comment.Status.PENDING, Comment.Held.SUSPECT_WORD, word)
    return PUBLISH


# --- banned and suspect words ------------------------------------------------------------------------


def word_rules(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The banned and the suspect phrases for an edition's language, from the shared cache."""
    version = cache.get_or_set(WORDS_VERSION_KEY, 1, None)
    key = f"discussion:word-rules:{version}:{language}"
    rules = cache.get(key)
    if rules is None:
        rows = WordRule.objects.filter(language__in=["", language]).values_list("phrase", "kind")
        rules = (
            tuple(sorted(p for p, kind in rows if kind == WordRule.Kind.BANNED)),
            tuple(sorted(p for p, kind in rows if kind == WordRule.Kind.SUSPECT)),
        )
        cache.set(key, rules, WORDS_CACHE_SECONDS)
    return rules


def first_match(phrases: tuple[str, ...], text: str) -> str:
    """The first phrase found in the text as whole words, ignoring case; "" if none is."""
    if not phrases:
        return ""
    match = _pattern(phrases).search(text.casefold())
    return match.group(1) if match else ""


@lru_cache(maxsize=64)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p.casefold().strip()) for p in phrases if p.strip())
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)")


@receiver(post_save, sender=WordRule)
@receiver(post_delete, sender=WordRule)
def word_rules_changed(**kwargs: Any) -> None:
    """Every process sees a changed list at its next comment (the version key is shared)."""
    cache.set(WORDS_VERSION_KEY, time.time_ns(), None)
