"""The newsroom's page search and the explorer's search find stories by words in their text, not
only in their headlines, in every edition's language."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, paragraph, quote

pytestmark = pytest.mark.usefixtures("editions")


def found(client, query: str, url: str | None = None, **params: str) -> str:
    response = client.get(url or reverse("wagtailadmin_pages:search"), {"q": query, **params})
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


@pytest.fixture
def stories(db):
    return {
        "en": ArticleFactory(
            title="Talks resume after a week",
            lede="Negotiators return to the table.",
            body=[
                paragraph("Prime Minister Kishida met the delegation on Tuesday."),
                quote("We will not be rushed.", speaker="Oyelaran Adeyemi"),
            ],
        ),
        "ru": ArticleFactory(
            title="Переговоры возобновились",
            edition="ru",
            lede="Стороны вернулись за стол.",
            body=[paragraph("Делегация прибыла в Москву во вторник утром.")],
        ),
        "draft": ArticleFactory(
            title="Harbour strike ends", live=False, body=[paragraph("Cranes at Vladivostok moved again.")]
        ),
    }


def test_page_search_finds_a_story_by_a_word_in_its_body(client, editor, stories):
    client.force_login(editor)

    assert "Talks resume after a week" in found(client, "Kishida")
    assert "Talks resume after a week" in found(client, "kishida delegation")
    assert "Talks resume after a week" not in found(client, "Moscow")


def test_page_search_finds_words_of_the_lede_and_of_quotes(client, editor, stories):
    client.force_login(editor)

    assert "Talks resume after a week" in found(client, "negotiators")
    assert "Talks resume after a week" in found(client, "Adeyemi")


def test_page_search_finds_a_russian_story_by_a_word_in_its_body(client, editor, stories):
    client.force_login(editor)

    assert "Переговоры возобновились" in found(client, "Москву")
    # As the reporter types: the search matches the start of the last word.
    assert "Переговоры возобновились" in found(client, "делегация Моск")
    assert "Переговоры возобновились" not in found(client, "Kishida")


def test_page_search_finds_drafts_by_their_body(client, editor, stories):
    client.force_login(editor)

    assert "Harbour strike ends" in found(client, "Vladivostok")


def test_explorer_search_finds_a_story_by_a_word_in_its_body(client, editor, stories):
    client.force_login(editor)
    home = stories["en"].get_parent().get_parent()

    assert "Talks resume after a week" in found(
        client, "Kishida", reverse("wagtailadmin_explore", args=[home.pk])
    )
    assert "Talks resume after a week" in found(
        client,
        "Kishida",
        reverse("wagtailadmin_explore", args=[stories["ru"].get_parent().pk]),
        search_all="1",
    )
