"""Static files and media, served by the ASGI application rather than by granian's own file serving,
which cannot add a header (it sends only Cache-Control, Content-Type and Date).

A request path is resolved under the directory's root: no `..`, no dotfiles, no symlink that leads
out of the root, nothing under a refused subdirectory (documents are served only through
Wagtail's permission-checked view). The answer has its content type from the extension, an ETag
and Last-Modified with 304 when the client has the file, Cache-Control, `X-Content-Type-Options:
nosniff` and whatever the directory adds (media: a Content-Security-Policy under which an uploaded
file can run nothing). The body is sent by the server itself (`http.response.pathsend`) when it
offers to, so Python never copies it.
"""

from __future__ import annotations

import mimetypes
import os
import re
import stat
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CHUNK_BYTES = 256 * 1024
# Names the manifest storage gives collected files ("site.3f2a9c1b7d4e.css"): a new file per change.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
IMMUTABLE = b"public, max-age=31536000, immutable"
# Unhashed static files (and every file in development, without the manifest) are revalidated.
REVALIDATE = b"no-cache"
MEDIA_CACHE_CONTROL = b"public, max-age=604800"
# Uploads are shown by pages, never run: opened on their own, an SVG or HTML file gets no script,
# no plug-in and an origin of its own.
UPLOADS_POLICY = b"default-src 'none'; style-src 'unsafe-inline'; sandbox"
# Wagtail's documents (`wagtail.documents.models.get_upload_to`): only /documents/<id>/<name> serves them.
DOCUMENTS_DIRECTORY = "documents"
CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}


class FileDirectory:
    """Serves the files under `root` at `prefix` (e.g. "/static/")."""

    def __init__(
        self,
        prefix: str,
        root: Path | str,
        *,
        cache_control: bytes,
        hashed_cache_control: bytes | None = None,
        extra_headers: Sequence[tuple[bytes, bytes]] = (),
        refused: Sequence[str] = (),
    ) -> None:
        self.prefix = prefix
        self.root = os.path.realpath(root)
        self.cache_control = cache_control
        self.hashed_cache_control = hashed_cache_control or cache_control
        self.extra_headers = list(extra_headers)
        self.refused = tuple(f"{directory}/" for directory in refused)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            await send_status(send, 405, [(b"allow", b"GET, HEAD")])
            return
        found = self.find(scope["path"])
        if found is None:
            await send_status(send, 404)
            return
        path, status = found
        etag = f'"{status.st_mtime_ns:x}-{status.st_size:x}"'.encode()
        last_modified = formatdate(int(status.st_mtime), usegmt=True).encode()
        cache_control = self.hashed_cache_control if HASHED_NAME.search(path) else self.cache_control
        validators = [
            (b"etag", etag),
            (b"last-modified", last_modified),
            (b"cache-control", cache_control),
            (b"x-content-type-options", b"nosniff"),
        ]
        if not_modified(scope, etag, int(status.st_mtime)):
            await send_status(send, 304, validators)
            return
        headers = [
            (b"content-type", content_type(path)),
            (b"content-length", str(status.st_size).encode()),
            *validators,
            *self.extra_headers,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b""})
        elif "http.response.pathsend" in (scope.get("extensions") or {}):
            await send({"type": "http.response.pathsend", "path": path})
        else:
            await send_file(path, send)

    def find(self, request_path: str) -> tuple[str, os.stat_result] | None:
        """The file a request path names and its status, or None if it names no file that may be
        served."""
        parts = request_path[len(self.prefix) :].split("/")
        for part in parts:
            if not part or part[0] == "." or "\\" in part or "\0" in part:
                return None
        real = os.path.realpath(os.path.join(self.root, *parts))
        if not real.startswith(self.root + os.sep) or real[len(self.root) + 1 :].startswith(self.refused):
            return None
        try:
            status = os.stat(real)
        except (OSError, ValueError):
            return None
        return (real, status) if stat.S_ISREG(status.st_mode) else None


def static_files(settings: Any) -> FileDirectory:
    """/static/: collected files, kept for a year when the manifest storage has hashed their names."""
    return FileDirectory(
        urlsplit(settings.STATIC_URL).path,
        settings.STATIC_ROOT,
        cache_control=REVALIDATE,
        hashed_cache_control=IMMUTABLE,
    )


def media_files(settings: Any) -> FileDirectory:
    """/media/: uploads (images, renditions, avatars), never documents, never able to run script."""
    return FileDirectory(
        urlsplit(settings.MEDIA_URL).path,
        settings.MEDIA_ROOT,
        cache_control=MEDIA_CACHE_CONTROL,
        extra_headers=[(b"content-security-policy", UPLOADS_POLICY)],
        refused=[DOCUMENTS_DIRECTORY],
    )


def content_type(path: str) -> bytes:
    extension = os.path.splitext(path)[1].lower()
    known = CONTENT_TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    return known.encode("latin-1")


def not_modified(scope: Scope, etag: bytes, modified: int) -> bool:
    """Whether the client's copy is current: If-None-Match if it sent one, else If-Modified-Since."""
    if_none_match = if_modified_since = None
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            if_none_match = value
        elif name == b"if-modified-since":
            if_modified_since = value
    if if_none_match is not None:
        tags = [tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")]
        return etag in tags or b"*" in tags
    if if_modified_since is None:
        return False
    try:
        return modified <= parsedate_to_datetime(if_modified_since.decode("latin-1")).timestamp()
    except (TypeError, ValueError):
        return False


async def send_status(send: Send, status: int, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers or []})
    await send({"type": "http.response.body", "body": b""})


async def send_file(path: str, send: Send) -> None:
    """The body, read here: for a server that does not offer to send files itself."""
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})
