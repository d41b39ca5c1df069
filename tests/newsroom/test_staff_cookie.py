"""The cookie that sends newsroom staff, and only them, past the page cache to Django."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.discussion.factories import reader
from tests.factories import PASSWORD, ArticleFactory

STAFF = settings.DATELINE_STAFF_COOKIE_NAME


def sign_in(client: Client, login: str) -> Client:
    response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD, "next": "/en/"})
    assert response.status_code == HTTPStatus.FOUND, response.content[:300]
    return client


def test_staff_get_the_cookie_when_they_sign_in_and_lose_it_when_they_sign_out(client, editor, editions):
    sign_in(client, editor.username)
    cookie = client.cookies[STAFF]
    assert cookie.value == "1" and cookie["httponly"] and cookie["samesite"] == "Lax"

    client.post(reverse("account_logout"))

    assert client.cookies[STAFF].value == ""  # deleted: expired at once
    assert client.cookies[STAFF]["max-age"] == 0


def test_a_reader_who_signs_in_gets_no_staff_cookie(client, editions):
    sign_in(client, reader().email)

    assert STAFF not in client.cookies
    assert settings.SESSION_COOKIE_NAME in client.cookies


def test_staff_signed_in_before_the_cookie_existed_get_it_on_their_next_newsroom_page(
    client, editor, editions
):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == HTTPStatus.OK
    assert response.cookies[STAFF].value == "1"


def test_a_readers_discussion_reads_no_permission(client, editions):
    story = ArticleFactory()
    client.force_login(reader())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("discussion", args=[story.pk]), HTTP_X_REQUESTED_WITH="fetch")

    assert response.status_code == HTTPStatus.OK
    assert STAFF not in response.cookies
    assert not [q["sql"] for q in queries if Permission._meta.db_table in q["sql"]]


def test_a_forged_cookie_shows_no_user_bar(client, editions):
    story = ArticleFactory()
    client.force_login(reader())
    client.cookies[STAFF] = "1"

    response = client.get(story.url)

    assert response.status_code == HTTPStatus.OK
    assert b"wagtail-userbar" not in response.content


def test_the_cookie_goes_with_the_session(client, editor, editions):
    story = ArticleFactory()
    client.cookies[STAFF] = "1"  # left behind by a session that has ended

    response = client.get(story.url)

    assert response.cookies[STAFF]["max-age"] == 0


def test_a_page_that_drops_the_cookie_is_not_marked_public(client, editions):
    story = ArticleFactory()
    client.cookies[STAFF] = "1"

    response = client.get(story.url)

    assert response.cookies[STAFF]["max-age"] == 0
    assert not response.get("Cache-Control", "").startswith("public")
