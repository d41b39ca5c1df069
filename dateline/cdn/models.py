"""Where the CDN's purges have got to in the outbox."""

from django.db import models


class PurgeCursor(models.Model):
    """One row: the outbox event up to which every purge has reached the CDN, and how the last
    attempts went (a CDN that fails is retried from here, after a restart too)."""

    last_event_id = models.BigIntegerField()
    failures = models.PositiveIntegerField(default=0)  # in a row; 0 once a purge goes through
    last_error = models.TextField(blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"CDN purges sent up to event {self.last_event_id}"
