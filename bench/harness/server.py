"""Dateline's server as `dateline serve --no-worker` starts it: the same granian command."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence

from bench.harness.environment import HOST
from bench.harness.processes import Child


def granian_args(workers: int, variant: Sequence[str] = ()) -> list[str]:
    """`dateline serve`'s granian command, with the options of `variant` set or replaced."""
    from dateline.cli import granian_command

    command = granian_command(HOST, 0, workers)
    target = command.pop()
    tokens = list(variant)
    while tokens:
        flag = tokens.pop(0)
        value = tokens.pop(0) if tokens and not tokens[0].startswith("--") else None
        if flag in command and value is not None:
            command[command.index(flag) + 1] = value
        elif flag not in command:
            command += [flag] if value is None else [flag, value]
    return [*command, target]


def server_command(
    port: int, workers: int = 1, variant: Sequence[str] = (), app: str | None = None
) -> list[str]:
    """The granian command on `port`, serving `app` (an ASGI target) instead of Dateline's if given."""
    command = granian_args(workers, variant)
    command[command.index("--port") + 1] = str(port)
    if app:
        command[-1] = app
    return command


def dateline_server(
    port: int,
    workers: int = 1,
    threads: int | None = None,
    variant: Sequence[str] = (),
    *,
    app: str | None = None,
    environment: Mapping[str, str] | None = None,
    extra: Mapping[str, str] | None = None,
    name: str = "dateline",
) -> Child:
    """The server started (not yet ready), in `environment` (default this process's) with the
    development settings, `threads` Django threads if given and the `extra` variables."""
    env = {
        **(os.environ if environment is None else environment),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        **(extra or {}),
    }
    if threads is not None:
        env["DATELINE_DJANGO_THREADS"] = str(threads)
    return Child(name, server_command(port, workers, variant, app), port, env)


def django_threads(threads: int | None) -> int:
    """The Django threads a server runs: `threads` if given, else as the environment sets (or 4)."""
    return threads or int(os.environ.get("DATELINE_DJANGO_THREADS", "4"))


def add_server_options(
    parser: argparse.ArgumentParser, port: int, port_help: str = "Dateline's port"
) -> None:
    """--port, --workers and --threads of the server a benchmark starts."""
    parser.add_argument("--port", type=int, default=port, help=f"{port_help} (default {port})")
    parser.add_argument(
        "--workers", type=int, default=1, help="granian workers (as `dateline serve --workers`; default 1)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="DATELINE_DJANGO_THREADS for the server (default: as set, or 4)",
    )
