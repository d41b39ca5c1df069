"""An agency pushes items to POST /wire/push/<source>/ with its secret: each answer tells it what
became of the item, and a stored item is in the newsroom's queue."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from dateline.wire.models import Quarantined, WireItem, WireSource
from tests.wire.conftest import ITEMS

pytestmark = pytest.mark.django_db

SECRET = "s3cret-of-the-agency-0123456789"
QUAKE = "urn:newsml:wire.example.org:20261206:quake-hokkaido"


@pytest.fixture
def pushed() -> WireSource:
    source = WireSource.objects.create(name="Push Wire", slug="push-wire", kind=WireSource.Kind.PUSH)
    source.set_push_secret(SECRET)
    source.save()
    return source


def push(data: bytes, secret: str = SECRET, slug: str = "push-wire", **headers):
    if secret:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return Client().post(f"/wire/push/{slug}/", data, content_type="application/json", **headers)


def quake() -> bytes:
    return (ITEMS / "en-ninjs3-quake-v1.json").read_bytes()


def test_a_pushed_item_is_stored_and_answered_with_its_id(pushed):
    response = push(quake())

    assert response.status_code == HTTPStatus.ACCEPTED
    item = WireItem.objects.get(uri=QUAKE)
    assert response.json()["id"] == item.pk
    assert item.source == pushed


def test_a_push_repeated_is_answered_ok_with_the_same_id_and_stored_once(pushed):
    first = push(quake())

    again = push(quake())

    assert again.status_code == HTTPStatus.OK
    assert again.json()["id"] == first.json()["id"]
    assert WireItem.objects.count() == 1


def test_a_push_in_xml_is_read_too(pushed):
    data = (ITEMS / "en-nitf-wildfire.xml").read_bytes()

    response = Client().post(
        "/wire/push/push-wire/", data, content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {SECRET}"
    )

    assert response.status_code == HTTPStatus.ACCEPTED


@pytest.mark.parametrize("secret", ["", "wrong", SECRET.upper()])
def test_a_push_without_the_secret_is_unauthorized_and_stores_nothing(pushed, secret):
    response = push(quake(), secret=secret)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not WireItem.objects.exists()


def test_a_source_with_no_secret_set_takes_no_push():
    WireSource.objects.create(name="New", slug="new-wire", kind=WireSource.Kind.PUSH)

    assert push(quake(), slug="new-wire").status_code == HTTPStatus.UNAUTHORIZED


def test_an_unknown_inactive_or_other_kind_of_source_is_not_found(pushed, source):
    pushed.active = False
    pushed.save()

    assert push(quake()).status_code == HTTPStatus.NOT_FOUND
    assert push(quake(), slug="nobody").status_code == HTTPStatus.NOT_FOUND
    assert push(quake(), slug=source.slug).status_code == HTTPStatus.NOT_FOUND


def test_a_body_past_the_source_limit_is_too_large(pushed):
    pushed.settings = {"max_bytes": 100}
    pushed.save()

    response = push(quake())

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "100" in response.json()["error"]
    assert not WireItem.objects.exists()


def test_an_unreadable_item_is_quarantined_and_answered_with_the_reason(pushed):
    response = push(b'{"headline": "no identifier"}')

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "uri" in response.json()["error"]
    assert Quarantined.objects.get(source=pushed).reason_code == "not-ninjs"


def test_pushes_past_the_rate_are_refused_with_retry_after(pushed, settings):
    settings.DATELINE_WIRE_PUSH_RATE = "2/m"

    assert push(quake()).status_code == HTTPStatus.ACCEPTED
    assert push(quake()).status_code == HTTPStatus.OK
    refused = push(quake())

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(refused["Retry-After"]) > 0


def test_guessing_the_secret_is_rate_limited_too(pushed, settings):
    settings.DATELINE_WIRE_PUSH_RATE = "3/m"

    answers = [push(quake(), secret=f"guess-{number}").status_code for number in range(4)]

    assert answers == [HTTPStatus.UNAUTHORIZED] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]


def test_only_post_is_taken(pushed):
    assert Client().get("/wire/push/push-wire/").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_pushed_item_appears_in_the_wire_queue(pushed, editor):
    push(quake())
    client = Client()
    client.force_login(editor)

    page = client.get(reverse("wire:queue")).content.decode()

    assert WireItem.objects.get().headline in page


def test_the_newsroom_shows_the_push_address_and_an_editor_sets_a_secret_shown_once(pushed, editor):
    client = Client()
    client.force_login(editor)

    listing = client.get(reverse("wire:sources")).content.decode()
    assert "/wire/push/push-wire/" in listing

    page = client.post(reverse("wire:push_secret", args=[pushed.pk]))
    secret = BeautifulSoup(page.content, "html.parser").select_one(".wire-secret").get_text()

    assert push(quake(), secret=secret).status_code == HTTPStatus.ACCEPTED
    assert push(quake(), secret=SECRET).status_code == HTTPStatus.UNAUTHORIZED
    assert secret not in client.get(reverse("wire:sources")).content.decode()


def test_a_reporter_may_see_the_sources_but_not_set_a_secret(pushed, reporter):
    client = Client()
    client.force_login(reporter)

    assert client.get(reverse("wire:sources")).status_code == HTTPStatus.OK
    refused = client.post(reverse("wire:push_secret", args=[pushed.pk]))

    assert refused.status_code == HTTPStatus.FOUND  # Wagtail sends a refused user home
    assert b"wire-secret" not in refused.content
    assert push(quake()).status_code == HTTPStatus.ACCEPTED, "the agency's secret is unchanged"
