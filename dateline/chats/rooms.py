"""Which rooms an edition has, whether a room takes messages, and the room of a live coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from dateline.chats.models import ROOM_TITLE_LENGTH, Message, Room
from dateline.coverage.models import LiveCoveragePage


@dataclass(frozen=True)
class ListedRoom:
    room: Room
    latest: Message | None


def listed_rooms(locale_id: int) -> list[ListedRoom]:
    """The edition's open rooms in their order, each with its latest published message."""
    latest = Message.objects.filter(room=OuterRef("pk"), status=Message.Status.PUBLISHED).order_by("-id")
    rooms = list(
        Room.objects.filter(locale_id=locale_id, listed=True)
        .annotate(latest_id=Subquery(latest.values("id")[:1]))
        .order_by("order", "id")
    )
    ids = [room.latest_id for room in rooms if room.latest_id]  # type: ignore[attr-defined]
    messages = Message.objects.select_related("author__reader_profile").in_bulk(ids)
    return [ListedRoom(room, messages.get(room.latest_id)) for room in rooms]  # type: ignore[attr-defined]


def coverage_has_ended(room: Room) -> bool:
    if room.coverage_id is None:
        return False
    coverage = LiveCoveragePage.objects.filter(pk=room.coverage_id).only("status", "live").first()
    return coverage is None or not coverage.live or not coverage.is_running


def read_only_reason(room: Room) -> str:
    """Why the room takes no messages now, in the reader's words; "" while it does."""
    if not room.listed:
        return _("This room is closed.")
    if coverage_has_ended(room):
        return _("The coverage has ended: this room is read-only.")
    if room.paused:
        return _("The room is paused by its moderators: you can read, but not write.")
    return ""


def pinned_message(room: Room) -> Message | None:
    """The room's pinned message while it is still published."""
    pinned = room.pinned if room.pinned_id else None
    return pinned if pinned is not None and pinned.status == Message.Status.PUBLISHED else None


def room_of_coverage(coverage: Any) -> Room:
    """The coverage's room, created the first time anyone needs it."""
    found = Room.objects.filter(coverage_id=coverage.pk).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Room.objects.create(
                coverage_id=coverage.pk,
                locale_id=coverage.locale_id,
                title=coverage.title[:ROOM_TITLE_LENGTH],
            )
    except IntegrityError:  # created meanwhile by another request
        return Room.objects.get(coverage_id=coverage.pk)


@receiver(post_save, sender=LiveCoveragePage)
def coverage_saved(instance: LiveCoveragePage, created: bool, **kwargs: Any) -> None:
    """A new live coverage gets its room at once, beside its entries; the room keeps the
    coverage's headline when it changes (a translation is made under the original's first)."""
    if kwargs.get("raw"):
        return
    if created:
        room_of_coverage(instance)
        return
    title = instance.title[:ROOM_TITLE_LENGTH]
    Room.objects.filter(coverage_id=instance.pk).exclude(title=title).update(title=title)
