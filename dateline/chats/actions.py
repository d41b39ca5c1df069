"""What readers do in a chat room: `check_…` validates, `do_…` writes, `notify_…` goes live on commit.

A message is checked (account, room, standing, text, slow mode, the reader's rate, the discussion's
word and trust rules), written, and published on the room's stream when its transaction commits; the
sender is answered after the commit. A retry with the same client id returns the stored message.
"""

from __future__ import annotations

import math
import time
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dateline.chats import markup, rooms
from dateline.chats.models import MESSAGE_LENGTH, Message, MessageReaction, MessageReport, Room, RoomDecision
from dateline.chats.streams import stream_name
from dateline.core import ratelimit
from dateline.discussion import authors, rules
from dateline.discussion.actions import DiscussionError, check_rate, clean_text, toggled_counts
from dateline.discussion.models import (
    REPORT_REASON_LENGTH,
    ModerationAction,
    Reaction,
    ReaderStanding,
    WordRule,
)
from dateline.discussion.moderation import log as moderation_log
from dateline.discussion.text import count_links
from dateline.live.events import publish_on_commit


class ChatError(DiscussionError):
    """A reader's request that cannot be carried out: a message for them, a status, and for a wait
    (slow mode, a timeout) the seconds left."""

    def __init__(self, message: str, status: int = 400, retry_after: int | None = None) -> None:
        super().__init__(message, status)
        self.retry_after = retry_after


# --- checks ------------------------------------------------------------------------------------------


def check_can_write(user: Any, room: Room) -> ReaderStanding | None:
    """Refuses a reader who may not write in this room now; otherwise their standing (None for a
    reader the moderators never judged), read once for the rules that follow."""
    if not user.is_authenticated:
        raise ChatError(_("Please log in to take part in the chat."), 403)
    author = authors.author_of(user)
    if not author.confirmed:
        raise ChatError(
            _("Please confirm your e-mail address first: follow the link in the message we sent you."), 403
        )
    if reason := rooms.read_only_reason(room):
        raise ChatError(reason, 403)
    standing = rules.standing_of(user)
    check_standing(standing)
    return standing


def check_standing(standing: ReaderStanding | None) -> None:
    """A banned reader, or one timed out until a time, cannot write or react."""
    if standing is None:
        return
    if standing.banned:
        raise ChatError(_("Your account may no longer take part in chats and discussions."), 403)
    if standing.is_suspended():
        assert standing.suspended_until is not None
        left = max(1, math.ceil((standing.suspended_until - timezone.now()).total_seconds()))
        until = formats.time_format(timezone.localtime(standing.suspended_until), "TIME_FORMAT")
        raise ChatError(_("You are timed out until %(until)s.") % {"until": until}, 403, retry_after=left)


def check_slow_mode(user: Any, room: Room) -> None:
    """In slow mode, a reader waits the room's seconds between two messages (newsroom hosts do not)."""
    if not room.slow_mode_seconds or user.is_staff:
        return
    next_allowed = cache.get(_slow_mode_key(room.pk, user.pk))
    if next_allowed is not None and next_allowed > time.time():
        left = max(1, math.ceil(next_allowed - time.time()))
        raise ChatError(
            ngettext(
                "Slow mode: you can write again in %(seconds)s second.",
                "Slow mode: you can write again in %(seconds)s seconds.",
                left,
            )
            % {"seconds": left},
            429,
            retry_after=left,
        )


def check_message_rate(user: Any, room: Room) -> None:
    """Who sends more than the rate allows is timed out for a while, by the rules themselves."""
    if user.is_staff:
        return
    if ratelimit.allow("chat-message", str(user.pk), settings.DATELINE_CHAT_RATE):
        return
    seconds = settings.DATELINE_CHAT_AUTO_TIMEOUT_SECONDS
    with transaction.atomic():
        timeout_reader(None, room, user.pk, seconds, _("Too many messages at once"))
    raise ChatError(
        ngettext(
            "You sent too many messages at once: you can write again in %(seconds)s second.",
            "You sent too many messages at once: you can write again in %(seconds)s seconds.",
            seconds,
        )
        % {"seconds": seconds},
        429,
        retry_after=seconds,
    )


