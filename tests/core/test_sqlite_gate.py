"""Writers to the embedded database queue at a gate: one at a time, across threads and processes."""

from __future__ import annotations

import multiprocessing
import threading
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from dateline.core.sqlite.base import WriterGate, gate_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the gate belongs to the embedded database"
)

fork = multiprocessing.get_context("fork")


def _hold_in_child(path: str, holding: Event, release: Event) -> None:
    gate = WriterGate(path)
    assert gate.enter(5)
    holding.set()
    release.wait(5)
    gate.leave()


def test_a_writer_in_another_process_waits_until_the_gate_is_left(tmp_path: Path) -> None:
    path = str(tmp_path / "db-writer.lock")
    holding, release = fork.Event(), fork.Event()
    child = fork.Process(target=_hold_in_child, args=(path, holding, release))
    child.start()
    try:
        assert holding.wait(5)
        gate = WriterGate(path)
        assert not gate.enter(0.05), "passed the gate while another process held it"
        release.set()
        assert gate.enter(5)
        gate.leave()
    finally:
        release.set()
        child.join(5)
    assert child.exitcode == 0


def test_a_process_that_dies_holding_the_gate_does_not_close_it(tmp_path: Path) -> None:
    path = str(tmp_path / "db-writer.lock")
    holding, never = fork.Event(), fork.Event()
    child = fork.Process(target=_hold_in_child, args=(path, holding, never))
    child.start()
    assert holding.wait(5)
    child.kill()
    child.join(5)
    gate = WriterGate(path)
    assert gate.enter(1)
    gate.leave()


def test_threads_of_one_process_pass_one_at_a_time_in_turn(tmp_path: Path) -> None:
    gate = WriterGate(str(tmp_path / "db-writer.lock"))
    inside: list[int] = []
    most_inside = 0
    lock = threading.Lock()

    def write(number: int) -> None:
        nonlocal most_inside
        for _ in range(20):
            assert gate.enter(5)
            with lock:
                inside.append(number)
                most_inside = max(most_inside, len(inside))
            time.sleep(0.0005)
            with lock:
                inside.remove(number)
            gate.leave()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert most_inside == 1


def _enter_in_forked_child(path: str, parent_holds: Event, answer: Queue[bool]) -> None:
    parent_holds.wait(5)
    answer.put(gate_for(path).enter(0.05))


def test_a_forked_child_does_not_share_its_parents_place_at_the_gate(tmp_path: Path) -> None:
    database = str(tmp_path / "db.sqlite3")
    gate = gate_for(database)
    assert gate.enter(1)  # the parent has opened the lock file before forking
    gate.leave()
    parent_holds, answer = fork.Event(), fork.Queue()
    child = fork.Process(target=_enter_in_forked_child, args=(database, parent_holds, answer))
    child.start()
    assert gate.enter(1)
    try:
        parent_holds.set()
        assert answer.get(timeout=5) is False, "the child passed the gate its parent held"
    finally:
        gate.leave()
        child.join(5)


def _other_writer_gets_in(timeout: float) -> bool:
    gate = gate_for(str(connection.settings_dict["NAME"]))
    result: list[bool] = []

    def try_gate() -> None:
        result.append(gate.enter(timeout))
        if result[0]:
            gate.leave()

    thread = threading.Thread(target=try_gate)
    thread.start()
    thread.join(5)
    return result[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_transaction_holds_the_gate_until_it_commits_or_rolls_back() -> None:
    with transaction.atomic():
        assert not _other_writer_gets_in(0.05)
    assert _other_writer_gets_in(1)

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert not _other_writer_gets_in(0.05)
        1 / 0  # noqa: B018  # an error inside the transaction rolls it back
    assert _other_writer_gets_in(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_that_waited_too_long_at_the_gate_still_gets_sqlites_own_lock() -> None:
    gate = gate_for(str(connection.settings_dict["NAME"]))
    entered, release = threading.Event(), threading.Event()

    def hold() -> None:
        assert gate.enter(1)
        entered.set()
        release.wait(5)
        gate.leave()

    holder = threading.Thread(target=hold)
    holder.start()
    options = connection.settings_dict["OPTIONS"]
    timeout = options["timeout"]
    try:
        assert entered.wait(5)
        options["timeout"] = 0.1
        connection.close()
        with transaction.atomic():  # gives up at the gate after 0.1 s, then BEGIN IMMEDIATE
            assert connection.in_atomic_block
    finally:
        options["timeout"] = timeout
        connection.close()
        release.set()
        holder.join(5)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_wal_is_checkpointed_after_the_gate_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.core.sqlite import base

    monkeypatch.setattr(base, "CHECKPOINT_EVERY", 2)
    gate_free_at_checkpoints: list[bool] = []
    checkpoint = base.DatabaseWrapper._checkpoint

    def watched(wrapper: base.DatabaseWrapper) -> None:
        gate_free_at_checkpoints.append(_other_writer_gets_in(0.01))
        checkpoint(wrapper)

    monkeypatch.setattr(base.DatabaseWrapper, "_checkpoint", watched)
    for number in range(4):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS gate_test (n INTEGER)")
            cursor.execute("INSERT INTO gate_test VALUES (%s)", [number])
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE gate_test")
    assert gate_free_at_checkpoints == [True, True]  # every second commit, with the gate open


def test_a_writer_kept_at_the_gate_for_the_whole_timeout_does_not_wait_as_long_again_for_sqlite(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    """It asks SQLite's lock once, without waiting: refused at once while something holds it."""
    import sqlite3

    from django.db import OperationalError

    from dateline.core.sqlite.base import DatabaseWrapper

    database = str(tmp_path / "db.sqlite3")
    outside = sqlite3.connect(database, isolation_level=None)
    outside.execute("PRAGMA journal_mode = wal")
    settings = {
        **connection.settings_dict,
        "NAME": database,
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "timeout": 1.0},
    }
    holder_inside, release = threading.Event(), threading.Event()

    def hold() -> None:  # another thread of this process, waiting for the same lock
        gate = gate_for(database)
        assert gate.enter(5)
        holder_inside.set()
        release.wait(10)
        gate.leave()

    holder = threading.Thread(target=hold)
    holder.start()
    with django_db_blocker.unblock():
        writer = DatabaseWrapper(settings, alias="gate-test")
        try:
            assert holder_inside.wait(5)
            outside.execute("BEGIN IMMEDIATE")  # a backup, a VACUUM, another program
            writer.ensure_connection()
            started = time.monotonic()
            with pytest.raises(OperationalError, match="database is locked"):
                writer._start_transaction_under_autocommit()
            assert time.monotonic() - started < 1.9  # one timeout (at the gate), not two
            outside.execute("COMMIT")
            writer._start_transaction_under_autocommit()  # the gate is still held; the lock is free
            writer._rollback()
            release.set()
            holder.join(5)
            writer._start_transaction_under_autocommit()  # and once the gate is free, through it
            writer._commit()
        finally:
            release.set()
            holder.join(5)
            writer.close()
            outside.close()
