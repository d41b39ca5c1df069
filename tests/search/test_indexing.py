"""The index follows the outbox: stories published are found, withdrawn or deleted are gone,
drafts are found by the newsroom only, and the worker does it within two seconds."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.core.management import call_command

from dateline.background import Background
from dateline.live.events import prune_events
from dateline.search import finding, follower
from dateline.search.engines import Filters
from dateline.search.models import IndexCursor, SearchEntry
from tests.factories import ArticleFactory, paragraph
from tests.search.indexed import indexed

pytestmark = pytest.mark.usefixtures("editions")


def found(query: str, language: str = "en") -> list[int]:
    return [hit.page_id for hit in finding.find(query, language, Filters()).hits]


def test_a_story_published_is_found_after_a_round_of_the_follower():
    indexed()
    story = ArticleFactory(title="Glacier retreats")

    assert found("glacier") == []
    follower.index_pending()
    assert found("glacier") == [story.pk]


def test_a_draft_indexed_for_the_newsroom_is_found_by_readers_once_published():
    indexed()
    draft = ArticleFactory(title="Glacier retreats", live=False)
    follower.index_pending()

    draft.get_latest_revision().publish()
    follower.index_pending()

    assert found("glacier") == [draft.pk]


def test_a_withdrawn_story_is_gone_and_a_republished_one_back():
    (story,) = indexed(ArticleFactory(title="Glacier retreats"))

    story.unpublish()
    follower.index_pending()
    assert found("glacier") == []

    story.get_latest_revision().publish()
    follower.index_pending()
    assert found("glacier") == [story.pk]


def test_a_story_deleted_outright_is_gone_from_the_index():
    published, draft = indexed(
        ArticleFactory(title="Glacier retreats"), ArticleFactory(title="Glacier draft", live=False)
    )

    published.delete()
    draft.delete()
    follower.index_pending()

    assert not SearchEntry.objects.filter(page_id__in=[published.pk, draft.pk]).exists()
    assert finding.newsroom_story_ids("glacier", ["en"], 10) == []


def test_an_edited_story_is_found_by_its_new_words_only():
    (story,) = indexed(ArticleFactory(title="Glacier retreats"))

    story.title = "Ice sheet retreats"
    story.save_revision().publish()
    follower.index_pending()

    assert (found("glacier"), found("ice")) == ([], [story.pk])


def test_drafts_are_found_by_the_newsroom_and_not_by_readers():
    indexed()
    draft = ArticleFactory(title="Secret budget plans", live=False)
    follower.index_pending()

    assert found("budget") == []
    assert finding.newsroom_story_ids("budget", ["en", "ru", "ar"], 10) == [draft.pk]


def test_a_new_draft_revision_of_an_unpublished_story_is_indexed_from_its_text():
    indexed()
    draft = ArticleFactory(title="Secret budget plans", live=False)
    draft.title = "Secret tariff plans"
    draft.save_revision()
    follower.index_pending()

    assert finding.newsroom_story_ids("tariff", ["en"], 10) == [draft.pk]
    assert finding.newsroom_story_ids("budget", ["en"], 10) == []


def test_events_pruned_before_the_follower_read_them_rebuild_the_index(settings):
    indexed()
    story = ArticleFactory(title="Glacier retreats")
    ArticleFactory(title="Something else")
    IndexCursor.objects.update(last_event_id=0)
    settings.DATELINE_EVENT_RETENTION_HOURS = 0
    prune_events()

    follower.index_pending()

    assert found("glacier") == [story.pk]


def test_the_rebuild_command_indexes_every_story():
    story = ArticleFactory(title="Glacier retreats", body=[paragraph("Доверенные лица")])
    russian = ArticleFactory(title="Доверенные лица", edition="ru")

    call_command("search_index", "--rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (found("glacier"), found("доверенное", "ru")) == ([story.pk], [russian.pk])
    assert IndexCursor.objects.get().last_event_id > 0


def test_the_newsroom_page_search_finds_a_story_by_a_word_of_its_body(client, editor):
    indexed(
        ArticleFactory(title="Port news", body=[paragraph("The dockers went back to work.")]),
        ArticleFactory(title="Новости порта", edition="ru", body=[paragraph("Доверенные лица вернулись.")]),
    )
    client.force_login(editor)

    english = client.get("/newsroom/pages/search/", {"q": "docker"})
    russian = client.get("/newsroom/pages/search/", {"q": "доверенное"})

    assert english.status_code == HTTPStatus.OK
    assert "Port news" in english.content.decode()
    assert "Новости порта" in russian.content.decode()


def test_the_newsroom_page_search_still_finds_sections_by_their_title(client, editor):
    client.force_login(editor)

    response = client.get("/newsroom/pages/search/", {"q": "Busin"})

    assert "Business" in response.content.decode()


@contextmanager
def background_work():
    work = Background(task_interval=0.05, schedule_interval=60)
    work.start()
    try:
        yield work
    finally:
        work.stop()


def wait_until(condition, seconds: float) -> float:
    """Seconds until `condition()` held, or fail after `seconds`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


def test_the_worker_finds_a_story_within_two_seconds_of_publishing_and_loses_it_within_two_of_withdrawing(
    committed_db, settings
):
    settings.DATELINE_SEARCH_POLL_SECONDS = 0.2
    draft = ArticleFactory(title="Avalanche warning raised", live=False)
    with background_work():
        wait_until(IndexCursor.objects.exists, 10)  # the first round builds the index

        draft.get_latest_revision().publish()
        wait_until(lambda: found("avalanche") == [draft.pk], 2)

        draft.refresh_from_db()
        draft.unpublish()
        wait_until(lambda: found("avalanche") == [], 2)


def test_only_one_process_indexes_at_a_time(committed_db, monkeypatch):
    @contextmanager
    def another_process_leads(work):
        yield False

    monkeypatch.setattr(follower, "round_of", another_process_leads)
    stopping = threading.Event()
    thread = threading.Thread(target=follower.follow_outbox, args=(stopping, 0.05), daemon=True)
    thread.start()
    ArticleFactory(title="Avalanche warning raised")
    time.sleep(0.4)
    stopping.set()
    thread.join(5)

    assert not IndexCursor.objects.exists()
    assert found("avalanche") == []
