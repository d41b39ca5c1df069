"""Django's WSGI application served from the ASGI event loop, one thread hop per response.

The request body is received in the loop, within its limits (`dateline.asgi.bodies`); a worker
thread runs Django and collects the response (up to `COLLECT_BYTES`), which the loop then sends
at once. Larger responses (documents, exports) are streamed on, a chunk per hop. Handing every
piece over separately cost an uncached page about 1 ms (docs/architecture.md, "What the
measurements chose").
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from typing import IO, Any

from django.conf import settings

from dateline.asgi.bodies import Bodies, ClientGone, Refused
from dateline.core.threads import BlockingCallThreads

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# Responses up to this size are collected in the Django thread and sent in one go.
COLLECT_BYTES = 4 * 1024 * 1024


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
        self.threads = BlockingCallThreads(threads, "django")
        self.bodies = Bodies.from_settings(settings, self.threads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        try:
            body = await self.bodies.receive(scope, receive)
        except Refused as refusal:
            await self.bodies.refuse(scope, refusal, send)
            return
        except ClientGone:
            return
        try:
            collected: Collected = await self.threads.run(self.run, build_environ(scope, body.file))
        finally:
            body.release()  # Django has read what it wanted of it
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
                if environ["REQUEST_METHOD"] == "HEAD":
                    break  # its answer has no body: the rest is neither read nor sent
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
        if b"_" in raw_name:
            continue  # X_Forwarded_Proto would pass for X-Forwarded-Proto (nginx and gunicorn drop these too)
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
