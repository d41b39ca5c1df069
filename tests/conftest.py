"""Fixtures shared by every test package (unit, newsroom, ASGI, browser and demo tests).

The test database is created once per run with the editions already in it (`django_db_setup`),
so their pages, revisions and the purge events that publishing them wrote are there from the
start; each test's changes are rolled back as usual.

- `editions`: the en/ru/ar editions with their seven sections, as `dateline setup` creates them.
- `roles`: the Reporters/Editors/Administrators groups and the Review workflow.
- `reporter`, `editor`: newsroom accounts in those groups (password `factories.PASSWORD`).
- `committed_db`: a database whose writes really commit, for code that reads from other threads
  or processes (the hub, the Django bridge, a server under test). Each such test starts from the
  database as the run began (migrated, with the editions) and it is emptied afterwards; a test
  that asks for `transactional_db` alone would find it empty after another one has run.

Every test also gets a cache of its own (see `isolated_cache`).
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from dateline.core import versioned
from dateline.editions.models import HomePage
from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import EDITORS, REPORTERS, ensure_roles
from tests.factories import UserFactory

BROWSER_PATH = Path("/usr/bin/chromium")


def pytest_configure(config: pytest.Config) -> None:
    # Tasks run inline in tests; their one-line-per-task progress reports drown real failures.
    logging.getLogger("django_tasks").setLevel(logging.WARNING)


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI's scaled-out leg, a missing PostgreSQL or Redis is a failure, never a silent SQLite run."""
    if not os.environ.get("DATELINE_REQUIRE_SERVICES"):
        return
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError("DATELINE_REQUIRE_SERVICES is set but DATABASE_URL is not PostgreSQL")
    if not settings.REDIS_URL:
        raise pytest.UsageError("DATELINE_REQUIRE_SERVICES is set but REDIS_URL is empty")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise pytest.UsageError(
            f"DATELINE_REQUIRE_SERVICES is set but Redis does not answer: {error}"
        ) from error


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    # The SQLite test database is a file under the data directory, which may not exist yet.
    settings.TEST_DATA_DIR.mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The migrated test database, with the editions a new installation has.

    Creating them takes a couple of seconds, so it happens once per run; every test's transaction
    starts from here. The snapshot that `committed_db` restores is retaken to include them.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        ensure_editions()
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """A request to /ru/ leaves Russian active in the thread (Django's LocaleMiddleware does not
    reset it): every test starts, and ends, in the default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def forget_remembered_content() -> None:
    """What a process remembers of published content is keyed by the newest event, and a test
    that rolls back can leave the outbox where another test finds it with different content."""
    versioned.forget_everything()


@pytest.fixture(autouse=True)
def isolated_cache(settings: Any) -> None:
    """A key prefix per test, so nothing cached by one test (site root paths, image renditions
    keyed by ids that a rolled-back test may reuse) leaks into the next, and so that a shared
    Redis is never flushed under other users' feet."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', 'dateline')}-test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def editions(db: None) -> dict[str, HomePage]:
    """The editions by language code ("en", "ru", "ar"), each with its seven sections."""
    return ensure_editions()


@pytest.fixture
def roles(db: None) -> dict[str, Any]:
    """The newsroom's groups by name, and the Review workflow on every edition."""
    return ensure_roles()


@pytest.fixture
def reporter(roles: dict[str, Any]) -> Any:
    """A journalist who writes stories and submits them for review."""
    return UserFactory(username="reporter", groups=[REPORTERS])


@pytest.fixture
def editor(roles: dict[str, Any]) -> Any:
    """A journalist who approves, publishes, schedules and locks stories."""
    return UserFactory(username="editor", groups=[EDITORS])


@pytest.fixture
def committed_db(transactional_db: None, django_db_serialized_rollback: None) -> None:
    """Writes commit for real and other threads see them; the database as the run began (Wagtail's
    root page, the default site, the editions) is restored before each test that asks for this."""


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, for every package with browser tests; Playwright cannot download its
    own browsers here."""
    if os.environ.get("DATELINE_SKIP_BROWSER") == "1":
        pytest.skip("DATELINE_SKIP_BROWSER=1: browser tests skipped")
    if not BROWSER_PATH.exists():
        pytest.fail(
            f"Chromium is not installed at {BROWSER_PATH}. Install Debian's `chromium` package "
            "(apt-get install chromium), or set DATELINE_SKIP_BROWSER=1 to skip the browser tests.",
            pytrace=False,
        )
    return BROWSER_PATH
