"""A locked, full or absent database tells readers to try again: 503, never a server error."""

from __future__ import annotations

import errno
from http import HTTPStatus
from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError
from django.test import Client
from django.urls import reverse

from dateline.discussion.models import Comment
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def writer() -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(reader())
    return client


@pytest.mark.parametrize(
    "failure",
    [
        OperationalError("database or disk is full"),
        OperationalError("database is locked"),
        OperationalError("canceling statement due to lock timeout"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
)
def test_a_comment_the_database_cannot_take_gets_try_again_as_json(editions, writer, failure):
    story = ArticleFactory()
    with mock.patch("dateline.discussion.actions.rows.insert", side_effect=failure):
        response = writer.post(reverse("discussion_post", args=[story.pk]), {"body": "Hello"}, **FETCH)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "10"
    assert "try again" in response.json()["error"]
    assert not Comment.objects.exists()


def test_a_form_post_without_script_gets_a_try_again_page_in_the_editions_language(editions):
    story = ArticleFactory(edition="ru")
    client = Client(raise_request_exception=False)
    client.force_login(reader())
    with mock.patch("dateline.discussion.actions.rows.insert", side_effect=OperationalError("locked")):
        response = client.post(f"/ru/discussion/{story.pk}/comments/", {"body": "Привет"})
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert 'lang="ru"' in text
    assert "Попробуйте" in text


def test_a_page_that_cannot_be_read_says_try_again_not_server_error(editions, client):
    client.raise_request_exception = False
    with mock.patch("dateline.articles.newsfeed.latest", side_effect=OperationalError("locked")):
        response = client.get("/en/newsfeed.json")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "try again" in response.json()["error"]


def test_a_bug_is_still_a_server_error(editions, writer):
    story = ArticleFactory()
    with mock.patch("dateline.discussion.actions.rows.insert", side_effect=IntegrityError("bug")):
        response = writer.post(reverse("discussion_post", args=[story.pk]), {"body": "Hello"}, **FETCH)
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
