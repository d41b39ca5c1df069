"""The live stream of a chat room: `chat:<room id>`. Messages, deletions, pins, the room's state and
readers' timeouts and bans all go out on it, so every server process applies them at its hub's
next wake-up."""

from __future__ import annotations

from dateline.chats.models import Room
from dateline.live import hub, streams

KIND = "chat"


def stream_name(room_id: int) -> str:
    return f"{KIND}:{room_id}"


def room_exists(key: str) -> bool:
    return key.isdigit() and Room.objects.filter(pk=int(key)).exists()


def readers_here(room_id: int) -> int:
    """How many live connections of this server process read the room (not the whole site's:
    counting across processes would need a shared register every connection writes to)."""
    current = hub.local_hub()
    if current is None:
        return 0
    return len(current.subscribers.get(stream_name(room_id), ()))


def register() -> None:
    streams.register(KIND, room_exists, needs_database=True)
