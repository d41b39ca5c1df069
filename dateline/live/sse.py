"""The live endpoint: Server-Sent Events under /live/, in pure ASGI (never Django's request cycle).

    GET /live/?stream=newsfeed:en&stream=coverage:42[&since=<event id>]

Each event is sent with `id:` set to its outbox id. A reader who reconnects with `Last-Event-ID`
(or `since`, which a cached page carries) first gets what it missed, then live events. A reader too
far behind gets `event: reset` and should refetch what it shows. A comment line is sent as a
heartbeat. Each connection has a bounded queue: a reader who cannot keep up is sent `reset` and
closed, so a slow client never makes the server hold more memory. What a request may open and the
frames it gets are shared with the live server of our own (`admission.py`, `server.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from django.conf import settings

from dateline.core import clients
from dateline.live import admission
from dateline.live.admission import HEARTBEAT_FRAME, READY_FRAME, RESET_FRAME, RETRY_FRAME, STREAM_HEADERS
from dateline.live.hub import Hub, HubEvent, Reset

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class Connection:
    """One reader's place in the hub: a bounded queue, and the future its sender waits on."""

    __slots__ = (
        "closed", "heartbeat_due", "heartbeat_seconds", "last_sent", "limit", "loop", "overflowed", "queue",
        "timer", "waiter",
    )  # fmt: skip

    def __init__(self, limit: int, heartbeat_seconds: float) -> None:
        self.queue: deque[HubEvent] = deque()
        self.limit = limit
        self.waiter: asyncio.Future[None] | None = None
        self.closed = False
        self.overflowed = False
        self.heartbeat_seconds = heartbeat_seconds
        self.heartbeat_due = False
        self.loop: asyncio.AbstractEventLoop | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.last_sent = 0.0

    def deliver(self, events: Sequence[HubEvent]) -> None:
        if len(self.queue) + len(events) > self.limit:
            self.overflowed = True
        else:
            self.queue.extend(events)
        self._wake()

    def close(self) -> None:
        self.closed = True
        self._wake()
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def start_heartbeats(self) -> None:
        """Mark a heartbeat due whenever nothing was sent for `heartbeat_seconds`.

        One timer per connection, armed again only when it fires (every `heartbeat_seconds` at
        most), not one per event: a timer armed and cancelled for each of 10,000 readers was a
        third of the server's CPU per delivery (bench/README.md, "Live stream").
        """
        self.loop = asyncio.get_running_loop()
        self.last_sent = self.loop.time()
        self.timer = self.loop.call_later(self.heartbeat_seconds, self._tick)

    def sent(self) -> None:
        """Something went out to the reader: the next heartbeat is due that much later."""
        self.heartbeat_due = False
        if self.loop is not None:
            self.last_sent = self.loop.time()

    def _tick(self) -> None:
        assert self.loop is not None
        idle = self.loop.time() - self.last_sent
        if idle >= self.heartbeat_seconds:
            self.heartbeat_due = True
            self._wake()
            idle = 0.0
        if not self.closed:
            self.timer = self.loop.call_later(self.heartbeat_seconds - idle, self._tick)

    async def wait(self) -> None:
        """Until something is delivered, a heartbeat is due or the reader leaves.

        A bare future: this runs once per event per reader, and `asyncio.wait_for` (a new task each
        time) or an `asyncio.Event` measured as much as half of the server's CPU when one event
        reaches 10,000 readers (bench/README.md, "Live stream").
        """
        if self.queue or self.closed or self.overflowed or self.heartbeat_due:
            return
        self.waiter = waiter = asyncio.get_running_loop().create_future()
        try:
            await waiter
        finally:
            self.waiter = None

    def _wake(self) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


class LiveEndpoint:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.addresses = admission.AddressCount()

    @property
    def connections_by_address(self) -> dict[str, int]:
        return self.addresses.by_address

    @property
    def open_connections(self) -> int:
        return len(self.addresses)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        decision = await admission.admit(
            self.hub, scope["method"], scope.get("query_string", b""), scope["headers"]
        )
        if isinstance(decision, admission.Refusal):
            await plain_response(send, decision.status, decision.body, list(decision.headers))
            return
        names, since = decision.streams, decision.since
        address = client_address(scope)
        if not self.addresses.enter(address):
            refusal = admission.TOO_MANY_FROM_ADDRESS
            await plain_response(send, refusal.status, refusal.body, list(refusal.headers))
            return
        connection = Connection(settings.DATELINE_LIVE_QUEUE_EVENTS, settings.DATELINE_LIVE_HEARTBEAT_SECONDS)
        watcher = asyncio.create_task(_watch_disconnect(receive, connection))
        self.hub.subscribe(names, connection)
        head = self.hub.last_id  # from here on, every event reaches the connection's queue
        try:
            await send({"type": "http.response.start", "status": 200, "headers": STREAM_HEADERS})
            if scope["method"] == "HEAD":
                await send({"type": "http.response.body", "body": b""})
                return
            await self._stream(names, since, head, connection, send)
        except OSError:
            pass  # the reader went away while we were writing
        finally:
            self.hub.unsubscribe(names, connection)
            connection.close()  # its heartbeat timer too, whether or not the watcher ever ran
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            self.addresses.leave(address)

    async def _stream(
        self, names: list[str], since: int | None, head: int, connection: Connection, send: Send
    ) -> None:
        if since is None:
            # A fresh reader starts at the head: its first reconnect replays from here.
            last_sent = head
            await send_chunk(send, RETRY_FRAME + admission.ready_frame_at(head))
        else:
            await send_chunk(send, RETRY_FRAME)
            try:
                missed, last_sent = await admission.missed_frames(self.hub, names, since)
            except Reset:
                await send_chunk(send, RESET_FRAME, more=False)
                return
            if missed:
                await send_chunk(send, missed)
            await send_chunk(send, READY_FRAME)
        connection.start_heartbeats()
        while True:
            await connection.wait()
            if connection.closed:
                return
            if connection.overflowed:
                await send_chunk(send, RESET_FRAME, more=False)
                return
            if not connection.queue:
                if connection.heartbeat_due:
                    connection.heartbeat_due = False
                    await send_chunk(send, HEARTBEAT_FRAME)
                continue
            frames = []
            while connection.queue:
                event = connection.queue.popleft()
                if event.id > last_sent:  # events replayed from the database may arrive twice
                    frames.append(event.frame)
                    last_sent = event.id
            if frames:
                connection.sent()
                await send_chunk(send, b"".join(frames))


async def _watch_disconnect(receive: Receive, connection: Connection) -> None:
    try:
        # A receive that fails means the client is gone, too.
        with contextlib.suppress(Exception):
            while (await receive())["type"] != "http.disconnect":
                pass
    finally:
        connection.close()


async def send_chunk(send: Send, body: bytes, more: bool = True) -> None:
    await send({"type": "http.response.body", "body": body, "more_body": more})


async def plain_response(
    send: Send, status: int, body: bytes, extra_headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra_headers or [])})
    await send({"type": "http.response.body", "body": body})


def client_address(scope: Scope) -> str:
    """The reader's address, as every rate limit of the site counts it (behind trusted proxies)."""
    return clients.address_of_scope(scope)
