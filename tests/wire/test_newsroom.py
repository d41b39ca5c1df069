"""The wire in the newsroom: the queue for staff (filters, search, pages, urgent and embargoed items),
an item's preview, the rows the page adds live; readers and strangers are kept out."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from dateline.wire import actions
from dateline.wire.ingest import ingest_directory
from dateline.wire.items import Block, ParsedItem, Picture
from dateline.wire.models import WireItem, WireSource
from tests.factories import UserFactory
from tests.wire.conftest import deliver

pytestmark = pytest.mark.django_db


def record(source: WireSource, uri: str, **fields) -> WireItem:
    (row,) = actions.do_record_items(source, [ParsedItem(format="ninjs", uri=uri, **fields)])
    return row


@pytest.fixture
def desk(client, reporter):
    client.force_login(reporter)
    return client


def test_staff_see_current_items_newest_first(desk, source, incoming):
    deliver(incoming, "en-ninjs3-quake-v1.json")
    deliver(incoming, "en-ninjs3-quake-v2.json")
    ingest_directory(source)
    record(source, "urn:test:later", headline="Harbour reopens after storm")

    response = desk.get(reverse("wire:queue"))

    assert response.status_code == HTTPStatus.OK
    items = list(response.context["page"].object_list)
    assert items[0].headline == "Harbour reopens after storm"
    quake_versions = [item.version for item in items if "quake" in item.uri]
    assert quake_versions == [2]  # the newer version replaces the older in the queue


def test_readers_and_strangers_are_kept_out_of_the_wire(client, source, roles):
    item = record(source, "urn:test:one", headline="Secret until published")
    urls = [
        reverse("wire:queue"),
        reverse("wire:item", args=[item.pk]),
        reverse("wire:new_rows"),
        reverse("wire:alerts"),
    ]
    for url in urls:
        assert client.get(url).status_code == HTTPStatus.FOUND
    client.force_login(UserFactory(username="mina"))
    for url in urls:
        response = client.get(url)
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        assert b"Secret until published" not in response.content
    refused = client.post(reverse("wire:use", args=[item.pk]), {"section": "1"})
    assert refused.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not WireItem.objects.get(pk=item.pk).uses.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"language": "ru"}, ["Метро"]),
        ({"urgency": "2"}, ["Flash: quake"]),
        ({"category": "SPO"}, ["Cup final"]),
        ({"q": "ЛИНИЯ"}, ["Метро"]),  # case-insensitive, in the body text
        ({"q": "penalty"}, ["Cup final"]),
        ({"period": "1h"}, ["Flash: quake", "Метро", "Cup final"]),
    ],
)
def test_the_queue_filters_by_language_urgency_category_time_and_text(desk, source, query, expected):
    record(
        source,
        "urn:test:cup",
        headline="Cup final",
        category="SPO",
        language="en",
        urgency=5,
        body=(Block("paragraph", "A late penalty decided it."),),
    )
    record(
        source,
        "urn:test:metro",
        headline="Метро",
        language="ru-RU",
        urgency=4,
        body=(Block("paragraph", "Новая линия открыта."),),
    )
    record(source, "urn:test:quake", headline="Flash: quake", language="en", urgency=1)
    old = record(source, "urn:test:old", headline="Old news", language="en", urgency=6)
    WireItem.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=2))

    response = desk.get(reverse("wire:queue"), query)

    assert [item.headline for item in response.context["page"].object_list] == expected


def test_the_queue_filters_by_agency(desk, source):
    other = WireSource.objects.create(name="Other Agency", slug="other", kind=WireSource.Kind.PUSH)
    record(source, "urn:test:a", headline="From ours")
    record(other, "urn:test:b", headline="From theirs")

    response = desk.get(reverse("wire:queue"), {"source": other.pk})

    assert [item.headline for item in response.context["page"].object_list] == ["From theirs"]


def test_bad_filter_values_are_reported_not_an_error_page(desk, source):
    record(source, "urn:test:a", headline="Still listed")

    response = desk.get(reverse("wire:queue"), {"source": "nine", "urgency": "x", "period": "forever"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["filters"].errors
    assert b"Still listed" in response.content


def test_the_queue_is_paginated(desk, source):
    for number in range(53):
        record(source, f"urn:test:{number}", headline=f"Item {number}")

    first = desk.get(reverse("wire:queue"))
    second = desk.get(reverse("wire:queue"), {"page": 2, "q": "item"})
    beyond = desk.get(reverse("wire:queue"), {"page": 3}, follow=True)
    not_a_page = desk.get(reverse("wire:queue"), {"page": "2; DROP"}, follow=True)

    assert len(first.context["page"].object_list) == 50
    assert 'page=2">Next' in first.content.decode()
    assert [item.headline for item in second.context["page"].object_list] == ["Item 2", "Item 1", "Item 0"]
    assert "Next" not in second.content.decode() and "Page 2" in second.content.decode()
    assert (beyond.status_code, not_a_page.status_code) == (HTTPStatus.NOT_FOUND, HTTPStatus.NOT_FOUND)


def test_hostile_agency_text_is_shown_as_text(desk, source):
    item = record(
        source,
        "urn:test:hostile",
        headline="<script>alert('wire')</script>",
        body=(Block("paragraph", "<img src=x onerror=alert(1)>"),),
        pictures=(Picture(href="https://example.org/p.jpg", caption="<b>cap</b>", credit="<i>Agency</i>"),),
    )

    for url in (reverse("wire:queue"), reverse("wire:item", args=[item.pk])):
        content = desk.get(url).content.decode()
        assert "<script>alert('wire')</script>" not in content
        assert "&lt;script&gt;alert(&#x27;wire&#x27;)&lt;/script&gt;" in content
    preview = desk.get(reverse("wire:item", args=[item.pk])).content.decode()
    assert "<img src=x" not in preview and "&lt;img src=x onerror=alert(1)&gt;" in preview
    assert "&lt;i&gt;Agency&lt;/i&gt;" in preview


def test_urgent_items_are_highlighted_and_embargoed_ones_show_their_embargo(desk, source):
    record(source, "urn:test:flash", headline="Flash", urgency=1)
    embargo = timezone.now() + timedelta(hours=3)
    record(source, "urn:test:embargo", headline="Budget", urgency=5, embargo=embargo)

    content = desk.get(reverse("wire:queue")).content.decode()

    flash_row = content[content.index('data-wire-item="') : content.index("Flash</a>")]
    assert "wire-urgent" in flash_row
    assert "Embargoed until" in content


def test_the_preview_shows_blocks_pictures_credits_and_versions(desk, source, incoming):
    deliver(incoming, "ru-newsml-g2-message.xml")
    deliver(incoming, "en-ninjs3-quake-v1.json")
    deliver(incoming, "en-ninjs3-quake-v2.json")
    ingest_directory(source)
    metro = WireItem.objects.get(uri="urn:newsml:primer-press.example.ru:20261206:metro-line")
    quake = WireItem.objects.get(uri__endswith="quake-hokkaido", current=True)

    metro_page = desk.get(reverse("wire:item", args=[metro.pk])).content.decode()
    quake_page = desk.get(reverse("wire:item", args=[quake.pk]))

    assert "Пётр Иванов" in metro_page  # who is quoted
    assert "Пример-Пресс / Сергей Орлов" in metro_page  # the picture's credit
    assert metro.blocks()[0].text[:40] in metro_page
    assert [version.version for version in quake_page.context["versions"]] == [2, 1]


def test_new_rows_are_those_after_the_top_one_and_match_the_filters(desk, source):
    top = record(source, "urn:test:top", headline="Shown already", language="en")
    record(source, "urn:test:new-en", headline="New in English", language="en")
    record(source, "urn:test:new-ru", headline="Новое", language="ru")

    response = desk.get(reverse("wire:new_rows"), {"after": top.pk, "language": "en"})

    content = response.content.decode()
    assert "New in English" in content
    assert "Shown already" not in content and "Новое" not in content


def test_a_failing_source_is_reported_on_the_queue(desk, source):
    WireSource.objects.filter(pk=source.pk).update(failures=2, last_error="FileNotFoundError: gone")

    content = desk.get(reverse("wire:queue")).content.decode()

    assert "Example Wire" in content and "FileNotFoundError: gone" in content


def test_every_newsroom_page_follows_the_wire_stream(desk):
    content = desk.get(reverse("wagtailadmin_home")).content.decode()

    assert 'data-wire-stream="wire:desk"' in content
    assert reverse("wire:queue") in content
