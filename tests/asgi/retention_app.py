"""A tiny ASGI application for tests/asgi/test_served_memory.py, served by granian as Dateline is.

Each request awaits an answer from a worker thread (dateline.core.threads), as Django's responses
are awaited (dateline.asgi.django_bridge); `/count` says how many of those answers are still alive.
"""

from __future__ import annotations

import gc
import json
from typing import Any

from dateline.core.threads import BlockingCallThreads

threads = BlockingCallThreads(1, "retention")


class Answer:
    """Stands for a collected response: what a request's future carries back to the loop."""

    def __init__(self) -> None:
        self.body = b"x" * 1024


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": f"{message['type']}.complete"})
            if message["type"] == "lifespan.shutdown":
                return
    if scope["path"] == "/count":
        gc.collect()
        body = json.dumps({"answers": sum(1 for thing in gc.get_objects() if type(thing) is Answer)}).encode()
    else:
        answer = await threads.run(Answer)
        body = answer.body[:2]
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})
