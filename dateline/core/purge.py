"""Purging cached pages in every server process, through the event stream."""

from __future__ import annotations

from collections.abc import Iterable

from dateline.live.events import publish_on_commit

STREAM = "cache"
KIND = "purge"


def purge_on_commit(tags: Iterable[str]) -> None:
    """Drop every cached page filed under any of `tags`, in every process, once this commits."""
    unique = sorted(set(tags))
    if unique:
        publish_on_commit(STREAM, KIND, {"tags": unique})
