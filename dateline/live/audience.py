"""How many readers each stream has across the site, whichever process serves them.

Every process serving `/live/` (granian's endpoint, the live server) reports its own connections
per stream every `DATELINE_LIVE_AUDIENCE_SECONDS` from its hub; a count is the sum of the reports
fresh enough to trust (three periods). A process that stops or dies stops counting by itself: its
rows age out, and the next report of any process deletes them. A process with no readers, which
reported none before, writes nothing.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from dateline.live.models import Audience

# This process in the reports: its host, its pid, and a token for a pid used again after a restart.
NODE = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
FRESH_PERIODS = 3


def fresh_since() -> datetime:
    return timezone.now() - timedelta(seconds=FRESH_PERIODS * settings.DATELINE_LIVE_AUDIENCE_SECONDS)


def report(counts: Mapping[str, int], node: str = NODE) -> None:
    """Replace this process's report with `counts` (readers per stream), in one transaction, and
    delete the reports no process has renewed."""
    now = timezone.now()
    with transaction.atomic():
        Audience.objects.filter(node=node).delete()
        Audience.objects.bulk_create(
            Audience(node=node, stream=stream, readers=readers, reported_at=now)
            for stream, readers in counts.items()
            if readers
        )
        Audience.objects.filter(reported_at__lt=fresh_since()).delete()


def withdraw(node: str = NODE) -> None:
    """This process serves no readers any more (it is stopping)."""
    Audience.objects.filter(node=node).delete()


def readers(streams: Iterable[str]) -> dict[str, int]:
    """How many readers each of `streams` has on the whole site (a stream nobody reads is left out)."""
    rows = (
        Audience.objects.filter(stream__in=list(streams), reported_at__gte=fresh_since())
        .values("stream")
        .annotate(total=Sum("readers"))
    )
    return {row["stream"]: row["total"] for row in rows}
