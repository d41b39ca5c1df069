"""The opt-in allocation tracing of a diagnosis run (DATELINE_TRACEMALLOC_DIR)."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from dateline.core import memory_trace


def test_nothing_is_traced_unless_asked() -> None:
    assert memory_trace.start_if_asked({}) is None
    assert not tracemalloc.is_tracing()


def test_asked_it_reports_where_memory_grew_then_stops(tmp_path: Path) -> None:
    stop = memory_trace.start_if_asked(
        {"DATELINE_TRACEMALLOC_DIR": str(tmp_path), "DATELINE_TRACEMALLOC_SECONDS": "0.2"}
    )
    assert stop is not None
    kept = []
    try:
        deadline = time.monotonic() + 10
        while not list(tmp_path.glob("memory-*.txt")) and time.monotonic() < deadline:
            kept.append(bytearray(1024 * 1024))  # grows between the reports
            time.sleep(0.05)
    finally:
        stop.set()
    report = sorted(tmp_path.glob("memory-*.txt"))[0].read_text()
    assert "growth since report 1" in report and "test_memory_trace.py" in report
    deadline = time.monotonic() + 5
    while tracemalloc.is_tracing() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tracemalloc.is_tracing()
