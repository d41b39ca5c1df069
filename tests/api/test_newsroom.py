"""API keys in the newsroom: an administrator makes one and sees it once, the list never shows it
again, and revoking it stops it working at once."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from dateline.api.models import ApiKey
from dateline.newsroom.roles import ADMINISTRATORS
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("editions")


@pytest.fixture
def administrator(client, roles):
    user = UserFactory(groups=[ADMINISTRATORS])
    client.force_login(user)
    return user


def make_key(client, **fields) -> tuple[ApiKey, str]:
    response = client.post(
        reverse("api_keys:add"), {"name": "Partner Daily", "scope": "full", "rate": "600/m", **fields}
    )
    assert response.status_code == HTTPStatus.OK, response.content
    page = response.content.decode()
    raw = re.search(r'value="(dl_[^"]+)"', page).group(1)
    return ApiKey.objects.get(name=fields.get("name", "Partner Daily")), raw


def test_an_administrator_makes_a_key_and_sees_it_once(client, administrator):
    key, raw = make_key(client)

    assert key.scope == ApiKey.Scope.FULL_TEXT
    assert key.created_by == administrator
    listing = client.get(reverse("api_keys:index")).content.decode()
    assert "Partner Daily" in listing
    assert reverse("api_keys:revoke", args=[key.pk]) in listing
    assert raw not in listing
    assert raw not in client.get(reverse("api_keys:edit", args=[key.pk])).content.decode()
    client.logout()
    assert client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == HTTPStatus.OK


def test_the_page_showing_the_key_is_never_cached(client, administrator):
    response = client.post(reverse("api_keys:add"), {"name": "Wire", "scope": "metadata", "rate": "60/m"})

    assert "no-store" in response["Cache-Control"]


def test_a_rate_that_does_not_parse_is_refused_with_a_message(client, administrator):
    response = client.post(reverse("api_keys:add"), {"name": "Wire", "scope": "metadata", "rate": "lots"})

    assert response.status_code == HTTPStatus.OK
    assert "e.g. 600/m" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_revoking_a_key_asks_first_then_stops_it(client, administrator):
    key, raw = make_key(client)
    address = reverse("api_keys:revoke", args=[key.pk])

    assert "Revoke the key" in client.get(address).content.decode()
    assert client.post(address).status_code == HTTPStatus.FOUND

    key.refresh_from_db()
    assert key.revoked_at is not None
    client.logout()
    assert (
        client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
        == HTTPStatus.UNAUTHORIZED
    )


def test_reporters_cannot_see_or_make_keys(client, reporter):
    client.force_login(reporter)

    assert client.get(reverse("api_keys:index")).status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    response = client.post(reverse("api_keys:add"), {"name": "Mine", "scope": "full", "rate": "600/m"})
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not ApiKey.objects.exists()
    key = ApiKey.objects.create(name="Partner", prefix="abc", digest="0" * 64)
    client.post(reverse("api_keys:revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is None
