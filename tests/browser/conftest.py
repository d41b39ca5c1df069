"""A published site, the real server in front of it, and headless Chromium to read it with.

The stories are committed to the test database (the server is another process), and the
database is put back as it was once the browser tests are done, so that other tests never see
them. Tests check what the fixtures hand them as plain values instead of querying: while
Playwright runs, Django refuses database calls in this thread, and the server is the reader.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.browser.server import granian_server
from tests.browser.stories import ReaderSite, create_reader_site

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = "DATELINE_SKIP_BROWSER=1: browser tests skipped"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
# Long enough for a cold first render on a busy two-core machine, short enough to fail quickly.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


# Before pytest-django orders tests by their database use, so that it sees the marker added here.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests ask pytest-django for the test database, which their server process reads,
    unless DATELINE_SKIP_BROWSER=1 skips them before anything is set up.

    Each test runs inside a transaction that changes nothing: the stories are committed by the
    package's fixtures before it begins.
    """
    here = Path(__file__).parent
    skip = os.environ.get("DATELINE_SKIP_BROWSER") == "1"
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.skip(SKIP_REASON) if skip else pytest.mark.django_db)


@pytest.fixture(scope="package", autouse=True)
def requires_chromium(chromium: Path) -> None:
    """Fail before any story is written when there is no browser to read them."""


@pytest.fixture(scope="package")
def reader_site(django_db_setup: None, django_db_blocker: Any) -> Iterator[ReaderSite]:
    """Editions and stories, committed, on the database as the run began (a transactional test
    before this package may have left it empty); afterwards it is restored to that again."""
    with django_db_blocker.unblock():
        before = getattr(connection, "_test_serialized_contents", None) or (
            connection.creation.serialize_db_to_string()
        )
        restore_database(before)
        try:
            site = create_reader_site()
        except BaseException:
            restore_database(before)
            raise
    yield site
    with django_db_blocker.unblock():
        restore_database(before)


def restore_database(serialized: str) -> None:
    """What Django's serialized rollback does: empty every table, then load the saved rows."""
    # Sequences keep counting, as in Django's own serialized rollback: reset, PostgreSQL would
    # hand the restored rows' ids out again.
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False)
    connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(scope="package")
def site_url(reader_site: ReaderSite) -> Iterator[str]:
    """The address of granian serving the test settings and the test database."""
    call_command("collectstatic", interactive=False, verbosity=0)
    log_path = settings.DATA_DIR / "browser-server.log"
    with granian_server(connection.settings_dict, log_path) as url:
        yield url


@pytest.fixture(scope="package")
def browser(chromium: Path, site_url: str) -> Iterator[Browser]:
    # Started after the stories and the server, and stopped before them, so that their set-up
    # and tear-down never run inside Playwright's event loop. While it runs, Django sees an
    # asyncio loop running in this thread: it refuses database calls (lifted here for each
    # test's empty transaction, as nothing runs concurrently with it) and keeps them on a
    # connection of their own, closed here so that none outlives the tests.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def new_context(browser: Browser, site_url: str) -> Iterator[Callable[..., BrowserContext]]:
    """Open a fresh browser profile (desktop, English) with any Playwright context options."""
    contexts: list[BrowserContext] = []

    def open_context(**options: Any) -> BrowserContext:
        context = browser.new_context(
            **{"viewport": DESKTOP, "locale": "en-GB", "base_url": site_url, **options}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A tab in a fresh desktop browser whose reader prefers English."""
    return new_context().new_page()


@pytest.fixture(scope="package")
def screenshots() -> Path:
    directory = settings.DATA_DIR / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory
