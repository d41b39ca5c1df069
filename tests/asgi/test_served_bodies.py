"""Request bodies through the real server (granian with Dateline's command, reading the test
database): refused before they are read or spooled, cut off as they stream, never trickled in for
ever, and larger only for newsroom staff uploading to the newsroom."""

from __future__ import annotations

import io
import os
import socket
import time
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from dateline.images.models import NewsImage
from tests.browser.server import granian_server
from tests.discussion.factories import reader

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_db"),
]

MIB = 1024 * 1024


@pytest.fixture
def spool(tmp_path: Path) -> Path:
    """The server's temporary directory, where a body too large for memory would be spooled."""
    directory = tmp_path / "spool"
    directory.mkdir()
    return directory


@pytest.fixture
def server(tmp_path: Path, spool: Path) -> Iterator[str]:
    environment = {"TMPDIR": str(spool), "DATELINE_BODY_IDLE_SECONDS": "1", "DATELINE_BODY_SECONDS": "4"}
    with granian_server(settings.DATABASES["default"], tmp_path / "granian.log", environment) as base_url:
        yield base_url


def connect(base_url: str) -> socket.socket:
    address = urlsplit(base_url)
    connection = socket.create_connection((address.hostname, address.port), timeout=5)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    return connection


def status_of(connection: socket.socket, timeout: float) -> int | None:
    """The status of the response on `connection`, or None if none came within `timeout`."""
    connection.settimeout(timeout)
    received = b""
    try:
        while b"\r\n" not in received:
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
    except TimeoutError:
        return None
    return int(received.split(b" ", 2)[1]) if received.startswith(b"HTTP/1.1 ") else None


def send_what_is_taken(connection: socket.socket, data: bytes, timeout: float = 2.0) -> int:
    """Send `data` until the server stops taking it; how many bytes went."""
    connection.settimeout(timeout)
    sent = 0
    try:
        while sent < len(data):
            sent += connection.send(data[sent : sent + 64 * 1024])
    except OSError:  # refused and closed (reset, broken pipe) or no longer read (timeout)
        pass
    return sent


def files_open_under(directory: Path) -> list[str]:
    """Files open in any process under `directory`: a spooled body shows here though it is unlinked."""
    found = []
    for descriptors in Path("/proc").glob("[0-9]*/fd"):
        try:
            targets = [os.readlink(descriptor) for descriptor in descriptors.iterdir()]
        except OSError:
            continue
        found += [target for target in targets if target.startswith(str(directory))]
    return found


def test_a_declared_400_mib_post_is_refused_at_once_and_nothing_is_spooled(server, spool):
    connection = connect(server)
    connection.sendall(b"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 419430400\r\n\r\n")

    send_what_is_taken(connection, b"x" * 4 * MIB)
    time.sleep(0.5)
    spooled = files_open_under(spool)
    status = status_of(connection, timeout=5)
    connection.close()

    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert spooled == []


def test_a_chunked_body_is_cut_off_at_the_limit_and_the_rest_is_not_read(server, spool):
    connection = connect(server)
    connection.sendall(b"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (256 * 1024, b"x" * 256 * 1024)

    sent = send_what_is_taken(connection, chunk * 160)  # 40 MiB
    status = status_of(connection, timeout=5)
    connection.close()

    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert sent < 20 * MIB, f"the server took {sent / MIB:.0f} MiB of a body it refuses after 10"
    assert files_open_under(spool) == []


def test_a_body_that_stops_arriving_is_refused_with_408(server):
    paused = connect(server)
    paused.sendall(b"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nabc")
    trickling = connect(server)
    trickling.sendall(b"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
    started = time.monotonic()
    trickling.settimeout(0.5)
    answer = b""
    while not answer and time.monotonic() - started < 10:
        try:
            trickling.send(b"x")
            answer = trickling.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            break

    assert status_of(paused, timeout=5) == HTTPStatus.REQUEST_TIMEOUT
    assert answer.startswith(b"HTTP/1.1 408"), answer[:40]
    assert time.monotonic() - started < 8, "the body deadline (4 s here) ends a trickle"
    paused.close()
    trickling.close()


def large_picture() -> bytes:
    """A PNG of noise, which does not compress: more than 10 MiB for 4 megapixels."""
    picture = Image.frombytes("RGB", (2048, 2048), os.urandom(2048 * 2048 * 3))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=1)
    data = buffer.getvalue()
    assert len(data) > 10 * MIB
    return data


def session_of(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def upload_image(base_url: str, cookies: dict[str, str], picture: bytes) -> httpx.Response:
    with httpx.Client(base_url=base_url, cookies=cookies, timeout=30) as client:
        client.get("/newsroom/images/add/")  # for the CSRF cookie
        return client.post(
            "/newsroom/images/add/",
            data={"title": "Harbour at night", "csrfmiddlewaretoken": client.cookies.get("csrftoken", "")},
            files={"file": ("harbour.png", picture, "image/png")},
            headers={"Referer": f"{base_url}/newsroom/images/add/"},
        )


def test_newsroom_staff_upload_a_large_image_that_a_reader_or_a_stranger_cannot_send(server, editor):
    picture = large_picture()

    staff = upload_image(server, session_of(editor), picture)
    by_reader = upload_image(server, session_of(reader("Mina")), picture)
    by_stranger = upload_image(server, {}, picture)

    assert staff.status_code == HTTPStatus.FOUND, staff.text[:2000]
    assert NewsImage.objects.filter(title="Harbour at night").count() == 1
    assert NewsImage.objects.get(title="Harbour at night").file_size == len(picture)
    assert by_reader.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert by_stranger.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "10.0" in by_stranger.text
