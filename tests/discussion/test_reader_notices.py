"""What readers are told about their comments, and how each comment's controls are named."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from dateline.discussion import actions
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions):
    return ArticleFactory()


def test_each_comment_names_its_reactions_after_its_author_and_time(client, story):
    mina, kenji = reader("Mina Sato"), reader("Kenji Mori")
    actions.do_post_comment(mina, story, "First.")
    actions.do_post_comment(kenji, story, "Second.")
    actions.do_post_comment(mina, story, "Third.")

    response = client.get(reverse("discussion", args=[story.pk]), HTTP_X_REQUESTED_WITH="fetch")

    labels = [
        form["aria-label"] for form in BeautifulSoup(response.content, "html.parser").select("form.reactions")
    ]
    assert len(labels) == 3
    assert sum(label.startswith("Reactions to Mina Sato’s comment, ") for label in labels) == 2
    assert sum(label.startswith("Reactions to Kenji Mori’s comment, ") for label in labels) == 1


def test_the_reactions_label_keeps_a_name_as_text(client, story):
    actions.do_post_comment(reader('Mina "><b>Sato'), story, "Hello.")

    response = client.get(reverse("discussion", args=[story.pk]), HTTP_X_REQUESTED_WITH="fetch")

    form = BeautifulSoup(response.content, "html.parser").select_one("form.reactions")
    assert form["aria-label"].startswith('Reactions to Mina "><b>Sato’s comment')
    assert form.select_one("b") is None


def test_a_comment_held_for_a_moderator_is_a_notice_not_an_error_without_javascript(story):
    story.discussion = "premoderated"
    story.save_revision().publish()
    client = Client()
    client.force_login(reader())

    response = client.post(reverse("discussion_post", args=[story.pk]), {"body": "Hello", "next": story.url})

    assert response.status_code == HTTPStatus.FOUND
    [message] = list(get_messages(response.wsgi_request))
    assert "moderator" in str(message) and message.level_tag == "success"
