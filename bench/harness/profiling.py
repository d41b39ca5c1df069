"""Where the time goes: cProfile over repeated calls, py-spy's samples, a query's plan."""

from __future__ import annotations

import cProfile
import io
import pstats
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any


def profile_calls(call: Callable[[], Any], times: int, top: int) -> dict[str, str]:
    """cProfile over `times` calls of `call`: the `top` functions by cumulative and by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(times):
        call()
    profiler.disable()
    texts = {}
    for title, key in (("cumulative", "cumulative"), ("own", "tottime")):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
        texts[title] = out.getvalue().strip()
    return texts


def fenced(title: str, text: str, limit: int) -> list[str]:
    """`title` and the last `limit` characters of `text` in a code block, as markdown lines."""
    return [title, "", "```", text[-limit:], "```"]


def query_plan(connection: Any, sql: str, params: Any = None) -> str:
    """The database's plan of a query (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN)."""
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "; ".join(str(row[-1]) for row in cursor.fetchall())


def summarise_py_spy(path: Path, top: int = 30) -> str:
    """A py-spy raw (collapsed stacks) file as the functions with most samples, inclusive and own."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        total += count
        frames = [frame.split(" (")[0] + " (" + frame.split(" (")[-1].split(":")[0].rsplit("/", 1)[-1] + ")"
                  for frame in stack.split(";")]  # fmt: skip
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    lines = [f"{total} samples", "", "inclusive:"]
    lines += [f"{count / total:6.1%}  {frame}" for frame, count in inclusive.most_common(top)]
    lines += ["", "own:"]
    lines += [f"{count / total:6.1%}  {frame}" for frame, count in own.most_common(top)]
    return "\n".join(lines)
