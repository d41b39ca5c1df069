"""The page store: the page cache's pages also written as files, for nginx to answer without Python.

Opt-in (`DATELINE_PAGE_STORE_DIR`). Every page the page cache keeps is written as
`<scheme>/<host><path>@<query>.html` under the store's directory, with its gzip copy beside it
(`….html.gz`, for nginx's `gzip_static`), each to a temporary name first and then renamed, so a
reader never sees half a page. The server block `dateline nginx-config` prints
(`dateline.asgi.nginx_config`) tries that file for the requests the page cache would answer and
hands everything else to Dateline.

Only a key whose every part is plain is written: a host of letters, digits, dots and hyphens with
an optional port, path segments of letters, digits and `-._~` that do not start with a dot, and a
query that is empty or one `page` number (`nginx_config.STORE_QUERY`). Anything else stays in
memory only, so no request can name a file outside the directory.

Purging: each page's file is listed in one small index file per cache tag (`.tags/`); a purge
event deletes the files of its tags in the same hub wake-up that drops the pages from memory. All
writes and purges hold one lock on the directory (`flock`), so processes that share the store never
lose an index line to each other's purge. Each process writes and purges from its event loop
thread, where its generation check ran: a page rendered across a purge is never written.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from dateline.asgi.nginx_config import STORE_QUERY, STORED_CONTENT_TYPE, STORED_FILE_SUFFIX, language_of
from dateline.core import csp
from dateline.core.cache_tags import EVERYTHING

HOST = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?")
QUERY = re.compile(STORE_QUERY)
SEGMENT_EXTRA = frozenset("-._~")
MAX_SEGMENT_CHARS = 200
MAX_PATH_BYTES = 1024
SCHEMES = ("http", "https")
TAGS_DIRECTORY = ".tags"
TEMPORARY_DIRECTORY = ".tmp"
LOCK_FILE = ".lock"


# The headers nginx makes itself for a stored file, whatever the page had.
MADE_BY_NGINX = frozenset({b"content-length", b"etag", b"vary", b"content-encoding"})


class StoredPage(Protocol):
    """What the store reads of a page cache entry (`dateline.asgi.page_cache.Entry`)."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    gzip_body: bytes
    tags: frozenset[str]


def relative_file(key: str, request_path: str) -> str | None:
    """The file, relative to the store, that holds the page of the page cache's `key`
    ("http://host/path?query") for a request for `request_path`, or None if any part of the key is
    not plain enough to be a file name."""
    if "?" in request_path:
        return None  # an encoded "?" in the path: the key's query would not be the request's
    scheme, separator, rest = key.partition("://")
    if not separator or scheme not in SCHEMES:
        return None
    host, slash, path_and_query = rest.partition("/")
    if not slash or not HOST.fullmatch(host):
        return None
    path, _mark, query = path_and_query.partition("?")
    if query and not QUERY.fullmatch(query):
        return None
    segments = path.split("/")
    if not all(plain_segment(segment) for segment in segments[:-1]):
        return None
    if segments[-1] and not plain_segment(segments[-1]):
        return None
    relative = f"{scheme}/{host}/{path}@{query}{STORED_FILE_SUFFIX}"
    if len(relative.encode()) > MAX_PATH_BYTES:
        return None
    return relative


def plain_segment(segment: str) -> bool:
    """A path segment that is one file name: letters, digits, `-._~`, not starting with a dot."""
    return (
        0 < len(segment) <= MAX_SEGMENT_CHARS
        and not segment.startswith(".")
        and all(char.isalnum() or char in SEGMENT_EXTRA for char in segment)
    )


