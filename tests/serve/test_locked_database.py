"""The site as `dateline serve` runs it stays up while something else holds the database's write lock.

A backup, a VACUUM, a migration or a long transaction elsewhere may hold the lock for many seconds.
Readers keep reading (cached pages, and uncached ones: SQLite's readers do not wait for a writer),
writers are told to try again (503, JSON for the page's script), nobody meets a server error, and
every process is still the same one afterwards: nothing died and was restarted.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

import httpx
import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from dateline.articles.models import ArticlePage
from dateline.discussion.models import Comment
from dateline.live.models import Event
from tests.browser.server import database_url, free_port, mail_directory, stop, wait_until_serving
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

LOCK_SECONDS = 25
READERS = 6


@pytest.fixture
def site(committed_db: None, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """`dateline serve` on a free port, reading the test database; yields its address, the
    supervisor's process and its log."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
        "DATELINE_TEST_MAIL_DIR": str(mail_directory()),
        "DATELINE_COMMENT_RATE": "1000/m",
        "DATELINE_SCHEDULE_SECONDS": "1",
    }
    command = [sys.executable, "-m", "dateline.cli", "serve", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_serving(process, base_url, log)
        yield base_url, process, log
    finally:
        stop(process)


def process_tree(root: int) -> dict[int, str]:
    """The pids under `root` (itself included) with their command lines."""
    found = {root: Path(f"/proc/{root}/cmdline").read_bytes().replace(b"\0", b" ").decode()}
    for pid in list(found):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            found |= process_tree(int(child))
    return found


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


class Writer:
    """A signed-in reader's cookies and CSRF header, as the page's script posts them."""

    def __init__(self, user) -> None:  # type: ignore[no-untyped-def]
        client = Client()
        client.force_login(user)
        self.csrf = "".join(get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS))
        self.headers = {
            "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "X-Requested-With": "fetch",
        }

    def post(self, http: httpx.Client, url: str, body: str) -> httpx.Response:
        return http.post(url, data={"body": body}, headers=self.headers)


def hold_write_lock(seconds: float, held: threading.Event) -> None:
    """Another program's connection holding the write lock (on PostgreSQL: the comments table's)."""
    database = connection.settings_dict
    if database["ENGINE"] == "django.db.backends.postgresql":
        url = database_url(database).replace("postgres://", "postgresql://")
        with psycopg.connect(url) as other, other.transaction():
            other.execute(f"LOCK TABLE {Comment._meta.db_table} IN EXCLUSIVE MODE")
            held.set()
            time.sleep(seconds)
        return
    other = sqlite3.connect(database["NAME"], isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        other.execute("COMMIT")
    finally:
        other.close()


def wait_until_the_server_has_seen_every_event(base_url: str) -> None:
    """Until the server's hub has read the newest event: what it purges from the page cache for
    the stories just made is purged before the test fills the cache (the live stream's `ready`
    carries the hub's head)."""
    newest = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    deadline = time.monotonic() + 10
    while True:
        with httpx.stream("GET", f"{base_url}/live/?stream=newsfeed:en", timeout=5) as response:
            head = next(int(line[4:]) for line in response.iter_lines() if line.startswith("id: "))
        if head >= newest:
            return
        assert time.monotonic() < deadline, f"the server's hub is at {head}, the newest event is {newest}"
        time.sleep(0.1)


def test_a_long_write_lock_elsewhere_gives_writers_try_again_and_takes_nothing_down(site):
    base_url, supervisor, log = site
    story = ArticleFactory(title="Official: Japan seeks to develop relations")
    # Due during the lock: the background work publishes it once the lock is gone.
    scheduled = ArticleFactory(title="A story scheduled for the middle of the lock", live=False)
    revision = scheduled.save_revision(approved_go_live_at=timezone.now() + timedelta(seconds=3))
    revision.publish()
    writers = [Writer(reader(f"Reader {n}")) for n in range(READERS)]
    post_url = reverse("discussion_post", args=[story.pk])
    before = process_tree(supervisor.pid)
    assert len(before) == 3, before  # the supervisor, granian, granian's worker
    assert resident_mib(supervisor.pid) < 50  # no Django in the supervisor

    statuses: Counter[int] = Counter()
    refusals: list[str] = []
    held = threading.Event()
    locker = threading.Thread(target=hold_write_lock, args=(LOCK_SECONDS, held))

    def keep_posting(writer: Writer, number: int) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as http:
            serial = 0
            while locker.is_alive():
                serial += 1
                response = writer.post(http, post_url, f"Reader {number}'s comment {serial} during the lock")
                statuses[response.status_code] += 1
                assert response.headers["content-type"].startswith("application/json"), response.text[:300]
                if response.status_code == HTTPStatus.SERVICE_UNAVAILABLE:
                    refusals.append(response.json()["error"])

    wait_until_the_server_has_seen_every_event(base_url)
    with httpx.Client(base_url=base_url, timeout=60) as http:
        assert http.get(story.url).status_code == HTTPStatus.OK  # now in the page cache
        locker.start()
        assert held.wait(10)
        posters = [threading.Thread(target=keep_posting, args=(w, n)) for n, w in enumerate(writers)]
        for poster in posters:
            poster.start()
        # A page that touched the database would wait the whole lock timeout and answer 503; a
        # cached one answers at once (the slowest is allowed a loaded machine's pause, not a wait).
        took = []
        while locker.is_alive():
            started = time.monotonic()
            assert http.get(story.url).status_code == HTTPStatus.OK
            took.append(time.monotonic() - started)
            time.sleep(0.5)
        assert max(took) < settings.DATELINE_DATABASE_LOCK_TIMEOUT_SECONDS * 0.8, took
        assert statistics.median(took) < 0.25, took
        for poster in posters:
            poster.join()
        assert statuses[HTTPStatus.SERVICE_UNAVAILABLE] >= len(writers), statuses
        assert set(statuses) <= {HTTPStatus.OK, HTTPStatus.SERVICE_UNAVAILABLE}, statuses
        assert "try again" in refusals[0]
        # Afterwards every writer gets through, and nothing was stored twice.
        for number, writer in enumerate(writers):
            response = writer.post(http, post_url, f"Reader {number}'s comment after the lock")
            assert response.status_code == HTTPStatus.OK, response.text[:300]
        texts = list(Comment.objects.filter(story=story).values_list("body", flat=True))
        assert len(texts) == len(set(texts)) == statuses[HTTPStatus.OK] + len(writers)

        deadline = time.monotonic() + 30
        while not ArticlePage.objects.filter(pk=scheduled.pk, live=True).exists():
            assert time.monotonic() < deadline, "the background work did not publish the scheduled story"
            time.sleep(0.5)

    after = process_tree(supervisor.pid)
    assert after == before, log.read_text(errors="replace")[-3000:]
    assert "exited" not in log.read_text(errors="replace")
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(timeout=20) == 0
    for pid in after:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
