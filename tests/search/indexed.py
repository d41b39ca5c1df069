"""Stories put into the index the way the worker does it: a round of the outbox's follower."""

from __future__ import annotations

from typing import TypeVar

from dateline.search import follower

T = TypeVar("T")


def indexed(*stories: T) -> tuple[T, ...]:
    """Run a round of the follower (the first one builds the index) and hand the stories back."""
    follower.index_pending()
    return stories
