"""Two real server processes on two ports: what the newsroom does through one reaches live readers
of the other within a second: the wake-up travels through Redis with REDIS_URL, PostgreSQL's NOTIFY,
or on SQLite alone a datagram to the other process's socket (tests/live/test_local_wakeups.py)."""

from __future__ import annotations

import threading
import time
from http import HTTPStatus
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.test import Client

from tests.browser.server import granian_server
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("committed_db")]

WAKE_UP_SECONDS = 1.0


class StreamReader(threading.Thread):
    """Reads a Server-Sent Events stream in the background and notes when each event arrived."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.received: list[tuple[float, str]] = []
        self.ready = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        timeout = httpx.Timeout(5.0, read=30.0)
        try:
            with httpx.Client(timeout=timeout) as client, client.stream("GET", self.url) as reply:
                for line in reply.iter_lines():
                    if line.startswith("event: "):
                        self.received.append((time.monotonic(), line.removeprefix("event: ")))
                        if line == "event: ready":
                            self.ready.set()
                    if self.stop.is_set():
                        return
        except httpx.HTTPError:
            if not self.stop.is_set():
                raise  # the server went away while the test still needed it

    def arrival_of(self, kind: str, timeout: float) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for arrived, received_kind in self.received:
                if received_kind == kind:
                    return arrived
            time.sleep(0.01)
        return None


def signed_in_cookies(user: Any) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def test_a_story_withdrawn_through_one_server_reaches_readers_of_another(editions, editor, tmp_path: Path):
    story = ArticleFactory(title="Ferry resumes")
    database = settings.DATABASES["default"]
    with (
        granian_server(database, tmp_path / "first.log") as first,
        granian_server(database, tmp_path / "second.log") as second,
    ):
        reader = StreamReader(f"{second}/live/?stream=newsfeed:en")
        reader.start()
        assert reader.ready.wait(10), "the second server never opened the stream"

        cookies = signed_in_cookies(editor)
        with httpx.Client(base_url=first, cookies=cookies, timeout=10) as newsroom:
            form = newsroom.get(f"/newsroom/pages/{story.pk}/unpublish/")
            assert form.status_code == HTTPStatus.OK
            token = newsroom.cookies["csrftoken"]
            done = newsroom.post(
                f"/newsroom/pages/{story.pk}/unpublish/", data={"csrfmiddlewaretoken": token}
            )
            committed_at = time.monotonic()
        assert done.status_code in (HTTPStatus.FOUND, HTTPStatus.OK)

        arrived = reader.arrival_of("story-withdrawn", timeout=WAKE_UP_SECONDS + 5)
        reader.stop.set()
        assert arrived is not None, "the reader of the other server never heard of the withdrawal"
        took = arrived - committed_at
        assert took < WAKE_UP_SECONDS, f"took {took:.2f} s, more than {WAKE_UP_SECONDS} s"
