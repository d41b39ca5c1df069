"""The wire desk in the newsroom: the queue, the rows the queue adds live, and an item's preview.

Every newsroom member may read the wire (Wagtail's admin door, `wagtail_hooks`, lets only them in).
Each view parses its query, asks `queue` or the models, and renders.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.wire.models import WireItem, WireSource
from dateline.wire.queue import QueueFilter

PER_PAGE = 50


def queue(request: HttpRequest) -> HttpResponse:
    """The current items, newest first, filtered; new ones are added by the page's script."""
    filters = QueueFilter(request.GET)
    page = Paginator(filters.items(), PER_PAGE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    return TemplateResponse(
        request,
        "wire/newsroom/queue.html",
        {
            "filters": filters,
            "page": page,
            "query": kept.urlencode(),
            "failing_sources": WireSource.objects.filter(active=True).exclude(last_error="").order_by("name"),
            "now": timezone.now(),
            "page_title": _("Wire"),
            "header_title": _("Wire"),
            "header_icon": "globe",
        },
    )


def new_rows(request: HttpRequest) -> HttpResponse:
    """The rows of the items the queue's filters let through received after item `after` (the one
    at the top of the page): what the page adds when the stream announces an item."""
    after = request.GET.get("after", "")
    items = QueueFilter(request.GET).items()
    if after.isascii() and after.isdigit():
        top = WireItem.objects.filter(pk=int(after)).values_list("received_at", flat=True).first()
        if top is not None:
            items = items.filter(received_at__gte=top).exclude(pk=int(after))
    return TemplateResponse(
        request, "wire/newsroom/rows.html", {"items": items[:PER_PAGE], "now": timezone.now()}
    )


def item_preview(request: HttpRequest, item_id: int) -> HttpResponse:
    """One item as the agency sent it: its text block by block, its pictures and their credits, and
    its other versions."""
    item = get_object_or_404(WireItem.objects.select_related("source"), pk=item_id)
    versions = WireItem.objects.filter(source=item.source_id, uri=item.uri).order_by("-version")
    return TemplateResponse(
        request,
        "wire/newsroom/item.html",
        {
            "item": item,
            "blocks": item.blocks(),
            "pictures": item.picture_list(),
            "versions": versions.only("id", "version", "status", "received_at", "current"),
            "page_title": item.headline or item.uri,
            "header_title": _("Wire item"),
            "header_icon": "globe",
        },
    )
