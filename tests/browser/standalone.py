"""For browser tests that commit their own data: a server of their module's own, and Chromium.

Import the fixtures into the test module (`from tests.browser.standalone import browser,
server_url`). The server is the real one (`tests.browser.server.granian_server`) reading the test
database; each test's writes really commit (`committed_db`) so that the server sees them, and each
test starts from the freshly migrated database again. Unlike the shared reader site of
tests/browser/conftest.py, nothing here outlives the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, TIMEOUT_MS
from tests.browser.server import granian_server


@pytest.fixture(scope="module")
def server_url(request: pytest.FixtureRequest, django_db_setup: None) -> Iterator[str]:
    call_command("collectstatic", interactive=False, verbosity=0)
    log = settings.DATA_DIR / f"{request.module.__name__.rsplit('.', 1)[-1]}-server.log"
    with granian_server(connection.settings_dict, log) as url:
        yield url


@pytest.fixture
def browser(committed_db: None, chromium: Path, server_url: str) -> Iterator[Browser]:
    """Chromium, started once the test's database is in place and closed before it is emptied.

    While Playwright runs, its asyncio loop is marked as running in this thread: Django then hands
    out connections of their own (pytest-django's set-up and tear-down, outside the loop, keep
    theirs) and refuses them unless told it is safe. It is: the test's writes run between
    Playwright calls, never concurrently with them; they commit, and the server sees them.
    """
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Those connections, left open, would keep PostgreSQL from dropping the test database.
        connections.close_all()


def open_context(browser: Browser, server_url: str) -> BrowserContext:
    """A fresh desktop browser whose reader prefers English."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=server_url)
    context.set_default_timeout(TIMEOUT_MS)
    return context
