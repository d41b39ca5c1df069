"""Sessions in the database, as Django's, with the session read cheaply.

Every request with a session cookie reads its session; the ORM's `get()` measured as a tenth of a
reader's comment. Here it is one statement written once (`dateline.accounts.queries`). Writing
sessions is Django's own code.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from dateline.accounts import queries


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        found = queries.unexpired_session(self.model, self.session_key)
        if found is None:
            self._session_key = None
        return found
