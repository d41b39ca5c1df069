"""A reader reads a story, scrolls to its end and keeps reading the next ones."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.stories import ReaderSite

pytestmark = pytest.mark.browser

MAX_STORIES = 10
# Time for a story stream that should stay still to overreach, were it going to.
SETTLE_MS = 1000


def url_ending_with(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(path) + "$")


def scroll_to_the_end(page: Page) -> None:
    # Measured against the page as it is now: a key press right after a story arrives may be
    # carried out against the layout from before it.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")


def test_story_shows_headline_lede_dateline_and_quote(page: Page, reader_site: ReaderSite) -> None:
    story = reader_site.top_story

    page.goto(story.path)

    article = page.locator("article[data-story]")
    expect(article.get_by_role("heading", level=1)).to_have_text(story.headline)
    expect(article.locator(".story__lede")).to_have_text(story.lede)
    first_paragraph = article.locator(".story__body > p").first
    expect(first_paragraph.locator(".dateline")).to_have_text(story.dateline)
    expect(first_paragraph).to_have_text(re.compile("^" + re.escape(story.dateline) + r" \w"))
    quote = article.locator("figure.quote")
    expect(quote.locator("blockquote")).to_have_text(story.quote.text)
    expect(quote.locator("figcaption")).to_have_text(f"{story.quote.speaker}, {story.quote.role}")


def test_next_story_loads_below_and_the_address_follows_the_story_in_view(
    page: Page, reader_site: ReaderSite
) -> None:
    first, second = reader_site.world_stories[:2]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    held: list[Route] = []
    # Hold the next story's request, so that the loader can be seen before the story arrives.
    page.route(url_ending_with(second.path), lambda route: held.append(route))
    page.goto(first.path)
    stories = page.locator("article[data-story]")
    expect(stories).to_have_count(1)

    scroll_to_the_end(page)

    loader = page.get_by_role("status")
    expect(loader).to_be_visible()
    expect(loader).to_have_text("Loading the next story…")
    assert len(held) == 1
    held[0].continue_()
    expect(stories).to_have_count(2)
    expect(loader).to_have_count(0)
    expect(stories.nth(1).get_by_role("heading", level=1)).to_have_text(second.headline)

    stories.nth(1).evaluate("story => story.scrollIntoView()")
    expect(page).to_have_url(url_ending_with(second.path))
    expect(page).to_have_title(f"{second.headline} — Dateline")
    assert page.evaluate("location.pathname") == second.path

    stories.nth(0).evaluate("story => story.scrollIntoView()")
    expect(page).to_have_url(url_ending_with(first.path))
    expect(page).to_have_title(f"{first.headline} — Dateline")
    assert errors == []


def test_story_stream_stops_after_ten_stories_and_keeps_a_plain_next_link(
    page: Page, reader_site: ReaderSite
) -> None:
    page.goto(reader_site.top_story.path)
    stories = page.locator("article[data-story]")

    for count in range(2, MAX_STORIES + 1):
        scroll_to_the_end(page)
        expect(stories).to_have_count(count)
    scroll_to_the_end(page)
    page.wait_for_timeout(SETTLE_MS)

    expect(stories).to_have_count(MAX_STORIES)
    expected = reader_site.world_stories[:MAX_STORIES]
    expect(stories.locator("h1")).to_have_text([story.headline for story in expected])
    last_link = stories.last.get_by_role("link", name=re.compile("^Next story"))
    expect(last_link).to_be_visible()
    expect(last_link).to_have_attribute("href", reader_site.world_stories[MAX_STORIES].path)
    # The links the stream followed made way for the stories they led to.
    expect(stories.first.locator(".story__next")).to_be_hidden()


def test_without_javascript_next_story_is_a_plain_link(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite
) -> None:
    first, second = reader_site.world_stories[:2]
    page = new_context(java_script_enabled=False).new_page()
    page.goto(first.path)

    page.get_by_role("link", name=re.compile("^Next story")).click()

    expect(page).to_have_url(url_ending_with(second.path))
    expect(page.locator("article[data-story]")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(second.headline)
