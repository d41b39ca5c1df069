"""The newsroom side of live coverage: the "Live entries" menu and the buttons on a coverage page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from dateline.coverage.models import LiveCoveragePage
from dateline.coverage.viewsets import add_url_for, index_url_for, live_entry_viewset


@hooks.register("register_admin_viewset")
def register_live_entries() -> Any:
    return live_entry_viewset


@hooks.register("register_page_header_buttons")
def live_entries_buttons(
    page: Any, user: Any, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    """Buttons to the coverage's entries, and to write a new one, in the header of its editor."""
    if page.specific_class is not LiveCoveragePage:
        return
    if user.has_perm("coverage.view_liveentry") or user.has_perm("coverage.change_liveentry"):
        yield Button(_("Live entries"), index_url_for(page.pk), icon_name="time", priority=12)
    if user.has_perm("coverage.add_liveentry"):
        yield Button(_("Add a live entry"), add_url_for(page.pk), icon_name="plus", priority=13)
