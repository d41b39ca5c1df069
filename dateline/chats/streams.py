"""The live stream of a chat room: `chat:<room id>`. Messages, deletions, pins, the room's state and
readers' timeouts and bans all go out on it, so every server process applies them at its hub's
next wake-up."""

from __future__ import annotations

from dateline.chats.models import Room
from dateline.live import audience, streams

KIND = "chat"


def stream_name(room_id: int) -> str:
    return f"{KIND}:{room_id}"


def room_exists(key: str) -> bool:
    return key.isdigit() and Room.objects.filter(pk=int(key)).exists()


def readers_in(room_ids: list[int]) -> dict[int, int]:
    """How many readers each room has on the whole site, whichever processes serve them (as they
    last reported, a few seconds ago at most: `live/audience.py`)."""
    counts = audience.readers(stream_name(room_id) for room_id in room_ids)
    return {room_id: counts.get(stream_name(room_id), 0) for room_id in room_ids}


def register() -> None:
    streams.register(KIND, room_exists, needs_database=True)
