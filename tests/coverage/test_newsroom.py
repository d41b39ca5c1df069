"""Editors write, correct and delete live entries in the newsroom; readers hear of each change."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from dateline.coverage.models import LiveEntry
from dateline.live.models import Event
from tests.coverage.factories import CoverageFactory, EntryFactory

pytestmark = pytest.mark.usefixtures("editions")

FORM_ID = "w-editor-form"


def coverage_events(coverage) -> list[Event]:
    return list(Event.objects.filter(stream=f"coverage:{coverage.pk}").order_by("id"))


def add_url(coverage=None) -> str:
    url = reverse("live_entries:add")
    return f"{url}?page={coverage.pk}" if coverage else url


def entry_form(client, url: str):
    """The form as the newsroom shows it, as it would be submitted untouched."""
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return querydict_from_html(response.content.decode(), form_id=FORM_ID)


def test_the_add_form_starts_on_the_coverage_it_was_opened_from(client, editor):
    coverage = CoverageFactory()
    client.force_login(editor)

    data = entry_form(client, add_url(coverage))

    assert data["page"] == str(coverage.pk)


def test_an_editor_adds_an_entry_that_goes_out_live(client, editor):
    coverage = CoverageFactory()
    client.force_login(editor)
    data = entry_form(client, add_url(coverage))
    data["headline"] = "Bridge closed"
    data["body"] = rich_text("<p>The coast road bridge is closed to all traffic.</p>", features=["bold"])
    data["is_key_event"] = "on"

    response = client.post(add_url(), data)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("live_entries:index") + f"?page={coverage.pk}"
    entry = LiveEntry.objects.get(page=coverage)
    assert entry.headline == "Bridge closed" and entry.is_key_event
    [event] = coverage_events(coverage)
    assert event.kind == "entry" and event.payload["id"] == entry.pk
    assert "The coast road bridge is closed to all traffic." in event.payload["html"]


def test_an_entry_with_nothing_to_say_is_refused_and_nothing_goes_out(client, editor):
    coverage = CoverageFactory()
    client.force_login(editor)
    data = entry_form(client, add_url(coverage))

    response = client.post(add_url(), data)

    assert response.status_code == HTTPStatus.OK
    assert "Write some text, or add an image, an embed or a quote." in response.content.decode()
    assert not LiveEntry.objects.exists()
    assert coverage_events(coverage) == []


def test_an_editor_corrects_an_entry_in_place(client, editor):
    entry = EntryFactory(body="<p>Three ferries sank.</p>")
    client.force_login(editor)
    edit_url = reverse("live_entries:edit", args=[entry.pk])
    data = entry_form(client, edit_url)
    data["body"] = rich_text("<p>Three ferries broke their moorings.</p>")
    data["corrected"] = "on"

    response = client.post(edit_url, data)

    assert response.status_code == HTTPStatus.FOUND
    entry.refresh_from_db()
    assert entry.corrected and entry.edited_at is not None
    [event] = coverage_events(entry.page)
    assert event.kind == "entry" and event.payload["id"] == entry.pk
    html = BeautifulSoup(event.payload["html"], "html.parser")
    assert "Three ferries broke their moorings." in html.get_text()
    assert html.select_one(".entry__note").get_text().startswith("Corrected")


def test_an_editor_deletes_an_entry_and_open_pages_drop_it(client, editor):
    entry = EntryFactory()
    coverage, entry_id = entry.page, entry.pk
    client.force_login(editor)

    response = client.post(reverse("live_entries:delete", args=[entry_id]))

    assert response.status_code == HTTPStatus.FOUND
    assert not LiveEntry.objects.filter(pk=entry_id).exists()
    [event] = coverage_events(coverage)
    assert (event.kind, event.payload) == ("entry-removed", {"id": entry_id})


def test_the_entries_list_filters_by_coverage(client, editor):
    mine = EntryFactory(headline="Sandbags handed out")
    other = EntryFactory(headline="Schools closed tomorrow")
    client.force_login(editor)

    response = client.get(reverse("live_entries:index"), {"page": mine.page_id})

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Sandbags handed out" in content
    assert other.headline not in content
    assert add_url(mine.page) in content.replace("&amp;", "&")


def test_the_coverage_editor_links_to_its_live_entries(client, editor):
    coverage = CoverageFactory()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[coverage.pk]))

    content = response.content.decode().replace("&amp;", "&")
    assert reverse("live_entries:index") + f"?page={coverage.pk}" in content
    assert add_url(coverage) in content


def test_a_reporter_cannot_add_entries(client, reporter):
    coverage = CoverageFactory(owner=reporter)
    client.force_login(reporter)

    form = client.get(add_url(coverage))
    response = client.post(add_url(), {"page": coverage.pk, "body": rich_text("<p>Unchecked rumour.</p>")})

    # The newsroom turns the reporter back to its dashboard.
    assert (form.status_code, form["Location"]) == (HTTPStatus.FOUND, reverse("wagtailadmin_home"))
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, reverse("wagtailadmin_home"))
    assert not LiveEntry.objects.exists()
    assert coverage_events(coverage) == []


def test_a_reporter_editing_their_coverage_sees_no_live_entries_button(client, reporter):
    coverage = CoverageFactory(owner=reporter)
    client.force_login(reporter)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[coverage.pk]))

    assert response.status_code == HTTPStatus.OK
    assert reverse("live_entries:index") not in response.content.decode()
