"""Dateline's ASGI application (`config.asgi:application`) with one addition for the benchmarks.

    GET /bench/live-stats  →  {"hub_queries": …, "statements": {…}, "subscribers": …, "open": …}

so that the live benchmarks (bench/live/) can count what the server asks the database while
readers reconnect. Two counts, independent of each other:

- `hub_queries`: the hub's own counter (`Hub.queries`, one per outbox read it makes);
- `statements`: every SQL statement any of this process's database connections executed, by
  thread (the hub's reads run in its one `dateline-hub` thread; Django's in the bridge's threads),
  counted by an execute wrapper put on each connection as Django opens it.

Everything else is `config.asgi` untouched: the benchmarks serve this module only where they need
the counts (storm and crash) and say so.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from typing import Any

from django.db.backends.signals import connection_created

from config.asgi import application as dateline
from config.asgi import hub

statements: Counter[str] = Counter()
_counting = threading.Lock()


def _count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    with _counting:
        statements[threading.current_thread().name.split("_")[0]] += 1
    return execute(sql, params, many, context)


def _on_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    if _count not in connection.execute_wrappers:
        connection.execute_wrappers.append(_count)


connection_created.connect(_on_connection)


def stats() -> dict[str, Any]:
    """The hub's and the live endpoint's counters, and the statements counted."""
    live = getattr(dateline, "live", None)
    return {
        "hub_queries": hub.queries,
        "statements": dict(statements),
        "subscribers": sum(len(readers) for readers in hub.subscribers.values()),
        "streams": len(hub.subscribers),
        "open": live.open_connections if live is not None else None,
        "last_id": hub.last_id,
        "buffered": len(hub.recent),
        "buffer_floor": hub.recent_floor,
    }


async def application(scope: Any, receive: Any, send: Any) -> None:
    """GET /bench/live-stats answered here; everything else by Dateline's application."""
    if scope["type"] == "http" and scope["path"] == "/bench/live-stats":
        body = json.dumps(stats()).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"cache-control", b"no-store")],
            }
        )
        await send({"type": "http.response.body", "body": body})
        return
    await dateline(scope, receive, send)
