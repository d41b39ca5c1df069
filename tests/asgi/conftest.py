"""Fixtures of the ASGI tests that drive Django through the bridge's threads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.signals import request_finished
from django.db import connections


@pytest.fixture
def django_threads_close_connections() -> Iterator[None]:
    # The bridge's threads would keep their database connections open past the test, and the test
    # database cannot be emptied or dropped under them.
    def close(**kwargs: Any) -> None:
        connections.close_all()

    request_finished.connect(close, dispatch_uid="tests-close-connections")
    yield
    request_finished.disconnect(dispatch_uid="tests-close-connections")
