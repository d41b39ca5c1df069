"""The page cache: GET and HEAD requests for public pages by readers, answered without Django.

Django marks a response as shareable by sending `Cache-Control: public…` and the cache-tag header
(`dateline.core.middleware`, for views that declared public content: `dateline.core.public`). This
layer stores such responses per scheme, host, path and shared query parameters (`CacheKeys`),
answers later requests from memory with an ETag (and 304 when it matches), and drops entries when
a purge event names one of their tags. It sits in front of Django inside the same ASGI application,
so the fast path is a dict lookup and two `send` calls.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import OrderedDict
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http.request import split_domain_port, validate_host

from dateline.core import cache_tags
from dateline.core.public import shared_query

TAG_HEADER = cache_tags.HEADER.lower().encode()
MAX_BODY_BYTES = 4 * 1024 * 1024
GZIP_MIN_BYTES = 1024
# What an entry costs beyond its bodies, headers and key: its objects and its place in the indexes.
ENTRY_OVERHEAD_BYTES = 1024
BYPASS_PREFIXES = ("/newsroom/", "/live/", "/static/", "/media/", "/django-admin/")
# Host headers whose check is remembered; past this many (a scan of made-up hosts) it starts over.
REMEMBERED_HOSTS = 1000
HOST, FORWARDED_HOST, PROTO, COOKIE, AUTHORIZATION = range(5)


@dataclass(slots=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    gzip_headers: list[tuple[bytes, bytes]]
    body: bytes
    gzip_body: bytes
    etag: bytes
    tags: frozenset[str]
    size: int  # the bytes it holds, as the cache counts them (`PageCache.max_bytes`)


@dataclass
class PageCache:
    """An in-process LRU of rendered pages, indexed by cache tag for purging, holding at most
    `max_bytes` of pages (bodies, compressed bodies, headers and keys)."""

    max_bytes: int = 64 * 1024 * 1024
    entries: OrderedDict[str, Entry] = field(default_factory=OrderedDict)
    by_tag: dict[str, set[str]] = field(default_factory=dict)
    size: int = 0
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
        size = len(key) + entry.size
        if size > self.max_bytes:
            return
        self.entries[key] = entry
        self.size += size
        for tag in entry.tags:
            self.by_tag.setdefault(tag, set()).add(key)
        while self.size > self.max_bytes:
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
            self.size = 0
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
        self.size -= len(key) + entry.size
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


class CacheKeys:
    """Which requests the cache may answer, and the key each is answered under.

    The cache answers only what Django would serve as it is: a GET or HEAD, anonymous or by a
    signed-in reader (whose pages are everyone's: what is theirs comes from their own requests,
    `/accounts/me.json` and the discussion's fragment), never by newsroom staff (their browsers
    carry `DATELINE_STAFF_COOKIE_NAME`: Wagtail's user bar is rendered for them), whose host
    Django accepts (`ALLOWED_HOSTS`, checked as Django checks it) and that Django would not redirect
    to https (`SECURE_SSL_REDIRECT`, the scheme read as Django reads it, through
    `SECURE_PROXY_SSL_HEADER`). Everything else goes to Django, which refuses or redirects it. The key
    is the scheme, the host, the path and the query parameters public pages read
    (`dateline.core.public`): a tracking parameter is answered from the cache, junk is not a new entry.
    """

    def __init__(
        self,
        allowed_hosts: Sequence[str],
        *,
        debug: bool = False,
        use_forwarded_host: bool = False,
        ssl_redirect: bool = False,
        proxy_ssl_header: tuple[str, str] | None = None,
        staff_cookie: str = "dateline_newsroom",
        messages_cookie: str = "messages",
    ) -> None:
        # Django's own fallback when DEBUG is on and ALLOWED_HOSTS is empty (HttpRequest.get_host).
        self.allowed_hosts = list(allowed_hosts) or ([".localhost", "127.0.0.1", "[::1]"] if debug else [])
        self.forwarded_host_header = b"x-forwarded-host" if use_forwarded_host else None
        self.ssl_redirect = ssl_redirect
        self.proto_header: bytes | None = None
        self.secure_proto = b""
        if proxy_ssl_header is not None:
            meta_name, secure_value = proxy_ssl_header
            if not meta_name.startswith("HTTP_"):
                raise ValueError(f"SECURE_PROXY_SSL_HEADER must name a request header, not {meta_name}")
            self.proto_header = meta_name[5:].lower().replace("_", "-").encode("latin-1")
            self.secure_proto = secure_value.encode("latin-1")
        # Staff see personal pages (the newsroom's user bar); a reader's session changes nothing
        # Django would render, and a page rendered for a request with one is never kept.
        self.staff_cookie = f"{staff_cookie}=".encode("latin-1")
        # A visitor without a session may still have a message waiting ("You have signed out"):
        # the next page they see shows it, so it is rendered for them.
        self.messages_cookie = f"{messages_cookie}=".encode("latin-1")
        # The headers a key depends on, each found with one lookup per request header.
        self.watched = {b"host": HOST, b"cookie": COOKIE, b"authorization": AUTHORIZATION}
        if use_forwarded_host:
            self.watched[b"x-forwarded-host"] = FORWARDED_HOST
        if self.proto_header is not None:
            self.watched[self.proto_header] = PROTO
        # Per Host header: the key's beginnings over http and https, or () if Django refuses the host.
        self.hosts: dict[bytes, tuple[str, ...]] = {}

    @classmethod
    def from_settings(cls, settings: Any) -> CacheKeys:
        return cls(
            settings.ALLOWED_HOSTS,
            debug=settings.DEBUG,
            use_forwarded_host=settings.USE_X_FORWARDED_HOST,
            ssl_redirect=settings.SECURE_SSL_REDIRECT,
            proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
            staff_cookie=settings.DATELINE_STAFF_COOKIE_NAME,
        )

    def key(self, scope: MutableMapping[str, Any]) -> str | None:
        """The key for a request the cache may answer, or None if it must go to Django."""
        if scope["method"] not in ("GET", "HEAD"):
            return None
        path: str = scope["path"]
        if path.startswith(BYPASS_PREFIXES):
            return None
        host = forwarded_host = proto = None
        watched = self.watched
        for name, value in scope["headers"]:
            kind = watched.get(name)
            if kind is None:
                continue
            if kind == HOST:
                if host is not None:
                    return None  # two Host headers: Django's to refuse
                host = value
            elif kind == COOKIE:
                if self.staff_cookie in value or self.messages_cookie in value:
                    return None
            elif kind == AUTHORIZATION:
                return None
            elif kind == PROTO:
                if proto is None:  # Django reads the first of several
                    proto = value
            elif forwarded_host is not None:
                return None
            else:
                forwarded_host = value
        if forwarded_host is not None:
            host = forwarded_host
        if host is None:
            return None
        beginnings = self.hosts.get(host)
        if beginnings is None:
            beginnings = self.check_host(host)
        if not beginnings:
            return None
        if proto is None:
            secure = scope.get("scheme") == "https"
        else:
            secure = proto == self.secure_proto or proto.split(b",", 1)[0].strip() == self.secure_proto
        if self.ssl_redirect and not secure:
            return None
        key = beginnings[secure] + path
        query: bytes = scope.get("query_string", b"")
        if query:
            shared = shared_query(query.decode("latin-1"))
            if shared:
                key = f"{key}?{shared}"
        return key

    def check_host(self, raw_host: bytes) -> tuple[str, ...]:
        """The key's beginnings for this Host header if Django accepts the host, else () (remembered)."""
        host = raw_host.decode("latin-1")
        domain, _port = split_domain_port(host)
        accepted = domain and validate_host(domain, self.allowed_hosts)
        beginnings = (f"http://{host}", f"https://{host}") if accepted else ()
        if len(self.hosts) >= REMEMBERED_HOSTS:
            self.hosts.clear()
        self.hosts[raw_host] = beginnings
        return beginnings


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
    size = (
        len(body)
        + (len(gzip_body) if gzip_body is not body else 0)
        + sum(len(name) + len(value) for name, value in (*headers, *gzip_headers))
        + sum(len(tag) for tag in tags)
        + ENTRY_OVERHEAD_BYTES
    )
    return Entry(status, headers, gzip_headers, body, gzip_body, etag, tags, size)


def strip_tag_header(raw_headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in raw_headers if name.lower() != TAG_HEADER]
