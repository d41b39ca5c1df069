"""The page cache: anonymous GET and HEAD requests for public pages, answered without Django.

Django marks a response as shareable by sending `Cache-Control: public…` and the cache-tag header
(`dateline.core.middleware`). This layer stores such responses per URL, answers later requests from
memory with an ETag (and 304 when it matches), and drops entries when a purge event names one of
their tags. It sits in front of Django inside the same ASGI application, so the fast path is a dict
lookup and two `send` calls.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import OrderedDict
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.core import cache_tags

TAG_HEADER = cache_tags.HEADER.lower().encode()
MAX_BODY_BYTES = 4 * 1024 * 1024
GZIP_MIN_BYTES = 1024
# Requests carrying these cookies may see personal pages (the newsroom's user bar, say).
PRIVATE_COOKIES = (b"sessionid=",)
BYPASS_PREFIXES = ("/newsroom/", "/live/", "/static/", "/media/", "/django-admin/")


@dataclass(slots=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    gzip_headers: list[tuple[bytes, bytes]]
    body: bytes
    gzip_body: bytes
    etag: bytes
    tags: frozenset[str]


@dataclass
class PageCache:
    """An in-process LRU of rendered pages, indexed by cache tag for purging."""

    max_entries: int = 5000
    entries: OrderedDict[str, Entry] = field(default_factory=OrderedDict)
    by_tag: dict[str, set[str]] = field(default_factory=dict)
    # Bumped by every purge; a page rendered across a purge is not stored, as it may be stale.
    generation: int = 0
    hits: int = 0
    misses: int = 0

    def get(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def store(self, key: str, entry: Entry) -> None:
        self._forget(key)
        self.entries[key] = entry
        for tag in entry.tags:
            self.by_tag.setdefault(tag, set()).add(key)
        while len(self.entries) > self.max_entries:
            oldest = next(iter(self.entries))
            self._forget(oldest)

    def purge(self, tags: Iterable[str]) -> int:
        """Drop every entry filed under one of `tags`; returns how many were dropped."""
        self.generation += 1
        tags = list(tags)
        if cache_tags.EVERYTHING in tags:
            dropped = len(self.entries)
            self.entries.clear()
            self.by_tag.clear()
            return dropped
        dropped = 0
        for tag in tags:
            for key in list(self.by_tag.get(tag, ())):
                if self._forget(key):
                    dropped += 1
        return dropped

    def _forget(self, key: str) -> bool:
        entry = self.entries.pop(key, None)
        if entry is None:
            return False
        for tag in entry.tags:
            keys = self.by_tag.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self.by_tag[tag]
        return True

    def on_events(self, events: Sequence[Any]) -> None:
        """Hub listener: apply the purges that arrived on the `cache` stream."""
        for event in events:
            if event.stream == "cache" and event.kind == "purge":
                self.purge(event.payload.get("tags", ()))


def cache_key(scope: MutableMapping[str, Any]) -> str | None:
    """The key for a request the cache may answer, or None if it must go to Django."""
    if scope["method"] not in ("GET", "HEAD"):
        return None
    path: str = scope["path"]
    if path.startswith(BYPASS_PREFIXES):
        return None
    for name, value in scope["headers"]:
        if name == b"cookie" and any(cookie in value for cookie in PRIVATE_COOKIES):
            return None
        if name == b"authorization":
            return None
    query: bytes = scope.get("query_string", b"")
    return f"{path}?{query.decode('latin-1')}" if query else path


def build_entry(status: int, raw_headers: Sequence[tuple[bytes, bytes]], body: bytes) -> Entry | None:
    """Turn a response Django marked as public into a cache entry, or None if it is not one."""
    if status != 200 or len(body) > MAX_BODY_BYTES:
        return None
    tags: frozenset[str] | None = None
    public = False
    headers: list[tuple[bytes, bytes]] = []
    for name, value in raw_headers:
        lower = name.lower()
        if lower == TAG_HEADER:
            tags = frozenset(value.decode("latin-1").split())
            continue
        if lower == b"set-cookie":
            return None
        if lower == b"cache-control":
            public = value.startswith(b"public")
        if lower in (b"content-length", b"etag", b"vary", b"content-encoding"):
            continue
        headers.append((lower, value))
    if tags is None or not public:
        return None
    etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
    headers += [(b"etag", etag), (b"vary", b"Accept-Encoding")]
    gzip_body = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else body
    gzip_headers = list(headers)
    if gzip_body is not body:
        gzip_headers.append((b"content-encoding", b"gzip"))
    headers.append((b"content-length", str(len(body)).encode()))
    gzip_headers.append((b"content-length", str(len(gzip_body)).encode()))
    return Entry(status, headers, gzip_headers, body, gzip_body, etag, tags)


def strip_tag_header(raw_headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in raw_headers if name.lower() != TAG_HEADER]
