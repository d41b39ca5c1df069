"""The moderators' panel on the newsroom's dashboard: held comments, counted, the newest shown."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from dateline.discussion.desk import HeldCommentsPanel
from dateline.discussion.models import Comment, CommentReport
from tests.discussion.factories import reader
from tests.factories import ArticleFactory
from tests.newsroom.desk_panels import assert_fixed_queries, render

pytestmark = pytest.mark.usefixtures("editions")


def held(story, body: str = "Held for a moderator.") -> Comment:
    return Comment.objects.create(story=story, author=reader(), body=body, status=Comment.Status.PENDING)


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_a_moderator_sees_how_many_comments_wait_and_the_newest(client, moderator):
    story = ArticleFactory(title="Harbour cranes return to work")
    held(story, "The oldest held comment")
    newest = [held(story, f"Held comment {number}") for number in range(6)][-1]
    reported = Comment.objects.create(story=story, author=reader(), body="Reported one")
    CommentReport.objects.create(comment=reported, reporter=reader(), reason="spam")

    html = dashboard(client, moderator)

    assert "Held comments" in html
    assert "7 comments wait for a moderator" in html
    assert "1 reported comment" in html
    assert "Held comment 5" in html
    assert "The oldest held comment" not in html, "only the newest few"
    assert reverse("moderation:queue") + "?queue=pending" in html
    assert reverse("moderation:comment", args=[newest.pk]) in html


def test_a_moderator_with_nothing_held_is_told_so(client, moderator):
    assert "No comment is waiting for a moderator." in dashboard(client, moderator)


def test_reporters_have_no_held_comments_panel(client, reporter):
    held(ArticleFactory())

    assert "Held comments" not in dashboard(client, reporter)


def test_editors_moderate_too(client, editor):
    held(ArticleFactory(), "Waiting for the editor")

    assert "Waiting for the editor" in dashboard(client, editor)


def test_reader_written_text_stays_text_on_the_desk(moderator):
    held(ArticleFactory(), '<img src=x onerror="alert(1)"> hello')

    html = render(HeldCommentsPanel(), moderator)

    assert "<img" not in html
    assert "&lt;img src=x" in html


def test_held_comments_take_a_fixed_number_of_queries(moderator, django_assert_max_num_queries):
    story = ArticleFactory()
    assert_fixed_queries(HeldCommentsPanel(), moderator, lambda: held(story), django_assert_max_num_queries)
