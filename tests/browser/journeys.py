"""Helpers for browser journeys that live in other test packages (breaking news, discussion).

Those packages borrow the browser fixtures of tests/browser/conftest.py. The browser site is
committed to the database for the rest of a package, so their browser tests run after the
package's other tests; and what the browser site leaves in the cache stays with that package.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings

Result = TypeVar("Result")


def run_last_in_package(items: list[pytest.Item], browser_tests: Path) -> None:
    """Move the tests of the module `browser_tests` after the other tests of its package."""
    moved = [item for item in items if item.path == browser_tests]
    if not moved:
        return
    others = [item for item in items if item.path != browser_tests]
    package = browser_tests.parent
    last_of_package = max(
        (index for index, item in enumerate(others) if package in item.path.parents), default=None
    )
    position = len(others) if last_of_package is None else last_of_package + 1
    items[:] = others[:position] + moved + others[position:]


@contextmanager
def cache_of_its_own(name: str) -> Iterator[None]:
    """A cache key prefix of the package's own while it runs.

    The browser site caches its image renditions under the images' ids, which the next package's
    browser site reuses once the database is put back: with the cache to itself, that site writes
    its own renditions instead of trusting these (and its server would find none).
    """
    prefix = f"dateline-{name}-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={alias: {**config, "KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()}
    ):
        yield


def committed(action: Callable[[], Result]) -> Result:
    """Run `action` as another process's request would: on its own thread and connection, committed,
    out of Playwright's event loop, so that the server sees what it wrote."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = action()
        except BaseException as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name="committed")
    thread.start()
    thread.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
