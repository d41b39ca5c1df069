"""Which responses every reader, CDN and the page cache may share, and under which tags."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.conf import settings

from dateline.core.cache_tags import HEADER
from dateline.editions.models import SectionPage
from tests.factories import PASSWORD, ArticleFactory, AuthorFactory

pytestmark = pytest.mark.usefixtures("editions")


def tags_of(response) -> set[str]:
    return set(response[HEADER].split())


def test_anonymous_story_page_is_public_and_filed_under_its_tags(client):
    author = AuthorFactory()
    story = ArticleFactory(authors=[author])

    response = client.get(story.url)

    assert response.status_code == HTTPStatus.OK
    assert response["Cache-Control"].startswith("public")
    assert response["Cache-Control"] == settings.DATELINE_PUBLIC_CACHE_CONTROL
    assert {f"page:{story.pk}", f"edition:{story.locale_id}", f"author:{author.pk}"} <= tags_of(response)


def test_section_page_is_filed_under_the_section_and_each_story_it_lists(client):
    story = ArticleFactory(section="science")
    section = SectionPage.objects.get(locale__language_code="en", slug="science")

    response = client.get(section.url)

    assert response["Cache-Control"].startswith("public")
    assert {f"section:{section.pk}", f"page:{story.pk}"} <= tags_of(response)


@pytest.mark.parametrize("path", ["/en/", "/en/tags/ports/"])
def test_home_and_tag_pages_are_public(client, path):
    ArticleFactory(tags=["Ports"])

    response = client.get(path)

    assert response["Cache-Control"].startswith("public")
    assert HEADER in response


def test_request_with_a_session_is_never_marked_public(client):
    story = ArticleFactory()
    client.cookies[settings.SESSION_COOKIE_NAME] = "someones-session"

    response = client.get(story.url)

    assert response.status_code == HTTPStatus.OK
    assert not response.get("Cache-Control", "").startswith("public")
    assert HEADER not in response


def test_signed_in_journalist_reading_the_site_is_never_cached(client, editor):
    story = ArticleFactory()
    client.login(username=editor.username, password=PASSWORD)

    response = client.get(story.url)

    assert not response.get("Cache-Control", "").startswith("public")
    assert HEADER not in response


def test_not_found_page_is_not_marked_public(client):
    response = client.get("/en/no-such-story/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not response.get("Cache-Control", "").startswith("public")


def test_newsroom_is_never_marked_public(client, db):
    response = client.get("/newsroom/login/")

    assert not response.get("Cache-Control", "").startswith("public")
    assert HEADER not in response
