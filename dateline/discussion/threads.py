"""Which threads a reader sees, a page at a time: featured ones first, then by the chosen order,
each with its first few replies (the rest one click away).

Built for discussions of many thousands of comments: a page reads one more thread than it shows
instead of counting them all, each order walks an index of its own, and a thread's replies are cut
to a few in the database, not after loading them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber

from dateline.discussion import queries
from dateline.discussion.models import Comment

REPLIES_SHOWN = 3
SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "reacted": ("-reaction_count", "-id"),
}


@dataclass
class ThreadPage:
    number: int
    threads: list[Comment]
    has_next: bool

    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value: str | None) -> int:
    """A page number from the address; anything odd is the first page."""
    if value and value.isascii() and value.isdigit() and len(value) < 6:
        return max(1, int(value))
    return 1


def replies_of(user: Any, limit: int | None = REPLIES_SHOWN) -> QuerySet[Comment]:
    """A thread's replies as the reader sees them, oldest first; the first `limit` of each thread."""
    replies = (
        Comment.objects.visible_to(user)
        .exclude(status=Comment.Status.REJECTED)
        .select_related("author__reader_profile", "reply_to__author__reader_profile")
    )
    if limit is not None:
        position = Window(RowNumber(), partition_by=[F("thread_id")], order_by=[F("created_at"), F("id")])
        replies = replies.annotate(position=position).filter(position__lte=limit)
    return replies.order_by("created_at", "id")


def top_level(story: Any, user: Any) -> QuerySet[Comment]:
    """Threads the reader sees; a deleted or rejected comment stays only as a trace for its replies."""
    return (
        Comment.objects.filter(story=story, thread=None)
        .visible_to(user)
        .exclude(status__in=[Comment.Status.REMOVED, Comment.Status.REJECTED], reply_count=0)
        .select_related("author__reader_profile")
    )


def threads_page(story: Any, user: Any, sort: str, number: int, per_page: int) -> ThreadPage:
    """One page of threads; the featured ones lead the first page."""
    threads = top_level(story, user).prefetch_related(
        Prefetch("replies", queryset=replies_of(user), to_attr="shown_replies")
    )
    start = (number - 1) * per_page
    ordered: list[Comment] = list(
        threads.filter(featured=False).order_by(*SORTS[sort])[start : start + per_page + 1]
    )
    featured: list[Comment] = (
        list(threads.filter(featured=True).order_by("-created_at")) if number == 1 else []
    )
    return ThreadPage(number=number, threads=featured + ordered[:per_page], has_next=len(ordered) > per_page)


def whole_thread(story: Any, user: Any, thread_id: int) -> Comment | None:
    """One thread with all its replies (the "show all replies" link)."""
    return (
        top_level(story, user)
        .filter(pk=thread_id)
        .prefetch_related(Prefetch("replies", queryset=replies_of(user, limit=None), to_attr="shown_replies"))
        .first()
    )


def own_pending(user: Any, story: Any, limit: int = 20) -> list[Comment]:
    """The reader's comments here that wait for a moderator (only they see them), newest first."""
    if not user.is_authenticated or not queries.has_pending(user.pk, story.pk):
        return []
    held = Comment.objects.filter(story=story, author=user, status=Comment.Status.PENDING)
    return list(
        held.select_related("author__reader_profile", "reply_to__author__reader_profile").order_by(
            "-created_at"
        )[:limit]
    )
