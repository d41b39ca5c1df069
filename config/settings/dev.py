"""Settings for `make run` and `dateline serve` on one machine: SQLite, in-process everything."""

from .base import *  # noqa: F403
from .base import DATA_DIR, SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]


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
