"""Two-factor authentication for test accounts: an authenticator app, and the codes it shows."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value


def authenticator_app(user: Any) -> str:
    """Turn on two-factor authentication (TOTP) for `user`, as allauth's activation page does; the
    app's secret comes back, for `code_of`."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def code_of(secret: str) -> str:
    """The six digits the authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
