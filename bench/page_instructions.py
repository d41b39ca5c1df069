"""Instructions per uncached request of the demo story and home, counted by callgrind: a figure
that hardly moves when other work shares the machine, for comparing two versions of the code.

    export DATELINE_DATA_DIR=/tmp/dl-bench-peers      # after `dateline setup --demo`
    .venv/bin/python -m bench.page_instructions      # ≈ 1 min a page; run it from each copy to compare

Each page is measured in a child process under `valgrind --tool=callgrind` with counting off
while Django starts and five requests warm it up, then on (`callgrind_control -i on`) for
`--requests` requests through Django's test client with the forged staff cookie, as
bench/page_profile.py sends them. Needs valgrind (apt-get install valgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

from bench.harness.environment import ROOT, django_setup, prepare_environment
from bench.harness.http import UNCACHED_COOKIE
from bench.harness.report import new_report, show_and_save, table_head, table_row
from bench.peers.ghost import measured_story

WARM_UP = 5
COLLECTED = re.compile(r"Collected : (\d+)")


def page_path(page: str) -> str:
    """The address of `page` ("story": the demo story bench/peers/pages.py measures, or "home")."""
    if page == "home":
        return "/en/"
    from dateline.articles.models import ArticlePage  # once Django is set up

    title = measured_story().versions["en"].title
    return str(ArticlePage.objects.live().get(locale__language_code="en", title=title).url)


def count_requests(page: str, requests: int) -> None:
    """In the child under callgrind: warm up, switch counting on, make the requests."""
    from django.test import Client

    django_setup()
    path = page_path(page)
    client = Client()
    name, value = UNCACHED_COOKIE.split("=")
    client.cookies[name] = value
    for _ in range(WARM_UP):
        client.get(path)
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    for _ in range(requests):
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
    # Off before the interpreter shuts down: freeing everything it loaded costs some 400 M
    # instructions, which were counted as forty more per request until 2026-12-07.
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, capture_output=True)


def instructions(page: str, requests: int) -> int:
    """Instructions per request of `page`, counted in a child process."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.page_instructions",
        "--child",
        page,
        "--requests",
        str(requests),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    found = COLLECTED.search(done.stderr)
    if not found:
        raise RuntimeError(f"callgrind counted nothing:\n{done.stderr[-2000:]}")
    return int(found[1]) // requests


def main() -> int:
    """Count each page in a child, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10, help="requests counted per page (default 10)")
    parser.add_argument("--child", choices=["story", "home"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    prepare_environment("bench-peers")
    if arguments.child:
        count_requests(arguments.child, arguments.requests)
        return 0
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    report = new_report("instructions", requests=arguments.requests)
    counts = {page: instructions(page, arguments.requests) for page in ("story", "home")}
    report.rounds.append(counts)
    lines = table_head(report, "Instructions per uncached request", "page | instructions (millions)")
    lines += [table_row(page, f"{count / 1e6:.1f}") for page, count in counts.items()]
    report.table = "\n".join(lines) + "\n"
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
