"""Chat rooms for readers: the edition's list, a room's page (read-only latest messages without
JavaScript), older messages, and the readers' and moderators' writes (thin: parse, call one action,
answer JSON for the page's script or redirect back with a message)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dateline.chats import actions, markup, moderation, rooms
from dateline.chats.models import Message, Room
from dateline.chats.streams import readers_in, stream_name
from dateline.coverage.models import LiveCoveragePage
from dateline.discussion.actions import DiscussionError
from dateline.discussion.models import Reaction
from dateline.discussion.moderation import can_moderate
from dateline.editions import navigation
from dateline.live import outbox

STANDINGS = {"timeout", "ban"}


def wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def edition_or_404(request: HttpRequest) -> Any:
    edition = navigation.current_edition(request)
    if edition is None:
        raise Http404("No such edition")
    return edition


@require_GET
def chat_list(request: HttpRequest) -> HttpResponse:
    """The edition's open rooms, with how many read each and the latest message."""
    edition = edition_or_404(request)
    entries = rooms.listed_rooms(edition.locale_id)
    readers = readers_in([entry.room.pk for entry in entries])
    listed = [(entry, readers[entry.room.pk]) for entry in entries]
    return render(request, "chats/list.html", {"listed": listed})


def room_of_edition(request: HttpRequest, room_id: int) -> Room:
    edition = edition_or_404(request)
    return get_object_or_404(Room.objects.select_related("locale"), pk=room_id, locale_id=edition.locale_id)


def latest_messages(request: HttpRequest, room: Room) -> tuple[list[Message], int | None]:
    """The newest messages the reader may see, before `?before=<id>` if given, oldest first; and the
    id to ask for older ones with (None at the start of the room)."""
    shown = settings.DATELINE_CHAT_MESSAGES_SHOWN
    found = Message.objects.filter(room=room).shown_to(request.user)
    before = request.GET.get("before", "")
    if before:
        if not before.isdigit() or len(before) > 18:
            raise Http404
        found = found.filter(pk__lt=int(before))
    page = list(
        found.select_related("author__reader_profile", "reply_to__author__reader_profile").order_by("-id")[
            : shown + 1
        ]
    )
    older = page[shown - 1].pk if len(page) > shown else None
    return page[:shown][::-1], older


@require_GET
def room(request: HttpRequest, room_id: int) -> HttpResponse:
    """A room: its latest messages, the form for who may write, the moderators' menus.

    Not a public page: what it shows depends on the reader (their own hidden messages, the form,
    the moderators' menu), so it is never kept in the page cache; new messages come by the stream.
    """
    room = room_of_edition(request, room_id)
    # Read before the messages: a message committed meanwhile is replayed by the stream, not lost.
    live_since = outbox.newest_id()
    shown, older = latest_messages(request, room)
    language = room.locale.language_code
    if wants_json(request):
        return JsonResponse({"html": [markup.message_html(m, language) for m in shown], "older": older})
    read_only = rooms.read_only_reason(room)
    standing = ""
    if request.user.is_authenticated and not read_only:
        try:
            actions.check_can_write(request.user, room)
        except DiscussionError as error:
            standing = error.message
    pinned = rooms.pinned_message(room)
    context = {
        "room": room,
        "messages_html": [markup.message_html(m, language) for m in shown],
        "pinned_html": markup.message_html(pinned, language) if pinned else "",
        "older": older,
        "read_only": read_only,
        "standing": standing,
        "moderator": can_moderate(request.user),
        "reactions": Reaction.choices,
        "stream": stream_name(room.pk),
        "readers": readers_in([room.pk])[room.pk],
        "live_since": live_since,
        # Without JavaScript the form sends this one: sending the same page twice stores one message.
        "client_id": uuid.uuid4(),
    }
    return render(request, "chats/room.html", context)


@require_GET
def coverage_room(request: HttpRequest, page_id: int) -> HttpResponse:
    """A live coverage's room (made the first time a reader asks for it)."""
    coverage = get_object_or_404(LiveCoveragePage.objects.live(), pk=page_id)
    found = rooms.room_of_coverage(coverage)
    return HttpResponseRedirect(reverse("chat_room", args=[found.pk]))


