"""The soak's editor: a process of its own (as a newsroom on another server would be) that
publishes a story every `--publish-every` s and starts a digest, due at once, every
`--mailing-every` s, for `--seconds`; each one is written to `--log` as a JSON line.

    .venv/bin/python -m bench.soak_editor --seconds 60 --log /tmp/editor.jsonl

`python -m bench.soak` starts it with the soak's data directory.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness.environment import django_setup
from bench.harness.site import daily_digest, newest_stories


def record(log: Path, entry: dict[str, Any]) -> None:
    """One line of the log."""
    with log.open("a") as out:
        out.write(json.dumps(entry) + "\n")


def edit(seconds: float, publish_every: float, mailing_every: float, log: Path) -> None:
    """Publish stories and start digests on schedule until `seconds` have passed."""
    from django.db import close_old_connections
    from django.utils import timezone

    from dateline.articles.models import ArticlePage
    from dateline.editions.models import SectionPage
    from dateline.subscriptions.models import Mailing

    world = SectionPage.objects.get(locale__language_code="en", slug="world")
    daily = daily_digest()
    deadline = time.monotonic() + seconds
    next_story = next_mailing = time.monotonic()
    number = 0
    while time.monotonic() < deadline:
        close_old_connections()
        now = time.monotonic()
        if now >= next_story:
            number += 1
            story = ArticlePage(
                title=f"Soak dispatch {number}: ministers meet as talks resume",
                slug=f"soak-dispatch-{number}-{int(time.time())}",
                lede="Talks resumed on Monday after a week of delays, officials said.",
                body=[{"type": "paragraph", "value": f"<p>Dispatch {number} of the soak.</p>"}],
            )
            world.add_child(instance=story)
            story.save_revision().publish()
            record(log, {"story": story.pk, "at": time.time()})
            next_story += publish_every
        if now >= next_mailing:
            mailing = Mailing.objects.create(
                newsletter=daily,
                subject=f"Soak digest at {timezone.now():%H:%M}",
                intro="The latest stories.",
                stories=newest_stories(10),
                scheduled_for=timezone.now(),
            )
            record(log, {"mailing": mailing.pk, "at": time.time()})
            next_mailing += mailing_every
        time.sleep(max(0.0, min(next_story, next_mailing, deadline) - time.monotonic()))


def main() -> int:
    """Parse the options and edit."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--publish-every", type=float, default=10)
    parser.add_argument("--mailing-every", type=float, default=300)
    parser.add_argument("--log", type=Path, required=True)
    arguments = parser.parse_args()
    django_setup()
    edit(arguments.seconds, arguments.publish_every, arguments.mailing_every, arguments.log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
