"""The `dateline` command for operators.

dateline setup [--demo]   migrate, create editions, roles and the first account
dateline demo             create the demo stories (idempotent)
dateline serve            the site on http://127.0.0.1:8000 with the background worker
dateline worker           background tasks and scheduled publishing only
dateline newsletter send N  send a newsletter mailing, with a progress bar
dateline manage …         any Django management command
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_SETTINGS = "config.settings.dev"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _manage(arguments: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dateline manage", *arguments])
    return 0


def granian_command(host: str, port: int, workers: int, static_root: Path, media_root: Path) -> list[str]:
    """The granian invocation Dateline is served with (measured: see bench/README.md)."""
    granian = Path(sys.executable).with_name("granian")
    return [
        str(granian) if granian.exists() else "granian",
        "--interface", "asgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        "--http", "1",
        "--no-ws",
        # Not "rust": granian's Rust tasks (2.8.9) kept every future a request awaited, with its
        # result, so every response Django made stayed in memory (tests/asgi/test_served_memory.py).
        "--task-impl", "asyncio",
        # Measured: 5–15% more cached pages a second over asyncio's own loop (bench/README.md).
        "--loop", "uvloop",
        # Live streams hold a request open for hours: allow many more than the default 1024.
        "--backpressure", "20000",
        "--backlog", "4096",
        "--static-path-route", "/static",
        "--static-path-mount", str(static_root),
        "--static-path-route", "/media",
        "--static-path-mount", str(media_root),
        "--static-path-expires", "604800",
        "--log-level", "warning",
        "config.asgi:application",
    ]  # fmt: skip


def serve(arguments: argparse.Namespace) -> int:
    """Run the server (granian) and, unless told not to, the background worker beside it."""
    _django()
    from django.conf import settings

    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    children: list[subprocess.Popen[bytes]] = []
    if not arguments.no_worker:
        children.append(subprocess.Popen([sys.executable, "-m", "dateline.cli", "worker"]))
    command = granian_command(
        arguments.host, arguments.port, arguments.workers, settings.STATIC_ROOT, settings.MEDIA_ROOT
    )
    children.append(subprocess.Popen(command))  # noqa: S603
    address = f"http://{arguments.host}:{arguments.port}"
    print(f"Dateline is serving {address}/ (newsroom: {address}/newsroom/). Ctrl+C stops it.")

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    code = 0
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        code = next(child.returncode for child in children if child.returncode is not None)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dateline", description="Dateline news platform")
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("setup", help="migrate and create editions, roles and the first account")
    setup.add_argument("--demo", action="store_true", help="also create the demo stories")
    commands.add_parser("demo", help="create the demo stories (idempotent)")
    serve_parser = commands.add_parser("serve", help="serve the site with the background worker")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--workers", type=int, default=1, help="server processes")
    serve_parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")
    commands.add_parser("worker", help="background tasks and scheduled publishing")
    newsletter = commands.add_parser("newsletter", help="send newsletter mailings (newsletter send N)")
    newsletter.add_argument("arguments", nargs=argparse.REMAINDER)
    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)

    arguments = parser.parse_args(argv)
    if arguments.command == "serve":
        return serve(arguments)
    if arguments.command == "manage":
        return _manage(arguments.arguments)
    if arguments.command == "newsletter":
        return _manage(["newsletter", *arguments.arguments])
    if arguments.command == "setup":
        return _manage(["setup", *(["--demo"] if arguments.demo else [])])
    return _manage([arguments.command])


if __name__ == "__main__":
    sys.exit(main())
