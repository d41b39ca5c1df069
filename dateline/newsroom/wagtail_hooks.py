"""The newsroom's menus.

Its Account page points to the site's account pages, where passwords are changed and two-factor
authentication is set up: Wagtail's own password form is off (one sign-in, one place). The
newsroom calls itself Dateline: its Settings menu names Dateline's version (Wagtail's beside it),
and the Help menu leaves out Wagtail's release news, a page about Wagtail rather than the newsroom.
The dashboard is each role's desk (`desk.py`).
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import __version__ as wagtail_version
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent

from dateline.newsroom import desk


@hooks.register("register_account_menu_item")
def password_item(request: HttpRequest) -> dict[str, Any]:
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("The password you sign in with, on the site and in the newsroom."),
    }


@hooks.register("register_account_menu_item")
def two_factor_item(request: HttpRequest) -> dict[str, Any]:
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("An authenticator app whose code is asked for after your password."),
    }


class SettingsMenuItem(SubmenuMenuItem):
    """Wagtail's Settings menu, its footer naming the site's software rather than only Wagtail."""

    def render_component(self, request: HttpRequest) -> SubMenuItemComponent:
        return SubMenuItemComponent(
            self.name,
            self.label,
            self.menu.render_component(request),
            icon_name=self.icon_name,
            classname=self.classname,
            footer_text=f"{settings.SITE_NAME} {version('dateline')} (Wagtail {wagtail_version})",
        )


@hooks.register("construct_main_menu")
def settings_menu_of_dateline(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    for index, item in enumerate(menu_items):
        if item.name == "settings" and isinstance(item, SubmenuMenuItem):
            menu_items[index] = SettingsMenuItem(
                item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order
            )


@hooks.register("construct_help_menu")
def help_without_release_news(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    menu_items[:] = [item for item in menu_items if not item.name.startswith("whats-new-in-wagtail")]


@hooks.register("construct_homepage_panels")
def story_desk(request: HttpRequest, panels: list[Component]) -> None:
    """The story panels of the desk; `desk.ReviewPanel` takes the place of Wagtail's own."""
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]
    panels.extend([desk.ReviewPanel(), desk.DraftsPanel(), desk.ScheduledPanel(), desk.PublishedPanel()])
