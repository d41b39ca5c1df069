"""The wire desk in the newsroom: the "Wire" menu (the queue, the alerts) and its pages, the embargo
a story's publishing schedule must respect, and the script that follows the `wire:desk` stream on every newsroom page (new
rows in the queue, a banner for urgent items, a story's updated-or-killed notices)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import Page

from dateline.articles.models import EARLIEST_GO_LIVE_HOOK
from dateline.articles.templatetags.article_tags import STORY_JSON_LD_HOOK
from dateline.wire import actions, newsroom_urls, stories
from dateline.wire.models import WireUse
from dateline.wire.viewsets import WireSourceViewSet


@hooks.register("register_admin_urls")
def register_wire_urls() -> list[Any]:
    return [path("wire/", include(newsroom_urls, namespace="wire"))]


@hooks.register("register_admin_viewset")
def register_wire_sources() -> WireSourceViewSet:
    return WireSourceViewSet("wire_sources")


@hooks.register("register_admin_menu_item")
def register_wire_menu() -> MenuItem:
    # Every newsroom member reads the wire: Wagtail shows the menu only to them.
    submenu = Menu(
        items=[
            MenuItem(_("Queue"), reverse("wire:queue"), name="wire-queue", icon_name="globe", order=1),
            MenuItem(
                _("Wire alerts"), reverse("wire:alerts"), name="wire-alerts", icon_name="warning", order=2
            ),
            MenuItem(
                _("Wire sources"), reverse("wire:sources"), name="wire-sources", icon_name="cog", order=3
            ),
        ]
    )
    return SubmenuMenuItem(_("Wire"), submenu, name="wire", icon_name="globe", order=250)


@hooks.register("insert_global_admin_css")
def wire_styles() -> SafeString:
    return format_html('<link rel="stylesheet" href="{}">', static("dateline/wire.css"))


@hooks.register("insert_global_admin_js")
def wire_script() -> SafeString:
    return format_html(
        '<script type="module" src="{}" data-wire-stream="{}" data-wire-items="{}"'
        ' data-wire-urgent-label="{}" data-wire-close-label="{}"></script>',
        static("dateline/wire.js"),
        actions.STREAM,
        reverse("wire:queue"),
        _("Urgent from the wire:"),
        _("Close this announcement"),
    )


@hooks.register(EARLIEST_GO_LIVE_HOOK)
def embargo_of_story(page: Page) -> datetime | None:
    """A story built on an embargoed item goes live no earlier than the embargo."""
    return stories.embargo_of(page)


@hooks.register(STORY_JSON_LD_HOOK)
def name_the_agency_item(page: Page, data: dict[str, Any]) -> None:
    """A story made from an agency's item says so in its JSON-LD: the agency as its
    `sourceOrganization`, and the item (its identifier, the version used) as what it `isBasedOn`."""
    if not stories.may_have_uses(page):
        return
    uses = WireUse.objects.filter(story_id=page.pk).select_related("source").order_by("used_at", "pk")
    based_on = []
    for use in uses:
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "identifier": use.uri,
            "version": str(use.version),
            "publisher": {"@type": "Organization", "name": use.source.name},
        }
        if use.uri.startswith(("http://", "https://")):
            work["url"] = use.uri
        based_on.append(work)
    if based_on:
        data["isBasedOn"] = based_on
        data["sourceOrganization"] = based_on[0]["publisher"]
