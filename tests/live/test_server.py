"""Dateline's own live server (`dateline.live.server`), spoken to over real sockets as browsers and
attackers would: the same streams and frames as the ASGI endpoint, and its own guards."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.test import Client

from dateline.live.hub import Hub, HubEvent
from dateline.live.server import LiveServer
from tests.factories import UserFactory
from tests.live.test_sse import publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STREAM_REQUEST = "GET /live/?stream=newsfeed:en HTTP/1.1\r\nHost: news.example.org\r\n{extra}\r\n"


class RawClient:
    """One connection to the live server, and every byte it sent back."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.received = b""
        self.closed = False

    @classmethod
    async def open(
        cls, server: LiveServer, request: bytes | None = None, receive_buffer: int = 0
    ) -> RawClient:
        """Connect (with a small receive buffer if asked: a reader that takes little) and send `request`."""
        return await cls.open_port(server.port, request, receive_buffer)

    @classmethod
    async def open_port(cls, port: int, request: bytes | None = None, receive_buffer: int = 0) -> RawClient:
        """`open` on any port (nginx's, in front of the live server)."""
        sock = socket.socket()
        if receive_buffer:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
        # A reader taking little stops reading at its StreamReader's limit, as a stalled browser would.
        reader, writer = await asyncio.open_connection(sock=sock, limit=2**14 if receive_buffer else 2**24)
        client = cls(reader, writer)
        if request is not None:
            writer.write(request)
        return client

    @classmethod
    async def stream(
        cls, server: LiveServer, extra_headers: str = "", query: str = "stream=newsfeed:en"
    ) -> RawClient:
        request = STREAM_REQUEST.replace("stream=newsfeed:en", query).format(extra=extra_headers)
        return await cls.open(server, request.encode())

    async def wait_for(self, expected: bytes, timeout: float = 3.0) -> None:
        async def read() -> None:
            while expected not in self.body:
                data = await self.reader.read(65536)
                if not data:
                    self.closed = True
                    raise AssertionError(f"the server closed before {expected!r}: {self.received[-300:]!r}")
                self.received += data

        await asyncio.wait_for(read(), timeout)

    async def read_to_end(self, timeout: float = 5.0) -> bytes:
        async def read() -> None:
            while data := await self.reader.read(65536):
                self.received += data
            self.closed = True

        await asyncio.wait_for(read(), timeout)
        return self.received

    @property
    def status(self) -> int:
        return int(self.received.split(b"\r\n", 1)[0].split(b" ")[1])

    @property
    def body(self) -> bytes:
        """The response's body, de-chunked if it was chunked."""
        head, _, raw = self.received.partition(b"\r\n\r\n")
        if b"transfer-encoding: chunked" not in head.lower():
            return raw
        data = b""
        while (line_end := raw.find(b"\r\n")) >= 0:
            size = int(raw[:line_end], 16)
            if size == 0 or len(raw) < line_end + 2 + size + 2:
                break
            data += raw[line_end + 2 : line_end + 2 + size]
            raw = raw[line_end + 2 + size + 2 :]
        return data

    def hang_up(self) -> None:
        self.writer.close()


async def run_server(scenario: Callable[[Hub, LiveServer], Awaitable[None]], **server_options: Any) -> None:
    hub = Hub(poll_seconds=60)
    await hub.start_at_head()
    server = LiveServer(hub, **server_options)
    await server.start("127.0.0.1", 0)
    try:
        await scenario(hub, server)
    finally:
        await server.stop()
        await hub.stop()
        await sync_to_async(connections.close_all)()


def run(scenario: Callable[[Hub, LiveServer], Awaitable[None]], **server_options: Any) -> None:
    asyncio.run(run_server(scenario, **server_options))


async def until(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), timeout)


def session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return f"Cookie: theme=dark; {settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}\r\n"


def test_a_new_reader_starts_at_the_head_and_receives_what_is_published_next():
    publish("newsfeed:en", title="Before")

    async def scenario(hub: Hub, server: LiveServer) -> None:
        reader = await RawClient.stream(server)
        await reader.wait_for(b"event: ready")
        assert reader.status == HTTPStatus.OK
        assert b"content-type: text/event-stream; charset=utf-8" in reader.received
        assert b"retry: 3000\n\n" in reader.body
        assert f"id: {hub.last_id}\nevent: ready\n".encode() in reader.body
        assert b"Before" not in reader.received
        event_id = await sync_to_async(publish)("newsfeed:en", title="Tokyo drill")
        await sync_to_async(publish)("newsfeed:ru", title="Not for English readers")
        await hub.catch_up()
        await reader.wait_for(b"Tokyo drill")
        assert f"id: {event_id}\nevent: story\n".encode() in reader.body
        assert b"Not for English readers" not in reader.received
        reader.hang_up()

    run(scenario)


def test_every_reader_of_a_stream_gets_each_event_once_and_in_order():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        readers = [await RawClient.stream(server) for _ in range(30)]
        for reader in readers:
            await reader.wait_for(b"event: ready")
        ids = [await sync_to_async(publish)("newsfeed:en", title=f"Item {number}") for number in range(5)]
        await hub.catch_up()  # all five in one read of the outbox: one write to each reader
        for reader in readers:
            await reader.wait_for(b"Item 4")
            received = [int(line[4:]) for line in reader.body.split(b"\n") if line.startswith(b"id: ")]
            assert received[1:] == ids  # after the id of `ready`
            reader.hang_up()

    run(scenario)


