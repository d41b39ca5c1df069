"""Comments rendered once and kept in the cache every process shares.

A comment's markup is the same for every reader: who may edit or delete it, and which reactions the
reader gave, are applied by the page's script (discussion.js), and its forms carry no CSRF token
(the script sends it in a header). So the list fragment puts together cached pieces instead of
running the template for every comment on every request, which was most of the time a long
discussion took. The key holds everything the markup shows; anything that changes makes a new key.
Without JavaScript, the discussion's own page renders everything in full (templates/discussion).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.cache import cache as shared_cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from dateline.core import rows
from dateline.discussion import markup
from dateline.discussion.models import Comment

KEEP_SECONDS = 24 * 3600
# A page of threads is kept until its discussion's stream moves on; names and avatars changed in
# a profile (which say nothing on the stream) show within this time.
PAGE_SECONDS = 600


@dataclass
class RenderedThreads:
    html: list[SafeString]
    has_next: bool
    shown: list[int]


def cached_threads(
    story_id: int, sort: str, number: int, compute: Callable[[], RenderedThreads]
) -> RenderedThreads:
    """A page of threads as everyone without comments awaiting moderation sees it.

    Every change to a discussion publishes on its stream (`comments:<story id>`), so the newest
    event there versions the page. The version is read before the page is computed: a comment that
    arrives in between is in a page filed under the older version, never missing from a newer one.
    """
    from dateline.discussion.streams import stream_name

    # Every fragment asks: written out, as building these through the ORM cost more than the rest
    # of a cached page's work (dateline.core.rows).
    newest = rows.first(
        "SELECT id, created_at FROM live_event WHERE stream = %s ORDER BY id DESC LIMIT 1",
        [stream_name(story_id)],
    )
    if newest is None:
        # A discussion quiet for longer than the outbox keeps events: nothing has changed since
        # its last event went, so its newest comment versions the page (measured: computing it
        # every time cost an old 10,000-comment discussion 17 ms a view).
        newest = quiet_version(story_id)
        if newest is None:
            return compute()
    # The time goes with the id, as in dateline.core.versioned: ids start again in a restored or
    # recreated database, times do not.
    version = f"{newest[0]}-{newest[1].timestamp()}"
    key = f"discussion-page:{template_version()}:{get_language()}:{story_id}:{sort}:{number}:{version}"
    rendered = shared_cache.get(key)
    if rendered is None:
        rendered = compute()
        shared_cache.set(key, rendered, PAGE_SECONDS)
    return rendered  # type: ignore[no-any-return]


def quiet_version(story_id: int) -> tuple[int, Any] | None:
    """The newest comment of a discussion (id and time), or None if it has none.

    Through the story's own index, which is (story, id): one step, however long the discussion.
    """
    table = Comment._meta.db_table
    newest = rows.first(
        f"SELECT id, created_at FROM {table} WHERE story_id = %s ORDER BY id DESC LIMIT 1",  # noqa: S608  (a model's table name)
        [story_id],
    )
    return None if newest is None else (newest[0], newest[1])


@cache
def template_version() -> str:
    """Changes when the code building the markup does, so a deploy never serves the old markup."""
    source = Path(markup.__file__).read_bytes()
    return hashlib.blake2s(source, digest_size=6).hexdigest()


def key_of(comment: Comment, shown_replies: int) -> str:
    """Everything the comment's markup shows, folded into a short key."""
    author = comment.author
    profile = getattr(author, "reader_profile", None) if author else None
    answered = comment.reply_to.author if comment.reply_to_id and comment.reply_to else None
    answered_profile = getattr(answered, "reader_profile", None) if answered else None
    parts = (
        comment.created_at,  # with the id, unique even across a restored or recreated database
        comment.status,
        comment.body,
        comment.edited_at,
        comment.featured,
        sorted((comment.reactions or {}).items()),
        comment.reply_count,
        shown_replies,
        comment.author_id,
        profile.display_name if profile else None,
        str(profile.avatar) if profile else None,
        bool(author and author.is_staff),
        answered_profile.display_name if answered_profile else None,
    )
    digest = hashlib.blake2s(repr(parts).encode(), digest_size=12).hexdigest()
    return f"comment-html:{template_version()}:{get_language()}:{comment.pk}:{digest}"


def threads_html(threads: list[Comment]) -> list[SafeString]:
    """The markup of each thread with its shown replies, from the cache where it can be."""
    wanted: dict[str, Comment] = {}
    layout: list[tuple[str, list[str]]] = []
    for thread in threads:
        replies = list(getattr(thread, "shown_replies", []))
        reply_keys = [_key(reply, 0, wanted) for reply in replies]
        layout.append((_key(thread, len(replies), wanted), reply_keys))
    found = shared_cache.get_many([key for key, comment in wanted.items() if not comment.is_pending])
    fresh: dict[str, str] = {}
    for key, comment in wanted.items():
        if key not in found:
            fresh[key] = markup.comment_html(comment, cached=True)
    shared_cache.set_many(
        {key: html for key, html in fresh.items() if not wanted[key].is_pending}, KEEP_SECONDS
    )
    pieces = {**found, **fresh}
    return [
        mark_safe(pieces[thread_key].replace(markup.REPLIES, "".join(pieces[key] for key in reply_keys), 1))  # noqa: S308
        for thread_key, reply_keys in layout
    ]


def _key(comment: Comment, shown_replies: int, wanted: dict[str, Comment]) -> str:
    key = key_of(comment, shown_replies)
    wanted[key] = comment
    return key
