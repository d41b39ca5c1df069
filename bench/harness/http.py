"""HTTP clients of the benchmarks: one blocking GET, and keep-alive connections for asyncio loads."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import Coroutine
from typing import Any, TypeVar

from bench.harness.environment import HOST

Result = TypeVar("Result")

# The newsroom staff's cookie, forged: it takes a request past the page cache to Django (which
# drops it). A session no longer does: signed-in readers are answered from the cache.
UNCACHED_COOKIE = "dateline_newsroom=bench"
# A signed-in reader's cookies: answered from the page cache like an anonymous reader.
READER_COOKIE = "sessionid=bench; csrftoken=bench"
# What a connection's request can fail with: refused or reset, cut short, too slow, not HTTP.
CONNECTION_ERRORS = (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET `url`: status, headers (names in lower case) and body, also of an error status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


class HTTPError(ValueError):
    """An answer this client cannot read."""


async def read_response(stream: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body and whether the server keeps the connection open (HTTP/1.1)."""
    head = await stream.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length: int | None = None
    chunked = False
    keep_alive = True
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            keep_alive = b"close" not in value.lower()
    if length is not None:
        return status, await stream.readexactly(length), keep_alive
    if not chunked:
        raise HTTPError("a response with neither Content-Length nor chunked encoding")
    body = bytearray()
    while True:
        size = int((await stream.readline()).split(b";")[0], 16)
        if size == 0:
            await stream.readline()
            return status, bytes(body), keep_alive
        body += (await stream.readexactly(size + 2))[:-2]


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, opened again when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        """Connect now rather than at the first request."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def request(self, head: str, body: bytes = b"") -> tuple[int, bytes]:
        """Send `head` (request line and headers, each ending in CRLF) and `body`; status and body.

        A connection that fails is closed (and the error raised); the next request opens another.
        """
        await self.open()
        assert self.reader is not None and self.writer is not None
        try:
            self.writer.write(head.encode() + b"\r\n" + body)
            status, content, keep_alive = await asyncio.wait_for(read_response(self.reader), 60)
        except BaseException:
            self.close()
            raise
        if not keep_alive:
            self.close()
        return status, content

    def close(self) -> None:
        """Hang up (if connected)."""
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def run_client(coroutine: Coroutine[Any, Any, Result]) -> Result:
    """Run a load client's coroutine on uvloop (a dependency of Dateline's) when importable: the
    client then costs less CPU, which leaves more to the server on the same machine."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)
