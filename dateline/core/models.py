"""What the core app keeps in the database: the background workers' heartbeats."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A background worker that is alive, as of `seen_at` (see `dateline.core.tasks`)."""

    # The id django-tasks' database backend records on each task the worker takes.
    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
