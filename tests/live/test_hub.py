"""The hub: one reader of the outbox per process, handing every new event to its listeners.

The events are committed and the hub reads them from its own thread, as in a server process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import pytest
from django.db import connections
from django.db.backends.utils import CursorWrapper

from dateline.live.events import publish_on_commit
from dateline.live.hub import Hub, HubEvent

pytestmark = pytest.mark.usefixtures("committed_db")


def publish(*titles: str, stream: str = "newsfeed:en") -> Callable[[], Awaitable[list[int]]]:
    """Publish stories from a thread of its own, as the newsroom does; returns their event ids."""

    def work() -> list[int]:
        try:
            return [publish_on_commit(stream, "story", {"title": title}).id for title in titles]
        finally:
            connections.close_all()

    return lambda: asyncio.to_thread(work)


@pytest.fixture
def queries(monkeypatch) -> Iterator[list[str]]:
    """Every SQL statement run from now on, in any thread."""
    statements: list[str] = []
    execute = CursorWrapper._execute_with_wrappers

    def counting(self: CursorWrapper, sql: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(sql)
        return execute(self, sql, *args, **kwargs)

    monkeypatch.setattr(CursorWrapper, "_execute_with_wrappers", counting)
    yield statements


def run(scenario: Callable[[Hub], Awaitable[None]]) -> None:
    async def with_hub() -> None:
        hub = Hub(poll_seconds=60)
        await hub.start_at_head()
        try:
            await scenario(hub)
        finally:
            await hub.stop()

    asyncio.run(with_hub())


def titles(events: list[HubEvent]) -> list[str]:
    return [event.payload["title"] for event in events]


@pytest.mark.parametrize("listener_count", [1, 10])
def test_one_query_per_wake_up_however_many_listeners(queries, listener_count):
    received: list[list[HubEvent]] = [[] for _ in range(listener_count)]

    async def scenario(hub: Hub) -> None:
        for inbox in received:
            hub.add_listener(inbox.extend)
        await publish("Polls open", "Turnout high", "Polls close")()
        queries.clear()

        await hub.catch_up()

        assert len(queries) == 1

    run(scenario)
    for inbox in received:
        assert titles(inbox) == ["Polls open", "Turnout high", "Polls close"]


def test_listeners_get_events_in_the_order_they_were_committed():
    received: list[HubEvent] = []

    async def scenario(hub: Hub) -> None:
        hub.add_listener(received.extend)
        first = await publish("Polls open")()
        second = await publish("Purge", stream="cache")()
        third = await publish("Polls close")()
        await hub.catch_up()
        assert [event.id for event in received] == first + second + third

    run(scenario)
    assert sorted(event.id for event in received) == [event.id for event in received]


class Reader:
    """A subscriber that keeps what it is handed, one list per hand-over."""

    def __init__(self) -> None:
        self.handed: list[list[HubEvent]] = []

    def deliver(self, events: Sequence[HubEvent]) -> None:
        self.handed.append(list(events))


def test_a_reader_of_one_busy_stream_is_handed_a_read_s_events_at_once():
    readers = [Reader(), Reader()]

    async def scenario(hub: Hub) -> None:
        for reader in readers:
            hub.subscribe(["chat:1"], reader)
        await publish("Goal", "What a goal", "Offside?", stream="chat:1")()
        await hub.catch_up()

    run(scenario)
    assert [[titles(events) for events in reader.handed] for reader in readers] == [
        [["Goal", "What a goal", "Offside?"]]
    ] * 2


def test_a_reader_of_several_streams_gets_their_events_in_the_order_they_were_committed():
    both, chat_only = Reader(), Reader()

    async def scenario(hub: Hub) -> None:
        hub.subscribe(["chat:1", "newsfeed:en"], both)
        hub.subscribe(["chat:1"], chat_only)
        await publish("Goal", stream="chat:1")()
        await publish("Polls close", stream="newsfeed:en")()
        await publish("What a goal", stream="chat:1")()
        await hub.catch_up()

    run(scenario)
    assert [titles(events) for events in both.handed] == [["Goal", "Polls close", "What a goal"]]
    assert [titles(events) for events in chat_only.handed] == [["Goal", "What a goal"]]


def test_each_event_is_handed_on_once():
    received: list[HubEvent] = []

    async def scenario(hub: Hub) -> None:
        hub.add_listener(received.extend)
        await publish("Polls open")()
        await hub.catch_up()
        await publish("Polls close")()
        await hub.catch_up()
        await hub.catch_up()

    run(scenario)
    assert titles(received) == ["Polls open", "Polls close"]


def test_wake_up_with_nothing_new_costs_one_query_and_bothers_no_listener(queries):
    received: list[HubEvent] = []

    async def scenario(hub: Hub) -> None:
        hub.add_listener(received.extend)
        queries.clear()
        await hub.catch_up()
        assert len(queries) == 1

    run(scenario)
    assert received == []


def test_events_from_before_the_hub_started_are_not_handed_on():
    received: list[HubEvent] = []

    async def scenario() -> None:
        await publish("Old news")()
        hub = Hub(poll_seconds=60)
        await hub.start_at_head()
        hub.add_listener(received.extend)
        await publish("Fresh news")()
        await hub.catch_up()
        await hub.stop()

    asyncio.run(scenario())
    assert titles(received) == ["Fresh news"]


def test_a_failing_listener_does_not_keep_events_from_the_others():
    received: list[HubEvent] = []

    def broken(events: Any) -> None:
        raise RuntimeError("listener bug")

    async def scenario(hub: Hub) -> None:
        hub.add_listener(broken)
        hub.add_listener(received.extend)
        await publish("Polls open")()
        await hub.catch_up()

    run(scenario)
    assert titles(received) == ["Polls open"]


def test_running_hub_is_woken_by_a_commit_in_this_process_without_waiting_for_its_poll():
    received: list[HubEvent] = []

    async def scenario() -> None:
        hub = Hub(poll_seconds=60)
        hub.add_listener(received.extend)
        await hub.start()
        try:
            await publish("Breaking: polls close early")()
            async with asyncio.timeout(10):
                while not received:
                    await asyncio.sleep(0.01)
        finally:
            await hub.stop()

    asyncio.run(scenario())
    assert titles(received) == ["Breaking: polls close early"]


def test_the_replay_buffer_is_bounded_by_bytes_and_older_events_come_from_the_outbox(settings):
    """Big events (a comment's markup) fill the buffer's bytes long before its count."""
    settings.DATELINE_LIVE_BUFFER_BYTES = 6_000
    big = "x" * 2_000

    async def scenario(hub: Hub) -> None:
        ids = await publish(*(f"{n} {big}" for n in range(8)))()
        await hub.catch_up()
        assert hub.recent_bytes <= 6_000 and 1 <= len(hub.recent) <= 3
        assert all(event.payload is None for event in hub.recent)  # the frame is all a replay needs
        assert hub.recent_floor >= ids[4]
        missed = await hub.replay({"newsfeed:en"}, ids[0])  # older than the buffer: read back
        assert [event.id for event in missed] == ids[1:]

    run(scenario)


def test_with_a_batch_window_a_lone_event_goes_at_once_and_commits_in_quick_succession_join_one_read(
    settings,
):
    settings.DATELINE_HUB_BATCH_SECONDS = 2.0
    batches: list[list[str]] = []
    lone_event_took: list[float] = []

    async def until_handed(count: int) -> None:
        async with asyncio.timeout(10):
            while sum(map(len, batches)) < count:
                await asyncio.sleep(0.01)

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        hub = Hub(poll_seconds=60)
        hub.add_listener(lambda events: batches.append(titles(list(events))))
        await hub.start()
        try:
            # A hub that listens for wake-ups (PostgreSQL's NOTIFY, Redis) reads once as it starts,
            # for what was committed while it subscribed: the quiet spell begins after that read.
            await asyncio.sleep(2.1)
            published = loop.time()
            await publish("Kick-off")()
            await until_handed(1)
            lone_event_took.append(loop.time() - published)
            await publish("First goal")()
            await asyncio.sleep(0.1)
            await publish("Second goal")()
            await until_handed(3)
        finally:
            await hub.stop()

    asyncio.run(scenario())
    assert batches == [["Kick-off"], ["First goal", "Second goal"]]
    assert lone_event_took[0] < 1.0  # not held for the 2 s window
