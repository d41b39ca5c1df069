"""The real server for the browser tests: granian serving config.asgi, as `dateline serve` runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings

from dateline.cli import granian_command

STARTUP_SECONDS = 30
STOP_SECONDS = 10


class ServerDidNotStart(RuntimeError):
    pass


@contextmanager
def granian_server(
    database: dict[str, Any], log_path: Path, environment: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve the test settings on a free port, reading `database`; yields the base address.

    `environment` adds to or overrides the server's environment (settings, TMPDIR…)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    command = granian_command("127.0.0.1", port, 1)
    server_environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(database),
        "DATELINE_TEST_MAIL_DIR": str(mail_directory()),
        "DATELINE_HELD_FIRST_COMMENTS": "1",
        **(environment or {}),
    }
    with serving(command, base_url, log_path, server_environment):
        yield base_url


@contextmanager
def serving(
    command: list[str],
    base_url: str,
    log_path: Path,
    environment: dict[str, str] | None = None,
    ready_path: str = "/robots.txt",
) -> Iterator[None]:
    """Run a server command from the project's directory until the block ends."""
    with log_path.open("wb") as log:
        # A session of its own, so that stopping it stops granian's worker processes too.
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_serving(process, base_url, log_path, ready_path)
        yield
    finally:
        stop(process)


def mail_directory() -> Path:
    """Where the server's mail goes (a file per message), for tests that follow a link in it."""
    directory = Path(settings.DATA_DIR) / "test" / "mail"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def database_url(database: dict[str, Any]) -> str:
    """A DATABASE_URL for the database this test run uses (the test database, not the real one)."""
    if database["ENGINE"] == "dateline.core.sqlite":
        return f"sqlite:///{Path(database['NAME']).resolve()}"
    if database["ENGINE"] == "django.db.backends.postgresql":
        credentials = quote(database["USER"] or "", safe="")
        if database["PASSWORD"]:
            credentials += ":" + quote(database["PASSWORD"], safe="")
        host = database["HOST"] or "localhost"
        port = f":{database['PORT']}" if database["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{quote(database['NAME'], safe='')}"
    raise ValueError(f"no DATABASE_URL form for {database['ENGINE']}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(
    process: subprocess.Popen[bytes], base_url: str, log_path: Path, path: str = "/robots.txt"
) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerDidNotStart(
                f"granian exited with {process.returncode}:\n{log_path.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(f"{base_url}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise ServerDidNotStart(
        f"granian did not answer within {STARTUP_SECONDS} s:\n{log_path.read_text(errors='replace')}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop granian and its workers, and return only when none is left (nor its connections)."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    while group_alive(process) and time.monotonic() < deadline:
        time.sleep(0.05)
    if group_alive(process):
        os.killpg(process.pid, signal.SIGKILL)
        while group_alive(process):
            time.sleep(0.05)


def group_alive(process: subprocess.Popen[bytes]) -> bool:
    process.poll()  # reaps the leader once it has exited, so that it stops counting
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True