def parse_client_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise ChatError(_("The message has no valid client id; please reload the page.")) from None


def screen(
    user: Any, room: Room, text: str, published: int, standing: ReaderStanding | None
) -> tuple[str, str, str]:
    """The status the discussion's rules give this message, with why it is held and the word; refuses
    a banned word and a repeat. `published`: the reader's published messages so far; `standing`: as
    `check_can_write` read it."""
    if user.is_staff:
        return Message.Status.PUBLISHED, "", ""
    banned, suspect = rules.word_rules(room.locale.language_code)
    if rules.first_match(banned, text):
        raise ChatError(_("Your message contains words this room does not allow."))
    folded = rules.fingerprint(text)
    since = timezone.now() - rules.REPEAT_WINDOW
    repeated = Message.objects.filter(author=user, fingerprint=folded, created_at__gte=since).exclude(
        status=Message.Status.DELETED
    )
    if repeated.exists():
        raise ChatError(_("You sent the same text already."))
    if standing is not None and standing.premoderated:
        return Message.Status.HELD, "reader", ""
    if word := rules.first_match(suspect, text):
        return Message.Status.HELD, WordRule.Kind.SUSPECT, word
    links = count_links(text)
    if links > settings.DATELINE_COMMENT_LINKS_LIMIT or (
        published < settings.DATELINE_TRUSTED_AFTER_COMMENTS and links > settings.DATELINE_NEW_READER_LINKS
    ):
        return Message.Status.HELD, "links", str(links)
    return Message.Status.PUBLISHED, "", ""


# --- writes ------------------------------------------------------------------------------------------


def do_send(user: Any, room: Room, body: str, client_id: str, reply_to_id: int | None = None) -> Message:
    """Send a message: stored once per client id, published, held, or refused with a reason."""
    if not user.is_authenticated:
        raise ChatError(_("Please log in to take part in the chat."), 403)
    key = parse_client_id(client_id)
    stored = Message.objects.filter(author=user, client_id=key).first()
    if stored is not None:
        return stored  # a retry of what was stored already
    standing = check_can_write(user, room)
    text = clean_text(body, MESSAGE_LENGTH, _("Please write something before sending."))
    reply_to = None
    if reply_to_id is not None:
        reply_to = Message.objects.filter(pk=reply_to_id, room=room, status=Message.Status.PUBLISHED).first()
        if reply_to is None:
            raise ChatError(_("The message you are replying to is no longer there."), 404)
    check_slow_mode(user, room)
    check_message_rate(user, room)
    published = Message.objects.filter(author=user, status=Message.Status.PUBLISHED)[
        : settings.DATELINE_TRUSTED_AFTER_COMMENTS
    ].count()
    status, held_because, detail = screen(user, room, text, published, standing)
    message = Message(
        room=room,
        author=user,
        client_id=key,
        body=text,
        reply_to=reply_to,
        status=status,
        held_because=held_because,
        held_detail=detail[:100],
        from_host=bool(user.is_staff),
        fingerprint=rules.fingerprint(text),
    )
    try:
        with transaction.atomic():
            message.save()
            if status == Message.Status.PUBLISHED:
                notify_message(message)
    except IntegrityError:
        return Message.objects.get(author=user, client_id=key)  # the same retry, stored a moment ago
    if room.slow_mode_seconds and not user.is_staff:
        cache.set(
            _slow_mode_key(room.pk, user.pk), time.time() + room.slow_mode_seconds, room.slow_mode_seconds
        )
    return message


def do_toggle_reaction(user: Any, message: Message, kind: str) -> dict[str, int]:
    """Adds the reader's reaction of this kind, or takes it back; the message's new counts, live."""
    if kind not in Reaction.values:
        raise ChatError(_("Unknown reaction."))
    if message.status != Message.Status.PUBLISHED:
        raise ChatError(_("This message can no longer be reacted to."), 410)
    check_can_write(user, message.room)
    check_rate(user, "reaction", settings.DATELINE_REACTION_RATE)
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        removed, _counts = MessageReaction.objects.filter(message=message, reader=user, kind=kind).delete()
        if not removed:
            MessageReaction.objects.create(message=message, reader=user, kind=kind)
        message.reactions = toggled_counts(message.reactions, kind, added=not removed)
        message.save(update_fields=["reactions"])
        publish_on_commit(
            stream_name(message.room_id),
            "chat-reactions",
            {"id": message.pk, "reactions": message.reactions},
            changes_pages=False,
        )
    return message.reactions


