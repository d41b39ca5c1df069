"""The discussion's written-out statements: the few reads and writes every comment or view makes.

Each is asked on every comment's POST or every view of a discussion, where building the statement
through the ORM cost more than running it (0.5–1 ms against 0.05–0.1 ms; bench/README.md,
"Comments"). They are written once per process with the models' table and column names
(`dateline.core.rows.names`), so a migration that renames one needs no change here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache, lru_cache

from dateline.core import rows
from dateline.discussion.models import Comment, CommentReaction, ReaderStanding


def standing_of(reader_id: int) -> ReaderStanding | None:
    """What moderators decided about a reader, if anything (read at every post: a ban is at once)."""
    return rows.fetch_first(ReaderStanding, _standing_where(), [reader_id])


def comment_in_story(comment_id: int, story_id: int) -> Comment | None:
    """The comment with this id, if it is under this story (the one a reply answers)."""
    return rows.fetch_first(Comment, _comment_in_story_where(), [comment_id, story_id])


def published_count(story_id: int) -> int:
    """How many of a story's comments are published, for the live count every comment event carries
    (asked inside each comment's write transaction)."""
    found = rows.first(_published_count_sql(), [story_id, Comment.Status.PUBLISHED.value])
    return int(found[0]) if found else 0


def count_reply(thread_id: int) -> None:
    """A thread has one more published reply (in the reply's transaction)."""
    rows.execute(_count_reply_sql(), [thread_id])


def has_pending(author_id: int, story_id: int) -> bool:
    """Whether the reader has a comment under the story awaiting a moderator. Most have none, and
    every signed-in view asks; the comments themselves (two joined profiles) are read only if so."""
    found = rows.first(_has_pending_sql(), [author_id, story_id, Comment.Status.PENDING.value])
    return found is not None


def has_comment_with_fingerprint(
    author_id: int, fingerprint: str, statuses: Sequence[str], since: datetime, excluding: int | None
) -> bool:
    """Whether the reader has a comment in one of `statuses`, made since `since`, with this text's
    fingerprint, other than the comment `excluding`.

    The statuses are named rather than "not removed", so that the (author, status, created_at)
    index is entered once per status at the window's start.
    """
    found = rows.first(
        _fingerprint_sql(len(statuses)),
        [author_id, *statuses, rows.moment(since), fingerprint, excluding or 0],
    )
    return found is not None


def newest_comment(story_id: int) -> tuple[int, datetime] | None:
    """The newest comment of a discussion (id and time), or None if it has none.

    Through the story's own index, which is (story, id): one step, however long the discussion.
    """
    found = rows.first(_newest_comment_sql(), [story_id])
    return None if found is None else (found[0], found[1])


def reactions_given(reader_id: int, comment_ids: Sequence[int]) -> list[tuple[int, str]]:
    """The reactions (comment id, kind) a reader gave to some comments."""
    return rows.select(_reactions_given_sql(len(comment_ids)), [reader_id, *comment_ids])  # type: ignore[return-value]


# --- the statements, written once per process ---------------------------------------------------------


@cache
def _standing_where() -> str:
    standing = rows.names(ReaderStanding)
    return f"{standing.reader} = %s"


@cache
def _comment_in_story_where() -> str:
    comment = rows.names(Comment)
    return f"{comment.id} = %s AND {comment.story} = %s"


@cache
def _published_count_sql() -> str:
    comment = rows.names(Comment)
    return f"SELECT COUNT(*) FROM {comment} WHERE {comment.story} = %s AND {comment.status} = %s"  # noqa: S608  (names from the model)


@cache
def _count_reply_sql() -> str:
    comment = rows.names(Comment)
    return f"UPDATE {comment} SET {comment.reply_count} = {comment.reply_count} + 1 WHERE {comment.id} = %s"  # noqa: S608  (names from the model)


@cache
def _has_pending_sql() -> str:
    comment = rows.names(Comment)
    return (
        f"SELECT 1 FROM {comment} WHERE {comment.author} = %s AND {comment.story} = %s"  # noqa: S608  (names from the model)
        f" AND {comment.status} = %s LIMIT 1"
    )


@lru_cache(maxsize=8)
def _fingerprint_sql(status_count: int) -> str:
    comment = rows.names(Comment)
    return (
        f"SELECT 1 FROM {comment} WHERE {comment.author} = %s"  # noqa: S608  (names from the model)
        f" AND {comment.status} IN ({rows.placeholders(status_count)}) AND {comment.created_at} >= %s"
        f" AND {comment.fingerprint} = %s AND {comment.id} <> %s LIMIT 1"
    )


@cache
def _newest_comment_sql() -> str:
    comment = rows.names(Comment)
    return (
        f"SELECT {comment.id}, {comment.created_at} FROM {comment}"  # noqa: S608  (names from the model)
        f" WHERE {comment.story} = %s ORDER BY {comment.id} DESC LIMIT 1"
    )


@lru_cache(maxsize=256)
def _reactions_given_sql(comment_count: int) -> str:
    reaction = rows.names(CommentReaction)
    return (
        f"SELECT {reaction.comment}, {reaction.kind} FROM {reaction}"  # noqa: S608  (names from the model)
        f" WHERE {reaction.reader} = %s AND {reaction.comment} IN ({rows.placeholders(comment_count)})"
    )
