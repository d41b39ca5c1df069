"""The publisher of the live-stream benchmarks: a Django process of its own appending to the outbox.

    python -m bench.live.publisher --count 100 --interval 0.05   # 100 events, one every 50 ms
    python -m bench.live.publisher --rate 20                     # 20 a second until SIGTERM (or --seconds)

Each event goes out as the newsroom sends a story: `publish_on_commit` inside a transaction, with a
payload shaped like the Newsfeed's (`dateline.articles.newsfeed.story_payload`) plus the time it
was written. The publisher is another process than the server, as the background worker is, so
the server hears of the events through Redis when REDIS_URL is set, PostgreSQL NOTIFY on
PostgreSQL, and its poll timer on SQLite alone.

On stdout, one JSON line per event once it is committed: `{"id": …, "committed_at": …, "seq": …}`
where `committed_at` is `time.time()` taken by an on-commit callback registered before the
publish's own (so right after COMMIT returns, before any wake-up is sent). A last line
`{"done": …, "in_database": …}` counts the published events found in the outbox afterwards.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from datetime import UTC, datetime

from bench.harness.environment import django_setup

stopping = False


def stop(signum: int, frame: object) -> None:
    """Stop after the event being published."""
    global stopping
    stopping = True


def publish(stream: str, seq: int) -> tuple[int, float]:
    """Event `seq` on `stream`, committed: its id and the time COMMIT returned."""
    from django.db import transaction

    from dateline.live.events import publish_on_commit

    committed: list[float] = []
    written = time.time()
    payload = {
        "id": 900_000_000 + seq,
        "title": f"Benchmark headline number {seq}: ministers meet as talks resume",
        "url": f"/en/world/benchmark-headline-{seq}/",
        "published": datetime.fromtimestamp(written, UTC).isoformat(),
        "published_ms": int(written * 1000),
        "bench_seq": seq,
        "written_at": written,
    }
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(time.time()))
        event = publish_on_commit(stream, "story", payload)
    return event.id, committed[0]


def main() -> int:
    """Publish as the options say, a line each, then the count found in the outbox."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stream", default="newsfeed:en")
    parser.add_argument("--count", type=int, default=0, help="events to publish (0: until stopped)")
    parser.add_argument("--interval", type=float, default=None, help="seconds between events")
    parser.add_argument("--rate", type=float, default=None, help="events a second (instead of --interval)")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no limit)")
    arguments = parser.parse_args()
    interval = arguments.interval if arguments.interval is not None else 1 / (arguments.rate or 20)

    django_setup()
    from dateline.live.models import Event

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    ids = []
    started = time.monotonic()
    seq = 0
    while not stopping:
        if arguments.count and seq >= arguments.count:
            break
        if arguments.seconds and time.monotonic() - started >= arguments.seconds:
            break
        # Keep to the schedule, not to the gap after each publish: the rate is the rate asked for.
        delay = started + seq * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        event_id, committed_at = publish(arguments.stream, seq)
        ids.append(event_id)
        print(json.dumps({"id": event_id, "committed_at": committed_at, "seq": seq}), flush=True)
        seq += 1
    found = Event.objects.filter(id__in=ids, stream=arguments.stream).count() if ids else 0
    print(json.dumps({"done": len(ids), "in_database": found}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
