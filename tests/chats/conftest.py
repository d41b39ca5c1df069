"""Rooms, readers and a moderator for the chat tests, and the browser fixtures of tests/browser for
the chat's journey in three browsers (run after the package's other tests: tests/browser/journeys.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from dateline.chats.models import Room
from dateline.newsroom.roles import COMMENT_MODERATORS
from tests.browser.conftest import browser, new_context, page, reader_site, site_url  # noqa: F401
from tests.browser.journeys import cache_of_its_own, run_last_in_package
from tests.factories import PASSWORD, locale

BROWSER_TESTS = Path(__file__).parent / "test_chats_browser.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    run_last_in_package(items, BROWSER_TESTS)


@pytest.fixture(scope="package", autouse=True)
def cache_of_its_own_for_this_package() -> Iterator[None]:
    with cache_of_its_own("chats"):
        yield


@pytest.fixture
def room(editions: Any) -> Room:
    return Room.objects.create(locale=locale("en"), title="World Cup", description="The final, live")


@pytest.fixture
def moderator(roles: dict[str, Any]) -> Any:
    """A newsroom account in the "Comment moderators" group, who moderates chats too."""
    user = get_user_model().objects.create_user(
        username="moderator", email="moderator@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(roles[COMMENT_MODERATORS])
    return user
