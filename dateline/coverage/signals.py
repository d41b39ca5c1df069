"""Newsroom changes to a coverage page that its open pages must hear of: the coverage ending."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from dateline.coverage import actions
from dateline.coverage.models import LiveCoveragePage


@receiver(pre_save, sender=LiveCoveragePage)
def remember_whether_running(sender: Any, instance: LiveCoveragePage, **kwargs: Any) -> None:
    # Publishing saves the page with its new status; the row still holds the published one.
    update_fields = kwargs.get("update_fields")
    if instance.pk is None or (update_fields is not None and not {"status", "live"} & set(update_fields)):
        return
    instance._was_running = (  # type: ignore[attr-defined]
        LiveCoveragePage.objects.live().filter(pk=instance.pk, status=LiveCoveragePage.Status.LIVE).exists()
    )


@receiver(page_published, sender=LiveCoveragePage)
def announce_ended_coverage(sender: Any, instance: LiveCoveragePage, **kwargs: Any) -> None:
    if not instance.is_running and getattr(instance, "_was_running", False):
        actions.notify_coverage_ended(instance)


@receiver(page_unpublished, sender=LiveCoveragePage)
def announce_withdrawn_coverage(sender: Any, instance: LiveCoveragePage, **kwargs: Any) -> None:
    # A withdrawn coverage is over for the readers who still have it open.
    if instance.is_running:
        actions.notify_coverage_ended(instance)
