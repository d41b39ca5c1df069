"""The confirmation of a new reader's address: a mail under the site's name that quotes nothing the
reader chose, and a link that brings them back to the story they came from, with the word that
they have confirmed on that very page."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
PASSWORD = "harbour-cranes-at-dawn-42"
CHOSEN_NAME = "Visit cheap-pills.example now"


def register(client: Client, **extra: str) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "email": "mina@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": CHOSEN_NAME,
            **extra,
        },
    )
    assert response.status_code == HTTPStatus.FOUND


def confirmation_link() -> str:
    return re.search(r"https?://\S+", mail.outbox[-1].body)[0]


def test_confirmation_mail_is_under_the_site_name_and_does_not_quote_the_chosen_name(client, editions):
    register(client)

    message = mail.outbox[-1]
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    assert message.subject.startswith(f"{settings.SITE_NAME}:")
    assert message.body.startswith(settings.SITE_NAME)
    assert settings.SITE_NAME in BeautifulSoup(html, "html.parser").select_one("p").get_text()
    assert CHOSEN_NAME not in message.subject + message.body + html
    assert confirmation_link() in html


def test_confirming_brings_the_reader_back_to_the_story_they_came_from(client, editions):
    story = ArticleFactory()
    register(client, next=f"{story.url}#discussion")
    client.logout()  # opened in another browser, say: the link alone carries the way back

    link = confirmation_link()
    confirm_page = client.get(link)
    response = client.post(link, follow=True)

    assert confirm_page.status_code == HTTPStatus.OK
    assert CHOSEN_NAME not in confirm_page.content.decode()
    assert response.redirect_chain[0][0] == f"{story.url}#discussion"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".story__headline").get_text() == story.title
    assert "You have confirmed" in page.select_one("main .messages").get_text()


def test_a_way_back_to_another_site_is_not_carried_in_the_link(client, editions):
    register(client, next="https://elsewhere.example/phish")

    assert "elsewhere" not in confirmation_link()


def test_a_message_is_shown_once_on_the_next_page_and_not_again(client, editions):
    story = ArticleFactory()
    register(client, next=story.url)

    first = BeautifulSoup(client.get(story.url).content, "html.parser")
    second = BeautifulSoup(client.get(story.url).content, "html.parser")

    assert first.select("main .message")
    assert not second.select("main .message")
