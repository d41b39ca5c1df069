"""A reader follows a live coverage in Chromium while the newsroom writes it.

The server is the real one the browser tests use (`tests.browser.server.granian_server`), reading
the test database. The newsroom's side is `dateline.coverage.actions`, called from the test: each
test's writes really commit (`committed_db`), so that the server sees them, and each test starts
from the freshly migrated database again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from dateline.coverage import actions
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.editions.models import SectionPage
from dateline.editions.setup import ensure_editions
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401

pytestmark = pytest.mark.browser

# Enough entries for a reader to scroll well past the top of the list.
LONG_COVERAGE_ENTRIES = 14
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def reader(browser: Browser, server_url: str) -> Iterator[Page]:
    """A tab in a fresh desktop browser whose reader prefers English."""
    context = open_context(browser, server_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def world(reader: Page) -> SectionPage:
    """The World section of the English edition."""
    ensure_editions()
    return SectionPage.objects.get(locale__language_code="en", slug="world")


def publish_coverage(section: SectionPage, title: str, entries: int) -> LiveCoveragePage:
    """A running coverage with `entries` entries, ten minutes apart, every fifth a key event.

    Titles, and so addresses, differ from test to test: the server's page cache outlives a test.
    """
    coverage = LiveCoveragePage(
        title=title,
        lede="Gales and high water along the coast; the ports are closed and trains cancelled.",
        dateline_place="Valparaíso",
        body=[],
    )
    section.add_child(instance=coverage)
    coverage.save_revision().publish()
    start = timezone.now() - timedelta(hours=3)
    for number in range(entries):
        LiveEntry.objects.create(
            page=coverage,
            created_at=start + timedelta(minutes=10 * number),
            headline=f"Update {number + 1}",
            body="<p>The wind turned north-west in the early hours and the harbour office raised "
            "the storm signal again; crews are checking moorings along the whole sea front, "
            "and residents of the low streets have been asked to move their cars uphill.</p>",
            is_key_event=number % 5 == 0,
        )
    return LiveCoveragePage.objects.get(pk=coverage.pk)


def open_live(reader: Page, path: str) -> None:
    reader.goto(path)
    # The page is listening once the stream has said it is ready.
    expect(reader.locator("body")).to_have_attribute("data-live-connected", "")


def entries(reader: Page) -> Locator:
    return reader.locator("[data-coverage-entries] > article")


def add_entry(coverage: LiveCoveragePage, **fields: Any) -> LiveEntry:
    return actions.do_add_entry(LiveEntry(page=coverage, **fields))


def change_entry(entry_id: int, **changes: Any) -> LiveEntry:
    entry = LiveEntry.objects.get(pk=entry_id)
    for name, value in changes.items():
        setattr(entry, name, value)
    return actions.do_change_entry(entry, changed_fields=changes)


def test_a_new_entry_appears_at_the_top_and_an_edit_updates_it_in_place(
    reader: Page, world: SectionPage
) -> None:
    coverage = publish_coverage(world, "Storm Amaru reaches the coast", entries=3)
    errors: list[str] = []
    reader.on("pageerror", lambda error: errors.append(str(error)))
    open_live(reader, coverage.url)
    expect(entries(reader)).to_have_count(3)

    entry = add_entry(
        coverage,
        headline="Sea wall holds at high tide",
        body="<p>The water stopped a hand's breadth below the top of the wall.</p>",
        is_key_event=True,
    )

    expect(entries(reader)).to_have_count(4)
    first = entries(reader).first
    expect(first).to_have_attribute("id", f"entry-{entry.pk}")
    expect(first).to_contain_text("The water stopped a hand's breadth below the top of the wall.")
    key_events = reader.locator("[data-coverage-key-list] a")
    expect(key_events.first).to_have_attribute("href", f"#entry-{entry.pk}")
    expect(key_events.first).to_contain_text("Sea wall holds at high tide")

    change_entry(
        entry.pk,
        body="<p>The water stopped two hands' breadth below the top of the wall.</p>",
        corrected=True,
    )

    expect(first).to_contain_text("two hands' breadth")
    expect(first.locator(".entry__note")).to_contain_text("Corrected")
    expect(entries(reader)).to_have_count(4)
    expect(entries(reader).first).to_have_attribute("id", f"entry-{entry.pk}")

    actions.do_delete_entry(LiveEntry.objects.get(pk=entry.pk))

    expect(reader.locator(f"#entry-{entry.pk}")).to_have_count(0)
    expect(reader.locator(f'[data-coverage-key-list] a[href="#entry-{entry.pk}"]')).to_have_count(0)
    expect(entries(reader)).to_have_count(3)
    assert errors == []


def test_a_reader_further_down_is_offered_new_updates_instead_of_a_jump(
    reader: Page, world: SectionPage
) -> None:
    coverage = publish_coverage(
        world, "Storm Amaru: the night on the sea front", entries=LONG_COVERAGE_ENTRIES
    )
    open_live(reader, coverage.url)
    being_read = entries(reader).last
    being_read.scroll_into_view_if_needed()
    where_it_was = being_read.bounding_box()
    button = reader.locator("[data-coverage-new]")
    expect(button).to_be_hidden()

    first = add_entry(coverage, body="<p>Ferries will not sail before Friday.</p>")
    second = add_entry(coverage, body="<p>The coast road is open again.</p>")

    expect(button).to_have_text("2 new updates")
    expect(button).to_be_in_viewport()
    expect(reader.locator(f"#entry-{first.pk}")).to_have_count(0)
    assert being_read.bounding_box() == where_it_was

    button.click()

    expect(button).to_be_hidden()
    expect(entries(reader).nth(0)).to_have_attribute("id", f"entry-{second.pk}")
    expect(entries(reader).nth(1)).to_have_attribute("id", f"entry-{first.pk}")
    expect(entries(reader).first).to_be_in_viewport()


def test_when_the_coverage_ends_the_open_page_stops_being_live(reader: Page, world: SectionPage) -> None:
    coverage = publish_coverage(world, "Storm Amaru moves inland", entries=2)
    open_live(reader, coverage.url)
    badge = reader.locator("[data-coverage-badge]")
    expect(badge).to_have_text(re.compile("live", re.IGNORECASE))
    note = reader.locator("[data-coverage-ended-note]")
    expect(note).to_be_hidden()

    coverage.status = LiveCoveragePage.Status.ENDED
    coverage.save_revision().publish()

    expect(note).to_be_visible()
    expect(note).to_have_text("This live coverage has ended.")
    expect(badge).to_have_count(0)

    reader.reload()

    expect(reader.locator("[data-coverage-ended-note]")).to_be_visible()
    assert f"coverage:{coverage.pk}" not in (reader.locator("body").get_attribute("data-live-streams") or "")


def test_a_live_coverage_has_no_serious_accessibility_violations(reader: Page, world: SectionPage) -> None:
    coverage = publish_coverage(world, "Storm Amaru: what we know", entries=6)
    open_live(reader, coverage.url)

    results = Axe().run(reader)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in blocking)