def answer(request: HttpRequest, room: Room, work: Callable[[], dict[str, Any]]) -> HttpResponse:
    """Run one action: JSON for the page's script (errors with their status and, for a wait, the
    seconds left), or without it a redirect back to the room with a message."""
    try:
        result = work()
    except DiscussionError as error:
        retry_after = getattr(error, "retry_after", None)
        if wants_json(request):
            response = JsonResponse({"error": error.message, "retry_after": retry_after}, status=error.status)
            if retry_after:
                response["Retry-After"] = str(retry_after)
            return response
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("chat_room", args=[room.pk]))
    if wants_json(request):
        return JsonResponse(result, status=HTTPStatus.OK)
    if result.get("message"):
        messages.success(request, result["message"])
    return HttpResponseRedirect(reverse("chat_room", args=[room.pk]))


@require_POST
def send(request: HttpRequest, room_id: int) -> HttpResponse:
    room = room_of_edition(request, room_id)
    reply_to = request.POST.get("reply_to", "")

    def work() -> dict[str, Any]:
        message = actions.do_send(
            request.user,
            room,
            request.POST.get("body", ""),
            request.POST.get("client_id", ""),
            int(reply_to) if reply_to.isdigit() and len(reply_to) <= 18 else None,
        )
        result: dict[str, Any] = {
            "id": message.pk,
            "status": message.status,
            "html": getattr(message, "rendered", None)
            or markup.message_html(message, room.locale.language_code),
        }
        if message.status == Message.Status.HELD:
            result["message"] = _("Thank you. Your message will appear once a moderator has approved it.")
        return result

    return answer(request, room, work)


def message_in_edition(request: HttpRequest, message_id: int) -> Message:
    edition = edition_or_404(request)
    return get_object_or_404(
        Message.objects.select_related("room__locale"), pk=message_id, room__locale_id=edition.locale_id
    )


@require_POST
def react(request: HttpRequest, message_id: int) -> HttpResponse:
    message = message_in_edition(request, message_id)
    return answer(
        request,
        message.room,
        lambda: {
            "id": message.pk,
            "reactions": actions.do_toggle_reaction(request.user, message, request.POST.get("kind", "")),
        },
    )


@require_POST
def report(request: HttpRequest, message_id: int) -> HttpResponse:
    message = message_in_edition(request, message_id)

    def work() -> dict[str, Any]:
        actions.do_report(request.user, message, request.POST.get("reason", ""))
        return {"id": message.pk, "message": _("Thank you. The newsroom will look at this message.")}

    return answer(request, message.room, work)


def seconds_from(request: HttpRequest) -> int:
    value = request.POST.get("seconds", "")
    if not value.isdigit() or len(value) > 6:
        raise actions.ChatError(_("Please choose how many seconds."))
    return int(value)


@require_POST
def moderate_message(request: HttpRequest, message_id: int) -> HttpResponse:
    """A moderator's decision from a message's menu: hide, delete, pin, approve, reject, or a timeout
    or a ban for its author."""
    message = message_in_edition(request, message_id)
    decision = request.POST.get("decision", "")
    reason = request.POST.get("reason", "")[:500]

    def work() -> dict[str, Any]:
        if not can_moderate(request.user):
            raise actions.ChatError(_("Only moderators can do this."), 403)
        if decision in ("hide", "delete"):
            moderation.do_remove(request.user, message, hide=decision == "hide")
        elif decision == "pin":
            moderation.do_pin(request.user, message)
        elif decision in ("approve", "reject"):
            moderation.do_decide_held(request.user, message, approve=decision == "approve")
        elif decision in STANDINGS and message.author_id is not None:
            if decision == "ban":
                moderation.do_ban(request.user, message.room, message.author_id, reason)
            else:
                moderation.do_timeout(
                    request.user, message.room, message.author_id, seconds_from(request), reason
                )
        else:
            raise actions.ChatError(_("Unknown decision."))
        return {"id": message.pk, "message": _("Done.")}

    return answer(request, message.room, work)


@require_POST
def moderate_room(request: HttpRequest, room_id: int) -> HttpResponse:
    """A moderator pauses or resumes the room, or sets its slow mode."""
    room = room_of_edition(request, room_id)
    decision = request.POST.get("decision", "")

    def work() -> dict[str, Any]:
        if not can_moderate(request.user):
            raise actions.ChatError(_("Only moderators can do this."), 403)
        if decision in ("pause", "resume"):
            moderation.do_pause(request.user, room, decision == "pause")
        elif decision == "slow-mode":
            moderation.do_slow_mode(request.user, room, seconds_from(request))
        else:
            raise actions.ChatError(_("Unknown decision."))
        return {"id": room.pk, "message": _("Done.")}

    return answer(request, room, work)
