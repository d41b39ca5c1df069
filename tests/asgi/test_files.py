"""Static files and media as the ASGI application serves them: what is served, with which headers,
and what is refused however the path is written."""

from __future__ import annotations

import asyncio
import os
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from dateline.asgi.files import IMMUTABLE, UPLOADS_POLICY, FileDirectory, media_files, static_files
from tests.asgi.test_application import Response

STYLESHEET = b"body { color: #222; }\n"
PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def get(
    app: FileDirectory,
    path: str,
    method: str = "GET",
    headers: list[tuple[bytes, bytes]] | None = None,
    extensions: dict[str, Any] | None = None,
) -> tuple[Response, list[dict[str, Any]]]:
    """Ask `app` for `path`; the response, and every message it sent."""
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": headers or [],
        "extensions": extensions,
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start, *rest = sent
    body = b"".join(message.get("body", b"") for message in rest)
    return Response(start["status"], dict(start["headers"]), body), sent


@pytest.fixture
def roots(tmp_path: Path, settings) -> dict[str, Path]:
    """A static root, a media root with an uploaded picture and a document, and a secret beside them."""
    static = tmp_path / "static"
    (static / "dateline").mkdir(parents=True)
    (static / "dateline" / "site.css").write_bytes(STYLESHEET)
    (static / "dateline" / "site.0123456789ab.css").write_bytes(STYLESHEET)
    (static / ".env").write_text("SECRET=1")
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "harbour.png").write_bytes(PICTURE)
    (media / "documents").mkdir()
    (media / "documents" / "salaries.pdf").write_bytes(b"%PDF-1.4 salaries")
    (tmp_path / "secret.txt").write_text("outside the roots")
    settings.STATIC_ROOT = static
    settings.MEDIA_ROOT = media
    return {"static": static, "media": media, "outside": tmp_path}


def test_a_static_file_is_served_with_its_type_validators_and_nosniff(roots, settings):
    response, _sent = get(static_files(settings), "/static/dateline/site.css")

    assert response.status == HTTPStatus.OK
    assert response.body == STYLESHEET
    assert response.headers[b"content-type"] == b"text/css; charset=utf-8"
    assert response.headers[b"content-length"] == str(len(STYLESHEET)).encode()
    assert response.headers[b"x-content-type-options"] == b"nosniff"
    assert response.headers[b"etag"].startswith(b'"')
    assert b"GMT" in response.headers[b"last-modified"]


def test_hashed_static_files_are_kept_for_a_year_and_others_revalidated(roots, settings):
    hashed, _sent = get(static_files(settings), "/static/dateline/site.0123456789ab.css")
    plain, _sent = get(static_files(settings), "/static/dateline/site.css")

    assert hashed.headers[b"cache-control"] == IMMUTABLE
    assert plain.headers[b"cache-control"] == b"no-cache"


def test_the_server_sends_the_file_itself_when_it_offers_to(roots, settings):
    response, sent = get(
        media_files(settings), "/media/original_images/harbour.png", extensions={"http.response.pathsend": {}}
    )

    assert response.status == HTTPStatus.OK
    assert sent[-1] == {
        "type": "http.response.pathsend",
        "path": str(roots["media"] / "original_images" / "harbour.png"),
    }
    assert response.headers[b"content-length"] == str(len(PICTURE)).encode()


def test_a_reader_who_has_the_file_gets_not_modified(roots, settings):
    directory = static_files(settings)
    first, _sent = get(directory, "/static/dateline/site.css")

    by_etag, _sent = get(
        directory, "/static/dateline/site.css", headers=[(b"if-none-match", first.headers[b"etag"])]
    )
    by_date, _sent = get(
        directory,
        "/static/dateline/site.css",
        headers=[(b"if-modified-since", first.headers[b"last-modified"])],
    )
    stale, _sent = get(directory, "/static/dateline/site.css", headers=[(b"if-none-match", b'"old"')])

    assert (by_etag.status, by_etag.body) == (HTTPStatus.NOT_MODIFIED, b"")
    assert by_date.status == HTTPStatus.NOT_MODIFIED
    assert stale.status == HTTPStatus.OK and stale.body == STYLESHEET


def test_head_gets_the_headers_without_the_body(roots, settings):
    response, _sent = get(static_files(settings), "/static/dateline/site.css", method="HEAD")

    assert (response.status, response.body) == (HTTPStatus.OK, b"")
    assert response.headers[b"content-length"] == str(len(STYLESHEET)).encode()


def test_only_get_and_head_are_allowed(roots, settings):
    response, _sent = get(static_files(settings), "/static/dateline/site.css", method="POST")

    assert response.status == HTTPStatus.METHOD_NOT_ALLOWED


def test_uploads_can_never_run_script_when_opened_on_their_own(roots, settings):
    response, _sent = get(media_files(settings), "/media/original_images/harbour.png")

    assert response.status == HTTPStatus.OK
    assert response.headers[b"content-type"] == b"image/png"
    assert response.headers[b"content-security-policy"] == UPLOADS_POLICY
    assert b"sandbox" in UPLOADS_POLICY and b"default-src 'none'" in UPLOADS_POLICY
    assert response.headers[b"x-content-type-options"] == b"nosniff"


def test_documents_are_never_served_from_media(roots, settings):
    (roots["media"] / "original_images" / "alias").symlink_to(roots["media"] / "documents")

    for path in ["/media/documents/salaries.pdf", "/media/original_images/alias/salaries.pdf"]:
        response, _sent = get(media_files(settings), path)
        assert response.status == HTTPStatus.NOT_FOUND, path
        assert b"salaries" not in response.body


@pytest.mark.parametrize(
    "path",
    [
        "/static/../secret.txt",
        "/static/dateline/../../secret.txt",
        "/static/.env",
        "/static/dateline/",
        "/static/dateline",
        "/static/",
        "/static//etc/passwd",
        "/static/dateline//site.css",
        "/static/dateline\\..\\..\\secret.txt",
        "/static/dateline/site.css\0.png",
        "/static/no-such-file.css",
        "/static/link-out",
        "/static/dateline/site.css/",
    ],
)
def test_no_path_reaches_a_file_it_should_not(roots, settings, path):
    (roots["static"] / "link-out").symlink_to(roots["outside"] / "secret.txt")

    response, _sent = get(static_files(settings), path)

    assert response.status == HTTPStatus.NOT_FOUND
    assert b"outside the roots" not in response.body
    assert b"SECRET" not in response.body


def test_a_link_that_stays_inside_the_root_is_followed(roots, settings):
    os.symlink(roots["static"] / "dateline" / "site.css", roots["static"] / "latest.css")

    response, _sent = get(static_files(settings), "/static/latest.css")

    assert response.status == HTTPStatus.OK
    assert response.body == STYLESHEET


def test_a_file_of_an_unknown_kind_is_sent_as_bytes(roots, settings):
    (roots["media"] / "original_images" / "notes.xyz123").write_bytes(b"<script>alert(1)</script>")

    response, _sent = get(media_files(settings), "/media/original_images/notes.xyz123")

    assert response.headers[b"content-type"] == b"application/octet-stream"
    assert response.headers[b"x-content-type-options"] == b"nosniff"
