"""The hub: one per server process, it tails the outbox and hands new events to its listeners.

A single task reads `Event` rows after the last id it has seen. It is woken in-process when this
process commits an event, by Redis pub/sub, PostgreSQL NOTIFY or (SQLite alone) a datagram on a
local socket when another process does (`local_wakeups.py`), and by a poll timer as a safety net.
Each wake-up costs one query for the whole process, however many readers it serves.

Readers subscribe to streams. The hub keeps the most recent events in memory, so a reader who
reconnects with `Last-Event-ID` is caught up without a query. Readers further behind than the buffer
share outbox reads (one per set of streams at a time, however many readers wait for it), and a
reader behind the retention window gets a reset.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
from collections import deque
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.db import connections

from dateline.core.threads import BlockingCallThreads
from dateline.live import audience, local_wakeups, outbox

logger = logging.getLogger(__name__)

FETCH_BATCH = 1000
# With a wake-up channel (Redis, PostgreSQL or the local socket), polling is only a safety net:
# at least this long between polls.
POLL_WITH_CHANNEL_SECONDS = 10.0
STOP_SECONDS = 5.0
# A reader further behind than this many events is told to start afresh instead of replaying.
MAX_REPLAY = 2000


@dataclass(frozen=True, slots=True)
class HubEvent:
    id: int
    stream: str
    kind: str
    payload: Any
    # The Server-Sent Events frame, built once and sent to every reader of the stream.
    frame: bytes = field(default=b"", compare=False, repr=False)

    @classmethod
    def from_row(cls, id: int, stream: str, kind: str, payload: Any) -> HubEvent:
        data = json.dumps({"stream": stream, **(payload or {})}, ensure_ascii=False, separators=(",", ":"))
        frame = f"id: {id}\nevent: {kind}\ndata: {data}\n\n".encode()
        return cls(id, stream, kind, payload, frame)


@dataclass(slots=True)
class OlderRead:
    """One read of the outbox shared by the readers who need events older than the buffer."""

    since: int
    result: asyncio.Future[tuple[int | None, list[HubEvent], int, int]]


class Subscriber(Protocol):
    def deliver(self, events: Sequence[HubEvent]) -> None:
        """Events of the reader's streams from one read of the outbox, in order (the same sequence
        for every reader of a stream when the read held no other stream's events)."""


Listener = Callable[[Sequence[HubEvent]], None]


class Reset(Exception):
    """The reader is too far behind (or ahead of a rebuilt database) to be caught up."""


_local_hub: Hub | None = None


def wake_local_hub() -> None:
    """Tell this process's hub that an event was committed here (safe from any thread)."""
    if _local_hub is not None:
        _local_hub.wake()


def local_hub() -> Hub | None:
    return _local_hub


