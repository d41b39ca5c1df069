"""Stories to break, and the browser fixtures of tests/browser for the live banner tests.

The browser tests' site is committed to the database for the rest of this package (see
tests/browser/conftest.py), so they run after the package's other tests, which each start from
an empty database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from dateline.articles.models import ArticlePage
from tests.browser.conftest import browser, new_context, page, reader_site, site_url  # noqa: F401
from tests.factories import ArticleFactory

BROWSER_TESTS = Path(__file__).parent / "test_breaking_browser.py"


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
    """Keep what this package's browser site leaves in memory from the packages that run next.

    Set up before the browser fixtures, so it outlives them. The browser site caches its image
    renditions under the images' ids, which the next package's browser site reuses once the
    database is put back: with the cache to itself, that site writes its own renditions instead
    of trusting these (and its server would find none).
    """
    prefix = f"dateline-breaking-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={alias: {**config, "KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()}
    ):
        yield


@pytest.fixture
def story(editions: Any) -> ArticlePage:
    """A published story in the English edition."""
    return ArticleFactory(title="Earthquake shakes the northern coast", edition="en", section="world")
