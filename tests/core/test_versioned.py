"""The content version: what every page shares is recomputed when content changes, and only then."""

from __future__ import annotations

import pytest
from django.db import transaction

from dateline.core import versioned
from dateline.live.events import publish_on_commit

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
