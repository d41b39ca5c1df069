"""Stories to break, and the browser fixtures of tests/browser for the live banner tests.

The browser tests' site is committed to the database for the rest of this package (see
tests/browser/conftest.py), so they run after the package's other tests, which each start from
an empty database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.articles.models import ArticlePage
from tests.browser.conftest import browser, new_context, page, reader_site, site_url  # noqa: F401
from tests.browser.journeys import cache_of_its_own, run_last_in_package
from tests.factories import ArticleFactory

BROWSER_TESTS = Path(__file__).parent / "test_breaking_browser.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    run_last_in_package(items, BROWSER_TESTS)


@pytest.fixture(scope="package", autouse=True)
def cache_of_its_own_for_this_package() -> Iterator[None]:
    with cache_of_its_own("breaking"):
        yield


@pytest.fixture
def story(editions: Any) -> ArticlePage:
    """A published story in the English edition."""
    return ArticleFactory(title="Earthquake shakes the northern coast", edition="en", section="world")
