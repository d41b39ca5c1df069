"""The composed ASGI application that granian serves.

/live/…            live streams (pure ASGI)
/static/, /media/  files (files.py)
page cache         anonymous GET/HEAD of public pages, answered from memory
Django             everything else, its WSGI application run in worker threads (django_bridge.py)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import connections

from dateline.asgi.cores import claim_core
from dateline.asgi.files import FileDirectory
from dateline.asgi.page_cache import (
    MAX_BODY_BYTES,
    CacheKeys,
    Entry,
    PageCache,
    build_entry,
    strip_tag_header,
)
from dateline.asgi.page_store import PageStore
from dateline.live.hub import Hub

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NOT_MODIFIED_HEADERS = (b"etag", b"cache-control", b"vary", b"date", b"last-modified")


class BackgroundWork(Protocol):
    """Threads the server process runs beside requests (`dateline.background.Background`)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


class DatelineApplication:
    def __init__(
        self,
        django: ASGIApp,
        page_cache: PageCache,
        hub: Hub,
        live: ASGIApp | None = None,
        background: BackgroundWork | None = None,
        cache_keys: CacheKeys | None = None,
        files: Sequence[FileDirectory] = (),
        start_work: Sequence[Callable[[], object]] = (),
        page_store: PageStore | None = None,
        cores_directory: Path | None = None,
    ) -> None:
        self.django = django
        self.page_cache = page_cache
        self.hub = hub
        self.live = live
        self.background = background
        # Django work each server process does once as it starts, in a thread, before it answers.
        self.start_work = start_work
        self.cache_keys = cache_keys or CacheKeys.from_settings(settings)
        # The applications that answer every path under a prefix, found with one test per request.
        self.routes: list[tuple[str, ASGIApp]] = [(directory.prefix, directory) for directory in files]
        if live is not None:
            self.routes.append(("/live/", live))
        self.prefixes = tuple(prefix for prefix, _app in self.routes)
        hub.add_listener(page_cache.on_events)
        # Pages the cache keeps also written as files for nginx (`dateline.asgi.page_store`), opt-in.
        self.page_store = page_store
        # Where the server processes claim a core each for their Python threads (`cores.py`), if they do.
        self.cores_directory = cores_directory
        if page_store is not None:
            hub.add_listener(page_store.on_events)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            if scope["path"].startswith(self.prefixes):
                await next(app for prefix, app in self.routes if scope["path"].startswith(prefix))(
                    scope, receive, send
                )
                return
            key = self.cache_keys.key(scope)
            if key is None:
                await self.django(scope, receive, send)
                return
            entry = self.page_cache.get(key)
            if entry is not None:
                self.page_cache.hits += 1
                await send_entry(scope, entry, send)
                return
            self.page_cache.misses += 1
            await self.render_and_store(key, scope, receive, send)
        elif kind == "lifespan":
            await self.lifespan(receive, send)
        else:
            await self.django(scope, receive, send)

    async def render_and_store(self, key: str, scope: Scope, receive: Receive, send: Send) -> None:
        """Let Django render the page; keep it if Django marked it public, then answer."""
        generation = self.page_cache.generation
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing_through = False

        async def capture(message: Message) -> None:
            nonlocal start, size, passing_through
            if passing_through:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_BODY_BYTES and message.get("more_body"):
                # Too big to keep: hand over what we have and stream the rest.
                passing_through = True
                assert start is not None
                await send({**start, "headers": strip_tag_header(start["headers"])})
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})

        # A HEAD is rendered as a GET, so that the page kept for later readers has its body.
        rendered_scope = {**scope, "method": "GET"} if scope["method"] == "HEAD" else scope
        await self.django(rendered_scope, receive, capture)
        if passing_through or start is None:
            return
        body = b"".join(chunks)
        entry = build_entry(start["status"], start["headers"], body)
        if entry is None:
            await send({**start, "headers": strip_tag_header(start["headers"])})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
            return
        if self.page_cache.generation == generation:
            self.page_cache.store(key, entry)
            if self.page_store is not None:
                self.page_store.write(key, scope["path"], entry)
        await send_entry(scope, entry, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self.cores_directory is not None:
                    # In the event loop's thread, before the Django and hub threads start from it.
                    claim_core(self.cores_directory)
                try:
                    await self.hub.start()
                except Exception as error:
                    logger.exception("the event hub could not start")
                    await send({"type": "lifespan.startup.failed", "message": str(error)})
                    return
                for work in self.start_work:
                    try:
                        await asyncio.to_thread(run_and_close_connections, work)
                    except Exception as error:
                        # A database locked by a backup, say: the site serves, and the next start
                        # tries again.
                        logger.warning("%s failed at start (%s)", getattr(work, "__name__", work), error)
                if self.background is not None:
                    self.background.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.background is not None:
                    # It waits for a task that is running: not in the event loop's thread.
                    await asyncio.to_thread(self.background.stop)
                await self.hub.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


def run_and_close_connections(work: Callable[[], object]) -> None:
    """Run `work` in this thread, then close the database connections it opened here."""
    try:
        work()
    finally:
        connections.close_all()


async def send_entry(scope: Scope, entry: Entry, send: Send) -> None:
    """Answer from a cache entry: 304 if the client has it, gzip if the client takes it."""
    if_none_match = if_modified_since = None
    accepts_gzip = False
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            if_none_match = value
        elif name == b"if-modified-since":
            if_modified_since = value
        elif name == b"accept-encoding":
            accepts_gzip = b"gzip" in value
    if if_none_match is not None:
        fresh = entry.etag in if_none_match or if_none_match.strip() == b"*"
    else:
        # Feed readers often send only the date (RFC 9110: used when there is no If-None-Match).
        fresh = if_modified_since is not None and not_modified_since(entry, if_modified_since)
    if fresh:
        headers = [(name, value) for name, value in entry.headers if name in NOT_MODIFIED_HEADERS]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    if accepts_gzip:
        headers, body = entry.gzip_headers, entry.gzip_body
    else:
        headers, body = entry.headers, entry.body
    await send({"type": "http.response.start", "status": entry.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def not_modified_since(entry: Entry, if_modified_since: bytes) -> bool:
    """Whether the entry's Last-Modified is no later than the client's copy (False if either date
    is missing or unreadable)."""
    last_modified = next((value for name, value in entry.headers if name == b"last-modified"), None)
    if last_modified is None:
        return False
    try:
        return parsedate_to_datetime(last_modified.decode("latin-1")) <= parsedate_to_datetime(
            if_modified_since.decode("latin-1")
        )
    except (TypeError, ValueError):
        return False


def bridge_django(wsgi_application: Any, threads: int) -> ASGIApp:
    """Django's WSGI application as ASGI (4× Django's own ASGI handler on these machines)."""
    from dateline.asgi.django_bridge import DjangoBridge

    return DjangoBridge(wsgi_application, threads)
