"""A CDN's purge endpoint on 127.0.0.1, in a thread: it records what it is asked to purge."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The ports this project's helpers may serve on.
PORTS = range(8850, 8900)


class FakeCdn(ThreadingHTTPServer):
    """Answers POSTs of `{"tags": [...]}`: `failing` of them with 503 first, then 200."""

    daemon_threads = True

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), PurgeHandler)
        self.failing = 0
        self.answer_with = HTTPStatus.OK
        self.requests: list[dict[str, Any]] = []  # every request, as sent
        self.purged: list[list[str]] = []  # the tags of each request answered with success
        self.received = threading.Condition()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/purge"

    def purged_keys(self) -> set[str]:
        return {key for batch in self.purged for key in batch}

    def wait_for_purges(self, count: int, timeout: float) -> bool:
        with self.received:
            return self.received.wait_for(lambda: len(self.purged) >= count, timeout)


class PurgeHandler(BaseHTTPRequestHandler):
    server: FakeCdn

    def do_POST(self) -> None:
        document = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.received:
            self.server.requests.append({"path": self.path, "headers": dict(self.headers), **document})
            if self.server.failing:
                self.server.failing -= 1
                status = HTTPStatus.SERVICE_UNAVAILABLE
            else:
                status = self.server.answer_with
                if status == HTTPStatus.OK:
                    self.server.purged.append(document["tags"])
            self.server.received.notify_all()
        self.send_response(status)
        if status == HTTPStatus.MOVED_PERMANENTLY:
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test says what went wrong."""


@contextmanager
def fake_cdn() -> Iterator[FakeCdn]:
    """A running fake CDN on the first free port of `PORTS`."""
    for port in PORTS:
        try:
            server = FakeCdn(port)
        except OSError:
            continue
        break
    else:
        raise RuntimeError("no free port for the fake CDN")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def unused_port() -> int:
    """A port on 127.0.0.1 nobody listens on: a CDN that is down."""
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("every port is taken")
