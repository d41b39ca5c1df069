"""`dateline serve --live-port`: the live server runs as a child of the supervisor beside granian,
hears of events committed by another process, and stops with the supervisor."""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings

from dateline.live.events import publish_on_commit
from tests.browser.server import database_url, free_port, mail_directory, serving
from tests.live.test_processes import StreamReader

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("committed_db")]

WAKE_UP_SECONDS = 1.0


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_the_live_server_serves_readers_under_the_supervisor_and_stops_with_it(tmp_path: Path):
    port, live_port = free_port(), free_port()
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "dateline.cli", "serve",
        "--port", str(port), "--live-port", str(live_port), "--no-worker",
    ]  # fmt: skip
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "DATELINE_TEST_MAIL_DIR": str(mail_directory()),
    }
    with serving(command, f"http://127.0.0.1:{port}", tmp_path / "serve.log", environment):
        deadline = time.monotonic() + 30
        while not listening(live_port) and time.monotonic() < deadline:
            time.sleep(0.1)
        reader = StreamReader(f"http://127.0.0.1:{live_port}/live/?stream=newsfeed:en")
        reader.start()
        assert reader.ready.wait(10), "the live server never opened the stream"
        published_at = time.monotonic()
        publish_on_commit("newsfeed:en", "story-published", {"title": "Ferry resumes"})
        arrived = reader.arrival_of("story-published", timeout=WAKE_UP_SECONDS + 5)
        reader.stop.set()
        assert arrived is not None, "the live server never heard of the event"
        assert arrived - published_at < WAKE_UP_SECONDS
        refused = httpx.post(f"http://127.0.0.1:{live_port}/live/?stream=newsfeed:en", timeout=5)
        assert refused.status_code == 405
    assert not listening(live_port), "the live server outlived the supervisor"
