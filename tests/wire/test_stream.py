"""The `wire:desk` stream is the newsroom's: staff receive new items on it, readers and strangers
are refused."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import Client

from dateline.live.hub import Hub
from dateline.live.sse import LiveEndpoint
from dateline.wire import actions
from dateline.wire.items import ParsedItem
from tests.factories import UserFactory
from tests.live.test_sse import Reader, run

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def session_cookie(user) -> list[tuple[bytes, bytes]]:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [(b"cookie", f"theme=dark; {settings.SESSION_COOKIE_NAME}={value}".encode())]


def test_strangers_and_readers_cannot_subscribe_to_the_wire(source):
    reader = session_cookie(UserFactory(username="mina"))

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        for headers in ([], [(b"cookie", b"theme=dark")], reader):
            connection = Reader(endpoint, f"stream={actions.STREAM}", headers)
            await connection.task
            assert connection.status == HTTPStatus.FORBIDDEN
        # Nor by asking for it beside a public stream.
        mixed = Reader(endpoint, f"stream=newsfeed:en&stream={actions.STREAM}", reader)
        await mixed.task
        assert mixed.status == HTTPStatus.FORBIDDEN

    run(scenario)


def test_newsroom_staff_receive_new_items_on_the_wire(source, reporter):
    staff = session_cookie(reporter)

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        connection = Reader(endpoint, f"stream={actions.STREAM}", staff)
        await connection.wait_for(b"event: ready")
        assert connection.status == HTTPStatus.OK
        await sync_to_async(actions.do_record_items)(
            source, [ParsedItem(format="ninjs", uri="urn:test:flash", headline="Flash: quake", urgency=1)]
        )
        await hub.catch_up()
        await connection.wait_for(b"Flash: quake")
        assert b"event: item\n" in connection.body
        await connection.disconnect()

    run(scenario)


def test_only_the_desk_key_exists(reporter):
    staff = session_cookie(reporter)

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        connection = Reader(endpoint, "stream=wire:elsewhere", staff)
        await connection.task
        assert connection.status == HTTPStatus.NOT_FOUND

    run(scenario)
