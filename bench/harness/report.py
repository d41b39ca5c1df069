"""The report every benchmark run prints and saves in bench/results, and the figures in it."""

from __future__ import annotations

import itertools
import json
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.harness.environment import ROOT
from bench.harness.machine import machine

RESULTS = ROOT / "bench" / "results"


@dataclass
class Report:
    """One run: what was measured, when, on what, with which settings; its rounds and its table."""

    mode: str
    started: str
    machine: dict[str, str]
    settings: dict[str, Any]
    rounds: list[Any] = field(default_factory=list)
    table: str = ""


def new_report(mode: str, **settings: Any) -> Report:
    """A report of `mode` started now, on this machine."""
    return Report(mode, datetime.now(UTC).isoformat(timespec="seconds"), machine(), dict(settings))


def code_description(code: str) -> str:
    """Which code was measured: `code` as given, else this checkout's commit (and whether it has changes)."""
    if code:
        return f"{ROOT}: {code}"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if commit.returncode != 0:
        return f"{ROOT} (not a git checkout: say which code with --code)"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return f"{ROOT}, commit {commit.stdout.strip()}" + (" with local changes" if dirty.stdout.strip() else "")


def save(report: Report) -> Path:
    """The report's table (markdown) and all of it (JSON) in bench/results; returns the markdown file.

    Named by mode and start time; a run started in the same second as another gets the next free
    number after it rather than writing over the other's files.
    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{report.mode}-{report.started.replace(':', '').replace('-', '')[:15]}"
    for number in itertools.count(1):
        markdown = RESULTS / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            with markdown.open("x") as out:  # claims the name: only one run can create the file
                out.write(report.table)
        except FileExistsError:
            continue
        markdown.with_suffix(".json").write_text(json.dumps(asdict(report), indent=2, default=str))
        return markdown
    raise AssertionError("unreachable")


def show_and_save(report: Report) -> Path:
    """The report's table on stdout, and the report in bench/results."""
    path = save(report)
    print()
    print(report.table)
    print(f"(saved to {path.relative_to(ROOT)} and {path.with_suffix('.json').relative_to(ROOT)})")
    return path


def header(report: Report, title: str) -> list[str]:
    """A table's title, the machine and the settings, as markdown lines."""
    m = report.machine
    lines = [
        f"## {title} — {report.started[:16].replace('T', ' ')} UTC",
        "",
        f"- machine: {m['cores']} cores ({m['cpu']}), {m['memory']}; load average before: {m['load before']}",
        f"- Python {m['python']}, granian {m['granian']}, nginx {m['nginx']}, SQLite {m['sqlite']}",
    ]
    for name, value in report.settings.items():
        lines.append(f"- {name}: {', '.join(value) if isinstance(value, list) else value}")
    return [*lines, ""]


def table_head(report: Report, title: str, columns: str | Sequence[str]) -> list[str]:
    """`header`, then the first two lines of a markdown table of `columns` (a list, or their
    names separated by " | ")."""
    if isinstance(columns, str):
        columns = columns.split(" | ")
    return [*header(report, title), table_row(*columns), "|" + "---|" * len(columns)]


def table_row(*cells: object) -> str:
    """A row of a markdown table."""
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def fmt(value: float, digits: int = 1) -> str:
    """A figure with thousands separators."""
    return f"{value:,.{digits}f}"


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return fmt(seconds * 1000, 0)


def median(values: Sequence[float]) -> float:
    """The median, or NaN of nothing."""
    return statistics.median(values) if values else float("nan")


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """The value below which `share` of the (sorted) values lie, or NaN of nothing."""
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def summary(values: list[float]) -> dict[str, float]:
    """p50, p90, p99, max and count of `values`."""
    values = sorted(values)
    return {
        "p50": percentile(values, 0.50),
        "p90": percentile(values, 0.90),
        "p99": percentile(values, 0.99),
        "max": values[-1] if values else float("nan"),
        "count": len(values),
    }


def verdict(met: bool) -> str:
    """A target's cell: yes, or a bold no."""
    return "yes" if met else "**no**"


def rounds_table(report: Report, title: str) -> tuple[list[str], Callable[..., None]]:
    """Start a table of the report's rounds with a column per round, the median and whether the
    target is met: its lines, and `row(label, target, values, digits, met=None)`, which adds a row."""
    runs = [f"run {i}" for i in range(1, len(report.rounds) + 1)]
    lines = table_head(report, title, ["measurement", "target", *runs, "median", "met"])

    def row(label: str, target: str, values: list[float], digits: int, met: bool | None = None) -> None:
        cells = " | ".join(fmt(v, digits) for v in values)
        cell = "" if met is None else verdict(met)
        lines.append(f"| {label} | {target} | {cells} | **{fmt(median(values), digits)}** | {cell} |")

    return lines, row
