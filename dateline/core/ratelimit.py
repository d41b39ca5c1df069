"""Fixed-window rate limits, counted in the cache every process shares.

`allow("comment", key, "10/m")` is true while `key` has done "comment" fewer than ten times in the
current minute. `count` does the same and says where the caller stands (the limit, what is left,
when the window ends), for answers that tell the client (the content API's `RateLimit-*` headers).
With Redis the count is shared by every server process; with the local-memory cache each process
counts on its own (one process by default, so the limit holds).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


@dataclass(frozen=True)
class Quota:
    """Where one key stands in its current window, after the attempt just counted."""

    limit: int
    remaining: int
    reset_seconds: int  # until the window ends and the count starts again
    allowed: bool


def parse(rate: str) -> tuple[int, int]:
    """'10/m' → (10, 60); '5/10m' → (5, 600)."""
    match = RATE.match(rate.strip())
    if match is None:
        raise ValueError(f"not a rate: {rate!r} (expected e.g. '10/m' or '5/10m')")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * UNITS[unit]


def count(action: str, key: str, rate: str) -> Quota:
    """Count one attempt at `action` by `key` and say what is left of the window."""
    limit, seconds = parse(rate)
    now = time.time()
    window = int(now // seconds)
    cache_key = f"ratelimit:{action}:{key}:{seconds}:{window}"
    if cache.add(cache_key, 1, timeout=seconds + 1):
        used = 1
    else:
        try:
            used = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=seconds + 1)
            used = 1
    reset = max(1, math.ceil((window + 1) * seconds - now))
    return Quota(limit=limit, remaining=max(0, limit - used), reset_seconds=reset, allowed=used <= limit)


def allow(action: str, key: str, rate: str) -> bool:
    """Count one attempt at `action` by `key`; false once the rate is used up for this window."""
    return count(action, key, rate).allowed
