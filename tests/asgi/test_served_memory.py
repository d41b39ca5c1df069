"""The server as Dateline starts it keeps nothing of a request once it is answered.

granian's Rust task implementation (`--task-impl rust`, 2.8.9) kept every asyncio future a request
had awaited, with its result: through the Django bridge that is every response Django made.
"""

from __future__ import annotations

import json
import urllib.request

from dateline.cli import granian_command
from tests.browser.server import free_port, serving

REQUESTS = 1000


def test_answers_awaited_from_threads_do_not_outlive_their_requests(tmp_path):
    port = free_port()
    command = granian_command("127.0.0.1", port, 1)
    assert command[-1] == "config.asgi:application"
    command[-1] = "tests.asgi.retention_app:app"
    base_url = f"http://127.0.0.1:{port}"
    with serving(command, base_url, tmp_path / "granian.log", ready_path="/count"):
        for _ in range(REQUESTS):
            with urllib.request.urlopen(f"{base_url}/answer", timeout=10) as response:
                assert response.read() == b"xx"
        with urllib.request.urlopen(f"{base_url}/count", timeout=10) as response:
            alive = json.loads(response.read())["answers"]
    assert alive < 10, f"{alive} of {REQUESTS} answers still held after their requests ended"
