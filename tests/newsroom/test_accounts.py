"""Getting into the newsroom: the first account, the one sign-in in front of everything, readers
kept out, and a second factor for editors and administrators when the site requires it."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from dateline.newsroom.accounts import FIRST_ACCOUNT, ensure_first_account
from dateline.newsroom.roles import ADMINISTRATORS, COMMENT_MODERATORS, EDITORS, REPORTERS
from tests.accounts.factories import authenticator_app, code_of
from tests.discussion.factories import reader
from tests.factories import PASSWORD, UserFactory


def sign_in(client: Client, login: str, password: str = PASSWORD) -> Any:
    """The newsroom's login page, followed to the sign-in form, the form posted."""
    form = client.get("/newsroom/login/", follow=True)
    return client.post(
        form.request["PATH_INFO"], {"login": login, "password": password, "next": "/newsroom/"}
    )


def test_newsroom_sends_visitors_to_the_one_sign_in(client, db):
    response = client.get("/newsroom/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/en/accounts/login/?next=/newsroom/"


@pytest.mark.parametrize("by", ["username", "email"])
def test_a_reporter_signs_in_to_the_newsroom_with_their_user_name_or_email(client, reporter, by):
    response = sign_in(client, getattr(reporter, by))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/newsroom/"
    assert client.get("/newsroom/").status_code == HTTPStatus.OK


def test_first_account_is_created_once_with_a_password_shown_once(roles):
    password = ensure_first_account()

    assert password
    user = get_user_model().objects.get(username=FIRST_ACCOUNT)
    assert user.is_superuser and user.check_password(password)
    assert list(user.groups.values_list("name", flat=True)) == [ADMINISTRATORS]
    assert ensure_first_account() is None
    user.refresh_from_db()
    assert user.check_password(password), "the password still works"


def test_first_account_signs_in_to_the_newsroom(client, roles):
    password = ensure_first_account()

    sign_in(client, FIRST_ACCOUNT, password)

    assert client.get("/newsroom/").status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_a_signed_in_reader_is_told_the_account_has_no_access_to_the_newsroom(client):
    mina = reader()
    client.force_login(mina)

    for path in ("/newsroom/", "/newsroom/pages/", "/newsroom/comments/"):
        response = client.get(path)
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert "This account has no access to the newsroom." in response.content.decode()
    # Through the login page too, without being sent round in a loop.
    assert client.get("/newsroom/login/", follow=True).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.django_db
def test_the_no_access_page_is_in_the_readers_language(client):
    client.force_login(reader())

    page = client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "У этого аккаунта нет доступа в редакцию." in page


@pytest.mark.django_db
def test_a_reader_who_signs_in_on_the_way_to_the_newsroom_is_stopped_at_its_door(client):
    mina = reader()

    response = sign_in(client, mina.email)
    response = client.get(response["Location"])

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_comment_moderators_enter_the_newsroom(client, roles):
    moderator = UserFactory(groups=[COMMENT_MODERATORS])
    client.force_login(moderator)

    assert client.get("/newsroom/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("role", [EDITORS, ADMINISTRATORS])
def test_an_editor_without_two_factor_is_sent_to_set_it_up_when_the_site_requires_it(
    client, roles, settings, role
):
    settings.DATELINE_NEWSROOM_REQUIRE_2FA = True
    editor = UserFactory(groups=[role])
    client.force_login(editor)

    for path in ("/newsroom/", "/newsroom/pages/"):
        response = client.get(path)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_index")).content.decode()
    assert "need two-factor authentication to use the newsroom" in page

    authenticator_app(editor)
    assert client.get("/newsroom/").status_code == HTTPStatus.OK


def test_an_editor_sent_to_set_up_two_factor_does_so_and_then_uses_the_newsroom(client, roles, settings):
    settings.DATELINE_NEWSROOM_REQUIRE_2FA = True
    editor = UserFactory(groups=[EDITORS])
    sign_in(client, editor.username)

    page = client.get("/newsroom/", follow=True)
    assert "need two-factor authentication to use the newsroom" in page.content.decode()
    # allauth asks for the password again before it adds a second factor.
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    client.post(reverse("mfa_activate_totp"), {"code": code_of(client.session["mfa.totp.secret"])})

    assert client.get("/newsroom/").status_code == HTTPStatus.OK


def test_superusers_need_two_factor_too(client, roles, settings):
    settings.DATELINE_NEWSROOM_REQUIRE_2FA = True
    ensure_first_account()
    client.force_login(get_user_model().objects.get(username=FIRST_ACCOUNT))

    assert client.get("/newsroom/")["Location"] == reverse("mfa_activate_totp")


def test_reporters_and_moderators_are_not_asked_for_two_factor(client, roles, settings):
    settings.DATELINE_NEWSROOM_REQUIRE_2FA = True
    for role in (REPORTERS, COMMENT_MODERATORS):
        client.force_login(UserFactory(groups=[role]))
        assert client.get("/newsroom/").status_code == HTTPStatus.OK, role


def test_without_the_setting_editors_use_the_newsroom_without_two_factor(client, editor):
    client.force_login(editor)

    assert client.get("/newsroom/").status_code == HTTPStatus.OK


def test_the_newsroom_account_page_leads_to_the_one_place_for_passwords_and_two_factor(client, editor):
    client.force_login(editor)

    page = client.get("/newsroom/account/").content.decode()

    assert reverse("account_change_password") in page
    assert reverse("mfa_index") in page
    assert "old_password" not in page
