"""The outbox: an event is written with the change that caused it, and announced only on commit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.live import hub
from dateline.live.events import prune_events, publish_on_commit
from dateline.live.models import Event

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    """Raised to abandon a transaction."""


@pytest.fixture(autouse=True)
def empty_outbox() -> None:
    """Start from an empty outbox (creating the editions has already written purge events)."""
    Event.objects.all().delete()


@pytest.fixture
def wake_ups(monkeypatch) -> list[str]:
    """Each time this process's hub is told that an event was committed."""
    calls: list[str] = []
    monkeypatch.setattr(hub, "wake_local_hub", lambda: calls.append("wake"))
    return calls


def test_committed_event_is_stored_and_wakes_the_hub(django_capture_on_commit_callbacks, wake_ups):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish_on_commit("newsfeed:en", "story", {"title": "Harbour cranes return to work"})

    (event,) = Event.objects.all()
    assert (event.stream, event.kind, event.payload) == (
        "newsfeed:en",
        "story",
        {"title": "Harbour cranes return to work"},
    )
    assert wake_ups == ["wake"]


def test_rolled_back_event_is_neither_stored_nor_announced(django_capture_on_commit_callbacks, wake_ups):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        publish_on_commit("newsfeed:en", "story", {"title": "Never happened"})
        raise Rollback

    assert not Event.objects.exists()
    assert callbacks == []
    assert wake_ups == []


def test_event_of_an_abandoned_step_is_dropped_while_the_rest_commits(
    django_capture_on_commit_callbacks, wake_ups
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish_on_commit("newsfeed:en", "story", {"title": "Kept"})
        with pytest.raises(Rollback), transaction.atomic():
            publish_on_commit("newsfeed:en", "story", {"title": "Abandoned"})
            raise Rollback

    assert [event.payload["title"] for event in Event.objects.all()] == ["Kept"]
    assert wake_ups == ["wake"]


def test_events_are_numbered_in_the_order_they_were_published():
    ids = [publish_on_commit("newsfeed:en", "story", {"n": n}).id for n in range(3)]

    assert ids == sorted(ids)
    assert [event.payload["n"] for event in Event.objects.order_by("id")] == [0, 1, 2]


def test_events_past_the_retention_window_are_forgotten(settings):
    settings.DATELINE_EVENT_RETENTION_HOURS = 48
    now = timezone.now()
    Event.objects.create(stream="newsfeed:en", kind="story", created_at=now - timedelta(hours=49))
    Event.objects.create(stream="cache", kind="purge", created_at=now - timedelta(hours=48, minutes=1))
    kept = Event.objects.create(stream="newsfeed:en", kind="story", created_at=now - timedelta(hours=47))

    forgotten = prune_events(now=now)

    assert forgotten == 2
    assert list(Event.objects.all()) == [kept]


def test_pruning_twice_forgets_nothing_more():
    Event.objects.create(stream="newsfeed:en", kind="story", created_at=timezone.now() - timedelta(days=30))
    prune_events()

    assert prune_events() == 0


def test_old_events_are_forgotten_oldest_first_a_batch_per_transaction(settings):
    settings.DATELINE_EVENT_RETENTION_HOURS = 48
    now = timezone.now()
    Event.objects.bulk_create(
        Event(stream="newsfeed:en", kind="story", created_at=now - timedelta(hours=60, minutes=-n))
        for n in range(25)
    )
    kept = Event.objects.create(stream="newsfeed:en", kind="story", created_at=now - timedelta(hours=1))
    with CaptureQueriesContext(connection) as queries:
        assert prune_events(now=now, batch=10) == 25
    deletes = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("DELETE")]
    assert len(deletes) == 3
    assert list(Event.objects.all()) == [kept]
