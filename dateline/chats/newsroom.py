"""Chats in the newsroom: the messages the rules held, and one room's moderation log. Each view checks
the moderator permission, parses, calls `moderation` and responds."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from dateline.chats import moderation
from dateline.chats.models import Message, MessageReport, Room, RoomDecision
from dateline.discussion.moderation import check_can_moderate

PER_PAGE = 50


def held(request: HttpRequest) -> HttpResponse:
    """The messages the rules held, oldest first, each waiting to be published or deleted; and the
    published messages readers reported, most reported first."""
    check_can_moderate(request.user)
    waiting = (
        Message.objects.filter(status=Message.Status.HELD)
        .select_related("room", "author__reader_profile")
        .order_by("id")
    )
    reported = (
        Message.objects.filter(status=Message.Status.PUBLISHED, reports__resolved=False)
        .annotate(open_reports=Count("reports"))
        .select_related("room", "author__reader_profile")
        .prefetch_related(
            Prefetch("reports", MessageReport.objects.filter(resolved=False), "open_report_list")
        )
        .order_by("-open_reports", "id")[:PER_PAGE]
    )
    return TemplateResponse(
        request,
        "chats/newsroom/held.html",
        {
            "page": Paginator(waiting, PER_PAGE).get_page(request.GET.get("page")),
            "reported": reported,
            "page_title": _("Held chat messages"),
            "header_title": _("Held chat messages"),
            "header_icon": "comment",
        },
    )


@require_POST
def decide(request: HttpRequest, message_id: int) -> HttpResponse:
    """Publish or delete a held message; delete a reported one or dismiss its reports."""
    check_can_moderate(request.user)
    message = get_object_or_404(Message.objects.select_related("room"), pk=message_id)
    decision = request.POST.get("decision")
    if decision in ("approve", "reject"):
        if moderation.do_decide_held(request.user, message, approve=decision == "approve"):
            messages.success(
                request, _("Message published.") if decision == "approve" else _("Message deleted.")
            )
    elif decision == "delete":
        if moderation.do_remove(request.user, message, hide=False):
            messages.success(request, _("Message deleted."))
    elif decision == "dismiss":
        moderation.do_dismiss_reports(request.user, message)
        messages.success(request, _("Reports dismissed."))
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
