"""Who may use the newsroom once signed in.

Newsroom staff are the accounts with Wagtail's `access_admin` permission, which every newsroom role
gives; a reader's account has none. With DATELINE_NEWSROOM_REQUIRE_2FA on, editors and
administrators (and superusers) must have an authenticator app before they may use it.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from dateline.newsroom.roles import ADMINISTRATORS, EDITORS

TWO_FACTOR_ROLES = (EDITORS, ADMINISTRATORS)


def is_newsroom_staff(user: Any) -> bool:
    return bool(user.has_perm("wagtailadmin.access_admin"))


def must_set_up_two_factor(user: Any) -> bool:
    """True for an editor or administrator without an authenticator app, when the site requires one."""
    if not settings.DATELINE_NEWSROOM_REQUIRE_2FA:
        return False
    holds_role = user.is_superuser or user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()
    return holds_role and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
