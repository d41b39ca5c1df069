"""A real local HTTP server standing for an agency (or any address Dateline calls), on the ports
kept for these tests (8720–8729).

    with AgencyServer(8720) as agency:
        agency.serve("/item.json", body, headers={"ETag": '"v1"'})
        ... fetch agency.url("/item.json") ...
        agency.requests  # what reached it: (method, path, headers)

A route answers with its status, headers and body; one that names `drip_seconds` sends its body a
byte at a time with that pause between bytes (a slow server). `"ETag"` routes answer 304 to a
request whose If-None-Match names the same tag, as an agency's server would.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    drip_seconds: float = 0.0


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]


class AgencyServer:
    """A threading HTTP server on 127.0.0.1 (or ::1) at `port`, answering the routes it is given."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.port = port
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._server: ThreadingHTTPServer | None = None

    def url(self, path: str, host: str | None = None) -> str:
        name = host or (f"[{self.host}]" if ":" in self.host else self.host)
        return f"http://{name}:{self.port}{path}"

    def serve(self, path: str, body: bytes = b"", status: int = 200, **options: Any) -> None:
        self.routes[path] = Route(body=body, status=status, **options)

    def __enter__(self) -> AgencyServer:
        agency = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                agency.requests.append(Seen(self.command, self.path, dict(self.headers.items())))
                route = agency.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                tag = route.headers.get("ETag")
                if tag and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.drip_seconds:
                    for byte in route.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(route.drip_seconds)
                else:
                    self.wfile.write(route.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            address_family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server((self.host, self.port), Handler)
        # A short poll: stopping the server at each test's end waits for no more than this.
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()
