"""Making, checking and revoking API keys.

A key reads `dl_<prefix>_<secret>`: the prefix finds its row, and a SHA-256 digest of the whole key
is compared in constant time. The secret has 256 bits of randomness, so a fast digest is enough (a
password hash would cost every request milliseconds and protect nothing more).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.contrib.auth.models import User
from django.utils import timezone

from dateline.api.models import ApiKey

KEY_PREFIX = "dl_"
PREFIX_BYTES = 6
SECRET_BYTES = 32
# Longer than any key we make; anything longer is refused before it is digested.
MAX_KEY_LENGTH = 100


def digest_of(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def do_create_key(name: str, scope: str, rate: str, user: User | None = None) -> tuple[ApiKey, str]:
    """Make a key and return it with its one readable copy, which is never stored."""
    key = ApiKey(name=name, scope=scope, rate=rate, created_by=user)
    raw_key = assign_new_secret(key)
    key.save()
    return key, raw_key


def assign_new_secret(key: ApiKey) -> str:
    """Give an unsaved key its prefix and digest; return the readable copy (shown once)."""
    key.prefix = secrets.token_hex(PREFIX_BYTES)
    raw_key = f"{KEY_PREFIX}{key.prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    key.digest = digest_of(raw_key)
    return raw_key


def find_key(raw_key: str) -> ApiKey | None:
    """The active key `raw_key` names, or None for a key that is unknown, malformed or revoked."""
    if len(raw_key) > MAX_KEY_LENGTH or not raw_key.startswith(KEY_PREFIX):
        return None
    prefix, _, secret = raw_key[len(KEY_PREFIX) :].partition("_")
    if not prefix or not secret:
        return None
    key = ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if key is None or not hmac.compare_digest(key.digest, digest_of(raw_key)):
        return None
    return key


def do_revoke_key(key: ApiKey) -> None:
    """Stop the key working at once; its row stays, for the record."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
