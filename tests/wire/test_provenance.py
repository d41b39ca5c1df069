"""A story made from an agency's item keeps where it came from: its page's JSON-LD names the agency
and the item's identifier and version (the content API's ninjs does too: tests/api/test_ninjs.py),
and the newsroom's editor shows it."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from dateline.wire.models import WireSource, WireUse
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")


def json_ld(story) -> dict:
    page = BeautifulSoup(Client().get(story.url).content, "html.parser")
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


@pytest.fixture
def agency() -> WireSource:
    return WireSource.objects.create(name="Example Wire", slug="example-wire", kind=WireSource.Kind.FEED)


def test_the_story_page_says_what_agency_item_and_version_it_is_based_on(agency):
    story = ArticleFactory()
    WireUse.objects.create(story=story, source=agency, uri="https://wire.example.org/world/rates", version=3)

    data = json_ld(story)

    assert data["sourceOrganization"] == {"@type": "Organization", "name": "Example Wire"}
    assert data["isBasedOn"] == [
        {
            "@type": "CreativeWork",
            "identifier": "https://wire.example.org/world/rates",
            "version": "3",
            "publisher": {"@type": "Organization", "name": "Example Wire"},
            "url": "https://wire.example.org/world/rates",
        }
    ]


def test_an_agency_name_with_markup_stays_inside_the_json(agency):
    agency.name = "</script><script>alert(1)</script>"
    agency.save()
    story = ArticleFactory()
    WireUse.objects.create(story=story, source=agency, uri="urn:x:1", version=1)

    assert json_ld(story)["sourceOrganization"]["name"] == "</script><script>alert(1)</script>"


def test_a_story_of_the_newsroom_own_is_based_on_nothing(agency):
    data = json_ld(ArticleFactory())

    assert "isBasedOn" not in data and "sourceOrganization" not in data


def test_the_story_editor_shows_the_agency_item_and_version_used(agency, editor):
    story = ArticleFactory()
    WireUse.objects.create(story=story, source=agency, uri="urn:newsml:wire.example.org:quake", version=2)
    client = Client()
    client.force_login(editor)

    notes = client.get(reverse("wire:story_alerts", args=[story.pk])).content.decode()

    assert "Example Wire" in notes and "urn:newsml:wire.example.org:quake" in notes
