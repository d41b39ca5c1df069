"""The wire desk's ingest benchmark (issue 17, section 4): agency files in mixed formats dropped
into a watched directory and taken in, on SQLite by default.

    .venv/bin/python -m bench.wire_ingest                   # 10,000 files, 3 rounds
    .venv/bin/python -m bench.wire_ingest --files 2000 --repeat 1

It makes its own data directory afresh (`--data`; it refuses one it did not make) and migrates a
database there. Each round gives a new source its own directory of `--files` files, made from the
test items in tests/wire/items (ninjs 1, 2 and 3, NewsML-G2 messages, NITF, Atom, IPTC 7901 and
ANPA-1312), each with identifiers of its own, so every file's items are new. The round first parses
every file without the database (the baseline: what parsing alone costs), then times
`dateline.wire.ingest.ingest_directory` taking them all in: reading, parsing, recording each
file's items and their events in a transaction of its own, moving the file aside. Results go to
stdout and bench/results/wire-ingest-*.md and .json.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness import environment
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.report import fmt, median, new_report, show_and_save, table_head

ITEMS = environment.ROOT / "tests" / "wire" / "items"
# Each template and the identifiers in it that make an item distinct.
TEMPLATES = {
    "en-ninjs3-quake-v1.json": ["urn:newsml:wire.example.org:20261206:quake-hokkaido"],
    "en-ninjs2-summit.json": ["http://wire.example.org/items/2026/12/06/summit-geneva"],
    "ru-ninjs1-budget.json": ["urn:example:ria:2026-12-06:budget"],
    "ru-newsml-g2-message.xml": ["urn:newsml:primer-press.example.ru:20261206:metro-line"],
    "en-newsml-g2-nitf.xml": ["urn:newsml:wire.example.org:20261206:storm-atlantic"],
    "en-nitf-wildfire.xml": ["20261206-wildfire-athens"],
    "ru-atom.xml": ["urn:example:primer-press:2026-12-06:frost"],
    "en-iptc7901.txt": ["20261206-exw-0042"],
    "en-anpa1312.txt": ["BC-Japan-Quake"],
}
TARGET_ITEMS_PER_SECOND = 100


def write_files(directory: Path, count: int) -> None:
    """`count` agency files in mixed formats, every identifier made distinct by the file's number."""
    directory.mkdir(parents=True)
    templates = [(name, (ITEMS / name).read_bytes(), uris) for name, uris in TEMPLATES.items()]
    for number in range(count):
        name, data, uris = templates[number % len(templates)]
        for uri in uris:
            data = data.replace(uri.encode(), f"{uri}-{number}".encode())
        (directory / f"{number:06d}-{name}").write_bytes(data)


def one_round(number: int, data: Path, files: int) -> dict[str, Any]:
    """Parse the files alone, then take them in through the store; both timed."""
    from dateline.wire.formats import ParseOptions, parse
    from dateline.wire.ingest import ingest_directory
    from dateline.wire.models import WireItem, WireSource

    directory = data / f"incoming-{number}"
    write_files(directory, files)
    source = WireSource.objects.create(
        name=f"Bench agency {number}",
        slug=f"bench-{number}",
        kind=WireSource.Kind.DIRECTORY,
        settings={"path": str(directory), "settle_seconds": 0},
    )
    started = time.perf_counter()
    parsed = 0
    for path in sorted(directory.iterdir()):
        parsed += len(parse(path.read_bytes(), options=ParseOptions(provider=source.name)))
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    report = ingest_directory(source)
    ingest_seconds = time.perf_counter() - started
    stored = WireItem.objects.filter(source=source).count()
    if report.quarantined or stored != parsed or report.files != files:
        raise RuntimeError(f"round {number}: {report} but {stored} stored of {parsed} parsed")
    return {
        "round": number,
        "files": files,
        "items": stored,
        "parse_seconds": round(parse_seconds, 2),
        "parse_items_per_second": round(parsed / parse_seconds, 1),
        "ingest_seconds": round(ingest_seconds, 2),
        "ingest_items_per_second": round(stored / ingest_seconds, 1),
        "ingest_files_per_second": round(files / ingest_seconds, 1),
    }


def main() -> int:
    """Parse the options, prepare, run every round, print and save the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    environment.add_data_option(parser, "dl-bench-wire-ingest")
    parser.add_argument("--files", type=int, default=10_000, help="agency files a round (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds, a new source each (default 3)")
    add_quiet_options(parser, patience=120)
    arguments = parser.parse_args()
    environment.prepare_environment(None)
    os.environ["DATELINE_DATA_DIR"] = str(arguments.data.resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    report = new_report("wire-ingest", files=f"{arguments.files:,}", data=str(arguments.data))
    environment.migrated_data_dir(arguments.data, "wire-ingest")
    for number in range(1, arguments.repeat + 1):
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        row = one_round(number, arguments.data.resolve(), arguments.files)
        row["idle_before"] = round(idle, 2)
        report.rounds.append(row)
        print(
            f"round {number}: {row['items']:,} items from {row['files']:,} files in {row['ingest_seconds']} s "
            f"({row['ingest_items_per_second']}/s); parsing alone {row['parse_items_per_second']}/s",
            flush=True,
        )
    lines = table_head(
        report,
        "Wire desk: a watched directory taken in",
        "round | files | items | parsing alone, items/s | ingest s | ingest items/s | ingest files/s | idle before",
    )
    for row in report.rounds:
        lines.append(
            f"| {row['round']} | {row['files']:,} | {row['items']:,} | {fmt(row['parse_items_per_second'])} "
            f"| {row['ingest_seconds']} | {fmt(row['ingest_items_per_second'])} | {fmt(row['ingest_files_per_second'])} "
            f"| {row['idle_before']:.0%} |"
        )
    rate = median([row["ingest_items_per_second"] for row in report.rounds])
    lines += [
        "",
        f"Median {fmt(rate)} items a second taken in (target ≥ {TARGET_ITEMS_PER_SECOND}: "
        f"{'met' if rate >= TARGET_ITEMS_PER_SECOND else 'not met'}).",
    ]
    report.table = "\n".join(lines) + "\n"
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