def test_a_reader_who_reconnects_with_last_event_id_gets_what_it_missed_then_live_events():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        first = await sync_to_async(publish)("newsfeed:en", title="Seen")
        missed = await sync_to_async(publish)("newsfeed:en", title="Missed")
        await hub.catch_up()
        queries_before = hub.queries
        reader = await RawClient.stream(server, f"Last-Event-ID: {first}\r\n")
        await reader.wait_for(b"event: ready")
        assert hub.queries == queries_before
        body = reader.body
        assert b"Seen" not in body
        assert body.index(f"id: {missed}\n".encode()) < body.index(b"event: ready")
        assert b"id: " not in body[body.index(b"event: ready") :]  # ready names no id after a replay
        live = await sync_to_async(publish)("newsfeed:en", title="Live")
        await hub.catch_up()
        await reader.wait_for(b"Live")
        assert f"id: {live}\n".encode() in reader.body
        reader.hang_up()

    run(scenario)


def test_a_cached_page_resumes_from_the_event_id_it_carries():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        rendered_at = await sync_to_async(publish)("newsfeed:en", title="On the page")
        await sync_to_async(publish)("newsfeed:en", title="After the page")
        await hub.catch_up()
        reader = await RawClient.stream(server, query=f"stream=newsfeed:en&since={rendered_at}")
        await reader.wait_for(b"event: ready")
        assert b"After the page" in reader.body
        assert b"On the page" not in reader.body
        reader.hang_up()

    run(scenario)


def test_a_reader_behind_the_retention_window_is_told_to_reset_and_closed():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        reader = await RawClient.stream(server, f"Last-Event-ID: {10**17}\r\n")
        await reader.read_to_end()
        assert reader.body.endswith(b"event: reset\ndata: {}\n\n")
        assert reader.received.endswith(b"0\r\n\r\n")
        assert not hub.subscribers

    run(scenario)


def test_a_reader_that_cannot_keep_up_is_sent_reset_and_closed():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        slow = await RawClient.open(server, STREAM_REQUEST.format(extra="").encode(), receive_buffer=4096)
        await slow.wait_for(b"event: ready")
        keeping_up = await RawClient.stream(server)
        await keeping_up.wait_for(b"event: ready")
        reading = asyncio.create_task(keeping_up.read_to_end(timeout=30))
        text = "x" * 4000
        next_id = hub.last_id
        # The slow reader reads nothing while the events come: the kernel's buffers fill, then the
        # server's own, up to its bound.
        for _ in range(2000):
            next_id += 1
            hub.dispatch([HubEvent.from_row(next_id, "newsfeed:en", "story", {"text": text})])
            await asyncio.sleep(0.001)
            if len(hub.subscribers["newsfeed:en"]) < 2:
                break
        assert len(hub.subscribers["newsfeed:en"]) == 1, "the slow reader was never cut off"
        assert len(server.addresses) == 1
        everything = await slow.read_to_end()
        # The reset is the last thing sent, right after the write that passed the bound.
        assert everything.endswith(b"event: reset\ndata: {}\n\n\r\n0\r\n\r\n")
        keeping_up.hang_up()
        reading.cancel()

    run(scenario, write_buffer_bytes=16384)


