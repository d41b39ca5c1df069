"""One process at a time: a lock that scheduled work takes for each round.

Every process that runs background work (each server process by default, and any `dateline worker`)
runs the schedule, but a round (publishing what is due, starting digests…) must be done by one of
them: two would publish the same story twice. A round is led by the process that takes the lock;
the others skip that round. The lock goes with the process: a process that dies mid-round loses it
(an `flock` beside the SQLite database, a PostgreSQL advisory lock of its session).
"""

from __future__ import annotations

import fcntl
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection


@contextmanager
def schedule_round() -> Iterator[bool]:
    """True inside the block if this process leads the round, False if another one does."""
    with round_of("schedule") as leading:
        yield leading


@contextmanager
def round_of(work: str) -> Iterator[bool]:
    """True inside the block if this process leads this round of `work` (a name), False if another
    process does."""
    if connection.vendor == "postgresql":
        # The advisory lock's key: a number made from the name, which other code does not use.
        with _advisory_lock(zlib.crc32(f"dateline:{work}".encode())) as leading:
            yield leading
    else:
        with _file_lock(f"{connection.settings_dict['NAME']}-{work}.lock") as leading:
            yield leading


@contextmanager
def _file_lock(path: str) -> Iterator[bool]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@contextmanager
def _advisory_lock(key: int) -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        leading = bool(cursor.fetchone()[0])
    try:
        yield leading
    finally:
        if leading:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                # The session is gone, and its lock with it.
                connection.close()
