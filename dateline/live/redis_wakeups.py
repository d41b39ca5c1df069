"""Redis pub/sub wake-ups between server processes (when REDIS_URL is set)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from django.conf import settings

from dateline.live.outbox import REDIS_CHANNEL

if TYPE_CHECKING:
    import redis


@functools.cache
def _client() -> redis.Redis:
    # Imported on first use: the client library adds megabytes to every process, and only a site
    # with REDIS_URL needs it.
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def publish_wakeup() -> None:
    """Tell every other process's hub that an event was committed here."""
    _client().publish(REDIS_CHANNEL, b"1")