def test_a_stream_for_the_newsroom_is_refused_to_strangers_and_readers_and_open_to_staff(reporter):
    reader_cookie = session_cookie(UserFactory(username="mina"))
    staff_cookie = session_cookie(reporter)

    async def scenario(hub: Hub, server: LiveServer) -> None:
        for headers in ("", "Cookie: theme=dark\r\n", reader_cookie):
            refused = await RawClient.stream(server, headers, query="stream=wire:desk")
            await refused.read_to_end()
            assert refused.status == HTTPStatus.FORBIDDEN
            assert b"newsroom" in refused.body
        mixed = await RawClient.stream(server, reader_cookie, query="stream=newsfeed:en&stream=wire:desk")
        await mixed.read_to_end()
        assert mixed.status == HTTPStatus.FORBIDDEN
        staff = await RawClient.stream(server, staff_cookie, query="stream=wire:desk")
        await staff.wait_for(b"event: ready")
        assert staff.status == HTTPStatus.OK
        staff.hang_up()

    run(scenario)


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (
            b"POST /live/?stream=newsfeed:en HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi",
            HTTPStatus.METHOD_NOT_ALLOWED,
        ),
        (b"GET /live/?stream=nope:1 HTTP/1.1\r\n\r\n", HTTPStatus.NOT_FOUND),
        (b"GET /live/ HTTP/1.1\r\n\r\n", HTTPStatus.NOT_FOUND),
        (b"GET /en/ HTTP/1.1\r\n\r\n", HTTPStatus.NOT_FOUND),
        (b"GET /live/?stream=newsfeed:en&since=abc HTTP/1.1\r\n\r\n", HTTPStatus.BAD_REQUEST),
        (b"GET /live/?stream=newsfeed:en HTTP/1.1\r\nLast-Event-ID: -5\r\n\r\n", HTTPStatus.BAD_REQUEST),
        (b"GET /live/?stream=newsfeed:en HTTP/2.0\r\n\r\n", HTTPStatus.HTTP_VERSION_NOT_SUPPORTED),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", HTTPStatus.BAD_REQUEST),
        (b"GET  /live/ HTTP/1.1\r\n\r\n", HTTPStatus.BAD_REQUEST),
        (b"GET /live/?stream=newsfeed:en HTTP/1.1\r\nno colon here\r\n\r\n", HTTPStatus.BAD_REQUEST),
        (b"GET /live/?stream=newsfeed:en HTTP/1.1\r\nBad Name: x\r\n\r\n", HTTPStatus.BAD_REQUEST),
        (b"GET /live/?stream=" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", HTTPStatus.REQUEST_URI_TOO_LONG),
        (
            b"GET /live/?stream=newsfeed:en HTTP/1.1\r\n" + b"X-Padding: " + b"p" * 9000 + b"\r\n\r\n",
            HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
        ),
        (
            b"GET /live/?stream=newsfeed:en HTTP/1.1\r\n" + b"X: y\r\n" * 101 + b"\r\n",
            HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
        ),
    ],
)
def test_a_bad_request_is_answered_with_a_clear_4xx_and_the_server_serves_on(
    request_bytes: bytes, status: int
):
    async def scenario(hub: Hub, server: LiveServer) -> None:
        bad = await RawClient.open(server, request_bytes)
        await bad.read_to_end()
        assert bad.status == status
        assert bad.received.split(b"\r\n", 1)[0].startswith(b"HTTP/1.1 %d " % status)
        assert b"content-type: text/plain; charset=utf-8" in bad.received
        assert not hub.subscribers
        good = await RawClient.stream(server)
        await good.wait_for(b"event: ready")
        good.hang_up()

    run(scenario)


def test_a_client_that_never_finishes_its_headers_is_answered_408_and_closed():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        silent = await RawClient.open(server)
        trickling = await RawClient.open(server, b"GET /live/?stream=newsfeed:en HTTP/1.1\r\nHost: x")
        for client in (silent, trickling):
            await client.read_to_end(timeout=3)
            assert client.status == HTTPStatus.REQUEST_TIMEOUT
        assert not server.connections

    run(scenario, head_seconds=0.3)


def test_connections_beyond_the_server_s_cap_get_503():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        held = [await RawClient.stream(server) for _ in range(2)]
        for reader in held:
            await reader.wait_for(b"event: ready")
        refused = await RawClient.stream(server)
        await refused.read_to_end()
        assert refused.status == HTTPStatus.SERVICE_UNAVAILABLE
        assert b"retry-after: 30" in refused.received
        for reader in held:
            reader.hang_up()

    run(scenario, max_connections=2)


def test_too_many_connections_from_one_address_get_429(settings):
    settings.DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS = 2

    async def scenario(hub: Hub, server: LiveServer) -> None:
        held = [await RawClient.stream(server) for _ in range(2)]
        for reader in held:
            await reader.wait_for(b"event: ready")
        refused = await RawClient.stream(server)
        await refused.read_to_end()
        assert refused.status == HTTPStatus.TOO_MANY_REQUESTS
        for reader in held:
            reader.hang_up()
        await until(lambda: not server.addresses.by_address)
        again = await RawClient.stream(server)
        await again.wait_for(b"event: ready")
        again.hang_up()

    run(scenario)


def test_an_idle_reader_gets_heartbeats(settings):
    settings.DATELINE_LIVE_HEARTBEAT_SECONDS = 0.1

    async def scenario(hub: Hub, server: LiveServer) -> None:
        reader = await RawClient.stream(server)
        await reader.wait_for(b": heartbeat\n\n" * 3)
        reader.hang_up()

    run(scenario)


def test_a_reader_that_hangs_up_leaves_nothing_behind():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        tasks_before = len(asyncio.all_tasks())
        readers = [
            await RawClient.stream(server, query="stream=newsfeed:en&stream=breaking:en") for _ in range(20)
        ]
        for reader in readers:
            await reader.wait_for(b"event: ready")
        assert len(hub.subscribers["newsfeed:en"]) == 20
        for reader in readers:
            reader.hang_up()
        await until(lambda: not server.connections)
        assert hub.subscribers == {}
        assert server.addresses.by_address == {}
        assert len(asyncio.all_tasks()) == tasks_before

    run(scenario)


def test_an_http_1_0_client_gets_the_stream_unchunked():
    async def scenario(hub: Hub, server: LiveServer) -> None:
        reader = await RawClient.open(server, b"GET /live/?stream=newsfeed:en HTTP/1.0\r\n\r\n")
        await reader.wait_for(b"event: ready")
        assert b"transfer-encoding" not in reader.received
        assert reader.received.split(b"\r\n\r\n", 1)[1].startswith(b"retry: 3000\n\n")
        reader.hang_up()

    run(scenario)
