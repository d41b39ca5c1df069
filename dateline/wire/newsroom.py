"""The wire desk in the newsroom: the queue, the rows the queue adds live, and an item's preview.

Every newsroom member may read the wire (Wagtail's admin door, `wagtail_hooks`, lets only them in).
Each view parses its query, asks `queue` or the models, and renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Locale

from dateline.articles.models import ArticlePage
from dateline.core import jinja, pagination
from dateline.core.links import absolute
from dateline.editions.models import SectionPage
from dateline.wire import actions, pictures, stories
from dateline.wire.models import WireItem, WireSource, WireUse
from dateline.wire.queue import QueueFilter

PER_PAGE = 50


def queue(request: HttpRequest) -> HttpResponse:
    """The current items, newest first, filtered; new ones are added by the page's script.

    Pages are not counted: a text search counted every current item's text again."""
    filters = QueueFilter(request.GET)
    page = pagination.page_of(filters.items(), pagination.page_number(request.GET.get("page")), PER_PAGE)
    kept = request.GET.copy()
    kept.pop("page", None)
    return TemplateResponse(
        request,
        "wire/newsroom/queue.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows(page.object_list, timezone.now()),
            "query": kept.urlencode(),
            "failing_sources": WireSource.objects.filter(active=True).exclude(last_error="").order_by("name"),
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
    return HttpResponse(rows(items[:PER_PAGE], timezone.now()))


def rows(items: Iterable[WireItem], now: datetime) -> SafeString:
    """The queue's rows of `items` (in Jinja2: fifty rows in Django's templates cost about as much
    as the rest of the page)."""
    return jinja.render(
        "wire/rows.html",
        items=items,
        now=now,
        item_url=_item_url,
        headline=_headline,
        local=timezone.localtime,
    )


def _item_url(item_id: int) -> str:
    return reverse("wire:item", args=[item_id])


def _headline(item: WireItem) -> str:
    return Truncator(item.headline or item.uri).chars(200)


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
            "sections": SectionPage.objects.select_related("locale").order_by(
                "locale__language_code", "path"
            ),
            "uses": WireUse.objects.filter(source=item.source_id, uri=item.uri)
            .select_related("story__locale")
            .order_by("used_at"),
            "locales": Locale.objects.order_by("language_code"),
            "page_title": item.headline or item.uri,
            "header_title": _("Wire item"),
            "header_icon": "globe",
        },
    )


@require_POST
def use_item(request: HttpRequest, item_id: int) -> HttpResponse:
    """ "Use": a draft of the item in the chosen section, opened in the story editor; its pictures
    are fetched first, and each that could not be is named with why."""
    item = get_object_or_404(WireItem.objects.select_related("source"), pk=item_id)
    section_id = request.POST.get("section", "")
    section = SectionPage.objects.filter(pk=int(section_id)).first() if section_id.isdigit() else None
    if section is None:
        messages.error(request, _("Choose a section of an edition."))
        return HttpResponseRedirect(reverse("wire:item", args=[item.pk]))
    try:
        stories.check_can_use(request.user, item, section)
        fetched, failed = pictures.fetch_pictures(item)
        story = stories.do_use_item(request.user, item, section, fetched)
    except stories.UseRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(reverse("wire:item", args=[item.pk]))
    messages.success(request, _("A draft was made from the agency's item: edit it, then publish."))
    for failure in failed:
        messages.warning(
            request,
            _("The picture %(address)s was not brought in: %(reason)s")
            % {"address": failure.picture.href[:200], "reason": failure.reason},
        )
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[story.pk]))


@require_POST
def use_in_edition(request: HttpRequest, story_id: int) -> HttpResponse:
    """ "Use in another edition": a draft translation of a story made from the wire."""
    story = get_object_or_404(ArticlePage, pk=story_id)
    locale = Locale.objects.filter(language_code=request.POST.get("edition", "")).first()
    back = (
        reverse("wire:item", args=[request.POST["item"]]) if request.POST.get("item", "").isdigit() else None
    )
    try:
        if locale is None:
            raise stories.UseRefused(_("Choose an edition."))
        translation = stories.do_use_in_edition(request.user, story, locale)
    except stories.UseRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(back or reverse("wire:queue"))
    messages.success(
        request, _("A draft was made in the other edition, holding the agency's text to translate.")
    )
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[translation.pk]))


def wire_alerts(request: HttpRequest) -> HttpResponse:
    """Stories made from items the agency has since updated or killed, newest use first."""
    page = Paginator(stories.uses_with_news(WireUse.objects.all()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    template = "wire/newsroom/alert_rows.html" if request.GET.get("rows") else "wire/newsroom/alerts.html"
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "page_title": _("Wire alerts"),
            "header_title": _("Wire alerts"),
            "header_icon": "warning",
        },
    )


def story_alerts(request: HttpRequest, story_id: int) -> HttpResponse:
    """The banners of one story's editor: where it came from, and what the agency sent since."""
    return TemplateResponse(
        request,
        "wire/newsroom/story_alerts.html",
        {
            "alerts": stories.alerts_for(story_id),
            "uses": WireUse.objects.filter(story_id=story_id).select_related("source"),
        },
    )


def compare(request: HttpRequest, use_id: int) -> HttpResponse:
    """The version a story was made from beside the agency's current one, block by block."""
    use = get_object_or_404(WireUse.objects.select_related("item", "story", "source"), pk=use_id)
    current = WireItem.objects.filter(source=use.source_id, uri=use.uri, current=True).first()
    return TemplateResponse(
        request,
        "wire/newsroom/compare.html",
        {
            "use": use,
            "used": use.item,
            "current": current,
            "page_title": _("Compare versions"),
            "header_title": _("Compare versions"),
            "header_icon": "history",
        },
    )


def sources(request: HttpRequest) -> HttpResponse:
    """The agencies' sources: what each is, how it last fared, and where a push source's agency
    posts its items."""
    return TemplateResponse(
        request,
        "wire/newsroom/sources.html",
        {
            "sources": [
                (source, push_url(source) if source.kind == WireSource.Kind.PUSH else "")
                for source in WireSource.objects.order_by("name")
            ],
            "may_add": request.user.has_perm("wire.add_wiresource"),
            "may_change": request.user.has_perm("wire.change_wiresource"),
            "may_set_secret": request.user.has_perm("wire.set_push_secret"),
            "page_title": _("Wire sources"),
            "header_title": _("Wire sources"),
            "header_icon": "globe",
        },
    )


@require_POST
def new_push_secret(request: HttpRequest, source_id: int) -> HttpResponse:
    """A new secret for a push source, shown on this one page only (the source keeps its hash)."""
    source = get_object_or_404(WireSource, pk=source_id, kind=WireSource.Kind.PUSH)
    if not request.user.has_perm("wire.set_push_secret"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "wire/newsroom/push_secret.html",
        {
            "source": source,
            "secret": actions.do_set_push_secret(source),
            "push_url": push_url(source),
            "page_title": _("New push secret"),
            "header_title": _("New push secret"),
            "header_icon": "globe",
        },
    )


def push_url(source: WireSource) -> str:
    """Where the source's agency posts its items."""
    return absolute(reverse("wire_push", args=[source.slug]))
