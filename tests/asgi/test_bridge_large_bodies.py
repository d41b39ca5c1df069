"""The Django bridge's paths for what is too large to hold in memory at once, with Django itself
behind it: a response over `COLLECT_BYTES` is streamed on a chunk at a time and arrives whole and
in order, and an upload over `FILE_UPLOAD_MAX_MEMORY_SIZE`, spooled to disk, reaches Django intact
and leaves no file behind."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as site_urlpatterns
from dateline.asgi.django_bridge import COLLECT_BYTES, DjangoBridge
from tests.asgi.test_application import django_threads_close_connections  # noqa: F401  (a fixture)

MIB = 1024 * 1024
# Larger than the bridge collects, not a multiple of FileResponse's 4 KiB blocks.
DOCUMENT_BYTES = 2 * COLLECT_BYTES + 1000
UPLOAD_BYTES = 3 * MIB  # over the 1 MiB kept in memory, within the 10 MiB a body may be
BOUNDARY = "guarded-upload-boundary"

documents_served: list[io.BytesIO] = []


@cache
def document() -> bytes:
    """Numbered four-byte words: a chunk sent twice, left out or out of order shows."""
    return b"".join(number.to_bytes(4, "big") for number in range(DOCUMENT_BYTES // 4)) + b"end"


def spooled_files() -> list[str]:
    """The files this process has open in the temporary directory (spooled bodies are unlinked at
    once, so they show only here)."""
    directory = tempfile.gettempdir()
    found = []
    for descriptor in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except FileNotFoundError:  # the listing's own descriptor, closed by now
            continue
        if target.startswith(directory):
            found.append(target)
    return found


def serve_document(request: HttpRequest) -> FileResponse:
    file = io.BytesIO(document())
    documents_served.append(file)
    return FileResponse(file, content_type="application/octet-stream")


@csrf_exempt
def receive_upload(request: HttpRequest) -> HttpResponse:
    upload = request.FILES["file"]
    return JsonResponse(
        {
            "sha256": hashlib.sha256(upload.read()).hexdigest(),
            "size": upload.size,
            "note": request.POST["note"],
            "spooled": spooled_files(),
        }
    )


# The site's own routes stay, for what its middleware looks up (the newsroom's address).
urlpatterns = [path("document/", serve_document), path("upload/", receive_upload), *site_urlpatterns]


def multipart(note: str, name: str, content: bytes) -> bytes:
    return (
        (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="note"\r\n\r\n'
            f"{note}\r\n"
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


async def exchange(
    bridge: DjangoBridge, method: str, path: str, body: bytes = b"", piece: int = 64 * 1024
) -> list[dict[str, Any]]:
    """One request, its body sent in pieces as a server hands them on; the messages sent back."""
    pieces = [body[start : start + piece] for start in range(0, len(body), piece)] or [b""]
    messages = [
        {"type": "http.request", "body": chunk, "more_body": number < len(pieces) - 1}
        for number, chunk in enumerate(pieces)
    ]
    headers = [(b"host", b"testserver")]
    if body:
        headers += [
            (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
            (b"content-length", str(len(body)).encode()),
        ]
    scope = {
        "type": "http",
        "method": method,
        "scheme": "http",
        "path": path,
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await asyncio.wait_for(bridge(scope, receive, send), 30)
    return sent


@pytest.fixture
def bridge(
    settings: Any,
    committed_db: None,
    editions: Any,
    django_threads_close_connections: None,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[DjangoBridge]:
    """The bridge before Django with this module's views, two threads (a streamed response's
    chunks may be read by either) and a temporary directory of its own."""
    settings.ROOT_URLCONF = __name__
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = MIB
    settings.DATELINE_MAX_BODY_BYTES = 10 * MIB
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    documents_served.clear()
    bridge = DjangoBridge(get_wsgi_application(), threads=2)
    yield bridge
    bridge.threads.shutdown()


def test_a_response_over_4_mib_arrives_whole_and_in_order_and_its_file_is_closed(bridge):
    start, *body = asyncio.run(exchange(bridge, "GET", "/document/"))

    assert start["status"] == HTTPStatus.OK
    assert b"".join(message["body"] for message in body) == document()
    assert [message.get("more_body", False) for message in body] == [True] * (len(body) - 1) + [False]
    assert max(len(message["body"]) for message in body) <= COLLECT_BYTES + 4096, "streamed, not collected"
    assert [file.closed for file in documents_served] == [True]


def test_an_upload_spooled_to_disk_reaches_django_intact_and_leaves_no_file_behind(bridge, tmp_path):
    content = os.urandom(UPLOAD_BYTES)

    start, *body = asyncio.run(
        exchange(bridge, "POST", "/upload/", multipart("harbour at night", "harbour.bin", content))
    )
    answer = json.loads(b"".join(message["body"] for message in body))

    assert start["status"] == HTTPStatus.OK
    assert answer["size"] == UPLOAD_BYTES
    assert answer["sha256"] == hashlib.sha256(content).hexdigest()
    assert answer["note"] == "harbour at night"
    assert any(target.endswith("(deleted)") for target in answer["spooled"]), (
        "the body was spooled to disk (an unlinked file) while Django read it"
    )
    assert spooled_files() == []
    assert list(tmp_path.iterdir()) == [], "Django's own copy of the upload is removed too"
    assert bridge.bodies.held == 0


def test_a_head_request_for_a_response_over_4_mib_gets_its_length_and_no_body(bridge):
    start, *body = asyncio.run(exchange(bridge, "HEAD", "/document/"))

    assert start["status"] == HTTPStatus.OK
    assert dict(start["headers"])[b"content-length"] == str(len(document())).encode()
    assert b"".join(message["body"] for message in body) == b""
    assert [file.closed for file in documents_served] == [True]
