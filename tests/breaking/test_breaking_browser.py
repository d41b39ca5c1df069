"""Readers with pages open see a breaking-news banner come and go live, and can dismiss it.

The editor's side runs in this process: its writes must commit for the server to read them, so
the test is transactional (on SQLite the usual per-test transaction would also hold the write
lock), and they run on a thread of their own, out of Playwright's event loop. A transactional
test empties the database when it ends, so this journey is one test, run after the package's
other tests (see conftest.py); the browser fixtures then put the database back as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from dateline.articles.models import ArticlePage
from dateline.breaking import actions
from dateline.breaking.models import BreakingNews
from tests.browser.journeys import committed
from tests.browser.stories import ReaderSite, Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def english_story(story: Story) -> ArticlePage:
    slug = story.path.rstrip("/").rsplit("/", 1)[-1]
    return ArticlePage.objects.get(slug=slug, locale__language_code="en")


def breaking_banner(page: Page) -> Locator:
    return page.get_by_role("region", name="Breaking news")


def open_live(context: BrowserContext, path: str, errors: list[str]) -> Page:
    """A reader's tab on `path`, once its live connection is up; script errors go to `errors`."""
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{path}: {error}"))
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-live-connected", "")
    return page


def test_readers_see_breaking_news_come_and_go_live_and_can_dismiss_it(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite
) -> None:
    breaking_story = reader_site.world_stories[1]
    errors: list[str] = []
    dismissing_reader = open_live(new_context(), reader_site.top_story.path, errors)
    reader_context = new_context()
    reader = open_live(reader_context, reader_site.world_section_path, errors)
    # This reader's clock is the test's, so the alert's end can be reached without waiting.
    clocked_context = new_context()
    clocked_context.clock.install()
    clocked_reader = open_live(clocked_context, reader_site.top_story.path, errors)
    expect(breaking_banner(reader)).to_have_count(0)

    alert = committed(
        lambda: actions.do_mark_breaking(
            english_story(breaking_story), user=None, headline="Harbour cranes halted by <storm>", hours=2
        )
    )

    for page in (dismissing_reader, reader, clocked_reader):
        banner = breaking_banner(page)
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("Breaking")
        link = banner.get_by_role("link", name="Harbour cranes halted by <storm>")
        expect(link).to_have_attribute("href", breaking_story.path)

    accessibility = Axe().run(reader).response["violations"]
    assert not [v["id"] for v in accessibility if v["impact"] in {"serious", "critical"}]

    # Its time is up on one page: nobody cleared it and no worker ran, the page itself knows.
    clocked_reader.clock.fast_forward(int(timedelta(hours=2, minutes=1).total_seconds() * 1000))
    expect(breaking_banner(clocked_reader)).to_have_count(0)
    expect(breaking_banner(reader)).to_be_visible()

    breaking_banner(dismissing_reader).get_by_role("button", name="Dismiss this alert").click()
    expect(breaking_banner(dismissing_reader)).to_have_count(0)
    expect(breaking_banner(reader)).to_be_visible()

    # The next page comes with the banner from the server; the dismissal keeps it hidden there.
    assert "Harbour cranes halted by &lt;storm&gt;" in dismissing_reader.request.get("/en/").text()
    dismissing_reader.goto("/en/")
    expect(dismissing_reader.locator("body")).to_have_attribute("data-live-connected", "")
    expect(breaking_banner(dismissing_reader)).to_have_count(0)
    # …while a reader who did not dismiss it finds it on every page.
    front_page = open_live(reader_context, "/en/", errors)
    expect(breaking_banner(front_page)).to_be_visible()

    committed(lambda: actions.do_clear_breaking(BreakingNews.objects.get(pk=alert.pk), user=None))

    expect(breaking_banner(reader)).to_have_count(0)
    expect(breaking_banner(front_page)).to_have_count(0)
    assert errors == []
