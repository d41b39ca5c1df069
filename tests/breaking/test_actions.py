"""Marking, clearing and ending breaking-news alerts, and what readers' pages are told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from dateline.breaking import actions
from dateline.breaking.models import BreakingNews
from dateline.breaking.signals import breaking_news_marked
from dateline.core import cache_tags
from tests.breaking.outbox import events, purged_tags
from tests.factories import ArticleFactory, locale

NOON = datetime(2025, 9, 11, 12, 0, tzinfo=UTC)


# --- marking ----------------------------------------------------------------------------------------


def test_marking_a_story_tells_every_open_page_of_its_edition(story: Any, settings: Any) -> None:
    settings.DATELINE_BREAKING_HOURS = 3

    alert = actions.do_mark_breaking(story, user=None, now=NOON)

    [event] = events("breaking")
    assert event.stream == "breaking:en"
    assert event.payload == {
        "id": alert.pk,
        "headline": "Earthquake shakes the northern coast",
        "url": story.url,
        "started_at": NOON.isoformat(),
        "ends_at": (NOON + timedelta(hours=3)).isoformat(),
    }


def test_marking_a_story_purges_every_cached_page_of_its_edition(story: Any) -> None:
    actions.do_mark_breaking(story, user=None)

    assert cache_tags.edition(story.locale_id) in purged_tags()


def test_banner_headline_can_differ_from_the_story_headline(story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None, headline="Strong earthquake hits the north")

    assert alert.banner_headline == "Strong earthquake hits the north"
    assert events("breaking")[-1].payload["headline"] == "Strong earthquake hits the north"


def test_nothing_is_marked_or_sent_when_the_transaction_rolls_back(story: Any) -> None:
    class EditorChangedTheirMind(Exception):
        pass

    before = events()
    with pytest.raises(EditorChangedTheirMind), transaction.atomic():
        actions.do_mark_breaking(story, user=None)
        raise EditorChangedTheirMind

    assert not BreakingNews.objects.exists()
    assert events() == before


def test_servers_hear_of_an_alert_only_once_it_commits(
    story: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    woken: list[bool] = []
    monkeypatch.setattr("dateline.live.hub.wake_local_hub", lambda: woken.append(True))

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_mark_breaking(story, user=None)
        assert woken == [], "nobody is told before the marking commits"

    assert woken


def test_a_draft_cannot_be_marked_as_breaking(editions: Any, editor: Any) -> None:
    draft = ArticleFactory(live=False)

    with pytest.raises(actions.BreakingNewsError):
        actions.check_can_mark_breaking(draft, editor)


def test_a_reporter_cannot_mark_a_story_as_breaking(story: Any, reporter: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.check_can_mark_breaking(story, reporter)


def test_an_editor_may_mark_a_published_story(story: Any, editor: Any) -> None:
    actions.check_can_mark_breaking(story, editor)


def test_marking_an_active_alert_again_changes_it_without_starting_it_over(story: Any, editor: Any) -> None:
    first = actions.do_mark_breaking(story, user=editor, now=NOON)

    again = actions.do_mark_breaking(
        story, user=editor, headline="Aftershocks follow", hours=1, now=NOON + timedelta(minutes=30)
    )

    assert again.pk == first.pk
    assert again.started_at == NOON
    assert again.ends_at == NOON + timedelta(minutes=90)
    assert [event.payload["headline"] for event in events("breaking")] == [
        "Earthquake shakes the northern coast",
        "Aftershocks follow",
    ]


def test_a_story_marked_again_after_its_alert_ended_breaks_afresh(story: Any, editor: Any) -> None:
    first = actions.do_mark_breaking(story, user=editor, now=NOON)
    actions.do_clear_breaking(first, user=editor, now=NOON + timedelta(minutes=10))

    again = actions.do_mark_breaking(story, user=editor, now=NOON + timedelta(hours=5))

    assert again.pk == first.pk, "a story has one alert, whatever the number of times it breaks"
    assert again.started_at == NOON + timedelta(hours=5)
    assert again.cleared_at is None and again.cleared_by is None
    assert again.is_active(NOON + timedelta(hours=5))


def test_the_marked_hook_says_whether_the_story_broke_for_the_first_time(story: Any) -> None:
    heard: list[tuple[int, bool]] = []

    def receiver(sender: Any, alert: BreakingNews, first_time: bool, **kwargs: Any) -> None:
        heard.append((alert.pk, first_time))

    breaking_news_marked.connect(receiver)
    try:
        alert = actions.do_mark_breaking(story, user=None, now=NOON)
        actions.do_clear_breaking(alert, user=None, now=NOON + timedelta(minutes=5))
        actions.do_mark_breaking(story, user=None, now=NOON + timedelta(minutes=10))
    finally:
        breaking_news_marked.disconnect(receiver)

    assert heard == [(alert.pk, True), (alert.pk, False)]


def test_work_queued_by_the_marked_hook_is_rolled_back_with_the_alert(story: Any) -> None:
    # Receivers run inside the marking transaction, so what they record cannot outlive a failure.
    def receiver(sender: Any, alert: BreakingNews, **kwargs: Any) -> None:
        BreakingNews.objects.filter(pk=alert.pk).update(headline="recorded by a receiver")
        raise RuntimeError("subscriber list unavailable")

    before = events()
    breaking_news_marked.connect(receiver)
    try:
        with pytest.raises(RuntimeError):
            actions.do_mark_breaking(story, user=None)
    finally:
        breaking_news_marked.disconnect(receiver)

    assert not BreakingNews.objects.exists()
    assert events() == before


# --- the active alert of an edition -----------------------------------------------------------------


def test_an_edition_shows_its_latest_active_alert(editions: Any) -> None:
    older = actions.do_mark_breaking(ArticleFactory(), user=None, now=NOON)
    newer = actions.do_mark_breaking(ArticleFactory(), user=None, now=NOON + timedelta(minutes=5))

    assert BreakingNews.objects.active(locale("en"), now=NOON + timedelta(minutes=6)) == newer
    assert older.is_active(NOON + timedelta(minutes=6))


def test_an_alert_shows_only_in_its_own_edition(story: Any) -> None:
    actions.do_mark_breaking(story, user=None, now=NOON)

    assert BreakingNews.objects.active(locale("ru"), now=NOON) is None


def test_an_alert_is_no_longer_active_once_its_time_is_up(story: Any) -> None:
    actions.do_mark_breaking(story, user=None, hours=2, now=NOON)

    assert BreakingNews.objects.active(locale("en"), now=NOON + timedelta(hours=2)) is None


# --- clearing ---------------------------------------------------------------------------------------


def test_clearing_an_alert_takes_the_banner_down_once(story: Any, editor: Any) -> None:
    alert = actions.do_mark_breaking(story, user=editor, now=NOON)

    assert actions.do_clear_breaking(alert, user=editor, now=NOON + timedelta(minutes=1)) is True
    assert actions.do_clear_breaking(alert, user=editor, now=NOON + timedelta(minutes=2)) is False

    alert.refresh_from_db()
    assert alert.cleared_at == NOON + timedelta(minutes=1)
    assert alert.cleared_by == editor
    assert alert.end_reason == BreakingNews.EndReason.CLEARED
    assert [(event.stream, event.payload) for event in events("breaking-cleared")] == [
        ("breaking:en", {"id": alert.pk})
    ]


def test_clearing_purges_the_cached_pages_of_the_edition(story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None)
    events_before = len(events("purge"))

    actions.do_clear_breaking(alert, user=None)

    assert len(events("purge")) == events_before + 1
    assert events("purge")[-1].payload["tags"] == [cache_tags.edition(story.locale_id)]


def test_clearing_the_newest_alert_brings_back_the_one_still_on(editions: Any) -> None:
    older = actions.do_mark_breaking(ArticleFactory(), user=None, now=NOON)
    newer = actions.do_mark_breaking(ArticleFactory(), user=None, now=NOON + timedelta(minutes=5))

    actions.do_clear_breaking(newer, user=None, now=NOON + timedelta(minutes=6))

    banner_events = [event for event in events() if event.stream == "breaking:en"]
    assert [(event.kind, event.payload["id"]) for event in banner_events[-2:]] == [
        ("breaking-cleared", newer.pk),
        ("breaking", older.pk),
    ]
    assert banner_events[-1].payload["url"] == older.story.url


def test_a_reporter_cannot_clear_an_alert(story: Any, reporter: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None)

    with pytest.raises(PermissionDenied):
        actions.check_can_clear_breaking(alert, reporter)


# --- ending by itself -------------------------------------------------------------------------------


def test_the_worker_ends_an_alert_whose_time_is_up_exactly_once(story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None, hours=2, now=NOON)

    assert actions.end_expired_alerts(now=NOON + timedelta(hours=1)) == 0
    assert actions.end_expired_alerts(now=NOON + timedelta(hours=2)) == 1
    assert actions.end_expired_alerts(now=NOON + timedelta(hours=2, seconds=15)) == 0

    alert.refresh_from_db()
    assert alert.end_reason == BreakingNews.EndReason.EXPIRED
    assert alert.cleared_by is None
    assert [event.payload for event in events("breaking-cleared")] == [{"id": alert.pk}]
    assert cache_tags.edition(story.locale_id) in events("purge")[-1].payload["tags"]


def test_an_alert_cleared_by_an_editor_is_not_ended_again_by_the_worker(story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None, hours=1, now=NOON)
    actions.do_clear_breaking(alert, user=None, now=NOON + timedelta(minutes=5))

    assert actions.end_expired_alerts(now=NOON + timedelta(hours=3)) == 0
    assert len(events("breaking-cleared")) == 1


def test_unpublishing_a_breaking_story_takes_its_banner_down(story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None)

    story.unpublish()

    alert.refresh_from_db()
    assert alert.end_reason == BreakingNews.EndReason.WITHDRAWN
    assert [event.payload for event in events("breaking-cleared")] == [{"id": alert.pk}]


def test_deleting_a_breaking_story_takes_its_banner_down(story: Any) -> None:
    alert_id = actions.do_mark_breaking(story, user=None).pk

    story.delete()

    assert not BreakingNews.objects.exists()
    assert [(event.stream, event.payload) for event in events("breaking-cleared")] == [
        ("breaking:en", {"id": alert_id})
    ]
