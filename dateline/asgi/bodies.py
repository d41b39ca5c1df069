"""Request bodies, received in the event loop before Django sees them, and refused before they are
buffered or spooled when they cannot be taken.

- A body may be `DATELINE_MAX_BODY_BYTES` long. A larger Content-Length is refused with 413 at
  once, before any of the body is read; a body without one (chunked) is counted as it arrives and
  refused as soon as it passes the limit, the rest left unread.
- Uploads to the newsroom (paths under /newsroom/) by signed-in newsroom staff may be
  `DATELINE_NEWSROOM_UPLOAD_BYTES` long. Only a body larger than the ordinary limit makes its
  session be looked up, in Django's threads, through the session engine and the authentication
  backends (each a statement written once).
- The bodies a process is receiving hold at most `DATELINE_BODIES_IN_FLIGHT_BYTES` together, in
  memory or spooled to disk: a request that would pass it waits a few seconds for others to finish,
  then gets 503 with Retry-After.
- A body that pauses for `DATELINE_BODY_IDLE_SECONDS`, or is not all in after `DATELINE_BODY_SECONDS`,
  gets 408: a client trickling a body holds nothing for long.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from collections.abc import Awaitable, Callable, MutableMapping
from typing import IO, Any

from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dateline.core.threads import BlockingCallThreads
from dateline.live import staff

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

NEWSROOM_PREFIX = "/newsroom/"
# How long a body waits for room among the bodies in flight before it is turned away.
ROOM_WAIT_SECONDS = 5.0


class Refused(Exception):
    """A body that will not be taken: the status to answer with, and why (translated when answered)."""

    def __init__(
        self, status: int, message: Any, limit: int = 0, headers: list[tuple[bytes, bytes]] | None = None
    ) -> None:
        super().__init__(status)
        self.status = status
        self.message = message
        self.limit = limit
        self.headers = headers or []

    def text(self) -> str:
        """Why, in the active language."""
        return str(self.message) % {"size": filesizeformat(self.limit)} if self.limit else str(self.message)


class ClientGone(Exception):
    """The client left before its body was all in: there is nobody to answer."""


class Body:
    """A received body: the file Django reads (`wsgi.input`) and the bytes it holds of the budget."""

    __slots__ = ("bodies", "file", "held")

    def __init__(self, bodies: Bodies, file: IO[bytes], held: int) -> None:
        self.bodies = bodies
        self.file = file
        self.held = held

    def release(self) -> None:
        """Once Django has read it: close the file (deleting a spooled one) and give its bytes back."""
        self.file.close()
        self.bodies.give_back(self.held)
        self.held = 0


class Bodies:
    """Receives the request bodies of one process within its limits (see the module's docstring)."""

    def __init__(
        self,
        threads: BlockingCallThreads,
        *,
        max_bytes: int,
        newsroom_bytes: int,
        in_flight_bytes: int,
        idle_seconds: float,
        total_seconds: float,
        in_memory_bytes: int,
        session_cookie: str,
        languages: list[str],
        room_wait_seconds: float = ROOM_WAIT_SECONDS,
    ) -> None:
        if in_flight_bytes < max(max_bytes, newsroom_bytes):
            raise ValueError(
                "DATELINE_BODIES_IN_FLIGHT_BYTES must hold at least one body of the largest kind"
            )
        self.threads = threads
        self.max_bytes = max_bytes
        self.newsroom_bytes = newsroom_bytes
        self.in_flight_bytes = in_flight_bytes
        self.idle_seconds = idle_seconds
        self.total_seconds = total_seconds
        self.in_memory_bytes = in_memory_bytes
        self.session_cookie = session_cookie
        self.languages = languages
        self.room_wait_seconds = room_wait_seconds
        self.held = 0
        self.waiters: set[asyncio.Future[None]] = set()

    @classmethod
    def from_settings(cls, settings: Any, threads: BlockingCallThreads) -> Bodies:
        return cls(
            threads,
            max_bytes=settings.DATELINE_MAX_BODY_BYTES,
            newsroom_bytes=settings.DATELINE_NEWSROOM_UPLOAD_BYTES,
            in_flight_bytes=settings.DATELINE_BODIES_IN_FLIGHT_BYTES,
            idle_seconds=settings.DATELINE_BODY_IDLE_SECONDS,
            total_seconds=settings.DATELINE_BODY_SECONDS,
            in_memory_bytes=settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
            session_cookie=settings.SESSION_COOKIE_NAME,
            languages=[settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)],
        )

    async def receive(self, scope: Scope, receive: Receive) -> Body:
        """The request's body, all of it; raises Refused (answer it) or ClientGone (do not)."""
        limit = self.max_bytes
        declared = declared_length(scope)
        if declared is not None and declared > limit:
            limit = await self.allowance(scope)
            if declared > limit:
                raise self.too_large(limit)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.total_seconds
        message = await self.next_message(receive, loop, deadline)
        chunk = message.get("body", b"")
        if not message.get("more_body", False) and len(chunk) <= limit:
            await self.take(len(chunk))
            return Body(self, io.BytesIO(chunk), len(chunk))  # the usual request: one message
        body = Body(self, tempfile.SpooledTemporaryFile(max_size=self.in_memory_bytes), 0)  # noqa: SIM115
        try:
            while True:
                if body.held + len(chunk) > limit:
                    if limit == self.max_bytes:
                        limit = await self.allowance(scope)
                    if body.held + len(chunk) > limit:
                        raise self.too_large(limit)
                await self.take(len(chunk))
                body.held += len(chunk)
                body.file.write(chunk)
                if not message.get("more_body", False):
                    break
                message = await self.next_message(receive, loop, deadline)
                chunk = message.get("body", b"")
        except BaseException:
            body.release()
            raise
        body.file.seek(0)
        return body

    async def next_message(
        self, receive: Receive, loop: asyncio.AbstractEventLoop, deadline: float
    ) -> Message:
        try:
            async with asyncio.timeout_at(min(deadline, loop.time() + self.idle_seconds)):
                message = await receive()
        except TimeoutError:
            raise Refused(408, _("The request took too long to arrive. Please try again.")) from None
        if message["type"] == "http.disconnect":
            raise ClientGone
        return message

    async def allowance(self, scope: Scope) -> int:
        """How long a body this request may send: more for newsroom staff uploading to the newsroom."""
        if not scope["path"].startswith(NEWSROOM_PREFIX):
            return self.max_bytes
        cookies = b"; ".join(value for name, value in scope["headers"] if name == b"cookie")
        if self.session_cookie.encode("latin-1") not in cookies:
            return self.max_bytes
        staff = await self.threads.run(self.newsroom_member, cookies.decode("latin-1"))
        return max(self.max_bytes, self.newsroom_bytes) if staff else self.max_bytes

    def newsroom_member(self, cookie_header: str) -> bool:
        """In a Django thread: whether the session in `cookie_header` is of someone signed in who
        may use the newsroom (the live endpoint's staff streams ask the same: `live/staff.py`)."""
        return staff.newsroom_member(cookie_header)

    async def take(self, size: int) -> None:
        """Hold `size` more bytes of the budget, waiting a little for others to give some back."""
        if self.held + size <= self.in_flight_bytes:
            self.held += size
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.room_wait_seconds
        while self.held + size > self.in_flight_bytes:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise Refused(
                    503,
                    _("The server is receiving too much at once. Please try again in a few seconds."),
                    headers=[(b"retry-after", b"5")],
                )
            waiter = loop.create_future()
            self.waiters.add(waiter)
            timer = loop.call_later(remaining, _wake, waiter)
            try:
                await waiter
            finally:
                timer.cancel()
                self.waiters.discard(waiter)
        self.held += size

    def give_back(self, size: int) -> None:
        self.held -= size
        for waiter in self.waiters:
            _wake(waiter)

    def too_large(self, limit: int) -> Refused:
        return Refused(413, _("This request is too large: it may be at most %(size)s."), limit)

    async def refuse(self, scope: Scope, refusal: Refused, send: Send) -> None:
        """Answer a refused body, in the language of the edition the path points into."""
        prefix = scope["path"].lstrip("/").split("/", 1)[0]
        with translation.override(prefix if prefix in self.languages else self.languages[0]):
            text = refusal.text() + "\n"
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"cache-control", b"no-store"),
            *refusal.headers,
        ]
        await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
        await send({"type": "http.response.body", "body": text.encode()})


def declared_length(scope: Scope) -> int | None:
    """The Content-Length the client declared, if it is a number (the server checked it already)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
