"""Chats in the newsroom: the messages the rules held, and one room's moderation log. Each view checks
the moderator permission, parses, calls `moderation` and responds."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from dateline.chats import moderation
from dateline.chats.models import Message, Room, RoomDecision
from dateline.discussion.moderation import check_can_moderate

PER_PAGE = 50


def held(request: HttpRequest) -> HttpResponse:
    """The messages the rules held, oldest first: each waits for a moderator to publish or delete it."""
    check_can_moderate(request.user)
    waiting = (
        Message.objects.filter(status=Message.Status.HELD)
        .select_related("room", "author__reader_profile")
        .order_by("id")
    )
    return TemplateResponse(
        request,
        "chats/newsroom/held.html",
        {
            "page": Paginator(waiting, PER_PAGE).get_page(request.GET.get("page")),
            "page_title": _("Held chat messages"),
            "header_title": _("Held chat messages"),
            "header_icon": "comment",
        },
    )


@require_POST
def decide(request: HttpRequest, message_id: int) -> HttpResponse:
    check_can_moderate(request.user)
    message = get_object_or_404(Message, pk=message_id)
    approve = request.POST.get("decision") == "approve"
    if moderation.do_decide_held(request.user, message, approve=approve):
        messages.success(request, _("Message published.") if approve else _("Message deleted."))
    return HttpResponseRedirect(reverse("chats_newsroom:held"))


def room_log(request: HttpRequest, room_id: int) -> HttpResponse:
    """Every decision taken in one room, newest first."""
    check_can_moderate(request.user)
    room = get_object_or_404(Room, pk=room_id)
    decisions = (
        RoomDecision.objects.filter(room=room)
        .select_related("action__moderator", "action__reader__reader_profile", "message")
        .order_by("-action__created_at", "-id")
    )
    return TemplateResponse(
        request,
        "chats/newsroom/log.html",
        {
            "room": room,
            "page": Paginator(decisions, PER_PAGE).get_page(request.GET.get("page")),
            "page_title": _("Moderation log: %(room)s") % {"room": room.title},
            "header_title": _("Moderation log: %(room)s") % {"room": room.title},
            "header_icon": "list-ul",
        },
    )
