"""The outbox's written-out statements, and the channels that announce a new event.

The outbox is read after every commit, in every process, and asked for its newest event by every
request: building these statements through the ORM measured as a tenth of a comment's POST in each
process and two thirds of a small request (bench/README.md), so they are written once here, with
the table and column names of `Event`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from django.db import connections

from dateline.core import rows
from dateline.live.models import Event

# Held by every transaction that appends to the outbox on PostgreSQL, so that events commit in the
# order of their ids and a tailing reader never skips one committed late.
APPEND_LOCK_KEY = 0x0DA7E11E
# What other processes' hubs listen to: PostgreSQL's NOTIFY, or Redis pub/sub with REDIS_URL.
NOTIFY_CHANNEL = "dateline_events"
REDIS_CHANNEL = "dateline:events"
LISTEN_STATEMENT = f"LISTEN {NOTIFY_CHANNEL}"

# An event as the hub reads it: id, stream, kind and payload.
EventRow = tuple[int, str, str, Any]
# A position that survives a restored database: an event's id with its time.
Position = tuple[int, datetime]


def lock_for_append(using: str) -> None:
    """Take the outbox's append lock on PostgreSQL and announce the event when the transaction
    commits (NOTIFY is transactional); nothing on SQLite, whose writers are one at a time anyway."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPEND_LOCK_KEY])
            cursor.execute(f"NOTIFY {NOTIFY_CHANNEL}")


def newest_id() -> int:
    """The id of the newest event, 0 for an empty outbox."""
    found = rows.first(_newest_id_sql())
    return found[0] if found and found[0] else 0


def oldest_id() -> int | None:
    """The id of the oldest event the outbox still keeps, None for an empty outbox."""
    found = rows.first(_oldest_id_sql())
    return found[0] if found else None


def events_after(last_id: int, limit: int) -> list[EventRow]:
    """The first `limit` events after `last_id`, oldest first."""
    return _decoded(rows.select(_after_sql(), [last_id, limit]))


def events_between(after: int, upto: int, limit: int, streams: Sequence[str]) -> list[EventRow]:
    """The newest `limit` events on `streams` with `after` < id <= `upto`, newest first."""
    return _decoded(rows.select(_between_sql(len(streams)), [after, upto, *streams, limit]))


def newest_on_stream(stream: str) -> Position | None:
    """The newest event of one stream (its id and time), or None if the outbox keeps none."""
    found = rows.first(_newest_on_stream_sql(), [stream])
    return None if found is None else (found[0], found[1])


def positions() -> tuple[tuple[int, datetime | None], int]:
    """The newest event that changes pages, and the newest event of any kind, in one statement
    (two index seeks): what `dateline.core.versioned` versions content by, asked every request."""
    found = rows.first(_positions_sql())
    if found is None:
        return (0, None), newest_id()
    return (found[0], found[1]), found[2]


def _decoded(found: list[tuple[Any, ...]]) -> list[EventRow]:
    return [(id, stream, kind, _payload(payload)) for id, stream, kind, payload in found]


def _payload(stored: Any) -> Any:
    """The payload as stored: JSON text (SQLite, and PostgreSQL's jsonb as Django reads it)."""
    return json.loads(stored) if isinstance(stored, str | bytes) else stored


# --- the statements, written once per process ---------------------------------------------------------


@cache
def _newest_id_sql() -> str:
    event = rows.names(Event)
    return f"SELECT MAX({event.id}) FROM {event}"  # noqa: S608  (names from the model)


@cache
def _oldest_id_sql() -> str:
    event = rows.names(Event)
    return f"SELECT MIN({event.id}) FROM {event}"  # noqa: S608  (names from the model)


def _columns(event: rows.Names) -> str:
    return f"{event.id}, {event.stream}, {event.kind}, {event.payload}"


@cache
def _after_sql() -> str:
    event = rows.names(Event)
    return f"SELECT {_columns(event)} FROM {event} WHERE {event.id} > %s ORDER BY {event.id} LIMIT %s"  # noqa: S608  (names from the model)


@lru_cache(maxsize=64)
def _between_sql(stream_count: int) -> str:
    event = rows.names(Event)
    return (
        f"SELECT {_columns(event)} FROM {event} WHERE {event.id} > %s AND {event.id} <= %s"  # noqa: S608  (names from the model)
        f" AND {event.stream} IN ({rows.placeholders(stream_count)}) ORDER BY {event.id} DESC LIMIT %s"
    )


@cache
def _newest_on_stream_sql() -> str:
    event = rows.names(Event)
    return (
        f"SELECT {event.id}, {event.created_at} FROM {event}"  # noqa: S608  (names from the model)
        f" WHERE {event.stream} = %s ORDER BY {event.id} DESC LIMIT 1"
    )


@cache
def _positions_sql() -> str:
    # A bare `WHERE changes_pages`: the form of the partial index's condition, which SQLite matches.
    event = rows.names(Event)
    return (
        f"SELECT {event.id}, {event.created_at}, (SELECT MAX({event.id}) FROM {event}) FROM {event}"  # noqa: S608  (names from the model)
        f" WHERE {event.changes_pages} ORDER BY {event.id} DESC LIMIT 1"
    )
