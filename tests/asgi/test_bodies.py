"""Request bodies as the Django bridge receives them, driven as granian drives it: what is refused
before a byte is read, how much the process holds at once, and that what it held is given back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application

from dateline.asgi.django_bridge import DjangoBridge
from tests.asgi.test_application import django_threads_close_connections  # noqa: F401  (a fixture)

KIB = 1024
MIB = 1024 * KIB


class Client:
    """One request: the body it sends, piece by piece when told to, and what came back."""

    def __init__(self, bridge: DjangoBridge, path: str = "/en/", declared: int | None = None) -> None:
        self.pieces: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.asked = 0
        self.messages: list[dict[str, Any]] = []
        headers = [(b"host", b"testserver")]
        if declared is not None:
            headers.append((b"content-length", str(declared).encode()))
        scope = {
            "type": "http",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        self.task = asyncio.create_task(bridge(scope, self.receive, self.send))

    async def receive(self) -> dict[str, Any]:
        self.asked += 1
        return await self.pieces.get()

    async def send(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    def piece(self, size: int, more: bool = True) -> None:
        self.pieces.put_nowait({"type": "http.request", "body": b"x" * size, "more_body": more})

    async def answer(self, timeout: float = 10) -> tuple[int, dict[bytes, bytes], bytes]:
        await asyncio.wait_for(self.task, timeout)
        start, *body = self.messages
        return start["status"], dict(start["headers"]), b"".join(part.get("body", b"") for part in body)


@pytest.fixture
def bridge(settings, committed_db, editions, django_threads_close_connections) -> Iterator[DjangoBridge]:  # noqa: F811
    """The bridge with small limits: bodies of 1 MiB, 2 MiB in flight, short waits."""
    settings.DATELINE_MAX_BODY_BYTES = MIB
    settings.DATELINE_NEWSROOM_UPLOAD_BYTES = MIB
    settings.DATELINE_BODIES_IN_FLIGHT_BYTES = 2 * MIB
    settings.DATELINE_BODY_IDLE_SECONDS = 2
    bridge = DjangoBridge(get_wsgi_application(), threads=1)
    bridge.bodies.room_wait_seconds = 0.3
    yield bridge
    bridge.threads.shutdown()


def test_a_body_declared_too_large_is_refused_before_a_byte_of_it_is_read(bridge):
    async def scenario() -> tuple[Client, tuple[int, dict[bytes, bytes], bytes]]:
        client = Client(bridge, declared=400 * MIB)
        return client, await client.answer()

    client, (status, headers, body) = asyncio.run(scenario())

    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert client.asked == 0
    assert b"at most 1.0\xc2\xa0MB" in body
    assert headers[b"content-type"] == b"text/plain; charset=utf-8"


def test_the_refusal_is_in_the_language_of_the_edition(bridge):
    async def scenario() -> bytes:
        return (await Client(bridge, path="/ru/subscribe/", declared=400 * MIB).answer())[2]

    assert "слишком".encode() in asyncio.run(scenario())


def test_a_streamed_body_is_refused_as_soon_as_it_passes_the_limit(bridge):
    async def scenario() -> tuple[Client, int]:
        client = Client(bridge)
        for _ in range(10):
            client.piece(256 * KIB)
        status = (await client.answer())[0]
        return client, status

    client, status = asyncio.run(scenario())

    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert client.asked == 5, "four pieces fit in 1 MiB: the fifth is refused, the rest never asked for"
    assert bridge.bodies.held == 0


def test_bodies_beyond_what_the_process_holds_at_once_wait_then_get_503(bridge):
    async def scenario() -> tuple[int, dict[bytes, bytes], list[int]]:
        first, second = Client(bridge), Client(bridge)
        for client in (first, second):
            client.piece(900 * KIB)
        await asyncio.sleep(0.05)
        assert bridge.bodies.held == 1800 * KIB
        third = Client(bridge)
        third.piece(900 * KIB)
        status, headers, _body = await third.answer()
        for client in (first, second):
            client.piece(0, more=False)
        others = [(await client.answer())[0] for client in (first, second)]
        return status, headers, others

    status, headers, others = asyncio.run(scenario())

    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert headers[b"retry-after"] == b"5"
    assert HTTPStatus.SERVICE_UNAVAILABLE not in others, "the bodies already in were answered by Django"
    assert bridge.bodies.held == 0


def test_a_body_waiting_for_room_gets_in_when_another_is_done(bridge):
    async def scenario() -> int:
        first, second = Client(bridge), Client(bridge)
        for client in (first, second):
            client.piece(900 * KIB)
        await asyncio.sleep(0.05)
        third = Client(bridge)
        third.piece(900 * KIB, more=False)
        await asyncio.sleep(0.1)
        first.piece(0, more=False)
        await first.answer()
        status = (await third.answer())[0]
        second.piece(0, more=False)
        await second.answer()
        return status

    assert asyncio.run(scenario()) != HTTPStatus.SERVICE_UNAVAILABLE
    assert bridge.bodies.held == 0


def test_a_client_that_stops_sending_gets_408_and_one_that_leaves_holds_nothing(bridge):
    async def scenario() -> int:
        paused, leaving = Client(bridge), Client(bridge)
        paused.piece(100 * KIB)
        leaving.piece(100 * KIB)
        leaving.pieces.put_nowait({"type": "http.disconnect"})
        await asyncio.wait_for(leaving.task, 5)
        assert leaving.messages == []
        return (await paused.answer())[0]

    assert asyncio.run(scenario()) == HTTPStatus.REQUEST_TIMEOUT
    assert bridge.bodies.held == 0
