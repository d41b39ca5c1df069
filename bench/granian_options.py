"""Which granian options serve the cached article fastest, with nginx measured in the same run.

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.granian_options
    .venv/bin/python -m bench.granian_options --side-by-side --variants 'as shipped' '--task-impl rust'

Each variant adds to, or replaces in, the command `dateline serve` ships (workers, runtime mode and
threads, event loop, task implementation). One server at a time by default; `--side-by-side`
starts them all at once (ports --port+2 on) and measures them in turn each round. Then nginx with
`worker_processes 1` and `auto`. Results go to stdout and to bench/results/granian-*.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import subprocess
import sys
from typing import Any

from bench.harness.environment import HOST
from bench.harness.http import fetch
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.nginx import nginx_server
from bench.harness.processes import Child, running
from bench.harness.report import Report, fmt, median, new_report, table_head, table_row
from bench.harness.server import add_server_options, dateline_server, granian_args
from bench.harness.site import add_story_site_options, prepare_story_site, run_on_story_site, verify_paths
from bench.harness.wrk import WrkResult, wrk

# Each is added to, or replaces in, the shipped command.
GRANIAN_VARIANTS: dict[str, list[str]] = {
    "as shipped": [],
    "--workers 2": ["--workers", "2"],
    "--runtime-mode st": ["--runtime-mode", "st"],
    "--runtime-mode mt": ["--runtime-mode", "mt"],
    "--runtime-threads 2": ["--runtime-threads", "2"],
    "--loop asyncio": ["--loop", "asyncio"],
    "--loop uvloop": ["--loop", "uvloop"],
    "--loop rloop": ["--loop", "rloop"],
    "--task-impl rust": ["--task-impl", "rust"],
    "--workers 2 --runtime-mode st": ["--workers", "2", "--runtime-mode", "st"],
    "--workers 2 --task-impl rust": ["--workers", "2", "--task-impl", "rust"],
}


def loop_available(loop: str) -> bool:
    """Whether granian can run the event loop `loop` here (uvloop and rloop are packages)."""
    if loop in ("auto", "asyncio"):
        return True
    found = subprocess.run([sys.executable, "-c", f"import {loop}"], capture_output=True)
    return found.returncode == 0


def installed(variant: list[str]) -> bool:
    """Whether the variant's event loop, if it names one, can run here."""
    return "--loop" not in variant or loop_available(variant[variant.index("--loop") + 1])


def variant_row(name: str, results: list[WrkResult], idle: float) -> dict[str, Any]:
    """A variant's line of the report: its req/s and CPU per request in every run."""
    return {
        "variant": name,
        "requests_per_second": [r.requests_per_second for r in results],
        "cpu_us": [r.server_cpu_us for r in results],
        "idle_before": idle,
    }


def measure(arguments: argparse.Namespace) -> Report:
    """Every variant (in turn or side by side), then nginx with one worker and with `auto`."""
    report = new_report("granian")
    pages = prepare_story_site(arguments)
    port = arguments.port
    base = f"http://{HOST}:{port}"
    variants = (
        {name: GRANIAN_VARIANTS[name] for name in arguments.variants}
        if arguments.variants
        else GRANIAN_VARIANTS
    )
    report.settings = {
        "article": pages["article"],
        "wrk": f"-t1 -c64 -d{arguments.duration}s, {arguments.repeat} runs each, median",
        "base command": f"`{shlex.join(granian_args(1))}`",
    }
    rows: list[dict[str, Any]] = []

    def measure_one(name: str, url: str, child: Child, idle: float) -> None:
        wrk(url, 64, 2)
        results = [wrk(url, 64, arguments.duration, server=child) for _ in range(arguments.repeat)]
        rows.append(variant_row(name, results, idle))
        rates = ", ".join(fmt(r.requests_per_second, 0) for r in results)
        print(f"{name}: {rates} req/s, {fmt(median([r.server_cpu_us or 0 for r in results]), 1)} µs CPU/request "
              f"({idle:.0%} idle before)", flush=True)  # fmt: skip

    article_html = b""
    if arguments.side_by_side:
        variants = {name: variant for name, variant in variants.items() if installed(variant)}
        with contextlib.ExitStack() as stack:
            servers = {}
            for number, (name, variant) in enumerate(variants.items()):
                server_base = f"http://{HOST}:{port + 2 + number}"
                server = dateline_server(port + 2 + number, 1, arguments.threads, variant)
                stack.enter_context(running(server, server_base + pages["home"]))
                verify_paths(server_base, pages)
                article_html = article_html or fetch(server_base + pages["article"])[2]
                wrk(server_base + pages["article"], 64, 2)
                servers[name] = (server, server_base + pages["article"])
            measured: dict[str, list[WrkResult]] = {name: [] for name in servers}
            for _round in range(arguments.repeat):
                idle = wait_for_quiet(arguments.quiet, arguments.patience)
                for name, (server, url) in servers.items():
                    measured[name].append(wrk(url, 64, arguments.duration, server=server))
                print({name: round(results[-1].requests_per_second) for name, results in measured.items()}, f"({idle:.0%} idle before)", flush=True)  # fmt: skip
        rows += [variant_row(name, results, idle) for name, results in measured.items()]
        variants = {}
    for name, variant in variants.items():
        if not installed(variant):
            rows.append({"variant": f"{name} (not installed)", "requests_per_second": [], "cpu_us": []})
            continue
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        server = dateline_server(port, 1, arguments.threads, variant)
        with running(server, base + pages["home"]):
            verify_paths(base, pages)
            article_html = article_html or fetch(base + pages["article"])[2]
            measure_one(name, base + pages["article"], server, idle)
    for workers in ("1", "auto"):
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        nginx = nginx_server(port + 1, workers, {pages["article"]: article_html})
        url = f"http://{HOST}:{port + 1}{pages['article']}"
        with running(nginx, url):
            measure_one(f"nginx, worker_processes {workers}", url, nginx, idle)
    report.rounds = rows
    how = "side by side, measured in turn each round" if arguments.side_by_side else "one at a time"
    lines = table_head(
        report,
        f"granian options, cached article ({how})",
        ["variant", "req/s (runs)", "median req/s", "CPU per request (µs, median)", "idle before"],
    )
    for row in rows:
        rates, cpu = row["requests_per_second"], [c for c in row["cpu_us"] if c is not None]
        lines.append(
            table_row(
                row["variant"],
                ", ".join(fmt(v, 0) for v in rates),
                f"**{fmt(median(rates), 0)}**",
                fmt(median(cpu), 1),
                f"{row.get('idle_before', 0):.0%}",
            )
        )
    report.table = "\n".join(lines) + "\n"
    return report


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_story_site_options(parser)
    add_server_options(
        parser, 8101, "the first port; nginx uses the next one, side-by-side servers those after"
    )
    parser.add_argument("--variants", nargs="*", help=f"which of {list(GRANIAN_VARIANTS)}")
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="start every variant at once (ports --port+2…), measure them in turn each round",
    )
    add_quiet_options(parser)
    return run_on_story_site(measure, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
