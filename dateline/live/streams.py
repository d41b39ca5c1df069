"""Which streams exist: a reader may only subscribe to a stream some app declared.

A stream name is `<kind>:<key>`, e.g. `newsfeed:en` or `coverage:42`. Apps register a checker for
their kind; a checker that needs the database is asked once per key and its answer remembered for a
while, so a storm of reconnecting readers does not turn into a storm of queries. A kind registered
`staff_only` (the wire desk's) is read only by signed-in newsroom staff (`dateline.live.staff`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings

# `<kind>:<key>`, the key an id (a number a database column holds: no leading zero, at most 18
# digits) or a word such as an edition's language code.
STREAM_NAME = re.compile(r"[a-z][a-z-]{0,30}:(?:[1-9][0-9]{0,17}|[A-Za-z][A-Za-z0-9_-]{0,59})")
ANSWER_SECONDS = 60.0

Checker = Callable[[str], bool]

_checkers: dict[str, tuple[Checker, bool]] = {}
_answers: dict[str, tuple[bool, float]] = {}
_staff_only: set[str] = set()


def register(kind: str, checker: Checker, *, needs_database: bool = False, staff_only: bool = False) -> None:
    """Declare the streams `<kind>:<key>` for which `checker(key)` is true; `staff_only` ones are
    refused to anyone but newsroom staff."""
    _checkers[kind] = (checker, needs_database)
    if staff_only:
        _staff_only.add(kind)
    else:
        _staff_only.discard(kind)


def staff_only(stream: str) -> bool:
    """Whether only newsroom staff may read `stream`."""
    return stream.split(":", 1)[0] in _staff_only


def known_without_query(stream: str) -> bool | None:
    """Whether `stream` exists, if that can be told without the database; else None."""
    if not STREAM_NAME.fullmatch(stream):
        return False
    kind, key = stream.split(":", 1)
    entry = _checkers.get(kind)
    if entry is None:
        return False
    checker, uses_database = entry
    if not uses_database:
        return checker(key)
    remembered = _answers.get(stream)
    if remembered is not None and time.monotonic() - remembered[1] < ANSWER_SECONDS:
        return remembered[0]
    return None


def exists(stream: str) -> bool:
    """Whether readers may subscribe to `stream` (may query the database: call it off the loop)."""
    known = known_without_query(stream)
    if known is not None:
        return known
    kind, key = stream.split(":", 1)
    checker, _uses_database = _checkers[kind]
    answer = checker(key)
    if len(_answers) > 10_000:
        _answers.clear()
    _answers[stream] = (answer, time.monotonic())
    return answer


def edition_code(key: str) -> bool:
    return key in {code for code, _name in settings.LANGUAGES}


def edition_stream(kind: str, language_code: str) -> str:
    return f"{kind}:{language_code}"
