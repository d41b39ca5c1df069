"""The loop of a background thread that does a round every poll until it is told to stop.

The CDN's purges (`cdn/sender.py`), the search index (`search/follower.py`) and the wire desk
(`wire/rounds.py`) each run one. A round that fails on the database (locked by a backup, full,
restarting) or on what it talks to is tried again after a pause that doubles up to a minute; any
other error is logged and the next round comes after the usual poll. The thread itself never ends
on an error. Connections are closed after every round, so a broken one is not handed to the next.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections

logger = logging.getLogger(__name__)

LONGEST_PAUSE_SECONDS = 60.0


def repeat_until_stopped(
    stopping: threading.Event,
    poll_seconds: float,
    do_round: Callable[[], object],
    what: str,
    retried: tuple[type[Exception], ...] = (DatabaseError,),
) -> None:
    """Call `do_round` every `poll_seconds` until `stopping` is set; `what` names it in the log."""
    failures = 0
    while not stopping.is_set():
        pause = poll_seconds
        try:
            do_round()
            failures = 0
        except retried as error:
            pause = min(poll_seconds * 2**failures, LONGEST_PAUSE_SECONDS)
            failures += 1
            logger.warning("%s failed (%s); trying again in %g s", what, error, pause)
        except Exception:
            logger.exception("%s failed; trying again next round", what)
        finally:
            try:
                close_old_connections()
            except DatabaseError:
                logger.debug("a broken database connection could not be closed cleanly", exc_info=True)
        stopping.wait(pause)
