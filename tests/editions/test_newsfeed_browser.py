"""Two readers have pages of the English edition open in Chromium; an editor publishes a story in
the newsroom, in a third browser. Both readers' Newsfeed counters go up and the headline appears
in their panels, without a reload; opening the panel resets the counter.

The server is the real one (`tests.browser.server.granian_server`) reading the test database; the
test's writes commit (`committed_db`) so that it sees them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import EDITORS, ensure_roles
from tests.browser.journeys import sign_in_to_the_newsroom
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.browser


def reading(browser: Browser, server_url: str, path: str) -> Page:
    page = open_context(browser, server_url).new_page()
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-live-connected", "")
    return page


def publish_in_the_newsroom(browser: Browser, server_url: str, story_id: int, username: str) -> None:
    newsroom = open_context(browser, server_url).new_page()
    sign_in_to_the_newsroom(newsroom, username)
    newsroom.goto(f"/newsroom/pages/{story_id}/edit/")
    # "Publish" lives in the footer's "More actions" menu.
    newsroom.get_by_role("button", name="More actions").click()
    newsroom.get_by_role("button", name="Publish").click()
    expect(newsroom.locator(".messages")).to_contain_text("published")
    newsroom.context.close()


def test_a_story_published_in_the_newsroom_counts_up_on_open_pages(browser: Browser, server_url: str) -> None:
    editions = ensure_editions()
    ensure_roles()
    ArticleFactory(title="Harbour pilots return to work in Gdańsk", section="world")
    editor = UserFactory(username="desk-editor", groups=[EDITORS])
    draft = ArticleFactory(title="Night trains to return to the Alpine line", section="society", live=False)
    home = reading(browser, server_url, editions["en"].url)
    story = reading(browser, server_url, "/en/world/")
    for page in (home, story):
        expect(page.locator("[data-newsfeed-count]")).to_be_hidden()

    publish_in_the_newsroom(browser, server_url, draft.pk, editor.username)

    for page in (home, story):
        expect(page.locator("[data-newsfeed-count]")).to_have_text("1")
        expect(page.locator("[data-newsfeed-list] li").first).to_contain_text("Night trains to return")
    home.locator("summary.newsfeed__toggle").click()
    expect(home.locator("[data-newsfeed-list]")).to_be_visible()
    expect(home.locator("[data-newsfeed-count]")).to_be_hidden()
    # The other reader has not opened the panel: their count stays.
    expect(story.locator("[data-newsfeed-count]")).to_have_text("1")
