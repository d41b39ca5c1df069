"""The changes feed: a partner mirroring the site sees every story created, updated, withdrawn or
deleted, in order, and is told to start again when it fell further behind than the site keeps."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from dateline.articles.models import ArticlePage
from dateline.live.events import prune_events
from dateline.live.models import Event
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")


def start(client) -> int:
    return client.get("/api/v1/stories").json()["position"]


def test_changes_come_in_the_order_they_happened(client):
    position = start(client)
    first = ArticleFactory()
    second = ArticleFactory(edition="ru")
    first.title = "Cranes return, and stay"
    first.save_revision().publish()
    second.unpublish()
    ArticlePage.objects.get(pk=first.pk).delete()

    answer = client.get("/api/v1/changes", {"since": position}).json()

    assert [(c["story"], c["change"]) for c in answer["items"]] == [
        (first.pk, "created"),
        (second.pk, "created"),
        (first.pk, "updated"),
        (second.pk, "withdrawn"),
        (first.pk, "withdrawn"),
    ]
    assert [c["language"] for c in answer["items"]] == ["en", "ru", "en", "ru", "en"]
    positions = [c["position"] for c in answer["items"]]
    assert positions == sorted(positions)
    assert answer["position"] >= positions[-1]
    assert answer["items"][0]["uri"].endswith(f"/api/v1/stories/{first.pk}")


def test_following_the_position_misses_nothing_and_repeats_nothing(client):
    position = start(client)
    made = [ArticleFactory() for _ in range(5)]
    seen = []

    while True:
        answer = client.get("/api/v1/changes", {"since": position, "limit": 2}).json()
        seen += [change["story"] for change in answer["items"]]
        if not answer["items"]:
            break
        position = answer["position"]
    ArticleFactory.reset_sequence()
    latest = ArticleFactory()
    seen += [c["story"] for c in client.get("/api/v1/changes", {"since": position}).json()["items"]]

    assert seen == [story.pk for story in made] + [latest.pk]


def test_other_events_stay_out_of_the_feed(client):
    position = start(client)
    ArticleFactory()

    kinds = {c["change"] for c in client.get("/api/v1/changes", {"since": position}).json()["items"]}

    assert kinds == {"created"}
    assert Event.objects.filter(id__gt=position).exclude(kind__in=["story", "story-withdrawn"]).exists()


def test_a_position_older_than_the_outbox_keeps_asks_for_a_resync(client, settings):
    position = start(client)
    ArticleFactory()
    ArticleFactory()
    Event.objects.update(
        created_at=timezone.now() - timedelta(hours=settings.DATELINE_EVENT_RETENTION_HOURS + 1)
    )
    prune_events()

    response = client.get("/api/v1/changes", {"since": position})

    assert response.status_code == HTTPStatus.GONE
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("#problem-resync")
    assert problem["position"] == Event.objects.order_by("-id").first().id


def test_a_position_the_site_never_gave_is_refused(client):
    position = start(client)

    response = client.get("/api/v1/changes", {"since": position + 1000})

    assert response.status_code == HTTPStatus.GONE
