"""The story that follows when a reader reaches the end of one: older in the section, then the edition."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")


def next_of(story) -> int | None:
    """The id of the story that follows `story`, if any."""
    following = story.get_next_story()
    return following.pk if following else None


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def stories() -> dict[str, object]:
    """Three World stories, an older Politics one, and an even older one in Russian."""
    return {
        "oldest in edition": ArticleFactory(section="politics", first_published_at=hours_ago(10)),
        "world, oldest": ArticleFactory(section="world", first_published_at=hours_ago(5)),
        "world, middle": ArticleFactory(section="world", first_published_at=hours_ago(3)),
        "world, newest": ArticleFactory(section="world", first_published_at=hours_ago(1)),
        "russian": ArticleFactory(edition="ru", section="world", first_published_at=hours_ago(20)),
    }


def test_next_story_is_the_next_older_one_in_the_section(stories):
    assert next_of(stories["world, newest"]) == stories["world, middle"].pk
    assert next_of(stories["world, middle"]) == stories["world, oldest"].pk


def test_next_story_comes_from_the_rest_of_the_edition_when_the_section_runs_out(stories):
    assert next_of(stories["world, oldest"]) == stories["oldest in edition"].pk


def test_oldest_story_of_the_edition_has_no_next_story(stories):
    assert next_of(stories["oldest in edition"]) is None


def test_next_story_never_crosses_into_another_edition(stories):
    assert next_of(stories["russian"]) is None


def test_withdrawn_story_is_skipped(stories):
    stories["world, middle"].unpublish()

    assert next_of(stories["world, newest"]) == stories["world, oldest"].pk


def test_story_page_links_to_the_next_story_without_javascript(client, stories):
    response = client.get(stories["world, newest"].url)

    assert response.status_code == HTTPStatus.OK
    link = BeautifulSoup(response.content, "html.parser").select_one('a[rel="next"][data-next-story]')
    assert link["href"] == stories["world, middle"].url
    assert "Next story" in link.get_text()
    assert stories["world, middle"].title in link.get_text()


def test_oldest_story_page_offers_no_next_story_link(client, stories):
    response = client.get(stories["oldest in edition"].url)

    assert BeautifulSoup(response.content, "html.parser").select_one("a[data-next-story]") is None


def test_a_story_behind_a_privacy_setting_is_never_the_next_story(stories):
    PageViewRestriction.objects.create(
        page=stories["world, middle"], restriction_type=PageViewRestriction.LOGIN
    )

    assert next_of(stories["world, newest"]) == stories["world, oldest"].pk


def test_a_section_behind_a_privacy_setting_gives_no_next_story(stories):
    politics = stories["oldest in edition"].get_parent()
    PageViewRestriction.objects.create(page=politics, restriction_type=PageViewRestriction.LOGIN)

    assert next_of(stories["world, oldest"]) is None
