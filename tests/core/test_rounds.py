"""The loop every background thread with rounds runs (`dateline.core.rounds`)."""

from __future__ import annotations

import logging

from django.db import OperationalError

from dateline.core.rounds import LONGEST_PAUSE_SECONDS, repeat_until_stopped


class CountedStop:
    """A stop event that records each pause asked of it and is set after `rounds` of them."""

    def __init__(self, rounds: int) -> None:
        self.rounds = rounds
        self.pauses: list[float] = []

    def is_set(self) -> bool:
        return len(self.pauses) >= self.rounds

    def wait(self, seconds: float) -> bool:
        self.pauses.append(seconds)
        return self.is_set()


def test_database_failures_pause_longer_each_time_and_a_success_starts_over(caplog):
    outcomes = iter([OperationalError("database is locked")] * 3 + [None, OperationalError("full")])

    def do_round() -> None:
        outcome = next(outcomes)
        if outcome is not None:
            raise outcome

    stop = CountedStop(rounds=5)
    with caplog.at_level(logging.WARNING):
        repeat_until_stopped(stop, 2.0, do_round, "the test round")  # type: ignore[arg-type]

    assert stop.pauses == [2.0, 4.0, 8.0, 2.0, 2.0]
    assert "the test round failed (database is locked); trying again in 4 s" in caplog.text


def test_pauses_stop_growing_at_a_minute():
    def do_round() -> None:
        raise OperationalError("database is locked")

    stop = CountedStop(rounds=10)
    repeat_until_stopped(stop, 1.0, do_round, "the test round")  # type: ignore[arg-type]

    assert max(stop.pauses) == LONGEST_PAUSE_SECONDS


def test_a_bug_in_one_round_is_logged_and_the_next_round_comes_after_the_poll(caplog):
    rounds = []

    def do_round() -> None:
        rounds.append(1)
        if len(rounds) == 1:
            raise KeyError("a bug in one round")

    stop = CountedStop(rounds=3)
    repeat_until_stopped(stop, 0.5, do_round, "the test round")  # type: ignore[arg-type]

    assert len(rounds) == 3
    assert stop.pauses == [0.5, 0.5, 0.5]
    assert "a bug in one round" in caplog.text


def test_the_caller_names_what_else_is_retried():
    def do_round() -> None:
        raise ValueError("the CDN said 503")

    stop = CountedStop(rounds=2)
    repeat_until_stopped(stop, 1.0, do_round, "the test round", retried=(ValueError,))  # type: ignore[arg-type]

    assert stop.pauses == [1.0, 2.0]
