"""The newsroom side of the discussion: the "Comments" menu (queues, word rules, moderation log)
for those who may moderate, and the word-rule editor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.discussion import moderation, newsroom_urls
from dateline.discussion.desk import HeldCommentsPanel
from dateline.discussion.models import WordRule


@hooks.register("register_admin_urls")
def register_moderation_urls() -> list[Any]:
    return [path("comments/", include(newsroom_urls, namespace="moderation"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return moderation.can_moderate(request.user)


class WordRuleViewSet(ModelViewSet):
    """Banned and suspect words per edition's language, kept by moderators."""

    model = WordRule
    icon = "warning"
    menu_label = _("Word rules")
    add_to_admin_menu = False
    form_fields = ["phrase", "kind", "language"]
    list_display = ["phrase", "kind", "language", "created_at"]
    list_filter = ["kind", "language"]
    search_fields = ["phrase"]


word_rules = WordRuleViewSet("word_rules")


@hooks.register("register_admin_viewset")
def register_word_rules() -> WordRuleViewSet:
    return word_rules


@hooks.register("register_admin_menu_item")
def register_comments_menu() -> MenuItem:
    submenu = Menu(
        items=[
            ModeratorMenuItem(
                _("Queues"), reverse("moderation:queue"), name="comment-queues", icon_name="comment", order=1
            ),
            ModeratorMenuItem(
                _("Word rules"), reverse("word_rules:index"), name="word-rules", icon_name="warning", order=2
            ),
            ModeratorMenuItem(
                _("Moderation log"),
                reverse("moderation:log"),
                name="moderation-log",
                icon_name="list-ul",
                order=3,
            ),
        ]
    )
    return CommentsMenuItem(_("Comments"), submenu, name="comments", icon_name="comment", order=260)


class CommentsMenuItem(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return moderation.can_moderate(request.user)


@hooks.register("register_permissions")
def register_moderation_permissions() -> QuerySet[Permission]:
    # Lets administrators give other groups moderation and the word rules.
    return Permission.objects.filter(
        content_type__app_label="discussion",
        codename__in=[
            "moderate_comment",
            "add_wordrule",
            "change_wordrule",
            "delete_wordrule",
            "view_wordrule",
        ],
    )


@hooks.register("construct_homepage_panels")
def held_comments_on_the_desk(request: HttpRequest, panels: list[Component]) -> None:
    panels.append(HeldCommentsPanel())
