"""Taking in a polled address or an RSS/Atom feed: one conditional GET through the outward guard.

Each poll asks with the ETag and Last-Modified of the last full answer, so an agency with nothing
new answers 304 and nothing is read. A full answer is parsed (its format found from its content, as
a watched directory's file is: for a polled address one item of any format or a feed, for a feed
source a feed only, whose entries are read through the source's field mapping) and its items committed; only then are its ETag and Last-Modified kept. A
crash before that asks the whole answer again next time, and its items, already recorded, are not
recorded twice. An answer that cannot be read is quarantined (once per distinct body); an address
that cannot be reached, or answers with an error, fails the poll for the round to back off.
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings

from dateline.core import outward
from dateline.core.leader import round_of
from dateline.wire import actions
from dateline.wire.formats import QuarantineError, detect, parse
from dateline.wire.formats.registry import FORMAT_NAMES
from dateline.wire.ingest import IngestReport
from dateline.wire.models import WireSource

logger = logging.getLogger(__name__)

POLLED_KINDS = (WireSource.Kind.HTTP, WireSource.Kind.FEED)
NAME_CHARACTERS = 255


def is_due(source: WireSource, now: datetime) -> bool:
    """Whether the source's interval has passed since it was last polled."""
    return source.polled_at is None or (now - source.polled_at).total_seconds() >= source.poll_interval()


def poll_source(source: WireSource, now: datetime) -> IngestReport:
    """Ask the source's address for what changed and record its items; `OutwardError` when the
    address cannot be reached or answers with an error status."""
    if source.kind not in POLLED_KINDS:
        raise ValueError(f"wire source {source.slug!r} is not polled")
    with round_of(f"wire-poll-{source.pk}") as leading:
        # Another process is polling it: this one has nothing to do.
        return _poll(source, now) if leading else IngestReport()


def _poll(source: WireSource, now: datetime) -> IngestReport:
    report = IngestReport()
    url = str(source.settings.get("url", ""))
    options = source.parse_options(settings.DATELINE_WIRE_MAX_FILE_BYTES)
    WireSource.objects.filter(pk=source.pk).update(polled_at=now)
    try:
        answer = outward.fetch(url, headers=_conditions(source), max_bytes=options.max_bytes)
    except outward.OutwardError as error:
        if error.code != "too-large":
            raise
        actions.do_quarantine(
            source, url[:NAME_CHARACTERS], QuarantineError("too-large", limit=options.max_bytes), None, 0
        )
        report.quarantined += 1
        return report
    if answer.status == 304:
        return report
    if answer.status != 200:
        raise outward.OutwardError("status", host=urlsplit(url).hostname or url, status=answer.status)
    report.files = 1
    try:
        if source.kind == WireSource.Kind.FEED and (found := detect(answer.body)) != "feed":
            raise QuarantineError("not-a-feed", format=FORMAT_NAMES[found])
        items = parse(answer.body, name=url, content_type=answer.header("content-type"), options=options)
    except QuarantineError as error:
        actions.do_quarantine(source, url[:NAME_CHARACTERS], error, answer.body, len(answer.body))
        logger.info("wire: the answer of %s quarantined: %s", source.slug, error.code)
        report.quarantined += 1
    else:
        report.items += len(actions.do_record_items(source, items, url))
    WireSource.objects.filter(pk=source.pk).update(
        etag=answer.header("etag")[:500], last_modified=answer.header("last-modified")[:100]
    )
    return report


def _conditions(source: WireSource) -> dict[str, str]:
    conditions = {"Accept": "application/json, application/xml, text/xml, */*;q=0.5"}
    if source.etag:
        conditions["If-None-Match"] = source.etag
    if source.last_modified:
        conditions["If-Modified-Since"] = source.last_modified
    return conditions