class Hub:
    def __init__(
        self,
        poll_seconds: float | None = None,
        buffer_size: int | None = None,
        buffer_bytes: int | None = None,
    ) -> None:
        self.poll_seconds = poll_seconds
        self.batch_seconds = settings.DATELINE_HUB_BATCH_SECONDS
        self.last_id = 0
        self.listeners: list[Listener] = []
        self.subscribers: dict[str, set[Subscriber]] = {}
        # The newest events, for readers who reconnect, bounded by count and by their frames' bytes:
        # a busy discussion's events carry the comment's markup (3 KB each in the soak): 20,000 of
        # them would hold about 150 MiB. Readers further behind are caught up from the outbox.
        self.recent: deque[HubEvent] = deque(maxlen=buffer_size or settings.DATELINE_LIVE_BUFFER_EVENTS)
        self.recent_bytes = 0
        self.buffer_bytes = buffer_bytes or settings.DATELINE_LIVE_BUFFER_BYTES
        # Everything up to this id has been seen by the hub (recent covers what is after it).
        self.recent_floor = 0
        self.queries = 0
        self._wake = asyncio.Event()
        # A wake-up asked for and not yet acted on: commits meanwhile need not ask again (each
        # asking crosses into the loop's thread; under readers' comments, one per comment).
        self._wake_asked = False
        self._reading = asyncio.Lock()
        # When the tailing loop last read the outbox (the loop's clock): with a batch window, the
        # next read waits until the window since it has passed.
        self._last_read = -math.inf
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._local_listener: local_wakeups.Listener | None = None
        # One thread, hence one database connection, for all of the hub's reads.
        self._thread = BlockingCallThreads(1, "dateline-hub")
        # Outbox reads for readers further behind than the buffer, by set of streams (one at a time).
        self._older_reads: dict[tuple[str, ...], OlderRead] = {}
        self._older_reading = asyncio.Lock()
        self._older_tasks: set[asyncio.Task[None]] = set()
        self._audience_reported = False
        # Its own thread and connection: a write that waits on a locked SQLite database must not
        # hold up the outbox reads every reader waits for.
        self._audience_thread = BlockingCallThreads(1, "dateline-hub-audience")

    def add_listener(self, listener: Listener) -> None:
        self.listeners.append(listener)

    # --- life cycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        global _local_hub
        self._loop = asyncio.get_running_loop()
        await self.start_at_head()
        channel = self._start_wakeup_channel()
        if self.poll_seconds is None:
            poll = settings.DATELINE_HUB_POLL_SECONDS
            self.poll_seconds = max(poll, POLL_WITH_CHANNEL_SECONDS) if channel else poll
        self._tasks.append(asyncio.create_task(self._run(), name="dateline-hub"))
        self._tasks.append(asyncio.create_task(self._report_audience(), name="dateline-hub-audience"))
        _local_hub = self

    async def start_at_head(self) -> None:
        """Begin after the newest committed event: earlier ones are for replay, not delivery."""
        self.last_id = self.recent_floor = await self._in_thread(outbox.newest_id)

    async def stop(self) -> None:
        global _local_hub
        if _local_hub is self:
            _local_hub = None
        tasks = [*self._tasks, *self._older_tasks]
        for task in tasks:
            task.cancel()
        if tasks:
            # Bounded: a wake-up channel cancelled mid-handshake can wait forever on its socket's
            # close (seen once in CI, with Redis), and must not keep the process from stopping.
            await asyncio.wait(tasks, timeout=STOP_SECONDS)
        self._tasks.clear()
        self._stop_listening_locally()
        if self._audience_thread.started:
            if self._audience_reported:
                with contextlib.suppress(Exception):  # stopping goes on: the rows age out by themselves
                    await self._audience_thread.run(_with_fresh_connection, audience.withdraw)
            await self._audience_thread.run(connections.close_all)
            self._audience_thread.shutdown()
        await self._in_thread(connections.close_all)
        self._thread.shutdown()

    def wake(self) -> None:
        """Read the outbox soon (called from any thread, after a commit)."""
        if self._wake_asked:
            return  # the read it asked for has not started: it will see this commit too
        if self._loop is not None and not self._loop.is_closed():
            self._wake_asked = True
            self._loop.call_soon_threadsafe(self._wake.set)

    async def _report_audience(self) -> None:
        """Every few seconds, this process's readers per stream to the site's count (`audience.py`)."""
        while True:
            await asyncio.sleep(settings.DATELINE_LIVE_AUDIENCE_SECONDS)
            counts = {stream: len(readers) for stream, readers in self.subscribers.items()}
            if not counts and not self._audience_reported:
                continue
            try:
                await self._audience_thread.run(_with_fresh_connection, audience.report, counts)
            except Exception:
                logger.warning("the hub could not report its readers; trying again", exc_info=True)
            else:
                self._audience_reported = bool(counts)

    # --- tailing ----------------------------------------------------------------------------------

    async def _run(self) -> None:
        assert self.poll_seconds is not None
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)
            if self.batch_seconds:
                # At most one read a window: woken again within it, the hub waits for its end, and
                # commits meanwhile join that read (each reader is written to once for all of
                # them); an event after a quiet spell is read at once.
                wait = self._last_read + self.batch_seconds - asyncio.get_running_loop().time()
                if wait > 0:
                    await asyncio.sleep(wait)
            self._wake_asked = False  # before the read: a commit from now on asks for another
            self._wake.clear()
            self._last_read = asyncio.get_running_loop().time()
            try:
                await self.catch_up()
            except Exception:
                logger.exception("the hub could not read the outbox; retrying")
                await asyncio.sleep(1)

    async def catch_up(self, at_least: int = 0) -> None:
        """Read every committed event after the last one seen and hand it on.

        With `at_least`, nothing is read if the hub has already seen that event: a crowd of readers
        asking for the same thing costs one query, not one each.
        """
        async with self._reading:  # two readers at once would hand the same events on twice
            if at_least and self.last_id >= at_least:
                return
            while True:
                events = await self._in_thread(_events_after, self.last_id, FETCH_BATCH)
                self.queries += 1
                if not events:
                    return
                self.dispatch(events)
                if len(events) < FETCH_BATCH:
                    return

    def dispatch(self, events: Sequence[HubEvent]) -> None:
        """Buffer new events, hand them to their streams' readers, then to the listeners."""
        recent = self.recent
        by_stream: dict[str, list[HubEvent]] = {}
        for event in events:
            by_stream.setdefault(event.stream, []).append(event)
            if len(recent) == recent.maxlen:
                self.recent_floor = recent[0].id  # about to fall out of the buffer
                self.recent_bytes -= len(recent[0].frame)
            # Only the frame is replayed: the payload (for the listeners, below) is not kept.
            recent.append(HubEvent(event.id, event.stream, event.kind, None, event.frame))
            self.recent_bytes += len(event.frame)
            while self.recent_bytes > self.buffer_bytes and len(recent) > 1:
                dropped = recent.popleft()
                self.recent_floor = dropped.id
                self.recent_bytes -= len(dropped.frame)
        if len(by_stream) == 1:
            # One call a reader for all the read's events (a busy chat room's batch), not one an event.
            for stream, same_stream in by_stream.items():
                for subscriber in tuple(self.subscribers.get(stream, ())):
                    subscriber.deliver(same_stream)
        else:
            # A reader of several of these streams must still have their events in order.
            owed: dict[Subscriber, list[HubEvent]] = {}
            for event in events:
                for subscriber in self.subscribers.get(event.stream, ()):
                    owed.setdefault(subscriber, []).append(event)
            for subscriber, its_events in owed.items():
                subscriber.deliver(its_events)
        self.last_id = events[-1].id
        for listener in self.listeners:
            try:
                listener(events)
            except Exception:
                logger.exception("a hub listener failed")

    # --- readers ----------------------------------------------------------------------------------

    def subscribe(self, streams: Iterable[str], subscriber: Subscriber) -> None:
        for stream in streams:
            self.subscribers.setdefault(stream, set()).add(subscriber)

    def unsubscribe(self, streams: Iterable[str], subscriber: Subscriber) -> None:
        for stream in streams:
            readers = self.subscribers.get(stream)
            if readers is not None:
                readers.discard(subscriber)
                if not readers:
                    del self.subscribers[stream]

    def replay_from_memory(self, streams: Collection[str], since: int) -> list[HubEvent] | None:
        """The events after `since` on `streams`, if the buffer still holds them; else None."""
        if since > self.last_id:
            raise Reset  # an id this outbox never issued: the database was rebuilt
        if since >= self.last_id:
            return []
        if since < self.recent_floor:
            return None
        missed = [event for event in self.recent if event.id > since and event.stream in streams]
        if len(missed) > MAX_REPLAY:
            raise Reset
        return missed

    async def replay(self, streams: Collection[str], since: int) -> list[HubEvent]:
        """What a reader who last saw `since` missed on `streams`. Raises Reset if too far behind."""
        if since > self.last_id:
            # A page rendered a moment ago may know of an event this hub has not been woken for yet.
            await self.catch_up(at_least=since)
        while True:
            missed = self.replay_from_memory(streams, since)
            if missed is not None:
                return missed
            older = await self._read_older(tuple(sorted(streams)), since)
            if older is None:
                continue  # the buffer moved on while reading: what was read no longer joins up
            archived, upto = older
            newer = [event for event in self.recent if event.id > upto and event.stream in streams]
            missed = [event for event in archived if event.id > since] + newer
            if len(missed) > MAX_REPLAY:
                raise Reset
            return missed

    async def _read_older(self, streams: tuple[str, ...], since: int) -> tuple[list[HubEvent], int] | None:
        """The events on `streams` after `since` up to what the hub has seen, read from the outbox.

        Readers who come back from further behind than the buffer at the same moment share one
        read per set of streams: the first to ask starts it, the others add their `since`, and the
        read covers the oldest of them. Returns the events and the id they reach up to (the buffer
        holds what is after it), or None if the buffer has since moved past that id. Raises Reset
        for a `since` older than the outbox keeps.
        """
        read = self._older_reads.get(streams)
        if read is None:
            read = self._older_reads[streams] = OlderRead(since, asyncio.get_running_loop().create_future())
            task = asyncio.create_task(self._run_older_read(streams, read))
            self._older_tasks.add(task)
            task.add_done_callback(self._older_tasks.discard)
        read.since = min(read.since, since)
        oldest, events, upto, complete_from = await asyncio.shield(read.result)
        if oldest is None or since < oldest - 1 or since < complete_from:
            raise Reset
        if self.recent_floor > upto:
            return None
        return events, upto

    async def _run_older_read(self, streams: tuple[str, ...], read: OlderRead) -> None:
        try:
            # Readers who arrive while an earlier read is under way join this one.
            async with self._older_reading:
                del self._older_reads[streams]
                upto = self.last_id
                oldest = await self._in_thread(outbox.oldest_id)
                newest_first = await self._in_thread(
                    _events_between, read.since, upto, MAX_REPLAY + 1, streams
                )
                self.queries += 2
            events = newest_first[::-1]
            # With more than MAX_REPLAY events, readers from before the first of them are reset.
            complete_from = events[0].id if len(events) > MAX_REPLAY else 0
            read.result.set_result((oldest, events[-MAX_REPLAY:], upto, complete_from))
        except asyncio.CancelledError:
            self._forget_older_read(streams, read)
            read.result.cancel()
            raise
        except Exception as error:
            self._forget_older_read(streams, read)
            read.result.set_exception(error)
            read.result.exception()  # marked as seen: each waiting reader gets it through `await`

    def _forget_older_read(self, streams: tuple[str, ...], read: OlderRead) -> None:
        if self._older_reads.get(streams) is read:
            del self._older_reads[streams]

    async def _in_thread(self, function: Callable[..., Any], *args: Any) -> Any:
        return await self._thread.run(_with_fresh_connection, function, *args)

    # --- wake-ups from other processes ------------------------------------------------------------

    def _start_wakeup_channel(self) -> bool:
        if settings.REDIS_URL:
            self._tasks.append(asyncio.create_task(self._listen_redis(), name="dateline-hub-redis"))
            return True
        if connections["default"].vendor == "postgresql":
            self._tasks.append(asyncio.create_task(self._listen_postgres(), name="dateline-hub-pg"))
            return True
        return self._listen_locally()

    def _listen_locally(self) -> bool:
        """Listen on a socket in the database's wake-up directory (SQLite); False if there is none."""
        folder = local_wakeups.directory()
        if folder is None or self._loop is None:
            return False
        try:
            listener = local_wakeups.Listener(folder)
        except OSError:
            logger.warning(
                "no local wake-up socket in %s; events from other processes wait for the %s s poll",
                folder, settings.DATELINE_HUB_POLL_SECONDS, exc_info=True,
            )  # fmt: skip
            return False
        self._loop.add_reader(listener.fileno(), self._woken_locally)
        self._local_listener = listener
        return True

    def _woken_locally(self) -> None:
        if self._local_listener is not None and self._local_listener.drain():
            self._wake.set()

    def _stop_listening_locally(self) -> None:
        listener, self._local_listener = self._local_listener, None
        if listener is not None:
            if self._loop is not None and not self._loop.is_closed():
                self._loop.remove_reader(listener.fileno())
            listener.close()

    async def _listen_redis(self) -> None:
        import redis.asyncio as aioredis

        while True:
            client = aioredis.Redis.from_url(settings.REDIS_URL)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(outbox.REDIS_CHANNEL)
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

        params = _postgres_connection_params()
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                    await conn.execute(outbox.LISTEN_STATEMENT)
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


def _events_after(last_id: int, limit: int) -> list[HubEvent]:
    return [HubEvent.from_row(*row) for row in outbox.events_after(last_id, limit)]


def _events_between(after: int, upto: int, limit: int, streams: tuple[str, ...]) -> list[HubEvent]:
    """The newest `limit` events on `streams` with `after` < id <= `upto`, newest first."""
    return [HubEvent.from_row(*row) for row in outbox.events_between(after, upto, limit, streams)]


def _postgres_connection_params() -> dict[str, Any]:
    params = connections["default"].get_connection_params()
    allowed = {"dbname", "user", "password", "host", "port", "sslmode"}
    return {key: value for key, value in params.items() if key in allowed}
