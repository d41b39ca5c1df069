"""The browser fixtures of tests/browser, for the discussion's journey in two browsers.

The browser tests' site is committed to the database for the rest of this package (see
tests/browser/conftest.py), so the browser test runs after the package's other tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from tests.browser.conftest import browser, new_context, page, reader_site, site_url  # noqa: F401

BROWSER_TESTS = Path(__file__).parent / "test_discussion_browser.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    browser_tests = [item for item in items if item.path == BROWSER_TESTS]
    if not browser_tests:
        return
    others = [item for item in items if item.path != BROWSER_TESTS]
    last_of_package = max(
        (index for index, item in enumerate(others) if Path(__file__).parent in item.path.parents),
        default=None,
    )
    position = len(others) if last_of_package is None else last_of_package + 1
    items[:] = others[:position] + browser_tests + others[position:]


@pytest.fixture(scope="package", autouse=True)
def cache_of_its_own_for_this_package() -> Iterator[None]:
    """As in tests/breaking: this package's browser site keeps its cache entries to itself."""
    prefix = f"dateline-discussion-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={alias: {**config, "KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()}
    ):
        yield
