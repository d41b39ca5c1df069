"""The newsroom's dashboard says when the CDN is refusing purges: readers behind it then see pages
up to the shared caches' lifetime old, which editors should know and administrators fix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.ui.components import Component

from dateline.cdn.models import PurgeCursor


class PurgeFailuresPanel(Component):
    """How many purges in a row the CDN failed, the last error and the last purge that went through."""

    name = "cdn_purges"
    order = 10
    template_name = "cdn/purge_failures.html"

    def __init__(self, cursor: PurgeCursor) -> None:
        self.cursor = cursor

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return {"cursor": self.cursor, "host": settings.DATELINE_CDN_PURGE}


@hooks.register("construct_homepage_panels")
def cdn_purge_failures(request: HttpRequest, panels: list[Component]) -> None:
    """Show the panel on the dashboard while the CDN's purges fail."""
    if not settings.DATELINE_CDN_PURGE:
        return
    cursor = PurgeCursor.objects.filter(failures__gt=0).first()
    if cursor is not None:
        panels.append(PurgeFailuresPanel(cursor))
