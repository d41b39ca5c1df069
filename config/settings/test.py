"""Settings for the test suite: quick hashing, tasks run inline, a file database for browser tests."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import DATA_DIR, DATABASES, EMAIL_HOST, STORAGES, env

SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEST_DATA_DIR = DATA_DIR / "test"
MEDIA_ROOT = TEST_DATA_DIR / "media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Where the browser tests' server writes its mail, for the tests to read.
DATELINE_TEST_MAIL_DIR = env.str("DATELINE_TEST_MAIL_DIR", "")
if EMAIL_HOST:
    # A sender process started by a test, handing its mail to the test's own SMTP server.
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DATELINE_TEST_MAIL_DIR:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(DATELINE_TEST_MAIL_DIR)
if DATABASES["default"]["ENGINE"] == "dateline.core.sqlite":
    # A file, not memory: the browser tests' server process opens the same database.
    worker = env.str("PYTEST_XDIST_WORKER", "main")
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_DATA_DIR / f"test-{worker}.sqlite3")}
# Most tests post as readers who already took part; the rule's own tests and the browser journey
# (whose server is started with DATELINE_HELD_FIRST_COMMENTS=1) hold a first comment.
DATELINE_HELD_FIRST_COMMENTS = env.int("DATELINE_HELD_FIRST_COMMENTS", 0)
