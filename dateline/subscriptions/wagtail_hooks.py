"""The newsroom's "Newsletters" menu: mailings and browser alerts (with progress) and the lists' settings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.subscriptions import newsroom, newsroom_urls
from dateline.subscriptions.desk import FailedSendingPanel
from dateline.subscriptions.models import Newsletter


@hooks.register("register_admin_urls")
def register_newsletter_urls() -> list[Any]:
    return [path("newsletters/", include(newsroom_urls, namespace="newsletters"))]


class NewsletterViewSet(ModelViewSet):
    """When each list goes out, in which time zone, and whether readers are offered it."""

    model = Newsletter
    icon = "mail"
    menu_label = _("Lists")
    add_to_admin_menu = False
    form_fields = ["send_time", "time_zone", "active"]
    list_display = ["__str__", "locale", "kind", "send_time", "time_zone", "active"]
    list_filter = ["locale", "kind", "active"]
    inspect_view_enabled = False


newsletter_lists = NewsletterViewSet("newsletter_lists")


@hooks.register("register_admin_viewset")
def register_newsletter_lists() -> NewsletterViewSet:
    return newsletter_lists


class PermittedMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(newsroom.VIEW)


class NewslettersMenuItem(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(newsroom.VIEW)


@hooks.register("register_admin_menu_item")
def register_newsletters_menu() -> MenuItem:
    submenu = Menu(
        items=[
            PermittedMenuItem(_("Mailings"), reverse("newsletters:index"), name="mailings", icon_name="mail"),
            PermittedMenuItem(
                _("Browser alerts"), reverse("newsletters:alerts"), name="browser-alerts", icon_name="warning"
            ),
            PermittedMenuItem(
                _("Lists"), reverse("newsletter_lists:index"), name="newsletter-lists", icon_name="list-ul"
            ),
        ]
    )
    return NewslettersMenuItem(_("Newsletters"), submenu, name="newsletters", icon_name="mail", order=260)


@hooks.register("construct_homepage_panels")
def failed_sending_on_the_desk(request: HttpRequest, panels: list[Component]) -> None:
    panels.append(FailedSendingPanel())
