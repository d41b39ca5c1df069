"""A new reader opens the site's address and lands on the front page of their edition."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.stories import ReaderSite

pytestmark = pytest.mark.browser


def test_reader_preferring_english_lands_on_the_english_front_page(
    page: Page, reader_site: ReaderSite
) -> None:
    page.goto("/")

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    sections = page.get_by_role("navigation", name="Sections", exact=True)
    expect(sections.get_by_role("link")).to_have_text(reader_site.section_names)
    top_story = page.get_by_role("region", name="Top story")
    expect(top_story.get_by_role("heading", level=2)).to_have_text(reader_site.top_story.headline)


def test_reader_opens_the_top_story_from_the_front_page(page: Page, reader_site: ReaderSite) -> None:
    page.goto("/")

    page.get_by_role("region", name="Top story").get_by_role("link").first.click()

    expect(page).to_have_url(re.compile(re.escape(reader_site.top_story.path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(reader_site.top_story.headline)


def test_reader_preferring_russian_lands_on_the_russian_front_page(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite
) -> None:
    page = new_context(locale="ru-RU").new_page()

    page.goto("/")

    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    sections = page.locator("header nav.sections")
    expect(sections.get_by_role("link")).to_have_text(reader_site.russian_section_names)
