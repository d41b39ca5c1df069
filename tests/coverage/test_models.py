"""What a live coverage is: a story with entries, pinned ones first, then the newest."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dateline.articles import listing
from dateline.coverage.models import LiveCoveragePage, LiveEntry, key_events
from tests.coverage.factories import CoverageFactory, EntryFactory
from tests.factories import locale

pytestmark = pytest.mark.usefixtures("editions")


def test_entries_are_listed_newest_first():
    coverage = CoverageFactory()
    older = EntryFactory(page=coverage, minutes_ago=30)
    newer = EntryFactory(page=coverage, minutes_ago=5)
    newest = EntryFactory(page=coverage, minutes_ago=1)

    assert list(LiveEntry.objects.for_page(coverage.pk)) == [newest, newer, older]


def test_pinned_entries_come_before_newer_ones():
    coverage = CoverageFactory()
    pinned = EntryFactory(page=coverage, minutes_ago=60, is_pinned=True)
    newest = EntryFactory(page=coverage, minutes_ago=1)

    assert list(LiveEntry.objects.for_page(coverage.pk)) == [pinned, newest]


def test_key_events_are_newest_first_whatever_is_pinned():
    coverage = CoverageFactory()
    early = EntryFactory(page=coverage, minutes_ago=60, is_key_event=True, is_pinned=True)
    ordinary = EntryFactory(page=coverage, minutes_ago=30)
    late = EntryFactory(page=coverage, minutes_ago=5, is_key_event=True)

    entries = list(LiveEntry.objects.for_page(coverage.pk))

    assert key_events(entries) == [late, early]
    assert ordinary in entries


def test_an_entry_without_headline_is_named_by_its_first_words():
    entry = EntryFactory(
        body="<p>Ferries to the islands are cancelled until Friday &amp; the port is closed to all "
        "shipping while the storm passes over the bay.</p>"
    )

    assert entry.summary == "Ferries to the islands are cancelled until Friday & the port is closed to…"
    assert EntryFactory(headline="Port closed", page=entry.page).summary == "Port closed"


def test_an_entry_needs_something_to_say():
    entry = LiveEntry(page=CoverageFactory(), body="<p></p>")

    with pytest.raises(ValidationError, match="Write some text"):
        entry.full_clean()


def test_a_quote_needs_its_speaker():
    entry = LiveEntry(page=CoverageFactory(), quote_text="We are ready for the night.")

    with pytest.raises(ValidationError) as raised:
        entry.full_clean()

    assert "quote_speaker" in raised.value.message_dict


def test_a_coverage_is_a_story_of_its_section_and_edition():
    coverage = CoverageFactory(section="world")

    stories = listing.published_stories(locale("en").pk)

    assert coverage.pk in {story.pk for story in stories}
    assert coverage.section.slug == "world"


def test_a_coverage_needs_no_background_text():
    coverage = CoverageFactory(body=[])

    assert coverage.live
    assert coverage.status == LiveCoveragePage.Status.LIVE
    assert coverage.is_running
