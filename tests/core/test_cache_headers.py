"""Which responses every reader, CDN and the page cache may share, and under which tags."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

from dateline.core.cache_tags import HEADER
from dateline.editions.models import SectionPage
from dateline.subscriptions import actions
from dateline.subscriptions.models import Subscriber
from tests.discussion.factories import reader
from tests.factories import ArticleFactory, AuthorFactory, locale

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
    client.force_login(editor)

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


# --- only what declares itself public content -------------------------------------------------------


def personal_pages() -> dict[str, str]:
    """Pages of one reader, subscriber or visit: never shared, whatever fragments they show."""
    lists = {newsletter.key: newsletter for newsletter in actions.newsletters_of(locale("en"))}
    subscriber = Subscriber.objects.create(email="mina@example.org", locale=locale("en"))
    mina = reader("Mina")
    return {
        "log-in": "/en/accounts/login/",
        "sign-up": "/en/accounts/signup/",
        "password reset": "/en/accounts/password/reset/",
        "password reset sent": "/en/accounts/password/reset/done/",
        "password reset link": "/en/accounts/password/reset/key/1-set-password/",
        "address confirmation": "/en/accounts/confirm-email/not-a-key/",
        "subscription confirmation": f"/en/subscribe/confirm/{actions.confirm_token(subscriber, [lists['daily'].pk])}/",
        "subscription preferences": f"/en/subscribe/preferences/{actions.manage_token(subscriber)}/",
        "unsubscribe": f"/en/subscribe/unsubscribe/{actions.unsubscribe_token(subscriber, lists['daily'])}/",
        "reader profile": reverse("reader_profile", args=[mina.pk]),
    }


@pytest.mark.parametrize(
    "page",
    [
        "log-in",
        "sign-up",
        "password reset",
        "password reset sent",
        "password reset link",
        "address confirmation",
        "subscription confirmation",
        "subscription preferences",
        "unsubscribe",
        "reader profile",
    ],
)
def test_personal_pages_are_never_marked_public(client, page):
    # The page chrome (the Newsfeed, the breaking-news banner) files every page under cache tags as
    # it renders, personal ones too: tags do not make a page public.
    path = personal_pages()[page]

    response = client.get(path)

    assert response.status_code == HTTPStatus.OK, path
    assert not response.get("Cache-Control", "").startswith("public")
    assert HEADER not in response


def test_signed_in_reader_s_own_settings_are_never_marked_public(client):
    mina = reader("Mina")
    client.force_login(mina)

    response = client.get(reverse("reader_settings"))

    assert response.status_code == HTTPStatus.OK
    assert not response.get("Cache-Control", "").startswith("public")
    assert HEADER not in response


@pytest.mark.parametrize("path", ["/robots.txt", "/en/newsfeed.json", "/en/feeds/rss.xml"])
def test_public_views_that_are_not_pages_are_public(client, path):
    ArticleFactory()

    response = client.get(path)

    assert response.status_code == HTTPStatus.OK
    assert response["Cache-Control"] == settings.DATELINE_PUBLIC_CACHE_CONTROL
    assert HEADER in response


def test_a_public_page_sees_only_the_query_parameters_public_pages_read(client):
    for number in range(25):
        ArticleFactory(section="world", title=f"Story {number}")

    response = client.get("/en/world/", {"page": "2", "utm_source": "mail", "next": "/elsewhere/"})

    assert response.status_code == HTTPStatus.OK
    assert response.wsgi_request.GET.dict() == {"page": "2"}
    assert response.wsgi_request.get_full_path() == "/en/world/?page=2"
    assert b"utm_source" not in response.content
    assert b"elsewhere" not in response.content
