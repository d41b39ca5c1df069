"""Django's WSGI application served from the ASGI event loop, one thread hop per response.

a2wsgi (the library this replaces) hands every piece of a response from the Django thread to
the event loop and waits for it to be queued: three round trips for an ordinary page. This bridge
reads the request body in the loop, lets a worker thread run Django and collect the response (up
to `COLLECT_BYTES`), and sends it from the loop at once; larger responses (documents, exports) are
streamed on, a chunk per hop. Measured in paired runs on the 100,000-story database, an uncached
story page took about 1 ms (8–10%) less than through a2wsgi (bench/README.md).
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from typing import IO, Any

from dateline.core.threads import ThreadPool

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# Responses up to this size are collected in the Django thread and sent in one go.
COLLECT_BYTES = 4 * 1024 * 1024
# Request bodies up to this size stay in memory; larger ones (image uploads) go to a temp file.
BODY_IN_MEMORY_BYTES = 1024 * 1024


class Collected:
    """What the Django thread hands back: the start of the response and what it has of the body."""

    __slots__ = ("body", "chunks", "headers", "status")

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []
        self.chunks: Iterator[bytes] | None = None  # the rest, when too large to collect


class DjangoBridge:
    def __init__(self, wsgi_application: Callable[..., Iterable[bytes]], threads: int) -> None:
        self.application = wsgi_application
        self.threads = ThreadPool(threads, "django")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        environ = build_environ(scope, body)
        collected: Collected = await self.threads.run(self.run, environ)
        await send({"type": "http.response.start", "status": collected.status, "headers": collected.headers})
        if scope["method"] == "HEAD":
            collected.body = []  # the length stays in the headers; a HEAD answer has no body
        if collected.chunks is None:
            await send({"type": "http.response.body", "body": b"".join(collected.body)})
            return
        await send({"type": "http.response.body", "body": b"".join(collected.body), "more_body": True})
        chunks = collected.chunks
        while True:
            chunk = await self.threads.run(next, chunks, None)
            if chunk is None:
                break
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    def run(self, environ: dict[str, Any]) -> Collected:
        """In a worker thread: call Django and gather its response."""
        collected = Collected()

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            collected.status = int(status.split(" ", 1)[0])
            collected.headers = [
                (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
            ]
            return collected.body.append

        iterable = self.application(environ, start_response)
        iterator = iter(iterable)
        size = sum(len(part) for part in collected.body)
        for chunk in iterator:
            collected.body.append(chunk)
            size += len(chunk)
            if size > COLLECT_BYTES:
                collected.chunks = _closing(iterator, iterable)
                return collected
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
        return collected


def _closing(iterator: Iterator[bytes], iterable: Any) -> Iterator[bytes]:
    try:
        yield from iterator
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()


async def read_body(receive: Receive) -> IO[bytes]:
    message = await receive()
    if message["type"] != "http.disconnect" and not message.get("more_body", False):
        return io.BytesIO(message.get("body", b""))  # the usual request: its body in one message
    body: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=BODY_IN_MEMORY_BYTES)  # noqa: SIM115
    while message["type"] != "http.disconnect":
        body.write(message.get("body", b""))
        if not message.get("more_body", False):
            break
        message = await receive()
    body.seek(0)
    return body


def build_environ(scope: Scope, body: IO[bytes]) -> dict[str, Any]:
    """The WSGI environ for an ASGI HTTP scope (PEP 3333)."""
    script_name = scope.get("root_path", "").encode("utf-8").decode("latin-1")
    path = scope["path"].encode("utf-8").decode("latin-1")
    if script_name and path.startswith(script_name):
        path = path[len(script_name) :]
    server = scope.get("server") or ("localhost", 80)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path,
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]) if server[1] is not None else "80",
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    client = scope.get("client")
    if client:
        environ["REMOTE_ADDR"] = client[0]
        environ["REMOTE_PORT"] = str(client[1])
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        if name == "CONTENT_LENGTH":
            key = "CONTENT_LENGTH"
        elif name == "CONTENT_TYPE":
            key = "CONTENT_TYPE"
        else:
            key = f"HTTP_{name}"
        if key in environ:
            value = f"{environ[key]}{'; ' if key == 'HTTP_COOKIE' else ','}{value}"
        environ[key] = value
    return environ
