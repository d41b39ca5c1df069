"""Settings for `make run` and `dateline serve` on one machine: SQLite, in-process everything."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_URL, DATA_DIR, SECRET_KEY

# The loopback names, and the public address's host (`dateline serve --host 192.168.1.20` names it).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
_public_host = urlsplit(BASE_URL).hostname or "localhost"
ALLOWED_HOSTS.append(f"[{_public_host}]" if ":" in _public_host else _public_host)


def _secret_key_from_data_dir() -> str:
    """Create the key once per installation so sessions survive restarts."""
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = SECRET_KEY or _secret_key_from_data_dir()
