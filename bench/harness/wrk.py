"""wrk, the load generator of the page benchmarks, and what its output says."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.harness.machine import wait_for_quiet
from bench.harness.processes import CPUMeter
from bench.harness.report import Report, median


@dataclass
class WrkResult:
    """One wrk run: rate, count, latency percentiles, errors, and the command and its output."""

    requests_per_second: float
    requests: int
    latency_ms: dict[str, float]  # percentile ("50", "90", "99") → milliseconds
    errors: str
    command: str
    raw: str
    # CPU time the server's processes spent per request (user + system): unlike req/s, it hardly
    # changes when other work shares the machine.
    server_cpu_us: float | None = None


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def require_wrk() -> None:
    """Stop before any setup if wrk is missing."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")


def parse_duration_ms(text: str) -> float:
    """A wrk duration (`1.25ms`, `3.2s`) in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * UNITS_MS[match[2]]


def wrk(
    url: str,
    connections: int,
    duration: int,
    latency: bool = False,
    headers: Sequence[str] = (),
    server: CPUMeter | None = None,
) -> WrkResult:
    """One thread of wrk on `url`; with `server`, also the CPU its process group spent a request."""
    cpu_before = server.cpu_seconds() if server else 0.0
    # A 30 s timeout (wrk's default is 2 s) so that a slow page is measured, not counted as an error.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "30s"]
    if latency:
        command.append("--latency")
    for header in headers:
        command += ["-H", header]
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 90)
    out = done.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    if not rate or not total:
        raise RuntimeError(f"wrk gave no result:\n{out}\n{done.stderr}")
    percentiles = {
        m[1]: parse_duration_ms(m[2]) for m in re.finditer(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M)
    }
    errors = "; ".join(
        line.strip() for line in out.splitlines() if "Non-2xx" in line or "Socket errors" in line
    )
    result = WrkResult(float(rate[1]), int(total[1]), percentiles, errors, shlex.join(command), out)
    if server and result.requests:
        result.server_cpu_us = (server.cpu_seconds() - cpu_before) / result.requests * 1e6
    return result


def compared_rows(
    row: Callable[..., None],
    rounds: Sequence[dict[str, WrkResult]],
    baseline: tuple[str, str],
    measured: tuple[str, str],
    ratio: str,
    target: float,
) -> None:
    """Rows of a `rounds_table`: the req/s of the baseline and of the measured target (each a target's
    name and its row's label), then their ratio (labelled `ratio`), met if at least `target`."""
    base = [r[baseline[0]].requests_per_second for r in rounds]
    rate = [r[measured[0]].requests_per_second for r in rounds]
    ratios = [m / b for m, b in zip(rate, base, strict=True)]
    row(baseline[1], "baseline", base, 0)
    row(measured[1], "", rate, 0)
    row(ratio, f"≥ {target:.2f}", ratios, 2, median(ratios) >= target)


def server_cpu_ms(results: Sequence[WrkResult]) -> list[float]:
    """The server's CPU time per request of each run, in milliseconds (NaN where not measured)."""
    return [(result.server_cpu_us or float("nan")) / 1000 for result in results]


def check_clean(result: WrkResult, what: str) -> None:
    """A run with errors or non-2xx answers measured something else: stop."""
    if "Non-2xx" in result.errors or re.search(r"(connect|read|write|timeout) [1-9]", result.errors):
        raise RuntimeError(f"{what}: wrk reported errors: {result.errors}\n{result.raw}")


@dataclass
class Target:
    """What one wrk run of a round measures."""

    name: str
    url: str
    connections: int
    latency: bool = False
    headers: Sequence[str] = ()
    server: CPUMeter | None = None


def run_rounds(report: Report, targets: Sequence[Target], arguments: argparse.Namespace) -> None:
    """Warm every target up for 2 s, then `--repeat` rounds of every target one after the other, each
    from a quiet machine (its idle share noted in the report's settings). Each round's results, by
    target name, go to the report's rounds, and in a line to stdout."""
    print("warming up …", flush=True)
    for target in targets:
        wrk(target.url, target.connections, 2, headers=target.headers)
    for number in range(1, arguments.repeat + 1):
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        report.settings.setdefault("idle before rounds", []).append(f"{idle:.0%}")
        results = {}
        for target in targets:
            result = wrk(
                target.url,
                target.connections,
                arguments.duration,
                target.latency,
                target.headers,
                target.server,
            )
            check_clean(result, target.name)
            results[target.name] = result
        report.rounds.append(results)
        print(f"round {number}: {describe(targets, results)}", flush=True)


def describe(targets: Sequence[Target], results: dict[str, WrkResult]) -> str:
    """A round in a line: each target's p50 if its latency was measured, else its req/s."""
    return "; ".join(
        f"{target.name} p50 {results[target.name].latency_ms['50']:,.2f} ms"
        if target.latency
        else f"{target.name} {results[target.name].requests_per_second:,.0f} req/s"
        for target in targets
    )
