"""The fixed-window limiter: `allow` for the posts readers make, `count` for answers that tell the
client where it stands (the content API's RateLimit headers)."""

from __future__ import annotations

import pytest

from dateline.core import ratelimit


def test_allow_lets_the_rate_through_then_refuses():
    assert [ratelimit.allow("comment", "reader-1", "3/m") for _ in range(4)] == [True, True, True, False]
    assert ratelimit.allow("comment", "reader-2", "3/m")


def test_count_says_what_is_left_and_when_the_window_ends():
    quotas = [ratelimit.count("api", "203.0.113.5", "2/10s") for _ in range(3)]

    assert [q.allowed for q in quotas] == [True, True, False]
    assert [q.remaining for q in quotas] == [1, 0, 0]
    assert all(q.limit == 2 for q in quotas)
    assert all(1 <= q.reset_seconds <= 10 for q in quotas)


def test_a_new_window_starts_the_count_again(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert ratelimit.count("api", "key", "1/m").allowed
    assert not ratelimit.count("api", "key", "1/m").allowed

    now[0] += 60

    assert ratelimit.count("api", "key", "1/m").allowed


@pytest.mark.parametrize("rate", ["", "ten/m", "10/x", "10", "/m"])
def test_a_rate_that_does_not_parse_is_an_error(rate):
    with pytest.raises(ValueError, match="not a rate"):
        ratelimit.parse(rate)
