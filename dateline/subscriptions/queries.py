"""The subscriptions' written-out statements: the two a newsletter's sender makes for every message.

Through the ORM, marking a message sent took a quarter of a message's CPU at 100,000 messages
(bench/README.md, "Newsletters"); each is one statement written once (`dateline.core.rows`), with
the model's table and column names.
"""

from __future__ import annotations

from functools import cache

from django.utils import timezone

from dateline.core import rows
from dateline.subscriptions.models import Delivery


def still_claimed(delivery_id: int, sender: str) -> bool:
    """Whether this sender still holds the delivery (checked before each message)."""
    found = rows.first(_still_claimed_sql(), [delivery_id, sender, Delivery.Status.SENDING.value])
    return found is not None


def mark_sent(delivery_id: int, sender: str) -> None:
    """The delivery of a message the mail server accepted, marked sent at once (a sender killed
    after this leaves nothing to send twice)."""
    rows.execute(_mark_sent_sql(), [Delivery.Status.SENT.value, timezone.now(), delivery_id, sender])


@cache
def _still_claimed_sql() -> str:
    delivery = rows.names(Delivery)
    return (
        f"SELECT 1 FROM {delivery} WHERE {delivery.id} = %s AND {delivery.claimed_by} = %s"  # noqa: S608  (names from the model)
        f" AND {delivery.status} = %s"
    )


@cache
def _mark_sent_sql() -> str:
    delivery = rows.names(Delivery)
    return (
        f"UPDATE {delivery} SET {delivery.status} = %s, {delivery.sent_at} = %s"  # noqa: S608  (names from the model)
        f" WHERE {delivery.id} = %s AND {delivery.claimed_by} = %s"
    )
