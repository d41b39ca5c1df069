"""How many read each stream across the site: every process serving /live/ reports its own readers,
and the site's count is the sum of the reports recent enough to trust."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.live import audience
from dateline.live.hub import Hub, HubEvent
from dateline.live.models import Audience

pytestmark = pytest.mark.django_db


class Reader:
    def deliver(self, events: Sequence[HubEvent]) -> None:
        pass


def test_the_count_is_the_sum_of_every_process_s_report():
    audience.report({"chat:1": 3, "newsfeed:en": 10}, node="granian")
    audience.report({"chat:1": 4000}, node="live-server")

    assert audience.readers(["chat:1", "chat:2", "newsfeed:en"]) == {"chat:1": 4003, "newsfeed:en": 10}


def test_a_process_s_new_report_replaces_its_last_one():
    audience.report({"chat:1": 3, "chat:2": 1}, node="granian")
    audience.report({"chat:1": 5}, node="granian")

    assert audience.readers(["chat:1", "chat:2"]) == {"chat:1": 5}


def test_a_process_that_stopped_reporting_stops_counting_and_its_rows_go(settings):
    settings.DATELINE_LIVE_AUDIENCE_SECONDS = 5
    audience.report({"chat:1": 7}, node="died")
    Audience.objects.filter(node="died").update(reported_at=timezone.now() - timedelta(seconds=16))

    assert audience.readers(["chat:1"]) == {}
    audience.report({"chat:1": 2}, node="alive")
    assert list(Audience.objects.values_list("node", flat=True)) == ["alive"]


def test_a_stopping_process_withdraws_its_readers():
    audience.report({"chat:1": 7}, node="stopping")
    audience.withdraw(node="stopping")

    assert audience.readers(["chat:1"]) == {}


def test_a_hub_reports_its_readers_while_it_has_any_and_withdraws_them_when_it_stops(committed_db, settings):
    settings.DATELINE_LIVE_AUDIENCE_SECONDS = 0.05
    reader = Reader()
    seen: list[dict[str, int]] = []

    def wait_for_count(expected: dict[str, int]) -> None:
        deadline = time.monotonic() + 5
        while (found := audience.readers(["chat:9"])) != expected and time.monotonic() < deadline:
            time.sleep(0.02)
        seen.append(found)

    async def scenario() -> None:
        hub = Hub(poll_seconds=60)
        await hub.start()
        try:
            hub.subscribe(["chat:9"], reader)
            await asyncio.to_thread(wait_for_count, {"chat:9": 1})
            hub.unsubscribe(["chat:9"], reader)
            await asyncio.to_thread(wait_for_count, {})
            hub.subscribe(["chat:9"], reader)
            await asyncio.to_thread(wait_for_count, {"chat:9": 1})
        finally:
            await hub.stop()
        await asyncio.to_thread(wait_for_count, {})

    asyncio.run(scenario())
    assert seen == [{"chat:9": 1}, {}, {"chat:9": 1}, {}]
