"""Scheduled publishing and expiry, carried out by the background worker without cron."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from dateline.articles.models import ArticlePage
from dateline.background import publish_due_pages
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")


@pytest.fixture
def move_clock(monkeypatch) -> Callable[[timedelta], None]:
    """Move "now" forward for everything that asks Django for the time."""
    real_now = timezone.now

    def move(by: timedelta) -> None:
        monkeypatch.setattr(timezone, "now", lambda: real_now() + by)

    return move


def schedule(story: ArticlePage, go_live_in: timedelta) -> None:
    """What an editor's "Publish" does to a story with a go-live time in the future."""
    story.go_live_at = timezone.now() + go_live_in
    story.save_revision().publish()


def test_scheduled_story_waits_for_its_time(client):
    story = ArticleFactory(live=False)

    schedule(story, go_live_in=timedelta(hours=1))
    publish_due_pages()

    story.refresh_from_db()
    assert not story.live
    assert client.get("/en/world/" + story.slug + "/").status_code == HTTPStatus.NOT_FOUND


def test_worker_publishes_a_scheduled_story_once_its_time_has_come(client, move_clock):
    story = ArticleFactory(live=False, title="Polls open at dawn")
    schedule(story, go_live_in=timedelta(hours=1))

    move_clock(timedelta(hours=1, minutes=1))
    publish_due_pages()

    story.refresh_from_db()
    assert story.live
    assert client.get(story.url).status_code == HTTPStatus.OK


def test_worker_withdraws_a_story_whose_expiry_has_passed(client, move_clock):
    story = ArticleFactory(title="Offer ends tonight")
    ArticlePage.objects.filter(pk=story.pk).update(expire_at=timezone.now() + timedelta(hours=2))

    move_clock(timedelta(hours=2, minutes=1))
    publish_due_pages()

    story.refresh_from_db()
    assert not story.live
    assert story.expired
    assert client.get(story.url).status_code == HTTPStatus.NOT_FOUND


def test_worker_leaves_stories_that_have_not_expired_yet(move_clock):
    story = ArticleFactory()
    ArticlePage.objects.filter(pk=story.pk).update(expire_at=timezone.now() + timedelta(days=1))

    move_clock(timedelta(hours=2))
    publish_due_pages()

    story.refresh_from_db()
    assert story.live