def do_report(user: Any, message: Message, reason: str) -> MessageReport:
    """Tell the newsroom that a message breaks the rules (once per reader and message)."""
    if not user.is_authenticated:
        raise ChatError(_("Please log in to report a message."), 403)
    text = clean_text(reason, REPORT_REASON_LENGTH, _("Please say what is wrong with this message."))
    if message.author_id == user.pk:
        raise ChatError(_("You cannot report your own message."))
    if message.status != Message.Status.PUBLISHED:
        raise ChatError(_("This message is no longer there."), 410)
    check_rate(user, "report", settings.DATELINE_REPORT_RATE)
    report, created = MessageReport.objects.get_or_create(
        message=message, reporter=user, defaults={"reason": text}
    )
    if not created:
        raise ChatError(_("You have already reported this message. Thank you."), 409)
    return report


def timeout_reader(
    moderator: Any, room: Room, reader_id: int, seconds: int, reason: str = ""
) -> ReaderStanding:
    """Time a reader out (in the current transaction), told to every process through the room's
    stream; `moderator` None when the rules did it. Logged."""
    from_now = timezone.now() + timedelta(seconds=seconds)
    standing, _created = ReaderStanding.objects.select_for_update().get_or_create(reader_id=reader_id)
    standing.suspended_until = from_now
    standing.reason = reason
    standing.changed_at = timezone.now()
    standing.save()
    record(
        ModerationAction.Kind.TIMEOUT, moderator, room, reader_id=reader_id, reason=reason or f"{seconds} s"
    )
    notify_standing(room, reader_id, seconds=seconds)
    return standing


def record(
    kind: str,
    moderator: Any,
    room: Room,
    message: Message | None = None,
    reader_id: int | None = None,
    reason: str = "",
) -> RoomDecision:
    """A decision into the shared moderation log, with the room (and message) it was taken in."""
    if reader_id is None and message is not None:
        reader_id = message.author_id
    action = moderation_log(kind, moderator, reader_id=reader_id, reason=reason)
    return RoomDecision.objects.create(action=action, room=room, message=message)


# --- live --------------------------------------------------------------------------------------------


def notify_message(message: Message) -> None:
    """Everyone reading the room sees the message arrive (once its transaction commits); the sender
    is answered with the same markup (`message.rendered`)."""
    html = markup.message_html(message, message.room.locale.language_code)
    message.rendered = html  # type: ignore[attr-defined]
    payload = {"id": message.pk, "author": message.author_id, "html": html}
    publish_on_commit(stream_name(message.room_id), "chat-message", payload, changes_pages=False)


def notify_removed(message: Message) -> None:
    """The message goes from every reader's page; a hidden one stays on its author's."""
    payload = {
        "id": message.pk,
        "author": message.author_id,
        "hidden": message.status == Message.Status.HIDDEN,
    }
    publish_on_commit(stream_name(message.room_id), "chat-remove", payload, changes_pages=False)


def notify_standing(room: Room, reader_id: int, seconds: int = 0, banned: bool = False) -> None:
    """The reader's own page stops offering to write: a timeout's seconds, or a ban."""
    payload = {"reader": reader_id, "seconds": seconds, "banned": banned}
    publish_on_commit(stream_name(room.pk), "chat-standing", payload, changes_pages=False)


def notify_room(room: Room) -> None:
    """The room's state as readers see it: paused or read-only, slow mode, the pinned message."""
    pinned = rooms.pinned_message(room)
    payload = {
        "read_only": rooms.read_only_reason(room),
        "slow_mode": room.slow_mode_seconds,
        "pinned": markup.message_html(pinned, room.locale.language_code) if pinned else "",
    }
    publish_on_commit(stream_name(room.pk), "chat-room", payload, changes_pages=False)


def _slow_mode_key(room_id: int, reader_id: int) -> str:
    return f"chats:slow-mode:{room_id}:{reader_id}"
