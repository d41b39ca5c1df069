"""The outbox: every change readers should see live, written in the transaction that made it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One event on one stream (`newsfeed:en`, `cache`, `article:42:comments`…).

    The id is the position in the stream that readers resume from (`Last-Event-ID`), so events are
    only ever appended, and committed in id order (see `dateline.live.events`).
    """

    id = models.BigAutoField(primary_key=True)
    stream = models.CharField(_("stream"), max_length=120)
    kind = models.CharField(_("kind"), max_length=40)
    payload = models.JSONField(_("payload"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    # False for events that change no shared part of a page (a comment, a reaction): they leave the
    # content version (dateline.core.versioned), and all that is remembered under it, alone.
    changes_pages = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["stream", "id"], name="live_event_stream_id"),
            # The content version is the newest event that changes pages, asked by every request.
            # Partial: SQLite cannot use an index led by the boolean for a bare `WHERE changes_pages`,
            # and walked back through every comment event instead (measured: a fifth of a comment's
            # POST once a discussion had 5,000 comments, and as much of every uncached page).
            models.Index(fields=["id"], condition=models.Q(changes_pages=True), name="live_event_pages_id"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.stream} {self.kind}"


class Audience(models.Model):
    """How many readers one process serving `/live/` had on one stream when it last reported.

    Each such process (granian's, the live server) rewrites its own rows every few seconds
    (`live/audience.py`); a count for the site is the sum of the rows recent enough to trust, so a
    process that died stops counting without anyone cleaning up after it.
    """

    node = models.CharField(_("process"), max_length=100)
    stream = models.CharField(_("stream"), max_length=120)
    readers = models.PositiveIntegerField(_("readers"))
    reported_at = models.DateTimeField(_("reported at"))

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [models.UniqueConstraint(fields=["node", "stream"], name="live_audience_node_stream")]
        indexes = [models.Index(fields=["stream", "reported_at"], name="live_audience_stream")]

    def __str__(self) -> str:
        return f"{self.stream}: {self.readers} on {self.node}"
