"""A live-stream server of Dateline's own: /live/ over HTTP/1.1 Server-Sent Events, without ASGI.

    dateline serve --live-port 8001     (nginx sends /live/ there: dateline nginx-config --live-upstream)

Inside granian (`sse.py`) every reader is a task waiting on its queue, and an event reaches 10,000
readers through 10,000 task wake-ups and 10,000 awaited `send`s in the one event loop. Here a reader
is an asyncio Protocol, and the hub's dispatch writes each event's frame, chunk-encoded once for
all its readers, straight into every subscribed reader's transport: one write per reader and read
of the outbox, however many events it brought, and no task (bench/README.md, "A live server of our
own"). What a request may open, the frames and the replay of what a reconnecting reader missed are
the endpoint's (`admission.py`, the hub).

Bounds: a request head of at most `REQUEST_HEAD_BYTES`, sent within `HEAD_SECONDS` (408 after);
GET and HEAD only; at most `max_connections` open at once (503 beyond) and
DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS per client (429); a reader whose unsent bytes pass
`write_buffer_bytes` (the kernel's socket buffer full as well) is sent `reset` and closed, and cut
off if it does not take even that. One timer for the whole server sweeps the connections: heartbeats
for those idle for DATELINE_LIVE_HEARTBEAT_SECONDS, 408 for heads that never came.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from http import HTTPStatus
from typing import cast

import uvloop
from django.conf import settings

from dateline.core import clients
from dateline.live import admission
from dateline.live.admission import Refusal
from dateline.live.hub import Hub, HubEvent, Reset

logger = logging.getLogger(__name__)

REQUEST_HEAD_BYTES = 8192
MAX_HEADERS = 100
HEAD_SECONDS = 10.0
MAX_CONNECTIONS = 20_000
# Unsent bytes a reader may have (beyond what its socket's kernel buffer holds) before it is reset:
# DATELINE_LIVE_QUEUE_EVENTS events of this size.
BYTES_PER_QUEUED_EVENT = 1024
# A reader that was sent `reset` and does not read it is cut off after this long.
CLOSING_SECONDS = 5.0
LONGEST_SWEEP_SECONDS = 1.0

END_CHUNK = b"0\r\n\r\n"

BAD_REQUEST = Refusal(400, b"This is not an HTTP/1.1 request this server understands.\n")
NOT_LIVE = Refusal(404, b"Only /live/ is served here.\n")
HEAD_TIMEOUT = Refusal(408, b"The request's headers did not come in time.\n")
URI_TOO_LONG = Refusal(414, b"The request line is too long.\n")
HEAD_TOO_LARGE = Refusal(431, b"The request's headers are too large.\n")
VERSION_NOT_SUPPORTED = Refusal(505, b"Only HTTP/1.1 and HTTP/1.0 are served here.\n")
FULL = Refusal(
    503, b"This server has as many live readers as it takes: try again later.\n", ((b"retry-after", b"30"),)
)


def chunk(data: bytes) -> bytes:
    """`data` as one chunk of a chunked HTTP/1.1 body."""
    return b"%x\r\n%b\r\n" % (len(data), data)


def stream_head(chunked: bool) -> bytes:
    """The response head of a stream (HTTP/1.0 clients get the body unchunked, up to the close)."""
    lines = [b"HTTP/1.1 200 OK", *(name + b": " + value for name, value in admission.STREAM_HEADERS)]
    lines.append(b"transfer-encoding: chunked" if chunked else b"connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def refusal_response(refusal: Refusal) -> bytes:
    """A refusal as a whole HTTP response, after which the connection is closed."""
    lines = [
        b"HTTP/1.1 %d %s" % (refusal.status, HTTPStatus(refusal.status).phrase.encode()),
        b"content-type: text/plain; charset=utf-8",
        b"cache-control: no-store",
        b"content-length: %d" % len(refusal.body),
        b"connection: close",
        *(name + b": " + value for name, value in refusal.headers),
    ]
    return b"\r\n".join(lines) + b"\r\n\r\n" + refusal.body


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    query_string: bytes
    headers: list[tuple[bytes, bytes]]
    chunked: bool  # HTTP/1.1: the stream's body is chunked


def parse_request(head: bytes) -> Request | Refusal:
    """The request line and headers (without the blank line that ends them), or what to answer."""
    request_line, *header_lines = head.split(b"\r\n")
    parts = request_line.split(b" ")
    if len(parts) != 3 or not parts[0].isalpha() or not parts[1].startswith(b"/"):
        return BAD_REQUEST
    method, target, version = parts
    if version not in (b"HTTP/1.1", b"HTTP/1.0"):
        return VERSION_NOT_SUPPORTED if version.startswith(b"HTTP/") else BAD_REQUEST
    path, _, query_string = target.partition(b"?")
    if not path.startswith(b"/live/"):
        return NOT_LIVE
    if len(header_lines) > MAX_HEADERS:
        return HEAD_TOO_LARGE
    headers = []
    for line in header_lines:
        name, colon, value = line.partition(b":")
        if not colon or not name or name != name.strip() or b" " in name:
            return BAD_REQUEST
        headers.append((name.lower(), value.strip()))
    return Request(method.decode("ascii"), query_string, headers, version == b"HTTP/1.1")


class State(Enum):
    READING_HEAD = 1
    ADMITTING = 2  # the streams are checked (perhaps in the hub's thread)
    OPENING = 3  # subscribed; what the reader missed is being read
    STREAMING = 4  # the hub writes each event straight to the transport
    CLOSING = 5  # the last bytes were written; waiting for the reader to take them
    CLOSED = 6


class LiveServer:
    """Serves /live/ from `hub` to every reader connected to its port."""

    def __init__(
        self,
        hub: Hub,
        max_connections: int = MAX_CONNECTIONS,
        head_seconds: float = HEAD_SECONDS,
        write_buffer_bytes: int | None = None,
    ) -> None:
        self.hub = hub
        self.max_connections = max_connections
        self.head_seconds = head_seconds
        self.write_buffer_bytes = write_buffer_bytes or (
            settings.DATELINE_LIVE_QUEUE_EVENTS * BYTES_PER_QUEUED_EVENT
        )
        self.queue_events = settings.DATELINE_LIVE_QUEUE_EVENTS
        self.heartbeat_seconds = settings.DATELINE_LIVE_HEARTBEAT_SECONDS
        self.addresses = admission.AddressCount()
        self.connections: set[ReaderProtocol] = set()
        self.admissions: set[asyncio.Task[None]] = set()
        self._server: asyncio.Server | None = None
        self._sweeper: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # The events being dispatched, chunk-encoded once for all their readers.
        self._chunked: tuple[Sequence[HubEvent] | None, bytes] = (None, b"")
        # Readers the dispatch under way delivered to, written to once it has delivered everything.
        self.unwritten: list[ReaderProtocol] = []
        hub.add_listener(self.write_delivered)

    async def start(self, host: str, port: int) -> None:
        """Listen on `host` and `port` (0: a free port, see `port`)."""
        self._loop = asyncio.get_running_loop()
        self._server = await self._loop.create_server(
            lambda: ReaderProtocol(self), host, port, backlog=4096, reuse_address=True
        )
        self._sweeper = self._loop.call_later(self._sweep_seconds(), self._sweep)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def now(self) -> float:
        assert self._loop is not None
        return self._loop.time()

    async def stop(self) -> None:
        """Stop listening, end every stream (readers reconnect elsewhere or later) and close."""
        if self._sweeper is not None:
            self._sweeper.cancel()
        if self._server is not None:
            self._server.close()
        for task in tuple(self.admissions):
            task.cancel()
        for connection in tuple(self.connections):
            connection.finish(None)
            connection.abort()
        await asyncio.sleep(0)  # the transports' connection_lost

    def write_delivered(self, events: Sequence[HubEvent]) -> None:
        """After the hub's dispatch (its listener): one write to each reader it delivered to, all
        the dispatch's events for that reader at once (a chat room's batch of messages)."""
        unwritten, self.unwritten = self.unwritten, []
        now = self.now()
        for connection in unwritten:
            connection.write_outgoing(now)

    def chunk_of(self, events: Sequence[HubEvent]) -> bytes:
        """The frames of `events` as one chunk, made once for all the readers handed the same events."""
        events_chunked, data = self._chunked
        if events_chunked is not events:
            data = chunk(b"".join(event.frame for event in events))
            self._chunked = (events, data)
        return data

    def _sweep_seconds(self) -> float:
        return min(LONGEST_SWEEP_SECONDS, self.heartbeat_seconds / 2, self.head_seconds / 2)

    def _sweep(self) -> None:
        """Heartbeats to idle readers, 408 to heads that never came, the end of readers who never
        took their last bytes: one pass over the connections instead of a timer each."""
        now = self.now()
        try:
            for connection in tuple(self.connections):
                connection.sweep(now)
        finally:
            assert self._loop is not None
            self._sweeper = self._loop.call_later(self._sweep_seconds(), self._sweep)


class ReaderProtocol(asyncio.Protocol):
    """One reader's connection: its request, then its stream, written to by the hub's dispatch."""

    __slots__ = (
        "address", "chunked", "last_sent", "last_write", "opened_at", "outgoing", "pending", "received",
        "server", "state", "streams", "transport",
    )  # fmt: skip

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.transport: asyncio.WriteTransport | None = None
        self.state = State.READING_HEAD
        self.received = bytearray()
        self.opened_at = server.now()
        self.last_write = self.opened_at
        self.streams: list[str] = []
        self.address: str | None = None
        self.chunked = True
        self.last_sent = 0  # the id of the last event written to the reader
        self.pending: list[HubEvent] = []  # events that came while the reader was caught up
        self.outgoing = b""  # what the hub's dispatch delivered, written once it is done

    # --- the transport's callbacks ----------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transport is not an asyncio.Transport, though it does what one does.
        self.transport = cast(asyncio.WriteTransport, transport)
        if len(self.server.connections) >= self.server.max_connections:
            self.refuse(FULL)
            return
        self.server.connections.add(self)
        self.transport.set_write_buffer_limits(high=self.server.write_buffer_bytes)

    def data_received(self, data: bytes) -> None:
        if self.state is not State.READING_HEAD:
            return  # a body, or requests after this one: a stream answers one request
        self.received += data
        end = self.received.find(b"\r\n\r\n")
        if end < 0 and len(self.received) <= REQUEST_HEAD_BYTES:
            return
        if end < 0 or end > REQUEST_HEAD_BYTES:
            self.refuse(
                URI_TOO_LONG if self.received.find(b"\r\n", 0, REQUEST_HEAD_BYTES) < 0 else HEAD_TOO_LARGE
            )
            return
        head = bytes(self.received[:end])
        self.received = bytearray()
        request = parse_request(head)
        if isinstance(request, Refusal):
            self.refuse(request)
            return
        self.state = State.ADMITTING
        self.chunked = request.chunked
        task = asyncio.get_running_loop().create_task(self.admit(request))
        self.server.admissions.add(task)
        task.add_done_callback(self.server.admissions.discard)

    def pause_writing(self) -> None:
        """The reader's unsent bytes passed the bound: it cannot keep up."""
        if self.state in (State.OPENING, State.STREAMING):
            self.finish(admission.RESET_FRAME)

    def connection_lost(self, exc: Exception | None) -> None:
        self.state = State.CLOSED
        self._leave()
        self.server.connections.discard(self)

    # --- the request ------------------------------------------------------------------------------

    async def admit(self, request: Request) -> None:
        """Check the request as the ASGI endpoint does, subscribe, catch the reader up, stream."""
        hub = self.server.hub
        try:
            decision = await admission.admit(hub, request.method, request.query_string, request.headers)
        except Exception:
            logger.exception("could not check a live request")
            decision = FULL
        if self.state is not State.ADMITTING:
            return  # the reader went away meanwhile
        if isinstance(decision, Refusal):
            self.refuse(decision)
            return
        address = self._client_address(request)
        if not self.server.addresses.enter(address):
            self.refuse(admission.TOO_MANY_FROM_ADDRESS)
            return
        self.address = address
        self._write(stream_head(self.chunked))
        if request.method == "HEAD":
            self.state = State.CLOSING
            self._close()
            return
        self.streams = decision.streams
        hub.subscribe(self.streams, self)
        self.state = State.OPENING
        if decision.since is None:
            # A fresh reader starts at the head: every later event reaches it through `deliver`.
            self.last_sent = hub.last_id
            self._write_frame(admission.RETRY_FRAME + admission.ready_frame_at(self.last_sent))
            self.state = State.STREAMING
            return
        self._write_frame(admission.RETRY_FRAME)
        try:
            missed, last_missed = await admission.missed_frames(hub, self.streams, decision.since)
        except Reset:
            if self.state is State.OPENING:
                self.finish(admission.RESET_FRAME)
            return
        if self.state is not State.OPENING:
            return  # gone, or reset for what came meanwhile
        frames = [missed] if missed else []
        self.last_sent = last_missed
        for event in self.pending:
            if event.id > self.last_sent:  # events replayed from the database may arrive twice
                frames.append(event.frame)
                self.last_sent = event.id
        self.pending = []
        frames.append(admission.READY_FRAME)
        self.state = State.STREAMING
        self._write_frame(b"".join(frames))

    def _client_address(self, request: Request) -> str:
        assert self.transport is not None
        peer = self.transport.get_extra_info("peername")
        forwarded = b",".join(value for name, value in request.headers if name == b"x-forwarded-for")
        host = peer[0] if isinstance(peer, tuple) and peer else None
        return clients.client_address(host, forwarded.decode("latin-1"))

    # --- the stream -------------------------------------------------------------------------------

    def deliver(self, events: Sequence[HubEvent]) -> None:
        """From the hub's dispatch: the events' frames for the reader's next write (or kept while
        the reader is being caught up)."""
        if self.state is State.STREAMING:
            if events[0].id <= self.last_sent:  # events replayed from the database may arrive twice
                events = [event for event in events if event.id > self.last_sent]
                if not events:
                    return
            self.last_sent = events[-1].id
            data = self.server.chunk_of(events) if self.chunked else b"".join(event.frame for event in events)
            if self.outgoing:
                self.outgoing += data
            else:
                self.outgoing = data
                self.server.unwritten.append(self)
        elif self.state is State.OPENING:
            if len(self.pending) + len(events) > self.server.queue_events:
                self.finish(admission.RESET_FRAME)
            else:
                self.pending.extend(events)

    def write_outgoing(self, now: float) -> None:
        """Write what the hub's dispatch delivered, in one write however many events it was."""
        data, self.outgoing = self.outgoing, b""
        if self.state is State.STREAMING:
            assert self.transport is not None
            try:
                self.transport.write(data)
            except RuntimeError:  # closed under us; its connection_lost is on its way
                return
            self.last_write = now

    def sweep(self, now: float) -> None:
        """The server's periodic look: a heartbeat, a head that never came, a close never taken."""
        if self.state is State.STREAMING:
            if now - self.last_write >= self.server.heartbeat_seconds:
                self._write_frame(admission.HEARTBEAT_FRAME)
        elif self.state is State.READING_HEAD:
            if now - self.opened_at >= self.server.head_seconds:
                self.refuse(HEAD_TIMEOUT)
        elif self.state is State.CLOSING and now - self.last_write >= CLOSING_SECONDS:
            self.abort()

    def finish(self, last_frame: bytes | None) -> None:
        """End the stream, with `last_frame` (a reset) if given, and close once it is taken."""
        if self.state not in (State.OPENING, State.STREAMING):
            return
        self._leave()
        if last_frame is not None:
            self._write_frame(last_frame)
        if self.chunked:
            self._write(END_CHUNK)
        self.state = State.CLOSING
        self._close()

    def refuse(self, refusal: Refusal) -> None:
        """Answer `refusal` and close."""
        self.state = State.CLOSING
        self._write(refusal_response(refusal))
        self._close()

    def abort(self) -> None:
        """Close at once, dropping whatever the reader did not take."""
        if self.transport is not None:
            self.transport.abort()

    def _write_frame(self, frame: bytes) -> None:
        self._write(chunk(frame) if self.chunked else frame)

    def _write(self, data: bytes) -> None:
        assert self.transport is not None
        if not self.transport.is_closing():
            self.transport.write(data)
            self.last_write = self.server.now()

    def _close(self) -> None:
        assert self.transport is not None
        self.last_write = self.server.now()
        self.transport.close()

    def _leave(self) -> None:
        """Unsubscribe and stop counting against the address (once)."""
        if self.streams:
            self.server.hub.unsubscribe(self.streams, self)
            self.streams = []
        self.pending = []
        if self.address is not None:
            self.server.addresses.leave(self.address)
            self.address = None


async def serve(host: str, port: int) -> None:
    """Run the hub and the server until SIGTERM or SIGINT (Django set up already)."""
    hub = Hub()
    await hub.start()
    server = LiveServer(hub)
    await server.start(host, port)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    logger.info("serving live streams on %s:%s", host, server.port)
    try:
        await stopping.wait()
    finally:
        await server.stop()
        with contextlib.suppress(Exception):
            await hub.stop()


def run(host: str, port: int) -> None:
    """`serve` on uvloop, as granian runs the site's own server processes."""
    uvloop.run(serve(host, port))
