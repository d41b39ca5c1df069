"""The composed ASGI application that granian serves (DESIGN.md, "The request path").

/live/…     live streams (pure ASGI)
page cache  anonymous GET/HEAD of public pages, answered from memory
Django      everything else, its WSGI application run in worker threads (django_bridge.py)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from email.utils import parsedate_to_datetime
from typing import Any

from dateline.asgi.page_cache import (
    MAX_BODY_BYTES,
    Entry,
    PageCache,
    build_entry,
    cache_key,
    strip_tag_header,
)
from dateline.live.hub import Hub

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NOT_MODIFIED_HEADERS = (b"etag", b"cache-control", b"vary", b"date", b"last-modified")


class DatelineApplication:
    def __init__(self, django: ASGIApp, page_cache: PageCache, hub: Hub, live: ASGIApp | None = None) -> None:
        self.django = django
        self.page_cache = page_cache
        self.hub = hub
        self.live = live
        hub.add_listener(page_cache.on_events)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            if self.live is not None and scope["path"].startswith("/live/"):
                await self.live(scope, receive, send)
                return
            key = cache_key(scope)
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
        await send_entry(scope, entry, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.hub.start()
                except Exception as error:
                    logger.exception("the event hub could not start")
                    await send({"type": "lifespan.startup.failed", "message": str(error)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.hub.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


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
