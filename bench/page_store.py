"""Cache hits without Python (issue 18, section 4): nginx answering the article from the page store.

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.page_store

Sets up the story site as bench/pages.py does, starts Dateline as `dateline serve --no-worker` does
with DATELINE_PAGE_STORE_DIR set, then three nginx (Debian's, child processes with their own
configuration): one serving a static copy of the article (the baseline of bench/pages.py), one
running the block `dateline nginx-config` prints in front of Dateline. The same wrk command
measures, in every round, the static copy, the article from the store through nginx, and
Dateline's in-process cached path (granian); and, to find where the store's cost lies, the store
with nginx keeping its files open for a second (`--file-cache 1`). The rule: nginx from the store must reach 0.8× the
static copy. Results go to stdout and bench/results/.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from bench.harness.environment import HOST, data_dir
from bench.harness.http import fetch
from bench.harness.machine import add_quiet_options
from bench.harness.nginx import nginx_page_store, nginx_server
from bench.harness.processes import running
from bench.harness.report import Report, new_report, rounds_table
from bench.harness.server import add_server_options, dateline_server, django_threads
from bench.harness.site import (
    add_story_site_options,
    count_english_stories,
    prepare_story_site,
    run_on_story_site,
)
from bench.harness.wrk import Target, WrkResult, compared_rows, run_rounds

TARGET_STORE_RATIO = 0.80
# nginx's own ETag ("mtime-size" in hex); Dateline's is a hash without a hyphen.
NGINX_ETAG = re.compile(r'"[0-9a-f]+-[0-9a-f]+"')


def measure(arguments: argparse.Namespace) -> Report:
    """Set up, start Dateline and both nginx, check who answers what, run the rounds."""
    report = new_report("page_store")
    pages = prepare_story_site(arguments)
    article = pages["article"]
    port = arguments.port
    base = f"http://{HOST}:{port}"
    store = Path(tempfile.mkdtemp(prefix="dl-bench-page-store-"))
    store.chmod(0o755)  # nginx's workers run as nobody
    server = dateline_server(
        port,
        arguments.workers,
        arguments.threads,
        extra={"DATELINE_PAGE_STORE_DIR": str(store / "pages")},
    )
    report.settings = {
        "stories": f"{count_english_stories():,} English stories in {data_dir()}",
        "article": article,
        "server": f"`{shlex.join(server.command)}` with DATELINE_PAGE_STORE_DIR",
        "DATELINE_DJANGO_THREADS": django_threads(arguments.threads),
        "nginx": f"worker_processes {arguments.nginx_workers}, access_log off, sendfile; the static copy "
        "with open_file_cache; the store without (a purged file must not be served from it), and with "
        "it kept valid 1 s (`--file-cache 1`)",
        "wrk": f"-t1 -c64 -d{arguments.duration}s on each target, no Accept-Encoding",
    }
    try:
        with running(server, base + pages["home"]):
            _status, _headers, article_html = fetch(base + article)
            static = nginx_server(port + 1, arguments.nginx_workers, {article: article_html})
            in_front = nginx_page_store(port + 2, arguments.nginx_workers, store / "pages", f"{HOST}:{port}")
            # `dateline nginx-config --file-cache 1`: open files kept for a second (where the cost lies).
            kept_open = nginx_page_store(
                port + 3, arguments.nginx_workers, store / "pages", f"{HOST}:{port}", 1
            )
            static_url = f"http://{HOST}:{port + 1}{article}"
            store_url = f"http://{HOST}:{port + 2}{article}"
            kept_open_url = f"http://{HOST}:{port + 3}{article}"
            with (
                running(static, static_url),
                running(in_front, f"http://{HOST}:{port + 2}/robots.txt"),
                running(kept_open, f"http://{HOST}:{port + 3}/robots.txt"),
            ):
                check_answers(store_url, static_url)
                check_answers(kept_open_url, static_url)
                report.settings["sizes"] = f"article {len(article_html):,} bytes"
                targets = [
                    Target("nginx", static_url, 64, server=static),
                    Target("store", store_url, 64, server=in_front),
                    Target("store-open-files", kept_open_url, 64, server=kept_open),
                    Target("cached", base + article, 64, server=server),
                ]
                run_rounds(report, targets, arguments)
    finally:
        shutil.rmtree(store, ignore_errors=True)
    report.table = table(report)
    return report


def check_answers(store_url: str, static_url: str) -> None:
    """The first reader through nginx is answered by Dateline, the next from the store, with the
    same bytes as the static copy."""
    first = fetch(store_url)
    second = fetch(store_url)
    if NGINX_ETAG.fullmatch(first[1].get("etag", "")):
        raise RuntimeError("the store held the article before anyone asked for it")
    if not NGINX_ETAG.fullmatch(second[1].get("etag", "")):
        raise RuntimeError(f"nginx did not answer the article from the store: {second[1]}")
    if second[2] != first[2] or second[2] != fetch(static_url)[2]:
        raise RuntimeError("nginx from the store does not send the bytes Dateline sent")


def table(report: Report) -> str:
    """Every round and the medians: the store against the static copy, and Dateline's cached path."""
    rounds: list[dict[str, WrkResult]] = report.rounds
    lines, row = rounds_table(report, "Cache hits without Python")
    nginx = ("nginx", "nginx, static copy of the article (req/s, c64)")
    compared_rows(
        row,
        rounds,
        nginx,
        ("store", "nginx in front, the article from the page store (req/s, c64)"),
        "store ÷ static nginx",
        TARGET_STORE_RATIO,
    )
    base = [r["nginx"].requests_per_second for r in rounds]
    kept_open = [r["store-open-files"].requests_per_second for r in rounds]
    row("the store with --file-cache 1 (req/s, c64)", "", kept_open, 0)
    row("--file-cache 1 ÷ static nginx", "", [k / b for k, b in zip(kept_open, base, strict=True)], 2)
    cached = [r["cached"].requests_per_second for r in rounds]
    row("Dateline's cached article, granian (req/s, c64)", "", cached, 0)
    row("cached ÷ static nginx", "", [c / b for c, b in zip(cached, base, strict=True)], 2)
    for name, label in (
        ("nginx", "static nginx"),
        ("store", "nginx from the store"),
        ("store-open-files", "the store with --file-cache 1"),
        ("cached", "granian cached"),
    ):
        row(f"{label} CPU per request (µs)", "", [r[name].server_cpu_us or float("nan") for r in rounds], 1)
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_story_site_options(parser)
    add_server_options(parser, 8740, "Dateline's port; the nginx use the next three")
    parser.add_argument("--nginx-workers", default="1", help="nginx worker_processes (default 1)")
    add_quiet_options(parser)
    return run_on_story_site(measure, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
