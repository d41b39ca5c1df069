"""Sources are configured in the newsroom: an administrator adds and changes them (a source names a
directory on the server or an address it calls), an editor sees them and hands out push secrets."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from dateline.newsroom.roles import ADMINISTRATORS
from dateline.wire.models import WireSource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(roles):
    client = Client()
    client.force_login(UserFactory(username="administrator", groups=[ADMINISTRATORS]))
    return client


def add_form(**fields) -> dict[str, str]:
    return {
        "name": "Example Wire",
        "slug": "example-wire",
        "kind": WireSource.Kind.FEED,
        "active": "on",
        "settings": '{"url": "https://wire.example.org/world.rss", "interval_seconds": 120}',
        "field_mapping": "{}",
    } | fields


def test_an_administrator_adds_a_feed_from_the_newsroom(administrator):
    response = administrator.post(reverse("wire_sources:add"), add_form())

    assert response.status_code == HTTPStatus.FOUND
    source = WireSource.objects.get(slug="example-wire")
    assert source.settings["url"] == "https://wire.example.org/world.rss"
    assert source.poll_interval() == 120


def test_a_polled_source_without_an_http_address_is_refused_with_a_reason(administrator):
    response = administrator.post(
        reverse("wire_sources:add"), add_form(settings='{"url": "file:///etc/passwd"}')
    )

    assert response.status_code == HTTPStatus.OK
    assert "http:// or https://" in response.content.decode()
    assert not WireSource.objects.exists()


def test_an_editor_may_not_add_or_change_sources(editor):
    source = WireSource.objects.create(name="Push", slug="push", kind=WireSource.Kind.PUSH)
    client = Client()
    client.force_login(editor)

    listing = client.get(reverse("wire:sources")).content.decode()
    client.post(reverse("wire_sources:add"), add_form())
    client.post(reverse("wire_sources:edit", args=[source.pk]), add_form(kind=WireSource.Kind.DIRECTORY))

    assert reverse("wire_sources:add") not in listing
    assert list(WireSource.objects.values_list("slug", "kind")) == [("push", WireSource.Kind.PUSH)]
    assert "Set a new secret" in listing


def test_the_sources_page_shows_a_failing_source_and_its_next_try(editor):
    WireSource.objects.create(
        name="Example Wire",
        slug="example-wire",
        kind=WireSource.Kind.HTTP,
        settings={"url": "https://wire.example.org/item.json"},
        failures=2,
        last_error="wire.example.org answered with HTTP status 503.",
    )
    client = Client()
    client.force_login(editor)

    page = client.get(reverse("wire:sources")).content.decode()

    assert "Failed 2 times in a row" in page
    assert "HTTP status 503" in page
