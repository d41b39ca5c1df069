"""Purging cached pages in every server process, through the event stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dateline.live.events import publish_on_commit

STREAM = "cache"
KIND = "purge"


def purge_on_commit(tags: Iterable[str]) -> None:
    """Drop every cached page filed under any of `tags`, in every process, once this commits."""
    unique = sorted(set(tags))
    if unique:
        publish_on_commit(STREAM, KIND, {"tags": unique})


def purge_changed_row(tags: list[str], signal_arguments: dict[str, Any]) -> None:
    """`purge_on_commit` for a receiver of a row saved or deleted, unless the row was loaded as it
    is (a fixture, a test database restored): that is not a change by anyone."""
    if not signal_arguments.get("raw"):
        purge_on_commit(tags)
