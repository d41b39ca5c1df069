"""The story list: filters, cursor pages that stay put while stories are published, a fixed number
of queries a page, and the other lists (editions, sections, authors, tags)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest

from dateline.articles.models import ArticlePage
from tests.factories import ArticleFactory, AuthorFactory, NewsImageFactory, section_page

pytestmark = pytest.mark.usefixtures("editions")

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def ids_of(response) -> list[int]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [int(item["uri"].rsplit("/", 1)[1]) for item in response.json()["items"]]


def story_on(day: int, **fields) -> ArticlePage:
    return ArticleFactory(first_published_at=MONDAY + timedelta(days=day), **fields)


def test_stories_come_newest_first(client):
    older, newer = story_on(0), story_on(1)

    assert ids_of(client.get("/api/v1/stories")) == [newer.pk, older.pk]


def test_filters_narrow_the_list(client):
    author = AuthorFactory()
    business = story_on(0, section="business", tags=["Ports"], authors=[author])
    world = story_on(1, section="world", tags=["Trade"])
    russian = story_on(2, edition="ru", section="world")

    assert ids_of(client.get("/api/v1/stories", {"edition": "en"})) == [world.pk, business.pk]
    assert ids_of(client.get("/api/v1/stories", {"edition": "ru"})) == [russian.pk]
    section = section_page("en", "business")
    assert ids_of(client.get("/api/v1/stories", {"section": section.pk})) == [business.pk]
    assert ids_of(client.get("/api/v1/stories", {"tag": "trade"})) == [world.pk]
    assert ids_of(client.get("/api/v1/stories", {"author": author.pk})) == [business.pk]
    after_monday = (MONDAY + timedelta(hours=1)).isoformat()
    assert ids_of(client.get("/api/v1/stories", {"published_after": after_monday})) == [russian.pk, world.pk]
    assert ids_of(client.get("/api/v1/stories", {"published_before": after_monday})) == [business.pk]
    assert ids_of(client.get("/api/v1/stories", {"edition": "en", "tag": "ports", "author": author.pk})) == [
        business.pk
    ]


def test_updated_filters_read_the_last_publication(client):
    story = story_on(0)
    ArticlePage.objects.filter(pk=story.pk).update(last_published_at=MONDAY + timedelta(days=5))
    untouched = story_on(1)

    since = (MONDAY + timedelta(days=3)).isoformat()
    assert ids_of(client.get("/api/v1/stories", {"updated_after": since})) == [story.pk]
    assert ids_of(client.get("/api/v1/stories", {"updated_before": since})) == [untouched.pk]


def test_drafts_are_never_listed(client):
    ArticleFactory(live=False)

    assert ids_of(client.get("/api/v1/stories")) == []


def test_pages_follow_on_without_repeating_or_skipping_while_stories_are_published(client):
    stories = [story_on(day) for day in range(7)]
    expected = [story.pk for story in reversed(stories)]

    first = client.get("/api/v1/stories", {"limit": 3})
    seen = ids_of(first)
    # News breaks between the partner's pages: newer than anything listed.
    story_on(30)
    story_on(31)
    cursor = first.json()["next"]
    while cursor:
        page = client.get("/api/v1/stories", {"limit": 3, "cursor": cursor})
        seen += ids_of(page)
        cursor = page.json()["next"]

    assert seen == expected


def test_stories_published_at_the_same_moment_are_paged_by_id(client):
    same = [story_on(0) for _ in range(5)]

    first = client.get("/api/v1/stories", {"limit": 2})
    second = client.get("/api/v1/stories", {"limit": 2, "cursor": first.json()["next"]})
    third = client.get("/api/v1/stories", {"limit": 2, "cursor": second.json()["next"]})

    assert ids_of(first) + ids_of(second) + ids_of(third) == sorted((s.pk for s in same), reverse=True)
    assert third.json()["next"] is None


def test_a_cursor_works_only_with_the_filters_it_came_with(client):
    story_on(0)
    story_on(1)
    cursor = client.get("/api/v1/stories", {"limit": 1, "edition": "en"}).json()["next"]

    response = client.get("/api/v1/stories", {"limit": 1, "edition": "ru", "cursor": cursor})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["type"].endswith("#problem-bad-parameter")


def test_a_page_holds_at_most_a_hundred_stories(client):
    assert client.get("/api/v1/stories", {"limit": 101}).status_code == HTTPStatus.BAD_REQUEST
    assert client.get("/api/v1/stories", {"limit": 100}).status_code == HTTPStatus.OK


def test_a_page_of_stories_takes_the_same_queries_however_many_it_shows(
    client, django_assert_max_num_queries
):
    author = AuthorFactory()
    story_on(0, authors=[author], tags=["Ports"], lead_image=NewsImageFactory())
    client.get("/api/v1/stories")  # what every request remembers per content version

    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/stories", {"format": "ninjs2"})
        one_story = len(few)
    for day in range(1, 15):
        story_on(day, authors=[AuthorFactory()], tags=[f"Tag {day}"], lead_image=NewsImageFactory())
    client.get("/api/v1/stories")
    with django_assert_max_num_queries(one_story):
        response = client.get("/api/v1/stories", {"format": "ninjs2"})
    assert len(response.json()["items"]) == 15


def test_the_list_says_where_to_follow_the_changes_from(client):
    story_on(0)
    position = client.get("/api/v1/stories").json()["position"]
    newer = story_on(1)

    changes = client.get("/api/v1/changes", {"since": position}).json()["items"]

    assert [change["story"] for change in changes] == [newer.pk]


def test_editions_sections_authors_and_tags_are_listed(client):
    author = AuthorFactory(name="Mariko Tanabe")
    story_on(0, tags=["Ports"], authors=[author])

    editions = client.get("/api/v1/editions").json()["items"]
    sections = client.get("/api/v1/sections", {"edition": "ru"}).json()["items"]
    authors = client.get("/api/v1/authors").json()["items"]
    tags = client.get("/api/v1/tags").json()["items"]

    assert [edition["language"] for edition in editions] == ["en", "ru", "ar"]
    assert editions[2]["direction"] == "rtl"
    assert sections and {section["edition"] for section in sections} == {"ru"}
    assert [a["name"] for a in authors] == ["Mariko Tanabe"]
    assert tags == [{"name": "Ports", "slug": "ports"}]


def test_authors_come_a_page_at_a_time(client):
    made = [AuthorFactory() for _ in range(5)]

    first = client.get("/api/v1/authors", {"limit": 3}).json()
    second = client.get("/api/v1/authors", {"limit": 3, "cursor": first["next"]}).json()

    assert [a["id"] for a in first["items"] + second["items"]] == [a.pk for a in made]
    assert second["next"] is None
