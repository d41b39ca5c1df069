"""Pages fit the screen on a desktop and on a phone; screenshots are kept for a human to look at.

They are written to $DATELINE_DATA_DIR/screenshots/.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.stories import ReaderSite

pytestmark = pytest.mark.browser

Screen = tuple[Callable[[ReaderSite], str], dict[str, int]]
SCREENS: dict[str, Screen] = {
    "home": (lambda site: "/en/", DESKTOP),
    "article": (lambda site: site.top_story.path, DESKTOP),
    "article-mobile": (lambda site: site.top_story.path, MOBILE),
    "arabic-home": (lambda site: "/ar/", DESKTOP),
    "arabic-article-mobile": (lambda site: site.arabic_story_path, MOBILE),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_page_fits_the_screen_without_sideways_scrolling(
    new_context: Callable[..., BrowserContext],
    reader_site: ReaderSite,
    screenshots: Path,
    name: str,
) -> None:
    path_of, viewport = SCREENS[name]
    mobile = viewport is MOBILE
    page = new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile).new_page()
    page.goto(path_of(reader_site))

    page.screenshot(path=screenshots / f"{name}.png", full_page=True)

    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= viewport["width"], f"{name}: {page_width}px wide on a {viewport['width']}px screen"
