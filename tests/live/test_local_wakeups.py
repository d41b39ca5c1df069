"""Wake-ups between the processes of one machine on SQLite: a datagram to each hub's socket.

The servers here run with a poll of minutes, so an event that arrives within seconds came through
the socket; a server that cannot listen polls at its short interval instead.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from dateline.live import local_wakeups
from dateline.live.events import publish_on_commit
from dateline.live.hub import POLL_WITH_CHANNEL_SECONDS, Hub
from tests.browser.server import database_url, granian_server
from tests.live.test_processes import StreamReader

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Far longer than any test waits: an event that arrives came through the socket.
LONG_POLL_SECONDS = "300"
ARRIVAL_SECONDS = 10.0


@pytest.fixture(autouse=True)
def sqlite_alone(settings) -> None:
    """The local socket is SQLite's channel when there is no Redis (PostgreSQL has NOTIFY)."""
    if connection.vendor != "sqlite":
        pytest.skip("the local wake-up socket serves SQLite; PostgreSQL has NOTIFY")
    settings.REDIS_URL = ""


@pytest.fixture
def wakeup_directory() -> Path:
    folder = local_wakeups.directory()
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def other_process_socket(folder: Path, name: str) -> Iterator[socket.socket]:
    """A socket bound in `folder` under another process's name, as that process's hub would be."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.setblocking(False)
    path = folder / name
    listener.bind(str(path))
    try:
        yield listener
    finally:
        listener.close()
        path.unlink(missing_ok=True)


def crashed_process_socket(folder: Path) -> Path:
    """The socket a process leaves behind when it is killed: bound, then the process gone."""
    code = textwrap.dedent(
        """
        import os, socket, sys, time
        path = os.path.join(sys.argv[1], f"{os.getpid()}-crashed.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(path)
        print(path, flush=True)
        time.sleep(600)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    path = Path(process.stdout.readline().strip())
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()
    assert path.exists(), "the killed process should have left its socket"
    return path


def commit_in_another_process(title: str) -> None:
    """Publish a story as the background worker does: a Django process of its own, no event loop."""
    script = f"from dateline.live.events import publish_on_commit; publish_on_commit('newsfeed:en', 'story', {{'title': {title!r}}})"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": "",
    }
    subprocess.run(
        [sys.executable, "-m", "dateline.cli", "manage", "shell", "-c", script],
        cwd=settings.BASE_DIR, env=environment, check=True, timeout=120, capture_output=True,
    )  # fmt: skip


# --- sending ----------------------------------------------------------------------------------------


def test_a_commit_sends_one_wakeup_to_every_other_process_and_none_to_its_own(wakeup_directory):
    with (
        other_process_socket(wakeup_directory, "999999991-a.sock") as first,
        other_process_socket(wakeup_directory, "999999992-b.sock") as second,
        other_process_socket(wakeup_directory, f"{os.getpid()}-own.sock") as own,
    ):
        publish_on_commit("newsfeed:en", "story", {"title": "Port strike ends"})

        assert first.recv(16) == local_wakeups.WAKEUP
        assert second.recv(16) == local_wakeups.WAKEUP
        with pytest.raises(BlockingIOError):
            own.recv(16)


def test_a_crashed_process_socket_is_removed_and_the_others_are_still_woken(wakeup_directory):
    stale = crashed_process_socket(wakeup_directory)
    with other_process_socket(wakeup_directory, "999999993-alive.sock") as alive:
        publish_on_commit("newsfeed:en", "story", {"title": "Bridge reopens"})

        assert not stale.exists()
        assert alive.recv(16) == local_wakeups.WAKEUP


def test_a_hub_whose_buffer_is_full_keeps_its_socket_and_the_commit_goes_through(wakeup_directory):
    with other_process_socket(wakeup_directory, "999999994-busy.sock") as busy:
        # A hub that has not read its wake-ups yet: the kernel's queue for it fills up.
        for _ in range(10_000):
            if not local_wakeups.announce():
                break
        publish_on_commit("newsfeed:en", "story", {"title": "Markets open flat"})

        assert (wakeup_directory / "999999994-busy.sock").exists()
        assert busy.recv(16) == local_wakeups.WAKEUP


