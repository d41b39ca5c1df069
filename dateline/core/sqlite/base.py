"""Django's SQLite backend, with writers queued at a gate instead of in SQLite's busy handler.

A writer that finds SQLite's write lock taken sleeps in the busy handler, which backs off 1, 2, 5,
10 … up to 100 ms at a time whatever the holder does: measured under readers' comments, the wait
for a lock held about a millisecond was 180 ms at p99, and a process with one Django thread sat
idle meanwhile. Here a write transaction (`BEGIN IMMEDIATE`) first passes a gate: a lock shared by
the process's threads, which wakes the next one as soon as it is free, and an exclusive `flock` on
a file beside the database for the other processes, asked for again every few tenths of a
millisecond. The gate only orders writers; SQLite's own lock still guarantees correctness (and a
process that dies holding the `flock` loses it with its file descriptor). A writer that waited the
whole lock timeout at the gate asks SQLite's lock once without waiting: it writes if the lock is
free (a gate held by something that is not writing), and is refused at once if not. Waiting for
SQLite's lock as long again held a Django thread for twice the timeout: while something else held
the write lock, writers waiting so filled every thread, and readers' uncached pages waited behind
them (tests/serve/test_locked_database.py).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from typing import Any

from django.db import DatabaseError
from django.db.backends.sqlite3 import base

logger = logging.getLogger(__name__)

# Between tries for another process's hold on the gate: first soon, then at most this often.
FIRST_PAUSE = 0.00005
LONGEST_PAUSE = 0.0002
# A connection checkpoints the WAL (copies it into the database file, PASSIVE: no one waits for it)
# after this many of its commits, once it has left the gate. SQLite's own checkpoint, left as a
# backstop at `wal_autocheckpoint` pages, runs inside the commit: the gate would be held meanwhile.
CHECKPOINT_EVERY = 50


class WriterGate:
    """One database file's gate for write transactions, in one process."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._threads = threading.Lock()
        self._file: int | None = None

    def enter(self, timeout: float) -> bool:
        """Wait until no other writer of this process or another holds the gate; False if given up."""
        deadline = time.monotonic() + timeout
        if not self._threads.acquire(timeout=timeout):
            return False
        entered = False
        try:
            entered = self._other_processes(deadline)
        finally:
            if not entered:
                self._threads.release()
        return entered

    def leave(self) -> None:
        try:
            if self._file is not None:
                fcntl.flock(self._file, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _other_processes(self, deadline: float) -> bool:
        if self._file is None:
            self._file = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            else:
                return True


_gates: dict[str, WriterGate] = {}
_gates_lock = threading.Lock()


def gate_for(database: str) -> WriterGate:
    """This process's gate for the database file (a forked child makes its own: see below)."""
    with _gates_lock:
        gate = _gates.get(database)
        if gate is None:
            gate = _gates[database] = WriterGate(f"{database}-writer.lock")
        return gate


def _forget_gates() -> None:
    # A child shares its parent's open file description, and with it any flock it holds: the two
    # would pass the gate together. Each process opens the file itself.
    global _gates_lock
    _gates.clear()
    _gates_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_gates)


# django-stubs leave out the private hooks overridden here (the transaction's start and end).
_SQLiteWrapper: Any = base.DatabaseWrapper


class DatabaseWrapper(_SQLiteWrapper):  # type: ignore[misc]
    _gate: WriterGate | None = None
    _commits = 0

    def _start_transaction_under_autocommit(self) -> None:
        if self.transaction_mode == "IMMEDIATE" and not self.is_in_memory_db():
            gate = gate_for(str(self.settings_dict["NAME"]))
            if not gate.enter(self._timeout()):
                self._begin_without_waiting()
                return
            self._gate = gate
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_gate()
            raise

    def _begin_without_waiting(self) -> None:
        milliseconds = int(self._timeout() * 1000)
        self.connection.execute("PRAGMA busy_timeout = 0")
        try:
            super()._start_transaction_under_autocommit()
        finally:
            self.connection.execute(f"PRAGMA busy_timeout = {milliseconds}")

    def _commit(self) -> None:
        gated = self._gate is not None
        try:
            super()._commit()
        finally:
            self._leave_gate()
        if gated:
            self._commits += 1
            if self._commits % CHECKPOINT_EVERY == 0:
                self._checkpoint()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._leave_gate()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._leave_gate()

    def _checkpoint(self) -> None:
        try:
            with self.wrap_database_errors:
                self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except DatabaseError:
            # The commit before it stands; the next checkpoint (or SQLite's own) catches up.
            logger.warning("could not checkpoint the write-ahead log", exc_info=True)

    def _leave_gate(self) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.leave()

    def _timeout(self) -> float:
        options: dict[str, Any] = self.settings_dict.get("OPTIONS", {})
        return float(options.get("timeout", 5))
