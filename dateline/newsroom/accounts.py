"""The first newsroom account, created once with a generated password."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dateline.newsroom.roles import ADMINISTRATORS

FIRST_ACCOUNT = "admin"


def ensure_first_account() -> str | None:
    """Create the administrator account if it does not exist; return its password only then."""
    User = get_user_model()
    if User.objects.filter(username=FIRST_ACCOUNT).exists():
        return None
    password = secrets.token_urlsafe(12)
    user = User.objects.create_superuser(
        username=FIRST_ACCOUNT,
        email="admin@localhost",
        password=password,
        first_name="Newsroom",
        last_name="Admin",
    )
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return password
