"""A reader moves between editions, reads the right-to-left one, and mistypes an address."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP
from tests.browser.stories import ReaderSite

pytestmark = pytest.mark.browser


def switch_to_russian(page: Page) -> None:
    editions = page.get_by_role("navigation", name="Editions")
    editions.get_by_role("link", name="Русский").click()


def test_switching_to_russian_on_a_translated_story_opens_its_russian_version(
    page: Page, reader_site: ReaderSite
) -> None:
    page.goto(reader_site.top_story.path)

    switch_to_russian(page)

    russian = reader_site.russian_top_story
    expect(page).to_have_url(re.compile(re.escape(russian.path) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(russian.headline)


def test_switching_to_russian_on_an_untranslated_story_opens_the_russian_front_page(
    page: Page, reader_site: ReaderSite
) -> None:
    page.goto(reader_site.story_without_translation.path)

    switch_to_russian(page)

    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_arabic_pages_read_right_to_left(page: Page, reader_site: ReaderSite) -> None:
    for path in ("/ar/", reader_site.arabic_story_path):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("html")).to_have_attribute("lang", "ar")

    # Mirrored, not just re-labelled: the masthead starts on the right, the quote rule too.
    brand = page.locator(".masthead .brand").bounding_box()
    assert brand is not None and brand["x"] > DESKTOP["width"] / 2
    quote = page.locator("figure.quote")
    expect(quote.locator("figcaption")).to_contain_text(reader_site.arabic_quote_speaker)
    assert quote.evaluate("figure => getComputedStyle(figure).borderRightWidth") == "4px"
    assert quote.evaluate("figure => getComputedStyle(figure).borderLeftWidth") == "0px"


def test_unknown_address_shows_the_styled_not_found_page_with_the_site_header(
    page: Page, reader_site: ReaderSite
) -> None:
    response = page.goto("/en/world/no-such-story/")

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    sections = page.get_by_role("navigation", name="Sections", exact=True)
    expect(sections.get_by_role("link")).to_have_text(reader_site.section_names)
    # Styled like every other page: the stylesheet draws the masthead's rule.
    masthead = page.locator("header.masthead")
    assert masthead.evaluate("header => getComputedStyle(header).borderBottomWidth") == "3px"
    expect(page.get_by_role("link", name="Go to the front page")).to_have_attribute("href", "/en/")


def test_unknown_address_in_the_russian_edition_keeps_the_russian_header(
    page: Page, reader_site: ReaderSite
) -> None:
    response = page.goto("/ru/no-such-page/")

    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    sections = page.locator("header nav.sections")
    expect(sections.get_by_role("link")).to_have_text(reader_site.russian_section_names)
