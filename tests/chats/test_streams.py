"""A room's live stream through the real endpoint and hub: a message reaches the room's readers,
and a reader who reconnects with Last-Event-ID gets the messages it missed, once each."""

from __future__ import annotations

import re
import uuid

import pytest
from asgiref.sync import sync_to_async

from dateline.chats import actions
from dateline.chats.models import Room
from dateline.live.hub import Hub
from dateline.live.sse import LiveEndpoint
from tests.discussion.factories import reader
from tests.factories import locale
from tests.live.test_sse import Reader, run

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send(room: Room, text: str) -> int:
    return actions.do_send(reader(), room, text, str(uuid.uuid4())).pk


def event_ids(body: bytes) -> list[int]:
    return [int(found) for found in re.findall(rb"id: (\d+)\nevent: chat-message", body)]


def test_a_reconnecting_reader_gets_the_messages_it_missed_once_each(editions):
    room = Room.objects.create(locale=locale("en"), title="Election night")

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        listening = Reader(endpoint, f"stream={room.stream}")
        await listening.wait_for(b"event: ready")
        await sync_to_async(send)(room, "Polls close")
        await hub.catch_up()
        await listening.wait_for(b"Polls close")
        [seen] = event_ids(listening.body)
        await listening.disconnect()

        await sync_to_async(send)(room, "First result in")
        await sync_to_async(send)(room, "Turnout is high")
        await hub.catch_up()
        back = Reader(endpoint, f"stream={room.stream}", [(b"last-event-id", str(seen).encode())])
        await back.wait_for(b"event: ready")
        await sync_to_async(send)(room, "Recount ordered")
        await hub.catch_up()
        await back.wait_for(b"Recount ordered")
        assert b"Polls close" not in back.body
        assert back.body.count(b"First result in") == back.body.count(b"Turnout is high") == 1
        assert back.body.index(b"First result in") < back.body.index(b"Turnout is high")
        ids = event_ids(back.body)
        assert len(ids) == len(set(ids)) == 3
        await back.disconnect()

    run(scenario)
