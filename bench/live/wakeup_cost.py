"""What a committing process pays to wake the other processes' hubs: one call of each channel.

    DATELINE_DATA_DIR=/tmp/dl-wakeup-cost .venv/bin/python -m bench.live.wakeup_cost [--redis-url …]

The local socket (`dateline.live.local_wakeups.announce`, SQLite) with 0, 1, 2 and 4 other
processes listening (sockets bound here, read by nobody during a round, emptied after it), and
Redis pub/sub's PUBLISH when `--redis-url` is given. PostgreSQL's NOTIFY travels in the transaction
and costs no call of its own. The median of `--rounds` rounds of `--calls` calls each.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import socket
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.harness.environment import django_setup, prepare_environment


@contextlib.contextmanager
def listeners(folder: Path, count: int) -> Iterator[list[socket.socket]]:
    """`count` sockets in the wake-up directory under other processes' names."""
    folder.mkdir(parents=True, exist_ok=True)
    bound = []
    for number in range(count):
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.setblocking(False)
        listener.bind(str(folder / f"{999_000_000 + number}-bench.sock"))
        bound.append(listener)
    try:
        yield bound
    finally:
        for listener in bound:
            path = listener.getsockname()
            listener.close()
            os.unlink(path)


def drain(bound: list[socket.socket]) -> None:
    for listener in bound:
        with contextlib.suppress(BlockingIOError):
            while True:
                listener.recv(16)


def per_call(call: Callable[[], object], calls: int, rounds: int, after: Callable[[], None]) -> float:
    """Median seconds per call over the rounds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            call()
        times.append((time.perf_counter() - started) / calls)
        after()
    return statistics.median(times)


def main() -> int:
    """Measure each channel and print a line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # A socket queues 10 datagrams (net.unix.max_dgram_qlen) before sends fail at once: fewer per round.
    parser.add_argument("--calls", type=int, default=8, help="calls per round, the queues emptied between")
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--redis-url", default="")
    arguments = parser.parse_args()
    prepare_environment("bench-wakeup-cost")
    os.environ["REDIS_URL"] = arguments.redis_url
    django_setup()
    from dateline.live import local_wakeups, redis_wakeups

    folder = local_wakeups.directory()
    if folder is None:
        raise SystemExit("the local socket needs a SQLite database in a file")
    print(f"local socket ({folder}), {arguments.rounds} rounds of {arguments.calls} calls, median:")
    for count in (0, 1, 2, 4):
        with listeners(folder, count) as bound:
            seconds = per_call(
                local_wakeups.announce, arguments.calls, arguments.rounds, functools.partial(drain, bound)
            )
        print(f"  {count} other processes: {seconds * 1e6:.1f} µs per commit")
    if arguments.redis_url:
        seconds = per_call(redis_wakeups.publish_wakeup, arguments.calls, arguments.rounds, lambda: None)
        print(f"Redis PUBLISH: {seconds * 1e6:.1f} µs per commit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
