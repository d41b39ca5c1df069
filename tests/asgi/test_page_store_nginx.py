"""The page store behind a real nginx: Debian's nginx, started with the block `dateline nginx-config`
prints, in front of Dateline served by granian with DATELINE_PAGE_STORE_DIR set.

A page nginx answers from the store carries nginx's ETag ("mtime-size" in hex); Dateline's is a
hash of the page, without a hyphen: that is how these tests tell who answered.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from dateline.asgi.nginx_config import standalone
from tests.browser.server import free_port, granian_server, stop
from tests.factories import ArticleFactory

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
# nginx in front is an option of a production install, not something Dateline needs: without it
# (Debian's `nginx` package; .ci/run installs it) these tests are skipped, saying why.
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")

NGINX_ETAG = re.compile(r'"[0-9a-f]+-[0-9a-f]+"')
PURGE_SECONDS = 15


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def answered_by_nginx(headers: dict[str, str]) -> bool:
    return bool(NGINX_ETAG.fullmatch(headers.get("etag", "")))


@contextmanager
def nginx_in_front(store: Path, upstream: str, file_cache: int = 0) -> Iterator[str]:
    """nginx running `dateline nginx-config`'s block for `store` and `upstream` (keeping files open
    `file_cache` seconds); yields its address."""
    port = free_port()
    block = io.StringIO()
    call_command(
        "nginx_config", store=str(store), upstream=upstream, listen=f"127.0.0.1:{port}", stdout=block
    )
    work = Path(tempfile.mkdtemp(prefix="dl-test-nginx-"))
    conf = work / "nginx.conf"
    conf.write_text(standalone(block.getvalue(), work))
    assert NGINX is not None
    process = subprocess.Popen(
        [NGINX, "-e", str(work / "error.log"), "-p", str(work), "-c", str(conf)], start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while get_or_none(f"{base}/robots.txt") is None:
            assert process.poll() is None, (work / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not answer"
            time.sleep(0.1)
        yield base
    finally:
        stop(process)
        shutil.rmtree(work, ignore_errors=True)


def get_or_none(url: str) -> int | None:
    try:
        return get(url)[0]
    except OSError:
        return None


@pytest.fixture
def store() -> Iterator[Path]:
    # nginx's workers run as nobody: the store must be readable by others, unlike pytest's tmp_path.
    directory = Path(tempfile.mkdtemp(prefix="dl-test-store-"))
    directory.chmod(0o755)
    yield directory / "pages"
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def dateline(committed_db: None, editions: object, store: Path, tmp_path: Path) -> Iterator[str]:
    """Dateline under granian with the store; its address without the scheme."""
    database = settings.DATABASES["default"]
    environment = {"DATELINE_PAGE_STORE_DIR": str(store)}
    with granian_server(database, tmp_path / "granian.log", environment) as base:
        yield base.removeprefix("http://")


@pytest.fixture
def nginx(dateline: str, store: Path) -> Iterator[str]:
    with nginx_in_front(store, dateline) as base:
        yield base


def wait_for_the_purge(store: Path) -> None:
    deadline = time.monotonic() + PURGE_SECONDS
    while list(store.glob("http/**/*.html")) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_stored_page_is_served_by_nginx_as_dateline_sent_it(nginx):
    story = ArticleFactory(title="Harbour cranes return to work")

    _status, rendered_headers, rendered = get(nginx + story.url)
    status, headers, body = get(nginx + story.url)

    assert not answered_by_nginx(rendered_headers), "the first reader's page is rendered by Dateline"
    assert status == HTTPStatus.OK and answered_by_nginx(headers)
    assert body == rendered
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == rendered_headers["cache-control"]
    assert headers["content-language"] == "en"
    assert headers["content-security-policy"] == rendered_headers["content-security-policy"]
    assert "x-dateline-cache-tags" not in headers


def test_nginx_answers_not_modified_and_gzip_from_the_store(nginx):
    story = ArticleFactory(title="Harbour cranes return to work")
    get(nginx + story.url)
    _status, headers, body = get(nginx + story.url)

    revalidated = get(nginx + story.url, **{"If-None-Match": headers["etag"]})
    compressed = get(nginx + story.url, **{"Accept-Encoding": "gzip"})

    assert revalidated[0] == HTTPStatus.NOT_MODIFIED and revalidated[2] == b""
    assert compressed[1]["content-encoding"] == "gzip" and answered_by_nginx(compressed[1])
    assert gzip.decompress(compressed[2]) == body
    assert "Accept-Encoding" in compressed[1]["vary"]


def test_newsroom_staff_and_other_queries_go_through_to_dateline(nginx):
    story = ArticleFactory()
    get(nginx + story.url)

    staff = get(nginx + story.url, Cookie=f"{settings.DATELINE_STAFF_COOKIE_NAME}=1")
    message = get(nginx + story.url, Cookie="messages=abc")
    tracked = get(nginx + story.url + "?utm_source=mail")

    for status, headers, _body in (staff, message, tracked):
        assert status == HTTPStatus.OK
        assert not answered_by_nginx(headers)


def test_after_a_purge_the_next_reader_gets_the_page_from_dateline(nginx, store):
    story = ArticleFactory(title="Harbour cranes return to work")
    get(nginx + story.url)
    assert answered_by_nginx(get(nginx + story.url)[1])

    story.title = "Harbour cranes idle again"
    story.save_revision().publish()
    wait_for_the_purge(store)
    status, headers, body = get(nginx + story.url)

    assert status == HTTPStatus.OK and not answered_by_nginx(headers)
    assert b"Harbour cranes idle again" in body


def test_with_files_kept_open_a_purged_page_reaches_dateline_within_those_seconds(dateline, store):
    story = ArticleFactory(title="Harbour cranes return to work")
    with nginx_in_front(store, dateline, file_cache=1) as nginx:
        get(nginx + story.url)
        assert answered_by_nginx(get(nginx + story.url)[1])

        story.title = "Harbour cranes idle again"
        story.save_revision().publish()
        wait_for_the_purge(store)
        purged_at = time.monotonic()
        while answered_by_nginx(get(nginx + story.url)[1]) and time.monotonic() - purged_at < PURGE_SECONDS:
            time.sleep(0.05)
        stale_seconds = time.monotonic() - purged_at
        body = get(nginx + story.url)[2]

    assert stale_seconds < 2.5, "open files are checked again after a second"
    assert b"Harbour cranes idle again" in body
