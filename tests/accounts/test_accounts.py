"""Reader accounts: register, confirm, log in, reset, profile, export and delete."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dateline.accounts.models import ReaderProfile
from dateline.discussion import actions
from dateline.discussion.models import Comment
from dateline.subscriptions.actions import newsletters_of
from dateline.subscriptions.models import Subscriber
from tests.discussion.factories import reader
from tests.factories import PASSWORD, ArticleFactory, png_file

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "harbour-cranes-at-dawn-42"


def register(client: Client, email: str = "mina@example.org", name: str = "Mina Sato", **extra) -> object:
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "display_name": name, **extra},
    )


def link_in_last_mail() -> str:
    return re.search(r"https?://\S+", mail.outbox[-1].body)[0]


def test_a_new_reader_registers_confirms_the_address_and_may_then_comment(client, editions):
    story = ArticleFactory()
    response = register(client, next=story.url)
    assert response.status_code == HTTPStatus.FOUND
    user = get_user_model().objects.get(email="mina@example.org")
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    assert ReaderProfile.objects.get(user=user).display_name == "Mina Sato"
    assert not actions.has_confirmed_email(user)
    assert len(mail.outbox) == 1 and "Confirm" in mail.outbox[0].subject
    confirm_url = link_in_last_mail()
    assert client.get(confirm_url).status_code == HTTPStatus.OK
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post(
        reverse("discussion_post", args=[story.pk]), {"body": "Hello"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == HTTPStatus.OK


def test_log_in_returns_to_the_story_the_reader_came_from(client, editions):
    story = ArticleFactory()
    mina = reader()
    response = client.post(
        reverse("account_login"),
        {"login": mina.email, "password": PASSWORD, "next": f"{story.url}#discussion"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{story.url}#discussion"


def test_the_welcome_after_log_in_uses_the_display_name(client, editions):
    mina = reader("Mina Sato")
    response = client.post(
        reverse("account_login"), {"login": mina.email, "password": PASSWORD, "next": "/en/"}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("Mina Sato" in message for message in shown), shown
    assert not any(mina.username in message for message in shown), shown


def test_log_in_does_not_follow_a_next_address_on_another_site(client, editions):
    mina = reader()
    response = client.post(
        reverse("account_login"), {"login": mina.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert "evil.example" not in response["Location"]


def test_repeated_failed_log_ins_are_stopped(client, editions):
    mina = reader()
    pages = [
        client.post(reverse("account_login"), {"login": mina.email, "password": "wrong"}).content.decode()
        for _attempt in range(6)
    ]
    assert "Too many failed login attempts" not in pages[0]
    assert "Too many failed login attempts" in pages[-1]
    # Even the right password waits until the window has passed.
    response = client.post(reverse("account_login"), {"login": mina.email, "password": PASSWORD})
    assert response.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session


def test_password_reset_by_mail_lets_the_reader_choose_a_new_password(client, editions):
    mina = reader()
    client.post(reverse("account_reset_password"), {"email": mina.email})
    reset_url = link_in_last_mail()
    form_url = client.get(reset_url)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    mina.refresh_from_db()
    assert mina.check_password(NEW_PASSWORD)


def test_account_pages_are_translated(client, editions):
    assert "Войти" in client.get("/ru/accounts/login/").content.decode()
    page = client.get("/ar/accounts/login/").content.decode()
    assert 'dir="rtl"' in page


def test_the_profile_takes_a_picture_as_a_square_avatar(client, editions):
    mina = reader()
    client.force_login(mina)
    picture = png_file("me.png", size=(640, 360))
    picture.seek(0)
    upload = SimpleUploadedFile("me.png", picture.read(), content_type="image/png")
    response = client.post(reverse("reader_settings"), {"display_name": "Mina S.", "avatar": upload})
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    profile = ReaderProfile.objects.get(user=mina)
    assert profile.display_name == "Mina S."
    from PIL import Image

    with Image.open(profile.avatar.path) as image:
        assert image.size == (256, 256)


def test_profile_changes_are_rate_limited_and_the_stored_profile_stays(client, editions, settings):
    settings.DATELINE_PROFILE_RATE = "2/h"
    mina = reader("Mina Sato")
    client.force_login(mina)
    for name in ("Mina S.", "Mina"):
        assert client.post(reverse("reader_settings"), {"display_name": name}).status_code == HTTPStatus.FOUND
    response = client.post(reverse("reader_settings"), {"display_name": "Spam name"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "too often" in response.content.decode()
    assert ReaderProfile.objects.get(user=mina).display_name == "Mina"


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_changes(client, editions):
    mina = reader()
    client.force_login(mina)
    upload = SimpleUploadedFile("me.png", b"not an image at all", content_type="image/png")
    response = client.post(reverse("reader_settings"), {"display_name": "Changed", "avatar": upload})
    assert response.status_code == HTTPStatus.OK
    assert "errorlist" in response.content.decode()
    assert ReaderProfile.objects.get(user=mina).display_name == "Mina Sato"


def test_a_reader_exports_their_data_then_deletes_the_account(client, editions):
    story = ArticleFactory()
    mina, ben = reader(), reader("Ben")
    top = actions.do_post_comment(mina, story, "My words")
    actions.do_post_comment(ben, story, "A reply", reply_to=top)
    client.force_login(mina)
    daily = next(n for n in newsletters_of(story.locale) if n.key == "daily")
    client.post(reverse("subscribe"), {"email": mina.email, "newsletter": [daily.pk]})
    export = json.loads(client.get(reverse("reader_export")).content)
    assert export["profile"]["display_name"] == "Mina Sato"
    assert [comment["body"] for comment in export["comments"]] == ["My words"]
    assert [(n["email"], n["lists"]) for n in export["newsletters"]] == [(mina.email, ["daily"])]
    response = client.post(reverse("reader_delete"), {"password": "wrong", "confirm": "on"})
    assert "That is not your password." in response.content.decode()
    response = client.post(reverse("reader_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == HTTPStatus.FOUND
    assert not get_user_model().objects.filter(pk=mina.pk).exists()
    assert not Subscriber.objects.filter(email=mina.email).exists()
    top.refresh_from_db()
    assert top.body == "" and top.status == Comment.Status.REMOVED and top.author is None
    assert Comment.objects.get(body="A reply").thread == top


def test_the_public_profile_lists_published_comments(client, editions):
    story = ArticleFactory()
    mina = reader()
    actions.do_post_comment(mina, story, "Published words")
    page = client.get(reverse("reader_profile", args=[mina.pk])).content.decode()
    assert "Mina Sato" in page and "Published words" in page


# --- sessions and users read without the ORM's statement building --------------------------------


def test_a_signed_in_reader_stays_signed_in_until_the_session_expires_or_the_account_is_closed(
    client: Client,
) -> None:
    from django.contrib.sessions.models import Session

    mina = reader()
    client.force_login(mina)
    assert client.get(reverse("reader_state")).json()["signed_in"] is True
    mina.is_active = False
    mina.save(update_fields=["is_active"])
    assert client.get(reverse("reader_state")).json()["signed_in"] is False
    mina.is_active = True
    mina.save(update_fields=["is_active"])
    client.force_login(mina)
    assert client.get(reverse("reader_state")).json()["signed_in"] is True
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("reader_state")).json()["signed_in"] is False
