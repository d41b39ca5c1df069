"""The names readers show with their comments: something to see, nothing that turns the text
around it, and nobody else's from the newsroom."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from dateline.accounts.models import ReaderProfile
from dateline.newsroom.accounts import FIRST_ACCOUNT, ensure_first_account
from tests.discussion.factories import reader
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def mina(settings):
    settings.DATELINE_PROFILE_RATE = "1000/h"
    return reader("Mina Sato")


def rename(user, name: str):
    client = Client()
    client.force_login(user)
    return client.post(reverse("reader_settings"), {"display_name": name})


def refused(response, message: str) -> bool:
    return response.status_code == HTTPStatus.OK and message in response.content.decode()


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200c \u200d", "\u3164\u3164", "\u2060\ufeff"])
def test_a_name_of_only_invisible_characters_is_refused(mina, name):
    assert refused(rename(mina, name), "Please choose a name to show with your comments.")
    assert ReaderProfile.objects.get(user=mina).display_name == "Mina Sato"


@pytest.mark.parametrize("name", ["admin\u202etxt.exe", "\u2067Mina\u2069", "Mina\u200f", "a\u202ab"])
def test_a_name_with_characters_that_turn_the_direction_of_text_is_refused(mina, name):
    assert refused(rename(mina, name), "change the direction of text")
    assert ReaderProfile.objects.get(user=mina).display_name == "Mina Sato"


def test_names_in_arabic_and_russian_are_taken(mina):
    for name in ("محرر الأخبار", "Мина Сато", "Mina Sato"):
        assert rename(mina, name).status_code == HTTPStatus.FOUND
        assert ReaderProfile.objects.get(user=mina).display_name == name


@pytest.fixture
def newsroom_admin(roles):
    """The first account `dateline setup` makes: user name "admin", full name "Newsroom Admin"."""
    ensure_first_account()
    return get_user_model().objects.get(username=FIRST_ACCOUNT)


NEWSROOM_ADMIN_REFUSED = "too close to the name of a newsroom account"


def test_the_exact_name_of_a_newsroom_account_is_refused(mina, newsroom_admin):
    for name in ("Newsroom Admin", "newsroom admin", "admin", "ADMIN"):
        assert refused(rename(mina, name), NEWSROOM_ADMIN_REFUSED), name
    assert ReaderProfile.objects.get(user=mina).display_name == "Mina Sato"


def test_a_cyrillic_or_greek_look_alike_of_a_newsroom_name_is_refused(mina, newsroom_admin):
    for name in ("Newsroom \u0410dmin", "N\u0435wsr\u043e\u043em \u0410dmin", "\u039dewsroom \u0391dmin"):
        assert refused(rename(mina, name), NEWSROOM_ADMIN_REFUSED), name


def test_a_full_width_look_alike_of_a_newsroom_name_is_refused(mina, newsroom_admin):
    assert refused(
        rename(mina, "\uff2e\uff45\uff57\uff53\uff52\uff4f\uff4f\uff4d \uff21\uff44\uff4d\uff49\uff4e"),
        NEWSROOM_ADMIN_REFUSED,
    )


def test_a_newsroom_name_with_invisible_characters_or_marks_in_it_is_refused(mina, newsroom_admin):
    for name in ("Newsroom\u200b Admin", "NewsroomAdmin", "Newsroom A\u0301dmin"):
        assert refused(rename(mina, name), NEWSROOM_ADMIN_REFUSED), name


def test_the_display_name_of_a_newsroom_profile_is_refused_and_its_owner_may_keep_it(mina, settings):
    editor = get_user_model().objects.create_user(username="kenji", is_staff=True, password=PASSWORD)
    ReaderProfile.objects.create(user=editor, display_name="Kenji Watanabe")
    assert refused(rename(mina, "K\u0435nji Watanab\u0435"), NEWSROOM_ADMIN_REFUSED)
    assert refused(rename(mina, "kenji"), NEWSROOM_ADMIN_REFUSED)
    assert rename(editor, "Kenji Watanabe").status_code == HTTPStatus.FOUND


def test_registering_with_a_newsroom_look_alike_is_refused(client, newsroom_admin):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "mallory@example.org",
            "password1": "harbour-cranes-at-dawn-42",
            "password2": "harbour-cranes-at-dawn-42",
            "display_name": "Newsroom \u0410dmin",
        },
    )
    assert refused(response, NEWSROOM_ADMIN_REFUSED)
    assert not get_user_model().objects.filter(email="mallory@example.org").exists()


def test_names_that_only_share_letters_with_the_newsroom_are_taken(mina, newsroom_admin):
    for name in ("Newsroom Admirer", "Admina", "Адмін Сато", "Mina Sato"):
        assert rename(mina, name).status_code == HTTPStatus.FOUND, name
