"""Getting into the newsroom: the first account, and the login in front of everything."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import authenticate

from dateline.newsroom.accounts import FIRST_ACCOUNT, ensure_first_account
from dateline.newsroom.roles import ADMINISTRATORS
from tests.factories import PASSWORD


def test_newsroom_asks_visitors_to_sign_in(client, db):
    response = client.get("/newsroom/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/newsroom/login/")


def test_reporter_signs_in_to_the_newsroom(client, reporter):
    response = client.post("/newsroom/login/", {"username": reporter.username, "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/newsroom/").status_code == HTTPStatus.OK


def test_first_account_is_created_once_with_a_password_shown_once(roles):
    password = ensure_first_account()

    assert password
    user = authenticate(username=FIRST_ACCOUNT, password=password)
    assert user is not None and user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [ADMINISTRATORS]
    assert ensure_first_account() is None
    assert authenticate(username=FIRST_ACCOUNT, password=password) is not None, "the password still works"


def test_first_account_signs_in_to_the_newsroom(client, roles):
    password = ensure_first_account()

    client.post("/newsroom/login/", {"username": FIRST_ACCOUNT, "password": password})

    assert client.get("/newsroom/").status_code == HTTPStatus.OK
