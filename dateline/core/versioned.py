"""Values derived from published content, computed once per process until the content changes.

Every change readers can see appends an event to the outbox (publishing, withdrawing, moving a
page, editing an author, marking breaking news…), so the id of the newest such event is a version
number for everything published. Events that change no shared part of a page (readers' comments
and reactions, which come to pages as fragments) are left out: a busy discussion must not make
every process recompute its navigation on every request. A value remembered under that version is current until the next
event, in every process alike, and checking costs one indexed query per request, which the page
already makes to tell the live stream where to resume.

Use it for what every page shows (navigation, the Newsfeed, the breaking-news banner), never for
anything personal.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest

T = TypeVar("T")

_values: dict[Any, tuple[Any, Any]] = {}
# Families of values with one entry per object (a story, say), each kept to its newest entries.
_families: dict[str, OrderedDict[Any, tuple[Any, Any]]] = {}
_lock = threading.Lock()
# The request being served in this thread, for code that Wagtail calls without one.
_current_request: ContextVar[HttpRequest | None] = ContextVar("dateline_current_request", default=None)


@contextmanager
def as_current_request(request: HttpRequest) -> Iterator[None]:
    """While the block runs, `version(None)` and `remembered(…, None, …)` mean this request."""
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


Version = tuple[int, Any]

_positions_reader: Callable[[], tuple[Version, int]] | None = None


def current_version() -> Version:
    """The newest event that changes pages: it changes whenever published content does.

    Its time goes with its id so that a database restored from a backup, whose ids start again
    from an earlier point, never matches a version remembered before.
    """
    return _read_positions()[0]


def read_positions_with(reader: Callable[[], tuple[Version, int]]) -> None:
    """Name the function that reads the content version and the newest event of any kind.

    The outbox belongs to `dateline.live`, a layer above core: live registers its reader
    (`dateline.live.outbox.positions`) when its app is ready, so core never imports it.
    """
    global _positions_reader
    _positions_reader = reader


def _read_positions() -> tuple[Version, int]:
    if _positions_reader is None:
        raise RuntimeError("no outbox registered: is dateline.live in INSTALLED_APPS?")
    return _positions_reader()


def _positions(request: HttpRequest | None) -> tuple[Version, int]:
    request = request or _current_request.get()
    if request is None:
        return _read_positions()
    known = getattr(request, "_dateline_positions", None)
    if known is None:
        known = _read_positions()
        request._dateline_positions = known  # type: ignore[attr-defined]
    return known  # type: ignore[no-any-return]


def version(request: HttpRequest | None) -> Version:
    """The content version a request sees, read once per request so all its parts agree."""
    return _positions(request)[0]


def newest_event_id(request: HttpRequest | None) -> int:
    """The newest event of any stream as the request saw it: where its page resumes the stream."""
    return _positions(request)[1]


def remembered(key: Any, request: HttpRequest | None, compute: Callable[[], T]) -> T:
    """`compute()` for this content version, computed at most once per process and version.

    The value is shared by every request and thread of the process: it must not be changed.
    """
    current = version(request)
    entry = _values.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _values[key] = (current, value)
    return value


def remembered_per_object(
    family: str, key: Any, request: HttpRequest | None, compute: Callable[[], T], keep: int = 1024
) -> T:
    """`remembered` for values of which there is one per object, such as a story looked up by id:
    at most `keep` of a family are kept, the least recently used going first."""
    current = version(request)
    with _lock:
        entries = _families.setdefault(family, OrderedDict())
        entry = entries.get(key)
        if entry is not None and entry[0] == current:
            entries.move_to_end(key)
            return entry[1]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        entries[key] = (current, value)
        entries.move_to_end(key)
        while len(entries) > keep:
            entries.popitem(last=False)
    return value


def forget_everything() -> None:
    """Drop every remembered value (tests that rebuild the database use it)."""
    with _lock:
        _values.clear()
        _families.clear()
