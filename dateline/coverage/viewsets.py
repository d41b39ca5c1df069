"""The newsroom's "Live entries": write, correct and delete the entries of live coverages.

The views are Wagtail's, with their saves and deletes routed through `dateline.coverage.actions`
so that readers see every change live. `?page=<coverage id>` filters the list, and the "Add"
button and form carry it over so that an editor stays with the coverage they are writing.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.coverage import actions
from dateline.coverage.models import LiveCoveragePage, LiveEntry

PAGE_PARAMETER = "page"


def coverage_id_from(request: Any) -> int | None:
    """The coverage named by `?page=<id>`, if it is one."""
    value = request.GET.get(PAGE_PARAMETER, "")
    is_id = value.isascii() and value.isdigit() and len(value) < 19
    if is_id and LiveCoveragePage.objects.filter(pk=int(value)).exists():
        return int(value)
    return None


def index_url_for(page_id: int) -> str:
    return reverse(f"{LiveEntryViewSet.url_namespace}:index") + "?" + urlencode({PAGE_PARAMETER: page_id})


def add_url_for(page_id: int) -> str:
    return reverse(f"{LiveEntryViewSet.url_namespace}:add") + "?" + urlencode({PAGE_PARAMETER: page_id})


class LiveEntryIndexView(generic.IndexView):
    def get_add_url(self) -> str | None:
        url = super().get_add_url()
        page_id = coverage_id_from(self.request)
        return add_url_for(page_id) if url and page_id else url


class LiveEntryCreateView(generic.CreateView):
    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        page_id = coverage_id_from(self.request)
        if page_id is not None:
            initial["page"] = page_id
        return initial

    def save_instance(self) -> LiveEntry:
        return actions.do_add_entry(self.form.save(commit=False), user=self.request.user)

    def get_success_url(self) -> str:
        return index_url_for(self.object.page_id)


class LiveEntryEditView(generic.EditView):
    def save_instance(self) -> LiveEntry:
        return actions.do_change_entry(
            self.form.save(commit=False),
            changed_fields=self.form.changed_data,
            previous_page_id=self.form.initial.get("page"),
            user=self.request.user,
        )

    def get_success_url(self) -> str:
        return index_url_for(self.object.page_id)


class LiveEntryDeleteView(generic.DeleteView):
    def delete_action(self) -> None:
        actions.do_delete_entry(self.object, user=self.request.user)

    def get_success_url(self) -> str:
        return index_url_for(self.object.page_id)


class LiveEntryViewSet(ModelViewSet):
    model = LiveEntry
    icon = "time"
    menu_label = _("Live entries")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "live-entries"
    url_namespace = "live_entries"
    list_filter = ["page", "is_key_event", "is_pinned"]
    list_per_page = 50
    copy_view_enabled = False
    index_view_class = LiveEntryIndexView
    add_view_class = LiveEntryCreateView
    edit_view_class = LiveEntryEditView
    delete_view_class = LiveEntryDeleteView

    @property
    def list_display(self) -> list[Column]:  # type: ignore[override]
        return [
            TitleColumn("summary", label=_("Entry"), url_name=f"{self.url_namespace}:edit"),
            Column("page", label=_("Live coverage")),
            DateColumn("created_at", label=_("Time")),
            Column("author", label=_("Author")),
            BooleanColumn("is_pinned", label=_("Pinned")),
            BooleanColumn("is_key_event", label=_("Key event")),
        ]


live_entry_viewset = LiveEntryViewSet("live_entries")
