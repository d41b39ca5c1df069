"""Helpers for browser journeys that live in other test packages (breaking news, discussion).

Those packages borrow the browser fixtures of tests/browser/conftest.py. The browser site is
committed to the database for the rest of a package, so their browser tests run after the
package's other tests; and what the browser site leaves in the cache stays with that package.
"""

from __future__ import annotations

import re
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
from playwright.sync_api import Page, expect

from tests.accounts.factories import code_of
from tests.factories import PASSWORD

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


def sign_in_to_the_newsroom(
    page: Page, login: str, password: str = PASSWORD, secret: str | None = None
) -> None:
    """As staff do: open the newsroom, sign in on the site's one form with a user name (or e-mail)
    and password, then the authenticator app's code when the account has one (its `secret`)."""
    page.goto("/newsroom/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/newsroom/$"))
    page.get_by_label("E-mail address").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if secret is not None:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
        page.locator("input[name=code]").fill(code_of(secret))
        page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/newsroom/$"))
