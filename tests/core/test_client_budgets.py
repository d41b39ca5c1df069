"""Every rate limit counts per client: behind a trusted proxy two readers have budgets of their own
on the sign-in, the subscribe form, browser alerts and the live stream; from anywhere else, an
X-Forwarded-For header changes nothing."""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dateline.live.hub import Hub
from dateline.live.sse import LiveEndpoint
from dateline.subscriptions import actions
from tests.discussion.factories import reader
from tests.factories import PASSWORD, locale
from tests.live.test_sse import Reader, run

# The test client connects from 127.0.0.1: here, a proxy on the same machine.
PROXIES = ["127.0.0.0/8", "::1"]
FIRST, SECOND = "203.0.113.10", "2001:db8::20"


def through_proxy(address: str) -> dict[str, str]:
    return {"HTTP_X_FORWARDED_FOR": address}


def failed_sign_ins(client: Client, count: int, **headers: str) -> None:
    """Wrong passwords for as many accounts, so that only the address's own limit is reached."""
    for attempt in range(count):
        client.post(
            reverse("account_login"), {"login": f"guess{attempt}@example.org", "password": "x"}, **headers
        )


def signs_in(login: str, **headers: str) -> bool:
    client = Client()
    client.post(reverse("account_login"), {"login": login, "password": PASSWORD}, **headers)
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_behind_a_trusted_proxy_one_readers_failed_sign_ins_do_not_lock_out_another(client, settings):
    settings.DATELINE_TRUSTED_PROXIES = PROXIES
    mina, ben = reader(), reader("Ben")

    failed_sign_ins(client, 10, **through_proxy(FIRST))

    assert not signs_in(mina.email, **through_proxy(FIRST))
    assert signs_in(ben.email, **through_proxy(SECOND))


@pytest.mark.django_db
def test_a_forwarded_address_from_an_untrusted_peer_does_not_buy_more_sign_in_attempts(client, settings):
    settings.DATELINE_TRUSTED_PROXIES = []
    mina = reader()

    for attempt in range(10):
        failed_sign_ins(client, 1, **through_proxy(f"198.51.100.{attempt}"))

    assert not signs_in(mina.email, **through_proxy("198.51.100.200"))


@pytest.fixture
def english_daily(editions: Any) -> int:
    return next(n.pk for n in actions.newsletters_of(locale("en")) if n.key == "daily")


def subscribes(client: Client, newsletter: int, email: str, **headers: str) -> int:
    return client.post("/en/subscribe/", {"email": email, "newsletter": [newsletter]}, **headers).status_code


def test_behind_a_trusted_proxy_readers_have_subscribe_budgets_of_their_own(client, settings, english_daily):
    settings.DATELINE_TRUSTED_PROXIES = PROXIES
    settings.DATELINE_SUBSCRIBE_RATE = "2/h"

    for number in range(2):
        assert (
            subscribes(client, english_daily, f"a{number}@example.org", **through_proxy(FIRST))
            == HTTPStatus.OK
        )
    assert (
        subscribes(client, english_daily, "a3@example.org", **through_proxy(FIRST))
        == HTTPStatus.TOO_MANY_REQUESTS
    )
    assert subscribes(client, english_daily, "b@example.org", **through_proxy(SECOND)) == HTTPStatus.OK


def test_a_forwarded_address_from_an_untrusted_peer_does_not_buy_more_subscriptions(
    client, settings, english_daily
):
    settings.DATELINE_TRUSTED_PROXIES = []
    settings.DATELINE_SUBSCRIBE_RATE = "2/h"

    for number in range(2):
        subscribes(client, english_daily, f"a{number}@example.org", **through_proxy(f"198.51.100.{number}"))

    refused = subscribes(client, english_daily, "a3@example.org", **through_proxy("198.51.100.200"))
    assert refused == HTTPStatus.TOO_MANY_REQUESTS


def forgets_browser_alerts(client: Client, **headers: str) -> int:
    body = json.dumps({"remove": True, "endpoint": "https://fcm.googleapis.com/fcm/send/x"})
    return client.post("/en/subscribe/push/", body, content_type="application/json", **headers).status_code


@pytest.mark.django_db
def test_behind_a_trusted_proxy_readers_have_browser_alert_budgets_of_their_own(client, settings):
    settings.DATELINE_TRUSTED_PROXIES = PROXIES
    settings.DATELINE_PUSH_RATE = "2/h"

    for _attempt in range(2):
        assert forgets_browser_alerts(client, **through_proxy(FIRST)) == HTTPStatus.OK
    assert forgets_browser_alerts(client, **through_proxy(FIRST)) == HTTPStatus.TOO_MANY_REQUESTS
    assert forgets_browser_alerts(client, **through_proxy(SECOND)) == HTTPStatus.OK


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_behind_a_trusted_proxy_readers_have_live_connection_budgets_of_their_own(settings):
    settings.DATELINE_TRUSTED_PROXIES = PROXIES
    settings.DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS = 1

    def via(proxy: str, client: str) -> dict[str, Any]:
        return {"address": proxy, "headers": [(b"x-forwarded-for", f"198.51.100.99, {client}".encode())]}

    async def scenario(hub: Hub, endpoint: LiveEndpoint) -> None:
        first = Reader(endpoint, "stream=newsfeed:en", **via("127.0.0.1", FIRST))
        await first.wait_for(b"event: ready")
        again = Reader(endpoint, "stream=newsfeed:en", **via("127.0.0.1", FIRST))
        await asyncio.wait_for(again.task, 3)
        assert again.status == HTTPStatus.TOO_MANY_REQUESTS
        second = Reader(endpoint, "stream=newsfeed:en", **via("::1", SECOND))
        await second.wait_for(b"event: ready")
        # A peer that is no proxy of ours is counted as itself, whatever it forwards.
        spoofing = [
            Reader(endpoint, "stream=newsfeed:en", **via("192.0.2.1", f"198.51.100.{n}")) for n in (1, 2)
        ]
        await spoofing[0].wait_for(b"event: ready")
        await asyncio.wait_for(spoofing[1].task, 3)
        assert spoofing[1].status == HTTPStatus.TOO_MANY_REQUESTS
        assert set(endpoint.connections_by_address) == {FIRST, SECOND, "192.0.2.1"}
        for connection in (first, second, spoofing[0]):
            await connection.disconnect()

    run(scenario)
