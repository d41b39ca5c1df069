"""Background work: it outlives database errors, and one process at a time runs a schedule round."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import OperationalError, connections

from dateline import background
from dateline.background import Background
from dateline.core.leader import schedule_round


@pytest.fixture
def quick_backoff(monkeypatch):
    monkeypatch.setattr(background, "FIRST_PAUSE_SECONDS", 0.01)


def test_the_task_queue_outlives_a_locked_database(quick_backoff, committed_db, caplog):
    work = Background(task_interval=0.01)
    calls = []

    def run(self):
        calls.append(self.worker_id)
        if len(calls) < 3:
            raise OperationalError("database is locked")
        work.stopping.set()

    with mock.patch.object(background.Worker, "run", run):
        work.run_tasks()
    assert len(calls) == 3
    assert len(set(calls)) == 3  # a fresh worker after each failure
    assert "the task queue failed (database is locked)" in caplog.text


def test_a_schedule_round_that_fails_is_tried_again(quick_backoff, committed_db, caplog):
    work = Background(schedule_interval=0.01)
    rounds = []

    def round_(self):
        rounds.append(1)
        if len(rounds) == 1:
            raise OperationalError("database or disk is full")
        if len(rounds) == 2:
            raise ValueError("a bug in one round")
        work.stopping.set()

    with mock.patch.object(Background, "schedule_round", round_):
        work.run_schedule()
    assert len(rounds) == 3
    assert "scheduled work failed (database or disk is full)" in caplog.text
    assert "a bug in one round" in caplog.text


def test_only_one_process_at_a_time_leads_a_schedule_round(committed_db):
    other: list[bool] = []

    def elsewhere() -> None:
        # Another connection, as another process would have (a flock of its own, a session).
        try:
            with schedule_round() as leading:
                other.append(leading)
        finally:
            connections.close_all()

    with schedule_round() as leading:
        assert leading
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
    assert other == [False]
    with schedule_round() as leading_again:
        assert leading_again
