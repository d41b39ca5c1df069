"""Redis pub/sub wake-ups between server processes (when REDIS_URL is set)."""

from __future__ import annotations

import functools

import redis
from django.conf import settings

from dateline.live.events import REDIS_CHANNEL


@functools.cache
def _client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def publish_wakeup() -> None:
    _client().publish(REDIS_CHANNEL, b"1")