class PageStore:
    """Pages as files in `directory`, found by nginx, filed by cache tag for purging."""

    def __init__(
        self,
        directory: Path,
        headers: Sequence[tuple[str, str]] = (),
        secure_headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.directory = directory
        # The headers the server block sends with stored pages (`dateline.asgi.nginx_config`).
        plain = {(name.lower(), value) for name, value in headers}
        plain.add(("content-type", STORED_CONTENT_TYPE))
        self.promised = {
            "http": frozenset(plain),
            "https": frozenset(plain | {(name.lower(), value) for name, value in secure_headers}),
        }
        self.tags = directory / TAGS_DIRECTORY
        self.temporary = directory / TEMPORARY_DIRECTORY
        self.tags.mkdir(parents=True, exist_ok=True)
        self.temporary.mkdir(parents=True, exist_ok=True)
        # nginx's workers (not this process's user) read the pages.
        directory.chmod(0o755)
        self.lock_path = directory / LOCK_FILE
        self.lock_path.touch()

    def write(self, key: str, request_path: str, page: StoredPage) -> bool:
        """Write the page of `key`, asked for at `request_path` (and its gzip copy) unless the key
        cannot be a file; whether it was."""
        relative = relative_file(key, request_path)
        if relative is None or not self.served_as_sent(key.partition(":")[0], request_path, page):
            return False
        target = self.directory / relative
        with self.locked():
            target.parent.mkdir(parents=True, exist_ok=True)
            if page.gzip_body is not page.body:
                self.replace(Path(f"{target}.gz"), page.gzip_body)
            else:
                Path(f"{target}.gz").unlink(missing_ok=True)
            self.replace(target, page.body)
            line = (relative + "\n").encode()
            for tag in page.tags:
                with self.tag_index(tag).open("ab") as index:
                    index.write(line)
        return True

    def served_as_sent(self, scheme: str, request_path: str, page: StoredPage) -> bool:
        """Whether nginx would send the page with exactly the headers Dateline sent it with."""
        sent = {
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in page.headers
            if name not in MADE_BY_NGINX
        }
        language = next((value for name, value in sent if name == "content-language"), None)
        sent.discard(("content-language", language or ""))
        return language == language_of(request_path) and sent == self.promised[scheme]

    def replace(self, target: Path, body: bytes) -> None:
        """Put `body` at `target` at once: written under a temporary name, then renamed."""
        temporary = self.temporary / uuid.uuid4().hex
        with temporary.open("wb") as file:
            file.write(body)
        temporary.chmod(0o644)
        temporary.replace(target)

    def purge(self, tags: Iterable[str]) -> int:
        """Delete every page filed under one of `tags` (every page for "all"); how many files went."""
        tags = list(tags)
        with self.locked():
            if EVERYTHING in tags:
                return self.delete_everything()
            deleted = 0
            for tag in tags:
                index = self.tag_index(tag)
                try:
                    listed = index.read_bytes().decode().splitlines()
                except FileNotFoundError:
                    continue
                for relative in set(listed):
                    deleted += self.delete(relative)
                index.unlink()
        return deleted

    def delete(self, relative: str) -> int:
        """Delete one page and its gzip copy (the page first: nginx then finds neither)."""
        page = self.directory / relative
        deleted = 0
        for path in (page, Path(f"{page}.gz")):
            try:
                path.unlink()
                deleted += 1
            except FileNotFoundError:
                pass
        return deleted

    def delete_everything(self) -> int:
        """Every page and index goes: each tree is renamed away at once, then removed."""
        deleted = 0
        for name in (*SCHEMES, TAGS_DIRECTORY):
            tree = self.directory / name
            if not tree.exists():
                continue
            doomed = self.temporary / f"{name}-{uuid.uuid4().hex}"
            tree.rename(doomed)
            deleted += sum(1 for _path in doomed.rglob("*.html*"))
            shutil.rmtree(doomed, ignore_errors=True)
        self.tags.mkdir(exist_ok=True)
        return deleted

    def tag_index(self, tag: str) -> Path:
        return self.tags / hashlib.sha256(tag.encode()).hexdigest()[:40]

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The store to this process alone until the block ends (the other processes wait)."""
        with self.lock_path.open("rb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def on_events(self, events: Sequence[Any]) -> None:
        """Hub listener: delete the files of the purges that arrived on the `cache` stream."""
        for event in events:
            if event.stream == "cache" and event.kind == "purge":
                self.purge(event.payload.get("tags", ()))


def page_store(settings: Any) -> PageStore | None:
    """The store in `DATELINE_PAGE_STORE_DIR`, emptied, or None if the setting is empty.

    A store left by an earlier run may hold pages purged while no server listened: it starts empty."""
    if not settings.DATELINE_PAGE_STORE_DIR:
        return None
    headers, secure_headers = public_page_headers(settings)
    store = PageStore(Path(settings.DATELINE_PAGE_STORE_DIR), headers, secure_headers)
    store.purge([EVERYTHING])
    return store


def public_page_headers(settings: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The headers Django's middleware gives every public reader's page, and those it adds over
    https only (`SecurityMiddleware`'s HSTS): the ones the server block sends with stored pages."""
    headers = [("Cache-Control", settings.DATELINE_PUBLIC_CACHE_CONTROL)]
    middleware = set(settings.MIDDLEWARE)
    if "django.middleware.clickjacking.XFrameOptionsMiddleware" in middleware:
        headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    if "dateline.core.csp.ContentSecurityPolicyMiddleware" in middleware:
        name = csp.REPORTED if settings.DATELINE_CSP_REPORT_ONLY else csp.ENFORCED
        headers.append((name, csp.policy_for("/")))
    secure_headers = []
    if "django.middleware.security.SecurityMiddleware" in middleware:
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            headers.append(("X-Content-Type-Options", "nosniff"))
        if settings.SECURE_REFERRER_POLICY:
            headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
        if settings.SECURE_HSTS_SECONDS:
            hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
            secure_headers.append(("Strict-Transport-Security", hsts))
    return headers, secure_headers
