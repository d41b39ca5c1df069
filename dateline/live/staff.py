"""Who may read the newsroom's own streams: the session's user, found as Django's middleware would.

The live endpoint runs outside Django's request cycle, so for a stream registered `staff_only` it
reads the session cookie itself and asks whether its user may use the newsroom (Wagtail's
`access_admin`, which every newsroom role gives and no reader has).
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib import auth
from django.db import close_old_connections
from django.http import HttpRequest
from django.http.cookie import parse_cookie

NEWSROOM_PERMISSION = "wagtailadmin.access_admin"


def newsroom_member(cookie_header: str) -> bool:
    """In a Django thread: whether the session in `cookie_header` is of an active newsroom member."""
    key = parse_cookie(cookie_header).get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    close_old_connections()
    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    user = auth.get_user(request)
    return bool(user.is_active and user.has_perm(NEWSROOM_PERMISSION))
