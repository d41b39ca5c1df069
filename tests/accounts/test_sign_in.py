"""One sign-in for everybody: allauth's form, with its rate limits, its lockout and its two-factor
step, is the only way into a session, whichever login page a visitor starts from."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from django.urls import reverse

from dateline.newsroom.roles import EDITORS
from tests.accounts.factories import authenticator_app, code_of
from tests.discussion.factories import reader
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# Every page that has taken a password: the newsroom's (Wagtail's), allauth's in each edition's
# language, and the one Wagtail's page privacy sends visitors to.
LOGIN_PAGES = [
    "/newsroom/login/",
    "/en/accounts/login/",
    "/ru/accounts/login/",
    "/ar/accounts/login/",
    "/en/_util/login/",
]
TOO_MANY = "Too many failed login attempts"


def refused_as_too_many(response: Any) -> bool:
    """The sign-in form came back saying there were too many attempts (in any language)."""
    form = response.context["form"] if response.context else None
    return form is not None and form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts")


def form_behind(client: Client, login_page: str) -> str:
    """The address of the form a browser ends up at from this login page."""
    response = client.get(login_page, follow=True)
    assert response.status_code == HTTPStatus.OK
    query = response.request["QUERY_STRING"]
    return response.request["PATH_INFO"] + (f"?{query}" if query else "")


def sign_in_at(client: Client, login_page: str, login: str, password: str) -> Any:
    """Post the credentials as any of these forms takes them (allauth's `login`, Django's and
    Wagtail's `username`) to the form this login page leads to, and to the page itself if the
    form is elsewhere."""
    fields = {"login": login, "username": login, "password": password}
    form = form_behind(client, login_page)
    if form != login_page:
        client.post(login_page, fields)
    return client.post(form, fields, follow=True)


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def editor_with_authenticator_app() -> tuple[Any, str]:
    user = UserFactory(groups=[EDITORS])
    return user, authenticator_app(user)


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
@pytest.mark.parametrize("by", ["username", "email"])
def test_no_login_page_signs_in_an_account_with_two_factor_without_its_code(
    client: Client, roles: Any, login_page: str, by: str
) -> None:
    editor, secret = editor_with_authenticator_app()

    response = sign_in_at(client, login_page, getattr(editor, by), PASSWORD)

    assert signed_in_user_id(client) is None
    assert response.request["PATH_INFO"].endswith("/accounts/2fa/authenticate/")
    client.post(reverse("mfa_authenticate"), {"code": code_of(secret)})
    assert signed_in_user_id(client) == str(editor.pk)


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
def test_the_eleventh_wrong_password_in_a_minute_is_refused_even_when_it_is_right(
    client: Client, roles: Any, login_page: str
) -> None:
    editor = UserFactory(groups=[EDITORS])
    for attempt in range(10):
        # Other accounts each time, so that no single account is locked: the address is.
        assert not refused_as_too_many(sign_in_at(client, login_page, f"guess{attempt}@example.org", "wrong"))

    response = sign_in_at(client, login_page, editor.username, PASSWORD)

    assert refused_as_too_many(response)
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
def test_an_account_locked_after_wrong_passwords_refuses_its_right_one_on_every_login_page(
    client: Client, roles: Any, login_page: str
) -> None:
    editor = UserFactory(groups=[EDITORS])
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": editor.username, "password": "wrong"})

    sign_in_at(client, login_page, editor.username, PASSWORD)

    assert signed_in_user_id(client) is None


def test_a_reader_locked_out_by_the_limits_does_not_get_in_through_the_newsroom(client: Client) -> None:
    mina = reader()
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": mina.email, "password": "wrong"})

    sign_in_at(client, "/newsroom/login/", mina.email, PASSWORD)

    assert signed_in_user_id(client) is None


def test_passwords_are_checked_only_inside_the_sign_in(client: Client, roles: Any) -> None:
    editor = UserFactory(groups=[EDITORS])

    assert authenticate(username=editor.username, password=PASSWORD) is None
    assert not client.login(username=editor.username, password=PASSWORD)
    client.post(reverse("account_login"), {"login": editor.username, "password": PASSWORD})
    assert signed_in_user_id(client) == str(editor.pk)


def test_the_newsroom_login_page_leads_to_the_sign_in_keeping_where_to_go(client: Client) -> None:
    response = client.get("/newsroom/login/?next=/newsroom/pages/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/en/accounts/login/?next=/newsroom/pages/"
    assert client.get("/newsroom/login/")["Location"] == "/en/accounts/login/?next=/newsroom/"


def test_the_newsroom_password_reset_is_the_one_reset(client: Client, roles: Any) -> None:
    editor = UserFactory(groups=[EDITORS])

    for path in ("/newsroom/password_reset/", "/newsroom/password_reset/confirm/MQ/set-password/"):
        response = client.post(path, {"email": editor.email})
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == reverse("account_reset_password")
    assert mail.outbox == []


def test_a_password_reset_by_mail_leaves_an_account_with_two_factor_signed_out(
    client: Client, roles: Any
) -> None:
    editor, _secret = editor_with_authenticator_app()
    client.post(reverse("account_reset_password"), {"email": editor.email})
    reset_link = re.search(r"https?://\S+", mail.outbox[-1].body)[0]

    form = client.get(reset_link)["Location"]
    client.post(form, {"password1": "a-new-harbour-password-9", "password2": "a-new-harbour-password-9"})

    editor.refresh_from_db()
    assert editor.check_password("a-new-harbour-password-9")
    assert signed_in_user_id(client) is None


def test_confirming_an_address_leaves_an_account_with_two_factor_signed_out(client: Client) -> None:
    mina = reader(confirmed=False)
    authenticator_app(mina)
    signing_in = Client()
    # Halfway: the password was right, the code is still to come.
    signing_in.post(reverse("account_login"), {"login": mina.email, "password": PASSWORD})
    address = EmailAddress.objects.get(user=mina)
    confirm_link = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])

    for browser in (client, signing_in):
        browser.post(confirm_link)
        assert signed_in_user_id(browser) is None
    address.refresh_from_db()
    assert address.verified


def test_deleting_an_account_takes_the_password_no_more_than_signing_in_does(client: Client) -> None:
    mina = reader()
    client.force_login(mina)
    for _attempt in range(5):
        Client().post(reverse("account_login"), {"login": mina.email, "password": "wrong"})

    response = client.post(reverse("reader_delete"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == HTTPStatus.OK
    assert TOO_MANY in response.content.decode()
    assert get_user_model().objects.filter(pk=mina.pk).exists()
