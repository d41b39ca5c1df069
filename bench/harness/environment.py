"""Where a benchmark runs: this checkout, its data directory, Django in-process, child commands."""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def prepare_environment(data: str | None) -> None:
    """What every benchmark sets up first: this checkout's code, also in the servers and commands
    started from here (which would otherwise import the editable install's, if this is a copy of
    the repository); SIGTERM running the `finally` clauses that stop those servers; and, unless
    `data` is None, DATELINE_DATA_DIR (default var/<data>) as an absolute path."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if data is not None:
        os.environ.setdefault("DATELINE_DATA_DIR", str(ROOT / "var" / data))
        os.environ["DATELINE_DATA_DIR"] = str(Path(os.environ["DATELINE_DATA_DIR"]).resolve())


def add_data_option(parser: argparse.ArgumentParser, name: str) -> None:
    """--data: the benchmark's own data directory (default `name` in the temporary directory)."""
    default = Path(tempfile.gettempdir()) / name
    parser.add_argument(
        "--data", type=Path, default=default, help=f"data directory, wiped and made afresh ({default})"
    )


def data_dir() -> Path:
    """The data directory the benchmark's Dateline uses."""
    return Path(os.environ["DATELINE_DATA_DIR"])


def fresh_data_dir(path: Path, benchmark: str) -> Path:
    """Wipe and make `path` for `benchmark`, unless it holds something that benchmark did not make
    (its marker file): a benchmark never deletes a directory that may hold someone's data."""
    path = path.resolve()
    marker = path / f".dateline-bench-{benchmark}"
    if path.exists() and any(path.iterdir()) and not marker.exists():
        raise SystemExit(
            f"{path} is not empty and was not made by the {benchmark} benchmark: pass another --data"
        )
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    marker.write_text(f"made by the {benchmark} benchmark; wiped by its next run\n")
    return path


def migrated_data_dir(path: Path, benchmark: str, *, collect_static: bool = False) -> None:
    """`fresh_data_dir`, a database migrated in it (and the static files collected, for benchmarks
    that render newsroom pages), and Django set up in this process on it."""
    fresh_data_dir(path, benchmark)
    print(f"migrating a database in {path} …", flush=True)
    commands = [["migrate", "--no-input"], *([["collectstatic", "--no-input"]] if collect_static else [])]
    for command in commands:
        subprocess.run(
            python_module("dateline.cli", "manage", *command), cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    django_setup()


def django_setup() -> None:
    """Django in this process, with the settings the benchmarks' servers run."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def python_module(module: str, *arguments: str) -> list[str]:
    """The command that runs `module` of this checkout with this Python (run it from ROOT)."""
    return [sys.executable, "-m", module, *arguments]


def dateline_command(*arguments: str) -> list[str]:
    """The `dateline` command of this virtualenv."""
    return [str(BIN / "dateline"), *arguments]


def raise_open_files_limit() -> int:
    """As many open files as the hard limit allows, for this process and all it starts."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard
