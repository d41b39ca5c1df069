"""The content version: what every page shares is recomputed when content changes, and only then."""

from __future__ import annotations

import pytest
from django.db import transaction

from dateline.core import versioned
from dateline.live.events import publish_on_commit
from tests.query_plans import sqlite_plan

pytestmark = pytest.mark.django_db


def test_an_event_that_changes_pages_is_a_new_version_and_a_new_resume_point():
    before = versioned.current_version()
    with transaction.atomic():
        event = publish_on_commit("newsfeed:en", "story", {"id": 1})
    assert versioned.current_version()[0] == event.pk != before[0]
    assert versioned.newest_event_id(None) == event.pk


def test_a_comment_moves_the_resume_point_but_keeps_what_pages_remember():
    with transaction.atomic():
        publish_on_commit("newsfeed:en", "story", {"id": 1})
    before = versioned.current_version()
    computed: list[int] = []
    versioned.remembered("test-nav", None, lambda: computed.append(1) or "navigation")
    with transaction.atomic():
        comment = publish_on_commit("comments:7", "comment", {"id": 3}, changes_pages=False)
    assert versioned.current_version() == before
    assert versioned.newest_event_id(None) == comment.pk
    assert versioned.remembered("test-nav", None, lambda: computed.append(1) or "navigation") == "navigation"
    assert computed == [1]


def test_values_remembered_per_object_keep_the_most_recently_used_and_renew_with_content():
    computed: list[str] = []

    def story(name: str):
        return lambda: computed.append(name) or name.upper()

    assert versioned.remembered_per_object("stories", 1, None, story("a"), keep=2) == "A"
    versioned.remembered_per_object("stories", 2, None, story("b"), keep=2)
    versioned.remembered_per_object("stories", 1, None, story("a"), keep=2)  # 1 is now the most recent
    versioned.remembered_per_object("stories", 3, None, story("c"), keep=2)  # 2 goes
    versioned.remembered_per_object("stories", 1, None, story("a"), keep=2)
    versioned.remembered_per_object("stories", 2, None, story("b"), keep=2)
    assert computed == ["a", "b", "c", "b"]
    with transaction.atomic():
        publish_on_commit("newsfeed:en", "story", {"id": 1})
    versioned.remembered_per_object("stories", 2, None, story("b"), keep=2)
    assert computed == ["a", "b", "c", "b", "b"]


def test_the_content_version_is_read_through_an_index_whatever_the_comments():
    """Comment events do not change pages: asking for the version must not walk through them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("the query plan checked is SQLite's")
    with transaction.atomic():
        publish_on_commit("newsfeed:en", "story", {"id": 1})
        for number in range(50):
            publish_on_commit("comments:7", "comment", {"id": number}, changes_pages=False)
    with CaptureQueriesContext(connection) as queries:
        versioned.current_version()
    plan = sqlite_plan(queries.captured_queries[-1]["sql"])
    assert plan[0] == "SCAN live_event USING INDEX live_event_pages_id"
