"""The newsroom side of breaking news: the "Mark as breaking" button on a story, the "Breaking
news" menu entry with its listing, and the permission that shows it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from dateline.articles.models import ArticlePage
from dateline.breaking import urls

VIEW_PERMISSION = "breaking.view_breakingnews"


@hooks.register("register_admin_urls")
def register_breaking_urls() -> list[Any]:
    return [path("breaking/", include(urls, namespace="breaking"))]


class BreakingNewsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_breaking_menu_item() -> MenuItem:
    return BreakingNewsMenuItem(
        _("Breaking news"), reverse("breaking:index"), name="breaking-news", icon_name="warning", order=250
    )


class MarkAsBreakingButton(PageMenuItem):
    """On a published story, for those who may publish it."""

    label = _("Mark as breaking")
    icon_name = "warning"
    url_name = "breaking:mark"

    def is_shown(self, user: Any) -> bool:
        story = self.page.specific_deferred
        return (
            isinstance(story, ArticlePage) and story.live and story.permissions_for_user(user).can_publish()
        )


@hooks.register("register_page_header_buttons")
def mark_as_breaking_button(page: Any, user: Any, view_name: str, next_url: str | None = None) -> Any:
    yield MarkAsBreakingButton(page=page, next_url=next_url, priority=55)


@hooks.register("register_permissions")
def register_breaking_permissions() -> QuerySet[Permission]:
    # Lets administrators give other groups the "Breaking news" listing.
    return Permission.objects.filter(content_type__app_label="breaking", codename="view_breakingnews")
