"""What moderators do in a chat room, from the room itself or the newsroom: hide, delete or pin a
message, time out or ban a reader, pause the room or set its slow mode, and decide on held messages.
Each decision goes to the discussion's moderation log and out on the room's stream at once."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.chats.actions import (
    ChatError,
    notify_message,
    notify_removed,
    notify_room,
    notify_standing,
    record,
    timeout_reader,
)
from dateline.chats.models import SLOW_MODE_LIMIT, Message, MessageReport, Room
from dateline.discussion.models import ModerationAction, ReaderStanding
from dateline.discussion.moderation import check_can_moderate

TIMEOUT_SHORTEST = 10
TIMEOUT_LONGEST = 24 * 3600


def do_remove(moderator: Any, message: Message, hide: bool) -> bool:
    """Hide a message (its author still sees it) or delete it for everyone; false if already gone."""
    check_can_moderate(moderator)
    with transaction.atomic():
        message = Message.objects.select_for_update().select_related("room").get(pk=message.pk)
        gone = (Message.Status.DELETED, Message.Status.HIDDEN) if hide else (Message.Status.DELETED,)
        if message.status in gone:
            return False
        message.status = Message.Status.HIDDEN if hide else Message.Status.DELETED
        message.save(update_fields=["status"])
        MessageReport.objects.filter(message=message).update(resolved=True)
        record(
            ModerationAction.Kind.HIDE if hide else ModerationAction.Kind.DELETE,
            moderator,
            message.room,
            message,
        )
        notify_removed(message)
        if message.room.pinned_id == message.pk:
            message.room.pinned = None
            message.room.save(update_fields=["pinned"])
            notify_room(message.room)
    return True


def do_dismiss_reports(moderator: Any, message: Message) -> int:
    """The message stays: its open reports are closed (logged); how many."""
    check_can_moderate(moderator)
    with transaction.atomic():
        closed = MessageReport.objects.filter(message=message, resolved=False).update(resolved=True)
        if closed:
            record(ModerationAction.Kind.DISMISS_REPORTS, moderator, message.room, message)
    return closed


def do_pin(moderator: Any, message: Message) -> None:
    """Pin a published message above the room (one at a time)."""
    check_can_moderate(moderator)
    if message.status != Message.Status.PUBLISHED:
        raise ChatError(_("Only a published message can be pinned."))
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=message.room_id)
        room.pinned = message
        room.save(update_fields=["pinned"])
        record(ModerationAction.Kind.PIN, moderator, room, message)
        notify_room(room)


def do_decide_held(moderator: Any, message: Message, approve: bool) -> bool:
    """Publish a held message, or delete it; false if it was no longer held."""
    check_can_moderate(moderator)
    with transaction.atomic():
        message = Message.objects.select_for_update().select_related("room__locale").get(pk=message.pk)
        if message.status != Message.Status.HELD:
            return False
        message.status = Message.Status.PUBLISHED if approve else Message.Status.DELETED
        message.save(update_fields=["status"])
        record(
            ModerationAction.Kind.APPROVE if approve else ModerationAction.Kind.REJECT,
            moderator,
            message.room,
            message,
        )
        if approve:
            notify_message(message)
        else:
            notify_removed(message)
    return True


def do_timeout(moderator: Any, room: Room, reader_id: int, seconds: int, reason: str = "") -> ReaderStanding:
    """Keep a reader from writing for 10 seconds to 24 hours, on every server process at once."""
    check_can_moderate(moderator)
    if not TIMEOUT_SHORTEST <= seconds <= TIMEOUT_LONGEST:
        raise ChatError(_("A timeout lasts from 10 seconds to 24 hours."))
    with transaction.atomic():
        return timeout_reader(moderator, room, reader_id, seconds, reason)


def do_ban(moderator: Any, room: Room, reader_id: int, reason: str = "") -> ReaderStanding:
    """Ban a reader from chats and discussions; their page stops offering to write at once."""
    check_can_moderate(moderator)
    with transaction.atomic():
        standing, _created = ReaderStanding.objects.select_for_update().get_or_create(reader_id=reader_id)
        standing.banned = True
        standing.reason = reason
        standing.changed_at = timezone.now()
        standing.save()
        record(ModerationAction.Kind.BAN, moderator, room, reader_id=reader_id, reason=reason)
        notify_standing(room, reader_id, banned=True)
    return standing


def do_pause(moderator: Any, room: Room, paused: bool) -> None:
    check_can_moderate(moderator)
    with transaction.atomic():
        room.paused = paused
        room.save(update_fields=["paused"])
        record(ModerationAction.Kind.PAUSE if paused else ModerationAction.Kind.RESUME, moderator, room)
        notify_room(room)


def do_slow_mode(moderator: Any, room: Room, seconds: int) -> None:
    """Set the wait between a reader's messages: 0 (off) to an hour."""
    check_can_moderate(moderator)
    if not 0 <= seconds <= SLOW_MODE_LIMIT:
        raise ChatError(_("Slow mode lasts from 0 seconds to an hour."))
    with transaction.atomic():
        room.slow_mode_seconds = seconds
        room.save(update_fields=["slow_mode_seconds"])
        record(ModerationAction.Kind.SLOW_MODE, moderator, room, reason=f"{seconds} s")
        notify_room(room)
