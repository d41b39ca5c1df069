"""Sessions in the database, as Django's, with the session read cheaply.

Every request with a session cookie reads its session; the ORM's `get()` measured as a tenth of a
reader's comment. Here it is one statement written once (`dateline.core.rows`). Writing sessions
is Django's own code.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from dateline.core import rows


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        found = rows.fetch_first(
            self.model,
            "session_key = %s AND expire_date > %s",
            [self.session_key, rows.moment(timezone.now())],
        )
        if found is None:
            self._session_key = None
        return found
