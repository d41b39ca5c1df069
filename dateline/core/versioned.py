"""Values derived from published content, computed once per process until the content changes.

Every change readers can see appends an event to the outbox (publishing, withdrawing, moving a
page, editing an author, marking breaking news…), so the id of the newest event is a version
number for everything published. A value remembered under that version is current until the next
event, in every process alike, and checking costs one indexed query per request, which the page
already makes to tell the live stream where to resume.

Use it for what every page shows (navigation, the Newsfeed, the breaking-news banner), never for
anything personal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest

T = TypeVar("T")

_values: dict[Any, tuple[Any, Any]] = {}
_lock = threading.Lock()
# The request being served in this thread, for code that Wagtail calls without one.
_current_request: ContextVar[HttpRequest | None] = ContextVar("dateline_current_request", default=None)


@contextmanager
def serving(request: HttpRequest) -> Iterator[None]:
    """While the block runs, `version(None)` and `remembered(…, None, …)` mean this request."""
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


Version = tuple[int, Any]


def current_version() -> Version:
    """The newest event: it changes whenever published content does.

    Its time goes with its id so that a database restored from a backup, whose ids start again
    from an earlier point, never matches a version remembered before.
    """
    from dateline.live.models import Event

    newest = Event.objects.order_by("-id").values_list("id", "created_at").first()
    return newest or (0, None)


def version(request: HttpRequest | None) -> Version:
    """The content version a request sees, read once per request so all its parts agree."""
    request = request or _current_request.get()
    if request is None:
        return current_version()
    known = getattr(request, "_dateline_version", None)
    if known is None:
        known = current_version()
        request._dateline_version = known  # type: ignore[attr-defined]
    return known


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


def forget_everything() -> None:
    """Drop every remembered value (tests that rebuild the database use it)."""
    with _lock:
        _values.clear()
