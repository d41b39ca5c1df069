"""A reader searches from the masthead, sees the words found marked, and is offered a spelling
when nothing is found; axe finds no serious problem on either page, in either colour scheme."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from dateline.search import indexing
from tests.browser.stories import ReaderSite
from tests.browser.test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def search_index(reader_site: ReaderSite, django_db_blocker: Any) -> Iterator[None]:
    """The reader site's stories in the index, as the worker (not running here) would put them."""
    with django_db_blocker.unblock():
        indexing.rebuild()
    yield


def test_a_reader_searches_from_the_masthead_and_sees_the_words_found(page: Page) -> None:
    page.goto("/en/")
    page.get_by_role("search", name="Search the site").get_by_label("Search for").fill("funicular")
    page.get_by_role("search", name="Search the site").get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/en/search/\?q=funicular$"))
    expect(page.locator(".card mark").first).to_have_text("funiculars")
    expect(page.get_by_role("link", name="Hillside lifts reopen after a year of repairs")).to_be_visible()


def test_an_arabic_search_reads_right_to_left(page: Page) -> None:
    page.goto("/ar/search/?q=حافلات")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".card mark").first).to_have_text("حافلات")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "address", ["/en/search/?q=funicular", "/en/search/?q=funiculer", "/ar/search/?q=حافلات"]
)
def test_search_pages_have_no_serious_accessibility_violations(
    new_context: Callable[..., BrowserContext], address: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(address)
    if "funiculer" in address:
        expect(page.get_by_text("Did you mean")).to_be_visible()
        page.get_by_text("Narrow the search").click()  # the filters too

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found on {address}:\n{describe(blocking)}"
