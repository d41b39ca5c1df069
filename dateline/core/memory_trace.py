"""Where a server process's memory goes, for finding a leak: off unless DATELINE_TRACEMALLOC_DIR is set.

With it set, the process starts `tracemalloc` (10 frames a trace) and a daemon thread writes, every
DATELINE_TRACEMALLOC_SECONDS (default 60), the 40 allocation sites whose memory grew most since the
first report, to `<dir>/memory-<pid>-<n>.txt`. Tracing slows the process down by half or more: a
diagnosis run only (`python -m bench.soak --trace-memory`), never production.
"""

from __future__ import annotations

import os
import threading
import tracemalloc
from collections.abc import Mapping
from pathlib import Path

TOP = 40


def start_if_asked(environment: Mapping[str, str] = os.environ) -> threading.Event | None:
    """Start tracing and reporting if asked; the event that stops both."""
    directory = environment.get("DATELINE_TRACEMALLOC_DIR")
    if not directory:
        return None
    seconds = float(environment.get("DATELINE_TRACEMALLOC_SECONDS", "60"))
    tracemalloc.start(10)
    stop = threading.Event()
    threading.Thread(
        target=_report, args=(Path(directory), seconds, stop), name="memory-trace", daemon=True
    ).start()
    return stop


def _report(directory: Path, seconds: float, stop: threading.Event) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    first: tracemalloc.Snapshot | None = None
    number = 0
    while not stop.wait(seconds):
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        number += 1
        if first is None:
            first = snapshot
            continue
        current, peak = tracemalloc.get_traced_memory()
        lines = [f"traced now {current / 2**20:.1f} MiB (peak {peak / 2**20:.1f}); growth since report 1:"]
        for difference in snapshot.compare_to(first, "traceback")[:TOP]:
            lines.append(f"\n{difference.size_diff / 2**20:+.2f} MiB, {difference.count_diff:+d} blocks")
            lines.extend(f"    {line}" for line in difference.traceback.format())
        # Written beside and renamed over: whoever watches the directory never reads half a report.
        report = directory / f"memory-{os.getpid()}-{number:03d}.txt"
        partial = directory / f".{report.name}.partial"
        partial.write_text("\n".join(lines) + "\n")
        os.replace(partial, report)
    tracemalloc.stop()
