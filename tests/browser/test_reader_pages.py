"""The reader's system setting chooses a light or a dark page, a printed story is the story alone,
and the pages about the publication and the edition's indexes read well in both."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.stories import ReaderSite

pytestmark = pytest.mark.browser

LIGHT_PAPER = "rgb(251, 250, 247)"
DARK_PAPER = "rgb(18, 18, 18)"


def background_of(page: Page, selector: str) -> str:
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).backgroundColor")


@pytest.mark.parametrize(("scheme", "paper"), [("light", LIGHT_PAPER), ("dark", DARK_PAPER)])
def test_the_page_follows_the_readers_colour_scheme(
    new_context: Callable[..., BrowserContext],
    reader_site: ReaderSite,
    screenshots: Path,
    scheme: str,
    paper: str,
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(reader_site.top_story.path)

    assert background_of(page, "body") == paper
    page.screenshot(path=str(screenshots / f"story-{scheme}.png"))


def test_a_printed_story_leaves_out_the_site_around_it(page: Page, reader_site: ReaderSite) -> None:
    page.goto(reader_site.top_story.path)
    page.emulate_media(media="print")

    expect(page.locator(".story__headline")).to_be_visible()
    expect(page.locator(".story__body")).to_be_visible()
    for around in (".sections", ".masthead__tools", ".share", ".discussion", ".story__next"):
        expect(page.locator(around).first).to_be_hidden()
    assert background_of(page, "body") == "rgb(255, 255, 255)"


@pytest.mark.parametrize(
    "path", ["/en/about/", "/en/privacy/", "/en/tags/", "/en/authors/", "/en/archive/", "/ar/terms/"]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_about_the_publication_and_the_indexes_are_reached_from_the_footer(
    new_context: Callable[..., BrowserContext],
    reader_site: ReaderSite,
    screenshots: Path,
    path: str,
    scheme: str,
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    edition_home = "/" + path.split("/")[1] + "/"
    page.goto(edition_home)

    page.locator(f".site-footer a[href='{path}']").click()

    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.locator("main h1")).to_be_visible()
    page.screenshot(
        path=str(screenshots / f"{path.strip('/').replace('/', '-')}-{scheme}.png"), full_page=True
    )
