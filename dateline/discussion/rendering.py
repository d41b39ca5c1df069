"""Comments rendered once and kept in the cache every process shares.

A comment's markup is the same for every reader: who may edit or delete it, and which reactions the
reader gave, are applied by the page's script (discussion.js), and its forms carry no CSRF token
(the script sends it in a header). So the list fragment puts together cached pieces instead of
running the template for every comment on every request, which was most of the time a long
discussion took. Each page and each comment has one entry, holding what it was made from (the
discussion's version, a digest of everything a comment's markup shows) beside the markup: a change
replaces the entry instead of filing a new one, so a busy discussion does not fill the cache with
copies nobody will ask for again (measured in a soak: a new key per version grew the server by
about 16 MiB a minute, up to the local cache's limit of 20,000 entries).
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

from dateline.core import jinja
from dateline.discussion import markup, queries, text
from dateline.discussion.models import Comment
from dateline.discussion.streams import stream_name
from dateline.live import outbox

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
    # Every fragment asks: written out, as building this through the ORM cost more than the rest
    # of a cached page's work.
    newest = outbox.newest_on_stream(stream_name(story_id))
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
    key = f"discussion-page:{template_version()}:{get_language()}:{story_id}:{sort}:{number}"
    kept = shared_cache.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]  # type: ignore[no-any-return]
    rendered = compute()
    shared_cache.set(key, (version, rendered), PAGE_SECONDS)
    return rendered


def quiet_version(story_id: int) -> tuple[int, Any] | None:
    """The newest comment of a discussion (id and time), or None if it has none."""
    return queries.newest_comment(story_id)


@cache
def template_version() -> str:
    """Changes with the comment's template (and anything it includes) and with the code that gives it
    its values and body, so that a deploy never serves markup made before it. Read once a process."""
    sources = [
        *jinja.sources(markup.TEMPLATE),
        *(Path(module.__file__ or "").read_bytes() for module in (markup, text)),
    ]
    return hashlib.blake2s(b"".join(sources), digest_size=6).hexdigest()


def key_of(comment: Comment, shown_replies: int) -> tuple[str, str, dict[str, Any]]:
    """The comment's entry in the cache, a digest of everything its template is given, and that."""
    values = markup.comment_values(comment)
    digest = hashlib.blake2s(repr(values).encode(), digest_size=12).hexdigest()
    key = f"comment-html:{template_version()}:{get_language()}:{comment.pk}:{shown_replies}"
    return key, digest, values


def threads_html(threads: list[Comment]) -> list[SafeString]:
    """The markup of each thread with its shown replies, from the cache where it can be."""
    wanted: dict[str, tuple[str, Comment, dict[str, Any]]] = {}
    layout: list[tuple[str, list[str]]] = []
    for thread in threads:
        replies = list(getattr(thread, "shown_replies", []))
        reply_keys = [_key(reply, 0, wanted) for reply in replies]
        layout.append((_key(thread, len(replies), wanted), reply_keys))
    kept = shared_cache.get_many([key for key, (_, comment, _) in wanted.items() if not comment.is_pending])
    pieces: dict[str, str] = {}
    fresh: dict[str, tuple[str, str]] = {}
    for key, (digest, comment, values) in wanted.items():
        entry = kept.get(key)
        if entry is not None and entry[0] == digest:
            pieces[key] = entry[1]
            continue
        pieces[key] = markup.render(values, markup.REPLIES)
        if not comment.is_pending:
            fresh[key] = (digest, pieces[key])
    if fresh:
        shared_cache.set_many(fresh, KEEP_SECONDS)
    return [
        mark_safe(pieces[thread_key].replace(markup.REPLIES, "".join(pieces[key] for key in reply_keys), 1))  # noqa: S308
        for thread_key, reply_keys in layout
    ]


def _key(comment: Comment, shown_replies: int, wanted: dict[str, tuple[str, Comment, dict[str, Any]]]) -> str:
    key, digest, values = key_of(comment, shown_replies)
    wanted[key] = (digest, comment, values)
    return key
