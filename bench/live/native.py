"""The SSE load client in C (bench/live/sse_reader.c), for readers too many for the Python one.

bench/live/client.py keeps every byte each reader receives and decodes them afterwards: at 10,000
readers of a chat room, hundreds of MB a second, it cannot read as fast as the server writes, its
sockets fill and the server resets its readers. sse_reader decodes the chunks and frames as they
arrive and keeps only each event's id and arrival. It is compiled with the machine's gcc into a
temporary folder at each run, and answers what `LoadClients` answers, so the same checks run on it
(`check_readers`, `latencies`). One process, with one epoll loop: it does not reconnect (the chat
benchmark does not ask it to).
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import struct
import subprocess
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from bench.harness.environment import HOST
from bench.harness.processes import cpu_seconds

SOURCE = Path(__file__).with_name("sse_reader.c")
NONE = -(2**63)  # sse_reader's "no id"


def build(folder: Path) -> Path:
    """sse_reader compiled into `folder`."""
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        raise SystemExit("the C load client needs gcc (or pass --load-client python)")
    program = folder / "sse_reader"
    subprocess.run([compiler, "-O2", "-Wall", "-o", str(program), str(SOURCE)], check=True)
    return program


class NativeLoadClient:
    """One sse_reader process, driven as `LoadClients` drives bench/live/client.py."""

    def __init__(self, port: int, concurrency: int, log: Path, path: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="dl-sse-reader-"))
        program = build(self.folder)
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [str(program), HOST, str(port), path, str(concurrency)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def cpu_seconds(self) -> float:
        """User and system CPU time the client has used so far."""
        return cpu_seconds([self.process.pid])

    def ask(self, order: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(order + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the load client died (exit {self.process.wait()}); see {self.log.name}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def connect(self, numbers: Sequence[int], since: dict[int, int | None] | None = None) -> float:
        """Open the readers `numbers` (with Last-Event-ID from `since`); seconds until all opened."""
        since = since or {}
        words = [str(n) if since.get(n) is None else f"{n}@{since[n]}" for n in numbers]
        reply = self.ask(" ".join(["connect", *words]))
        if reply["failed_connects"]:
            print(f"  {reply['failed_connects']} connects failed", flush=True)
        return float(reply["seconds"])

    def wait_ready(self, timeout: float, every_reader: bool = False) -> tuple[int, int, float]:
        """Until every open reader (or every reader) had `ready`: how many did, how many are open,
        and when."""
        reply = self.ask(f"wait_ready {timeout} {int(every_reader)}")
        return reply["ready"], reply["open"], reply["at"]

    def wait_for(self, event_id: int, timeout: float) -> tuple[int, float]:
        """Until every open reader received `event_id` or a later one: how many did not, and when."""
        reply = self.ask(f"wait_for {event_id} {timeout}")
        return reply["missing"], reply["at"]

    def drop(self) -> None:
        """Hang up every reader's connection."""
        self.ask("drop")

    def results(self) -> dict[int, list[dict[str, Any]]]:
        """Every reader's connections and what each received, as bench/live/client.py gives them."""
        path = self.folder / "results"
        self.ask(f"results {path}")
        with path.open("rb") as data:
            readers = read_results(data)
        path.unlink()
        return readers

    def close(self) -> None:
        """Ask the client to quit (killed if it has not after 30 s) and remove its folder."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                assert self.process.stdin is not None
                self.process.stdin.write("quit\n")
                self.process.stdin.flush()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def read_results(data: BinaryIO) -> dict[int, list[dict[str, Any]]]:
    """sse_reader's results file (its layout is described above `write_results` in the C file)."""

    def number() -> int:
        value: int = struct.unpack("=q", data.read(8))[0]
        return value

    def real() -> float | None:
        value: float = struct.unpack("=d", data.read(8))[0]
        return None if math.isnan(value) else value

    def text() -> str:
        return data.read(number()).decode()

    readers: dict[int, list[dict[str, Any]]] = {}
    for _ in range(number()):
        reader, connections = number(), number()
        readers[reader] = []
        for _ in range(connections):
            since, started, ready_at, closed_at = number(), real(), real(), real()
            status, ready_id, resets, closed_by_client = number(), number(), number(), number()
            error, kinds, count = text(), text(), number()
            ids, stamps = array("q"), array("d")
            ids.frombytes(data.read(8 * count))
            stamps.frombytes(data.read(8 * count))
            readers[reader].append(
                {
                    "since": None if since == NONE else since,
                    "started": started,
                    "ready_at": ready_at,
                    "closed_at": closed_at,
                    "error": error,
                    "closed_by_client": bool(closed_by_client),
                    "status": status,
                    "ready_id": None if ready_id == NONE else ready_id,
                    "resets": resets,
                    "ids": ids,
                    "stamps": stamps,
                    "kinds": sorted(kinds.split(",")) if kinds else [],
                }
            )
    return readers


@contextlib.contextmanager
def native_load_client(port: int, concurrency: int, log_dir: Path, path: str) -> Iterator[NativeLoadClient]:
    """sse_reader reading `path` on `port`, closed on the way out."""
    client = NativeLoadClient(port, concurrency, log_dir / "client.log", path)
    try:
        yield client
    finally:
        client.close()
