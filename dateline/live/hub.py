"""The hub: one per server process, it tails the outbox and hands new events to its listeners.

A single task reads `Event` rows after the last id it has seen. It is woken in-process when this
process commits an event, by Redis pub/sub or PostgreSQL NOTIFY when another process does, and by a
poll timer otherwise (SQLite with several processes). Each wake-up costs one query for the whole
process, however many readers it serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

FETCH_BATCH = 1000
# With a wake-up channel (Redis or PostgreSQL), polling is only a safety net.
POLL_WITH_CHANNEL_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class HubEvent:
    id: int
    stream: str
    kind: str
    payload: Any


Listener = Callable[[Sequence[HubEvent]], None]

_local_hub: Hub | None = None


def wake_local_hub() -> None:
    """Tell this process's hub that an event was committed here (safe from any thread)."""
    if _local_hub is not None:
        _local_hub.wake()


class Hub:
    def __init__(self, poll_seconds: float | None = None) -> None:
        self.poll_seconds = poll_seconds
        self.last_id = 0
        self.listeners: list[Listener] = []
        self.queries = 0
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []
        # One thread, hence one database connection, for all of the hub's reads.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-hub")

    def add_listener(self, listener: Listener) -> None:
        self.listeners.append(listener)

    # --- life cycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        global _local_hub
        self._loop = asyncio.get_running_loop()
        self.last_id = await self._in_thread(_latest_event_id)
        channel = self._start_wakeup_channel()
        if self.poll_seconds is None:
            self.poll_seconds = POLL_WITH_CHANNEL_SECONDS if channel else settings.DATELINE_HUB_POLL_SECONDS
        self._tasks.append(asyncio.create_task(self._run(), name="dateline-hub"))
        _local_hub = self

    async def stop(self) -> None:
        global _local_hub
        if _local_hub is self:
            _local_hub = None
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self._in_thread(connections.close_all)
        self._executor.shutdown(wait=False)

    def wake(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    # --- tailing ----------------------------------------------------------------------------------

    async def _run(self) -> None:
        assert self.poll_seconds is not None
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)
            self._wake.clear()
            try:
                await self.catch_up()
            except Exception:
                logger.exception("the hub could not read the outbox; retrying")
                await asyncio.sleep(1)

    async def catch_up(self) -> None:
        """Read every committed event after the last one seen and hand them to the listeners."""
        while True:
            events = await self._in_thread(_events_after, self.last_id, FETCH_BATCH)
            self.queries += 1
            if not events:
                return
            self.last_id = events[-1].id
            for listener in self.listeners:
                try:
                    listener(events)
                except Exception:
                    logger.exception("a hub listener failed")
            if len(events) < FETCH_BATCH:
                return

    async def _in_thread(self, function: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, _with_fresh_connection, function, *args)

    # --- wake-ups from other processes ------------------------------------------------------------

    def _start_wakeup_channel(self) -> bool:
        if settings.REDIS_URL:
            self._tasks.append(asyncio.create_task(self._listen_redis(), name="dateline-hub-redis"))
            return True
        if connections["default"].vendor == "postgresql":
            self._tasks.append(asyncio.create_task(self._listen_postgres(), name="dateline-hub-pg"))
            return True
        return False

    async def _listen_redis(self) -> None:
        import redis.asyncio as aioredis

        from dateline.live.events import REDIS_CHANNEL

        while True:
            client = aioredis.Redis.from_url(settings.REDIS_URL)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(REDIS_CHANNEL)
                    self._wake.set()  # anything published while we were not listening
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("lost the Redis wake-up channel; polling until it is back", exc_info=True)
                await asyncio.sleep(2)
            finally:
                await client.aclose()

    async def _listen_postgres(self) -> None:
        import psycopg

        from dateline.live.events import NOTIFY_CHANNEL

        params = _postgres_connection_params()
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._wake.set()
                    async for _notify in conn.notifies():
                        self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("lost the PostgreSQL wake-up channel; polling until it is back", exc_info=True)
                await asyncio.sleep(2)


def _with_fresh_connection(function: Callable[..., Any], *args: Any) -> Any:
    try:
        return function(*args)
    except Exception:
        # A broken connection is replaced on the next call rather than reused.
        connections.close_all()
        raise


def _latest_event_id() -> int:
    from dateline.live.models import Event

    latest = Event.objects.order_by("-id").values_list("id", flat=True).first()
    return latest or 0


def _events_after(last_id: int, limit: int) -> list[HubEvent]:
    from dateline.live.models import Event

    rows = Event.objects.filter(id__gt=last_id).order_by("id").values_list("id", "stream", "kind", "payload")[:limit]
    return [HubEvent(*row) for row in rows]


def _postgres_connection_params() -> dict[str, Any]:
    params = connections["default"].get_connection_params()
    return {key: value for key, value in params.items() if key in {"dbname", "user", "password", "host", "port", "sslmode"}}