def test_a_commit_goes_through_when_the_wakeup_directory_is_unusable(wakeup_directory, caplog):
    blocked = unusable(wakeup_directory)
    with blocked:
        event = publish_on_commit("newsfeed:en", "story", {"title": "Rain delays the final"})

    assert event.pk is not None
    assert "could not announce" not in caplog.text


@contextmanager
def unusable(folder: Path) -> Iterator[None]:
    """A file where the wake-up directory should be, as a wrong setting or a full disk would leave it."""
    folder.rmdir()
    folder.write_text("not a directory")
    try:
        yield
    finally:
        folder.unlink()
        folder.mkdir()


# --- the hub listening ------------------------------------------------------------------------------


def test_a_hub_with_its_socket_polls_only_as_a_safety_net(settings):
    settings.DATELINE_HUB_POLL_SECONDS = 0.25

    async def scenario() -> tuple[float | None, bool]:
        hub = Hub()
        await hub.start()
        try:
            return hub.poll_seconds, any(local_wakeups.directory().glob(f"{os.getpid()}-*.sock"))  # type: ignore[union-attr]
        finally:
            await hub.stop()

    poll, listening = asyncio.run(scenario())
    assert listening
    assert poll == POLL_WITH_CHANNEL_SECONDS
    assert not any(local_wakeups.directory().glob(f"{os.getpid()}-*.sock"))  # type: ignore[union-attr]


def test_a_hub_that_cannot_listen_polls_at_its_short_interval(settings, wakeup_directory):
    settings.DATELINE_HUB_POLL_SECONDS = 0.25

    async def scenario() -> float | None:
        hub = Hub()
        await hub.start()
        await hub.stop()
        return hub.poll_seconds

    with unusable(wakeup_directory):
        assert asyncio.run(scenario()) == 0.25


# --- real processes ---------------------------------------------------------------------------------


def test_an_event_committed_by_another_process_reaches_readers_without_waiting_for_the_poll(
    editions, tmp_path, wakeup_directory
):
    stale = crashed_process_socket(wakeup_directory)
    environment = {"DATELINE_HUB_POLL_SECONDS": LONG_POLL_SECONDS, "REDIS_URL": ""}
    with granian_server(settings.DATABASES["default"], tmp_path / "server.log", environment) as server:
        reader = StreamReader(f"{server}/live/?stream=newsfeed:en")
        reader.start()
        assert reader.ready.wait(ARRIVAL_SECONDS), "the server never opened the stream"

        commit_in_another_process("Ceasefire holds overnight")

        arrived = reader.arrival_of("story", timeout=ARRIVAL_SECONDS)
        reader.stop.set()
    assert arrived is not None, (
        f"no event within {ARRIVAL_SECONDS} s although the poll is {LONG_POLL_SECONDS} s"
    )
    assert not stale.exists(), "the crashed process's socket should have been removed"


def test_a_server_that_cannot_listen_still_delivers_by_polling(editions, tmp_path, wakeup_directory):
    environment = {"DATELINE_HUB_POLL_SECONDS": "0.5", "REDIS_URL": ""}
    with (
        unusable(wakeup_directory),
        granian_server(settings.DATABASES["default"], tmp_path / "server.log", environment) as server,
    ):
        reader = StreamReader(f"{server}/live/?stream=newsfeed:en")
        reader.start()
        assert reader.ready.wait(ARRIVAL_SECONDS), "the server never opened the stream"

        publish_on_commit("newsfeed:en", "story", {"title": "Flights resume"})

        # Polled every 0.5 s: well within this, which the channel's 10 s safety net would miss.
        arrived = reader.arrival_of("story", timeout=POLL_WITH_CHANNEL_SECONDS / 2)
        reader.stop.set()
    assert arrived is not None
    assert "no local wake-up socket" in (tmp_path / "server.log").read_text()
