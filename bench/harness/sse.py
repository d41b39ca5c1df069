"""Reading a live stream as a browser's EventSource does: the chunked encoding, then SSE frames."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Frame:
    """One SSE frame: its id (if it has one), its event kind, and whether it dispatches an event
    (a frame without data, such as `retry:` or a heartbeat, does not)."""

    id: int | None
    kind: str
    has_data: bool


def dechunk(raw: bytes) -> tuple[bytes, bytes, bool]:
    """The data of the complete chunks at the start of `raw`, what is left of `raw` after them, and
    whether the last chunk (size 0) was among them."""
    data = b""
    while (line_end := raw.find(b"\r\n")) >= 0:
        size = int(raw[:line_end].split(b";")[0], 16)
        if size == 0:
            return data, b"", True
        if len(raw) < line_end + 2 + size + 2:
            break
        data += raw[line_end + 2 : line_end + 2 + size]
        raw = raw[line_end + 2 + size + 2 :]
    return data, raw, False


def frames(body: bytes) -> tuple[list[Frame], bytes]:
    """The complete frames at the start of `body`, and what is left of it after them."""
    found = []
    while (end := body.find(b"\n\n")) >= 0:
        frame, body = body[:end], body[end + 2 :]
        event_id: int | None = None
        kind = "message"
        has_data = False
        for line in frame.split(b"\n"):
            if line.startswith(b"id: "):
                event_id = int(line[4:])
            elif line.startswith(b"event: "):
                kind = line[7:].decode()
            elif line.startswith(b"data:"):
                has_data = True
        found.append(Frame(event_id, kind, has_data))
    return found, body
