"""Fixed-window rate limits on what readers post, counted in the cache every process shares.

`allow("comment", key, "10/m")` is true while `key` has done "comment" fewer than ten times in the
current minute. With Redis the count is shared by every server process; with the local-memory cache
each process counts on its own (one process by default, so the limit holds).
"""

from __future__ import annotations

import re
import time

from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


def parse(rate: str) -> tuple[int, int]:
    """'10/m' → (10, 60); '5/10m' → (5, 600)."""
    match = RATE.match(rate.strip())
    if match is None:
        raise ValueError(f"not a rate: {rate!r} (expected e.g. '10/m' or '5/10m')")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * UNITS[unit]


def allow(action: str, key: str, rate: str) -> bool:
    """Count one attempt at `action` by `key`; false once the rate is used up for this window."""
    limit, seconds = parse(rate)
    window = int(time.time() // seconds)
    cache_key = f"ratelimit:{action}:{key}:{seconds}:{window}"
    if cache.add(cache_key, 1, timeout=seconds + 1):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=seconds + 1)
        count = 1
    return count <= limit
