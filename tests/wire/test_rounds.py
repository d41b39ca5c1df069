"""The desk runs by itself: the background thread takes in watched directories, a bad file or a
failing source never stops it, and items past the retention window are forgotten."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.background import Background
from dateline.live.models import Event
from dateline.wire import actions, rounds
from dateline.wire.models import Quarantined, WireItem, WireSource, WireUse
from tests.factories import ArticleFactory
from tests.wire.conftest import deliver

QUAKE = "urn:newsml:wire.example.org:20261206:quake-hokkaido"


def wait_for(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_the_background_work_runs_a_wire_thread():
    assert "background-wire" in [thread.name for thread in Background().threads]


def test_a_file_dropped_into_a_watched_directory_is_taken_in_and_announced(committed_db, source, incoming):
    stopping = threading.Event()
    thread = threading.Thread(target=rounds.follow_sources, args=(stopping, 0.05))
    thread.start()
    try:
        deliver(incoming, "en-ninjs3-quake-v1.json")
        assert wait_for(lambda: WireItem.objects.filter(uri=QUAKE).exists())
    finally:
        stopping.set()
        thread.join(10)
    event = Event.objects.get(stream=actions.STREAM)
    assert event.payload["uri"] == QUAKE


def test_a_bad_file_is_quarantined_and_the_round_goes_on(db, source, incoming):
    deliver(incoming, "junk.xml", b"<newsItem><unclosed>")
    deliver(incoming, "en-ninjs3-quake-v1.json")

    report = rounds.take_in_sources()

    assert (report.items, report.quarantined, report.failed) == (1, 1, 0)
    assert Quarantined.objects.get().file_name == "junk.xml"
    assert WireItem.objects.filter(uri=QUAKE).exists()


def test_a_failing_source_is_reported_and_waits_while_the_others_go_on(db, source, incoming, tmp_path):
    broken = WireSource.objects.create(
        name="Gone Agency",
        slug="gone",
        kind=WireSource.Kind.DIRECTORY,
        settings={"path": str(tmp_path / "no-such-directory"), "settle_seconds": 0},
    )
    deliver(incoming, "en-ninjs3-quake-v1.json")
    now = timezone.now()

    report = rounds.take_in_sources(now)

    broken.refresh_from_db()
    assert (report.sources, report.failed, report.items) == (2, 1, 1)
    assert "FileNotFoundError" in broken.last_error
    assert broken.failures == 1 and broken.retry_at > now
    # Waiting: the next round leaves it alone; a second failure waits longer.
    assert rounds.take_in_sources(now).sources == 1
    rounds.take_in_sources(broken.retry_at)
    first_pause = broken.retry_at - now
    broken.refresh_from_db()
    assert broken.failures == 2
    assert broken.retry_at - (now + first_pause) > first_pause


def test_a_source_that_recovers_is_cleared(db, source, incoming):
    WireSource.objects.filter(pk=source.pk).update(failures=3, last_error="PermissionError: denied")
    deliver(incoming, "en-ninjs3-quake-v1.json")

    rounds.take_in_sources()

    source.refresh_from_db()
    assert (source.failures, source.last_error, source.retry_at) == (0, "", None)
    assert source.last_taken_at is not None


def test_inactive_sources_are_left_alone(db, source, incoming):
    WireSource.objects.filter(pk=source.pk).update(active=False)
    deliver(incoming, "en-ninjs3-quake-v1.json")

    assert rounds.take_in_sources().sources == 0
    assert not WireItem.objects.exists()


def test_old_items_are_pruned_in_batches_except_those_used_in_a_story(editions, source, incoming, settings):
    settings.DATELINE_WIRE_RETENTION_DAYS = 30
    for name in ("en-ninjs3-quake-v1.json", "en-ninjs2-summit.json", "en-nitf-wildfire.xml"):
        deliver(incoming, name)
    deliver(incoming, "junk.xml", b"\x00\x01binary")
    rounds.take_in_sources()
    long_ago = timezone.now() - timedelta(days=31)
    summit = WireItem.objects.exclude(uri=QUAKE).order_by("pk").first()
    WireItem.objects.exclude(pk=summit.pk).update(received_at=long_ago)
    Quarantined.objects.update(received_at=long_ago)
    quake = WireItem.objects.get(uri=QUAKE)
    WireUse.objects.create(
        story=ArticleFactory(live=False), item=quake, source=source, uri=quake.uri, version=quake.version
    )

    old_and_unused = WireItem.objects.count() - 2

    pruned = rounds.prune_items(batch=1)

    assert old_and_unused >= 1
    assert pruned == old_and_unused + 1  # and the quarantined file
    assert set(WireItem.objects.values_list("pk", flat=True)) == {summit.pk, quake.pk}
    assert not Quarantined.objects.exists()


@pytest.mark.parametrize("failures", [0, 3])
def test_the_pause_after_a_failure_doubles_up_to_an_hour(db, source, failures):
    now = timezone.now()
    source.failures = failures
    rounds.note_failure(source, OSError("disk"), now)
    source.refresh_from_db()
    assert source.retry_at - now == timedelta(seconds=rounds.FIRST_RETRY_SECONDS * 2**failures)
