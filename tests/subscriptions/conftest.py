"""The browser fixtures of tests/browser, for the subscription journey (run after the package's
other tests: see tests/browser/journeys.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import browser, new_context, page, reader_site, site_url  # noqa: F401
from tests.browser.journeys import cache_of_its_own, run_last_in_package

BROWSER_TESTS = Path(__file__).parent / "test_subscribe_browser.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    run_last_in_package(items, BROWSER_TESTS)


@pytest.fixture(scope="package", autouse=True)
def cache_of_its_own_for_this_package() -> Iterator[None]:
    with cache_of_its_own("subscriptions"):
        yield
