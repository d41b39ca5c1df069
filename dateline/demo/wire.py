"""The demo's wire desk: an agency whose watched directory, under the data directory, is given the
items written for this project (English and Russian, ninjs and NewsML-G2, an urgent one, one with a
later version, one the agency killed), taken in at once in the order an agency would send them.

The source stays active, so a file copied into its directory afterwards appears in the queue: the
quickest way to watch the desk work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

from dateline.wire.ingest import IngestReport, ingest_file
from dateline.wire.models import WireSource

ITEMS = Path(__file__).parent / "wire"
SLUG = "demo-wire"


def demo_directory() -> Path:
    return Path(settings.DATA_DIR) / "wire" / SLUG


def ensure_demo_wire() -> int:
    """The demo agency and its items, once; the number of items taken in (0 when it already exists)."""
    directory = demo_directory()
    source, created = WireSource.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Example Wire",
            "kind": WireSource.Kind.DIRECTORY,
            "settings": {"path": str(directory), "settle_seconds": 1},
        },
    )
    if not created:
        return 0
    directory.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    for item in sorted(ITEMS.iterdir()):
        delivered = directory / item.name
        shutil.copyfile(item, delivered)
        ingest_file(source, delivered, report)
    return report.items
