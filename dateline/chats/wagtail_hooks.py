"""The newsroom side of chats: editors keep the rooms (title, description, order, state); moderators
get the held messages and each room's log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.chats import newsroom_urls
from dateline.chats.models import Room
from dateline.discussion import moderation


class RoomViewSet(ModelViewSet):
    """The edition's chat rooms; a live coverage's room is made with the coverage."""

    model = Room
    icon = "group"
    menu_label = _("Chat rooms")
    add_to_admin_menu = True
    menu_order = 265
    form_fields = ["locale", "title", "description", "order", "listed", "paused", "slow_mode_seconds"]
    list_display = ["title", "locale", "order", "listed", "paused"]
    list_filter = ["locale", "listed"]
    search_fields = ["title"]


rooms = RoomViewSet("chat_rooms")


@hooks.register("register_admin_viewset")
def register_rooms() -> RoomViewSet:
    return rooms


@hooks.register("register_admin_urls")
def register_chat_urls() -> list[Any]:
    return [path("chats/", include(newsroom_urls, namespace="chats_newsroom"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return moderation.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_held_messages() -> MenuItem:
    return ModeratorMenuItem(
        _("Held chat messages"),
        reverse("chats_newsroom:held"),
        name="chat-held",
        icon_name="comment",
        order=266,
    )
