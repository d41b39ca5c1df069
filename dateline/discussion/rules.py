"""The rules a comment passes as it is posted: published at once, held for a moderator, or rejected.

Newsroom accounts are trusted. For readers, in this order: a banned word rejects; a pre-moderated
story, a reader on pre-moderation, a suspect word, a new reader's first comments, more links than
any comment may have, too many links from a new reader and a repeat of a recent comment each hold
the comment for a moderator.
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

from dateline.core import lookalikes
from dateline.discussion import queries
from dateline.discussion.models import Comment, ReaderStanding, WordRule
from dateline.discussion.text import count_links
from dateline.editions.models import DiscussionMode

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
    """Read at every post, so a ban takes effect at once."""
    return queries.standing_of(user.pk)


def fingerprint(text: str) -> str:
    """The same text whatever its case and spacing: how a repeated post is recognised."""
    folded = " ".join(text.casefold().split())
    return hashlib.blake2b(folded.encode(), digest_size=32).hexdigest()


def screen(
    user: Any,
    story: Any,
    text: str,
    standing: ReaderStanding | None,
    published: int,
    replacing: int | None = None,
) -> Verdict:
    """What happens to this reader's comment on this story, by the rules above (`published`: how
    many of the reader's comments are, as `authors.author_of` counts them).

    An edit passes them as a new comment with its text would; `replacing` is the id of the comment
    it changes, which is not a repeat of itself.
    """
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
    if published < settings.DATELINE_HELD_FIRST_COMMENTS:
        return Verdict(Comment.Status.PENDING, Comment.Held.NEW_READER)
    links = count_links(text)
    if links > settings.DATELINE_COMMENT_LINKS_LIMIT:
        return Verdict(Comment.Status.PENDING, Comment.Held.LINK_LIMIT, str(links))
    if published < settings.DATELINE_TRUSTED_AFTER_COMMENTS and links > settings.DATELINE_NEW_READER_LINKS:
        return Verdict(Comment.Status.PENDING, Comment.Held.LINKS, str(links))
    if posted_recently(user.pk, fingerprint(text), replacing):
        return Verdict(Comment.Status.PENDING, Comment.Held.REPEATED)
    return PUBLISH


def posted_recently(author_id: int, folded: str, replacing: int | None = None) -> bool:
    """Whether the reader posted this text (by its fingerprint) in the repeat window, and kept it,
    in another comment than `replacing`."""
    since = timezone.now() - REPEAT_WINDOW
    return queries.has_comment_with_fingerprint(author_id, folded, KEPT, since, replacing)


# --- banned and suspect words ------------------------------------------------------------------------


def word_rules(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The banned and the suspect phrases for an edition's language, from the shared cache."""
    version = cache.get_or_set(WORDS_VERSION_KEY, 1, None)
    key = f"discussion:word-rules:{version}:{language}"
    rules = cache.get(key)
    if rules is None:
        phrases = WordRule.objects.filter(language__in=["", language]).values_list("phrase", "kind")
        rules = (
            tuple(sorted(p for p, kind in phrases if kind == WordRule.Kind.BANNED)),
            tuple(sorted(p for p, kind in phrases if kind == WordRule.Kind.SUSPECT)),
        )
        cache.set(key, rules, WORDS_CACHE_SECONDS)
    return rules


def first_match(phrases: tuple[str, ...], text: str) -> str:
    """The first phrase found in the text as whole words, ignoring case, look-alike letters
    (Latin/Cyrillic homoglyphs, full-width forms) and Arabic tatweel and harakat; "" if none is.

    A `*` at a phrase's start or end stands for any letters there ("idiot*" finds "idiots" and
    "idiotic", "*hole" finds "bunghole"), so that one rule covers a word's forms; a `*` inside a
    phrase is the character itself (readers write "f*ck"). Only at the ends: a wildcard between
    letters would let one long word make the search take seconds."""
    if not phrases:
        return ""
    pattern, by_group = _pattern(phrases)
    match = pattern.search(lookalikes.matching_form(text))
    return by_group[match.lastindex] if match and match.lastindex else ""


@lru_cache(maxsize=64)
def _pattern(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], dict[int, str]]:
    """The phrases as one pattern of whole words, longest first, one group per phrase, and the
    phrase (in small letters) of each group's number."""
    by_form = {}
    for phrase in phrases:
        core = phrase.strip().strip("*")
        form = lookalikes.matching_form(core)
        if not form.strip():
            continue  # nothing but wildcards would match every word
        starts = r"\w*" if phrase.strip().startswith("*") else ""
        ends = r"\w*" if phrase.strip().endswith("*") else ""
        by_form[starts + re.escape(form) + ends] = phrase.casefold().strip()
    ordered = sorted(by_form, key=len, reverse=True)
    alternatives = "|".join(f"({form})" for form in ordered)
    by_group = {number: by_form[form] for number, form in enumerate(ordered, start=1)}
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), by_group


@receiver(post_save, sender=WordRule)
@receiver(post_delete, sender=WordRule)
def word_rules_changed(**kwargs: Any) -> None:
    """Every process sees a changed list at its next comment (the version key is shared)."""
    cache.set(WORDS_VERSION_KEY, time.time_ns(), None)
