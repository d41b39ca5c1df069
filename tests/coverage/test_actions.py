"""Writing entries tells the readers of the coverage, once the change commits, and only then."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.db import transaction

from dateline.core import cache_tags
from dateline.coverage import actions
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.live.models import Event
from tests.coverage.factories import CoverageFactory, EntryFactory

pytestmark = pytest.mark.usefixtures("editions")


def events_on(stream: str) -> list[Event]:
    return list(Event.objects.filter(stream=stream).order_by("id"))


def purged_tags() -> set[str]:
    return {tag for event in Event.objects.filter(stream="cache") for tag in event.payload["tags"]}


def rendered(payload: dict[str, Any]) -> BeautifulSoup:
    return BeautifulSoup(payload["html"], "html.parser")


class Boom(Exception):
    pass


# --- adding ---------------------------------------------------------------------------------------


def test_adding_an_entry_sends_it_rendered_to_the_coverage_stream(django_capture_on_commit_callbacks):
    coverage = CoverageFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        entry = actions.do_add_entry(
            LiveEntry(page=coverage, body="<p>The sea wall has held at high tide.</p>", is_key_event=True)
        )

    assert callbacks, "readers are woken when the entry commits"
    [event] = events_on(f"coverage:{coverage.pk}")
    assert event.kind == "entry"
    assert event.payload["id"] == entry.pk
    assert event.payload["key_event"] is True
    assert event.payload["pinned"] is False
    assert event.payload["created_at"] == entry.created_at.isoformat()
    article = rendered(event.payload).select_one("article")
    assert article["id"] == f"entry-{entry.pk}"
    assert "The sea wall has held at high tide." in article.get_text()
    assert BeautifulSoup(event.payload["key_event_html"], "html.parser").a["href"] == f"#entry-{entry.pk}"


def test_adding_an_entry_purges_the_cached_coverage_page():
    coverage = CoverageFactory()

    actions.do_add_entry(LiveEntry(page=coverage, body="<p>Trains stopped.</p>"))

    assert cache_tags.page(coverage.pk) in purged_tags()


def test_an_entry_that_rolls_back_sends_nothing(django_capture_on_commit_callbacks):
    coverage = CoverageFactory()
    before = Event.objects.count()

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(Boom), transaction.atomic():
        actions.do_add_entry(LiveEntry(page=coverage, body="<p>Never mind.</p>"))
        raise Boom

    assert Event.objects.count() == before
    assert not LiveEntry.objects.exists()
    assert not callbacks


def test_quote_and_speaker_are_escaped_in_the_sent_entry():
    coverage = CoverageFactory()

    actions.do_add_entry(
        LiveEntry(
            page=coverage,
            quote_text="<script>alert(1)</script> Stay indoors.",
            quote_speaker="<b>Mayor</b>",
            quote_role="city hall",
        )
    )

    [event] = events_on(f"coverage:{coverage.pk}")
    html = event.payload["html"]
    assert "<script>" not in html and "<b>Mayor</b>" not in html
    assert rendered(event.payload).select_one(".quote__speaker").get_text() == "<b>Mayor</b>"


def test_an_entry_that_is_no_key_event_has_no_key_event_line():
    coverage = CoverageFactory()

    actions.do_add_entry(LiveEntry(page=coverage, body="<p>Quiet for now.</p>"))

    [event] = events_on(f"coverage:{coverage.pk}")
    assert event.payload["key_event_html"] == ""


# --- changing -------------------------------------------------------------------------------------


def test_correcting_an_entry_sends_it_again_marked_corrected():
    entry = EntryFactory(body="<p>Winds of 210 km/h.</p>")
    entry.body = "<p>Winds of 120 km/h.</p>"
    entry.corrected = True

    actions.do_change_entry(entry, changed_fields=["body", "corrected"])

    [event] = events_on(f"coverage:{entry.page_id}")
    assert event.kind == "entry"
    assert event.payload["id"] == entry.pk
    article = rendered(event.payload)
    assert "Winds of 120 km/h." in article.get_text()
    assert article.select_one(".entry__note").get_text().startswith("Corrected")
    assert cache_tags.page(entry.page_id) in purged_tags()


def test_rewording_an_entry_shows_it_as_edited():
    entry = EntryFactory()
    entry.body = "<p>The river is now above its banks.</p>"

    actions.do_change_entry(entry, changed_fields=["body"])

    entry.refresh_from_db()
    assert entry.edited_at is not None
    [event] = events_on(f"coverage:{entry.page_id}")
    assert rendered(event.payload).select_one(".entry__note").get_text().startswith("Edited")


def test_pinning_an_entry_does_not_show_it_as_edited():
    entry = EntryFactory()
    entry.is_pinned = True

    actions.do_change_entry(entry, changed_fields=["is_pinned"])

    entry.refresh_from_db()
    assert entry.edited_at is None
    [event] = events_on(f"coverage:{entry.page_id}")
    assert event.payload["pinned"] is True
    assert rendered(event.payload).select_one(".entry__note") is None


def test_an_entry_moved_to_another_coverage_leaves_the_first_one():
    entry = EntryFactory()
    first = entry.page
    second = CoverageFactory()
    entry.page = second

    actions.do_change_entry(entry, changed_fields=["page"], previous_page_id=first.pk)

    [removed] = events_on(f"coverage:{first.pk}")
    assert (removed.kind, removed.payload) == ("entry-removed", {"id": entry.pk})
    [added] = events_on(f"coverage:{second.pk}")
    assert added.kind == "entry"


# --- deleting -------------------------------------------------------------------------------------


def test_deleting_an_entry_removes_it_from_open_pages():
    entry = EntryFactory()
    entry_id, page_id = entry.pk, entry.page_id

    actions.do_delete_entry(entry)

    assert not LiveEntry.objects.filter(pk=entry_id).exists()
    [event] = events_on(f"coverage:{page_id}")
    assert (event.kind, event.payload) == ("entry-removed", {"id": entry_id})
    assert cache_tags.page(page_id) in purged_tags()


# --- the coverage ending --------------------------------------------------------------------------


def end(coverage: LiveCoveragePage) -> None:
    coverage.status = LiveCoveragePage.Status.ENDED
    coverage.save_revision().publish()


def test_ending_a_coverage_tells_its_open_pages():
    coverage = CoverageFactory()

    end(coverage)

    [event] = events_on(f"coverage:{coverage.pk}")
    assert (event.kind, event.payload) == ("coverage-ended", {"id": coverage.pk})


def test_republishing_an_ended_coverage_does_not_end_it_again():
    coverage = CoverageFactory()
    end(coverage)
    coverage = LiveCoveragePage.objects.get(pk=coverage.pk)

    coverage.title = "Storm Amaru: the clean-up"
    coverage.save_revision().publish()

    assert [event.kind for event in events_on(f"coverage:{coverage.pk}")] == ["coverage-ended"]


def test_republishing_a_running_coverage_does_not_end_it():
    coverage = CoverageFactory()

    coverage.lede = "The storm is moving inland."
    coverage.save_revision().publish()

    assert events_on(f"coverage:{coverage.pk}") == []


def test_withdrawing_a_running_coverage_ends_it_for_open_pages():
    coverage = CoverageFactory()

    coverage.unpublish()

    assert [event.kind for event in events_on(f"coverage:{coverage.pk}")] == ["coverage-ended"]
