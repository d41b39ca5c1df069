"""Polled addresses and feeds: the round asks an agency's server (a real one on a local port) on the
source's interval, conditionally, records each item once, and backs off when the server fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dateline.wire import rounds
from dateline.wire.models import Quarantined, WireItem, WireSource
from tests.agency_server import AgencyServer
from tests.wire.conftest import ITEMS

pytestmark = pytest.mark.django_db

PORT = 8722
QUAKE = "urn:newsml:wire.example.org:20261206:quake-hokkaido"


@pytest.fixture
def agency(settings) -> Iterator[AgencyServer]:
    """The agency's server on this machine, which the outward guard lets the tests reach."""
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    settings.DATELINE_OUTWARD_PORTS = [PORT]
    with AgencyServer(PORT) as server:
        server.serve(
            "/world.rss",
            (ITEMS / "en-rss.xml").read_bytes(),
            headers={"ETag": '"feed-1"', "Content-Type": "application/rss+xml"},
        )
        server.serve(
            "/quake.json",
            (ITEMS / "en-ninjs3-quake-v1.json").read_bytes(),
            headers={"Last-Modified": "Sun, 06 Dec 2026 10:00:00 GMT"},
        )
        yield server


def polled(agency: AgencyServer, path: str, kind: str = WireSource.Kind.FEED, **options) -> WireSource:
    return WireSource.objects.create(
        name="Example Wire",
        slug=f"example-{kind}",
        kind=kind,
        settings={"url": agency.url(path), "interval_seconds": 60, **options},
        field_mapping={"urgency": "{http://wire.example.org/ns/agency}priority"},
    )


def test_a_feed_is_taken_in_entry_by_entry_through_its_field_mapping(agency):
    polled(agency, "/world.rss")

    report = rounds.take_in_sources()

    assert report.items == 2
    rates = WireItem.objects.get(uri="exw-2026-12-06-rates")
    assert (rates.headline, rates.urgency) == ("Central bank holds rates steady", 3)


def test_a_polled_address_may_serve_one_item_in_any_format(agency):
    polled(agency, "/quake.json", kind=WireSource.Kind.HTTP)

    rounds.take_in_sources()

    assert WireItem.objects.get().uri == QUAKE


def test_the_next_poll_asks_conditionally_and_a_304_stores_nothing(agency):
    source = polled(agency, "/world.rss")
    now = timezone.now()
    rounds.take_in_sources(now)

    report = rounds.take_in_sources(now + timedelta(seconds=61))

    assert agency.requests[-1].headers["If-None-Match"] == '"feed-1"'
    assert report.items == 0
    assert WireItem.objects.count() == 2
    source.refresh_from_db()
    assert (source.etag, source.failures) == ('"feed-1"', 0)


def test_last_modified_is_sent_back_as_if_modified_since(agency):
    polled(agency, "/quake.json", kind=WireSource.Kind.HTTP)
    now = timezone.now()
    rounds.take_in_sources(now)

    rounds.take_in_sources(now + timedelta(seconds=61))

    assert agency.requests[-1].headers["If-Modified-Since"] == "Sun, 06 Dec 2026 10:00:00 GMT"


def test_a_feed_answered_in_full_again_records_nothing_twice(agency):
    agency.serve("/world.rss", (ITEMS / "en-rss.xml").read_bytes())  # no ETag: always the whole feed
    polled(agency, "/world.rss")
    now = timezone.now()

    first = rounds.take_in_sources(now)
    again = rounds.take_in_sources(now + timedelta(seconds=61))

    assert (first.items, again.items) == (2, 0)
    assert WireItem.objects.count() == 2


def test_a_source_is_not_asked_before_its_interval_has_passed(agency):
    polled(agency, "/world.rss")
    now = timezone.now()
    rounds.take_in_sources(now)

    rounds.take_in_sources(now + timedelta(seconds=30))
    assert len(agency.requests) == 1
    rounds.take_in_sources(now + timedelta(seconds=60))
    assert len(agency.requests) == 2


def test_an_interval_shorter_than_the_minimum_is_raised_to_it(agency):
    source = polled(agency, "/world.rss", interval_seconds=1)

    assert source.poll_interval() == 30


def test_a_crash_before_the_items_are_committed_leaves_them_to_the_next_poll(agency, monkeypatch):
    source = polled(agency, "/world.rss")
    now = timezone.now()

    def crash(*args, **kwargs):
        raise RuntimeError("killed while recording")

    monkeypatch.setattr("dateline.wire.actions.do_record_items", crash)
    assert rounds.take_in_sources(now).failed == 1
    monkeypatch.undo()
    source.refresh_from_db()
    assert source.etag == ""

    rounds.take_in_sources(now + timedelta(hours=1))

    assert WireItem.objects.count() == 2


def test_a_failing_server_backs_the_source_off_and_is_shown_in_the_queue(agency, editor):
    agency.serve("/world.rss", b"busy", status=HTTPStatus.SERVICE_UNAVAILABLE)
    source = polled(agency, "/world.rss")
    now = timezone.now()

    assert rounds.take_in_sources(now).failed == 1
    source.refresh_from_db()
    assert source.failures == 1
    assert "503" in source.last_error
    assert source.retry_at > now
    assert rounds.take_in_sources(now + timedelta(seconds=2)).sources == 0

    client = Client()
    client.force_login(editor)
    page = client.get(reverse("wire:queue")).content.decode()
    assert "answered with HTTP status 503" in page


def test_an_unreadable_answer_is_quarantined_once(agency):
    agency.serve("/world.rss", b"<html><body>Maintenance</body></html>")
    polled(agency, "/world.rss")
    now = timezone.now()

    rounds.take_in_sources(now)
    rounds.take_in_sources(now + timedelta(seconds=61))

    assert Quarantined.objects.get().reason_code == "unknown-xml"


def test_an_answer_past_the_source_limit_is_quarantined_unread(agency):
    polled(agency, "/world.rss", max_bytes=100)

    rounds.take_in_sources()

    assert Quarantined.objects.get().reason_code == "too-large"
    assert not WireItem.objects.exists()


def test_the_outward_guard_refuses_an_agency_on_this_machine_unless_allowed(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = False
    source = polled(agency, "/world.rss")

    assert rounds.take_in_sources().failed == 1

    source.refresh_from_db()
    assert "private network" in source.last_error
    assert agency.requests == []


def test_a_polled_item_appears_in_the_wire_queue(agency, editor):
    polled(agency, "/quake.json", kind=WireSource.Kind.HTTP)
    rounds.take_in_sources()
    client = Client()
    client.force_login(editor)

    page = client.get(reverse("wire:queue")).content.decode()

    assert WireItem.objects.get().headline in page


def test_a_feed_source_answering_with_something_else_is_quarantined(agency):
    polled(agency, "/quake.json")

    rounds.take_in_sources()

    assert Quarantined.objects.get().reason_code == "not-a-feed"
    assert "ninjs" in Quarantined.objects.get().reason
    assert not WireItem.objects.exists()
