"""Rows read and written by statements written once must be what the ORM would read and write."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from dateline.articles.models import ArticlePage
from dateline.core import rows
from dateline.discussion.models import Comment
from dateline.live.models import Event
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def field_values(instance: Any) -> dict[str, Any]:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_row_read_is_the_instance_the_orm_reads_dates_json_and_booleans_included() -> None:
    event = Event.objects.create(stream="newsfeed:en", kind="story", payload={"id": 7, "title": "Ё"})
    found = rows.fetch_first(Event, "id = %s", [event.pk])
    assert found is not None
    assert field_values(found) == field_values(Event.objects.get(pk=event.pk))
    assert found.created_at.tzinfo is not None
    assert found.payload == {"id": 7, "title": "Ё"}
    assert found.changes_pages is True
    assert found._state.adding is False


def test_rows_are_found_by_a_date_and_nothing_matches_an_unknown_key() -> None:
    Event.objects.create(stream="rows-test", kind="k", created_at=timezone.now() - timedelta(days=2))
    new = Event.objects.create(stream="rows-test", kind="k")
    since = rows.moment(timezone.now() - timedelta(days=1))
    found = rows.fetch(Event, "stream = %s AND created_at >= %s ORDER BY id", ["rows-test", since])
    assert [e.pk for e in found] == [new.pk]
    assert rows.fetch_first(Event, "id = %s", [new.pk + 1000]) is None


def test_an_inserted_row_gets_its_key_and_defaults_and_reads_back_the_same() -> None:
    event = rows.insert(Event(stream="comments:3", kind="comment", payload={"html": "<p>a</p>"}))
    assert event.pk is not None
    assert event._state.adding is False
    stored = Event.objects.get(pk=event.pk)
    assert field_values(stored) == field_values(event)
    assert stored.changes_pages is True


def test_receivers_of_a_model_hear_a_row_inserted_as_they_hear_save() -> None:
    heard: list[tuple[str, dict[str, Any]]] = []

    def before(**kwargs: Any) -> None:
        heard.append(("pre_save", kwargs))

    def after(**kwargs: Any) -> None:
        heard.append(("post_save", kwargs))

    pre_save.connect(before, sender=Event)
    post_save.connect(after, sender=Event)
    try:
        event = rows.insert(Event(stream="comments:3", kind="comment"))
    finally:
        pre_save.disconnect(before, sender=Event)
        post_save.disconnect(after, sender=Event)
    assert [name for name, _ in heard] == ["pre_save", "post_save"]
    assert heard[0][1]["instance"] is event
    assert heard[1][1]["instance"] is event
    assert heard[1][1]["created"] is True
    assert heard[1][1]["raw"] is False
    assert heard[1][1]["update_fields"] is None


def test_statements_name_a_models_table_and_columns_as_the_database_quotes_them() -> None:
    quote = connection.ops.quote_name
    event = rows.names(Event)
    assert str(event) == quote("live_event")
    assert event.changes_pages == quote("changes_pages")
    assert rows.names(Comment).story == quote("story_id")


def test_a_user_read_by_key_is_the_user_the_orm_reads() -> None:
    user = get_user_model().objects.create_user(username="mina", email="mina@example.org", password="x")
    found = rows.fetch_first(get_user_model(), "id = %s", [user.pk])
    assert found is not None
    assert field_values(found) == field_values(get_user_model().objects.get(pk=user.pk))


def test_a_page_is_read_from_its_table_joined_to_wagtails_and_fields_not_asked_for_are_deferred(
    editions: Any,
) -> None:
    story = ArticleFactory(title="Harbour cranes return", kicker="Analysis")
    expected = ArticlePage.objects.get(pk=story.pk)

    found = rows.by_key(ArticlePage, story.pk)
    light = rows.fetch_first(ArticlePage, "id = %s", [story.pk], fields=("title", "url_path"))

    assert found is not None and light is not None
    assert {name: value for name, value in field_values(found).items() if name != "body"} == {
        name: value for name, value in field_values(expected).items() if name != "body"
    }
    assert list(found.body.raw_data) == list(expected.body.raw_data)
    assert (light.pk, light.title, light.url) == (story.pk, "Harbour cranes return", story.url)
    assert {"kicker", "body", "lede"} <= light.get_deferred_fields()
