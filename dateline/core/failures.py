"""Failures that are not the request's fault nor a bug: the database is locked, full or away.

A reader who meets one is told to try again in a moment (503 with `Retry-After`), never shown a
server error: what they sent was not stored, and nothing stored before is lost.
"""

from __future__ import annotations

import errno

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest

RETRY_AFTER_SECONDS = 10

# A full disk or a quota reached, when files are written (uploads, the mail directory).
UNAVAILABLE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_temporary(error: BaseException | None) -> bool:
    """Whether the error is the database or the disk being unavailable for now (locked, full, gone,
    a lock wait or statement timed out), rather than a bug."""
    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    return isinstance(error, OSError) and error.errno in UNAVAILABLE_ERRNOS


def wants_json(request: HttpRequest) -> bool:
    """The pages' scripts ask with `X-Requested-With: fetch` and read a JSON `error`."""
    return (
        request.headers.get("X-Requested-With") == "fetch"
        or "application/json" in request.headers.get("Accept", "")
        or request.path.endswith(".json")
    )
