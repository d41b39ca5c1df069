"""Reader chat rooms: topic rooms per edition and one beside each live coverage, their messages,
reactions, and the link from the shared moderation log to the room a decision was taken in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dateline.discussion.models import REPORT_REASON_LENGTH

MESSAGE_LENGTH = 500
ROOM_TITLE_LENGTH = 120
SLOW_MODE_LIMIT = 3600


class Room(models.Model):
    """A room readers talk in: a topic an editor opened, or the room of one live coverage."""

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=ROOM_TITLE_LENGTH)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.IntegerField(_("order"), default=0, help_text=_("Rooms with a lower number come first."))
    # Set for a coverage's room: read-only once the coverage has ended.
    coverage = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="chat_room"
    )
    listed = models.BooleanField(
        _("open"), default=True, help_text=_("Closed rooms are not listed and take no messages.")
    )
    paused = models.BooleanField(_("paused"), default=False, help_text=_("A paused room is read-only."))
    slow_mode_seconds = models.PositiveIntegerField(
        _("slow mode (seconds)"),
        default=0,
        validators=[MaxValueValidator(SLOW_MODE_LIMIT)],
        help_text=_("How long each reader waits between two messages: 0 for no wait, at most an hour."),
    )
    pinned = models.ForeignKey(
        "chats.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["locale", "listed", "order"], name="chat_room_listing")]

    def __str__(self) -> str:
        return self.title

    @property
    def stream(self) -> str:
        return f"chat:{self.pk}"


class MessageQuerySet(models.QuerySet["Message"]):
    def shown_to(self, user: Any) -> MessageQuerySet:
        """Published messages, and the reader's own hidden or held ones (which nobody else sees)."""
        shown = Q(status=Message.Status.PUBLISHED)
        if user.is_authenticated:
            shown |= Q(author=user, status__in=[Message.Status.HIDDEN, Message.Status.HELD])
        return self.filter(shown)


class Message(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("chat message status", "Published")
        HELD = "held", pgettext_lazy("chat message status", "Held for a moderator")
        HIDDEN = "hidden", pgettext_lazy("chat message status", "Hidden")
        DELETED = "deleted", pgettext_lazy("chat message status", "Deleted")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    # Sent by the reader's page with each message: a retry with the same one is stored once.
    client_id = models.UUIDField()
    body = models.TextField(max_length=MESSAGE_LENGTH)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    held_because = models.CharField(max_length=16, blank=True)
    held_detail = models.CharField(max_length=100, blank=True)
    # Written by a newsroom account: shown as the room's host.
    from_host = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=64)
    reactions = models.JSONField(default=dict, blank=True)  # kind → count
    created_at = models.DateTimeField(default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat message")
        constraints = [
            models.UniqueConstraint(fields=["author", "client_id"], name="chat_message_once_per_client_id")
        ]
        indexes = [
            models.Index(fields=["room", "status", "id"], name="chat_message_room_newest"),
            models.Index(fields=["author", "fingerprint"], name="chat_message_author_text"),
            models.Index(fields=["status"], condition=Q(status="held"), name="chat_message_held"),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def anchor(self) -> str:
        return f"message-{self.pk}"


class MessageReaction(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reaction_set")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "reader", "kind"], name="one_chat_reaction_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on message {self.message_id}"


class MessageReport(models.Model):
    """A reader's word to the newsroom that a message breaks the rules."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), max_length=REPORT_REASON_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("chat message report")
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="one_chat_report_per_reader")
        ]
        indexes = [models.Index(fields=["resolved"], condition=Q(resolved=False), name="chat_report_open")]

    def __str__(self) -> str:
        return self.reason[:60]


class RoomDecision(models.Model):
    """Where a decision of the shared moderation log was taken: its room, and the message it was about."""

    action = models.OneToOneField(
        "discussion.ModerationAction", on_delete=models.CASCADE, related_name="chat_decision"
    )
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="decisions")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("chat moderation decision")

    def __str__(self) -> str:
        return f"decision {self.action_id} in room {self.room_id}"
