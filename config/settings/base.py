"""Settings shared by every environment.

Everything that varies between machines is read from the environment here, in one place, through
`env` (environs): the database and Redis (DATABASE_URL, REDIS_URL), the data directory
(DATELINE_DATA_DIR), the secret key, the public address, the SMTP server (EMAIL_HOST and its
companions) and Dateline's own limits. A value that does not parse stops the process as it starts,
naming the variable. The README's table lists every variable with its default;
tests/config/test_settings_environment.py keeps the two in step.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _
from environs import Env, ValidationError, validate
from wagtail.embeds.oembed_providers import soundcloud, vimeo, youtube

# ------------------------------------------------------------------------------------------------
# The environment: every variable is read through `env`, which names it when its value is wrong
# ------------------------------------------------------------------------------------------------
env = Env()


@env.parser_for("names")
def _names(value: str) -> list[str]:
    """A comma-separated variable as a list, spaces around items and empty items left out."""
    return [item.strip() for item in value.split(",") if item.strip()]


def _ports(values: list[int]) -> None:
    """A check that refuses a number that is no port."""
    if not all(0 < value < 65536 for value in values):
        raise ValidationError("expected port numbers, e.g. 8080,8443")


def _address_in(*schemes: str) -> Callable[[str], None]:
    """A check that refuses a value that is neither empty nor an address in one of `schemes`."""

    def check(value: str) -> None:
        if value and urlsplit(value).scheme not in schemes:
            raise ValidationError(f"expected a {' or '.join(f'{s}://' for s in schemes)} address")

    return check


def _database_address(value: str) -> None:
    """Refuse a DATABASE_URL that dj-database-url cannot read (an empty one means SQLite)."""
    if value:
        try:
            dj_database_url.parse(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error


_web_address = _address_in("http", "https")
# A count of actions per window of seconds, minutes, hours or days, "10/m" or "5/10m", as
# dateline/core/ratelimit.py reads it.
_rate = validate.Regexp(r"^\s*\d+/\d*[smhd]\s*$", error="expected a rate such as 10/m or 5/10m")

# ------------------------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = env.path("DATELINE_DATA_DIR", BASE_DIR / "var").resolve()
DEBUG = env.bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env.names("DJANGO_ALLOWED_HOSTS", "")
BASE_URL = env.str("DATELINE_BASE_URL", "http://127.0.0.1:8000", validate=_web_address).rstrip("/")
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_NAME = env.str("DATELINE_SITE_NAME", "Dateline")

# ------------------------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]
LOCAL_APPS = [
    "dateline.core",
    "dateline.live",
    "dateline.cdn",
    "dateline.images",
    "dateline.editions",
    "dateline.articles",
    "dateline.coverage",
    "dateline.breaking",
    "dateline.newsroom",
    "dateline.accounts",
    "dateline.discussion",
    "dateline.chats",
    "dateline.subscriptions",
    "dateline.wire",
    "dateline.api",
    "dateline.search",
    "dateline.demo",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dateline.core.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dateline.core.middleware.EditionLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "dateline.newsroom.middleware.NewsroomDoorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dateline.core.middleware.PublicCacheHeadersMiddleware",
    # Below it: a response that sets or drops the staff cookie is never marked public.
    "dateline.newsroom.middleware.StaffCookieMiddleware",
    "dateline.editions.middleware.EditionSiteMiddleware",
    "dateline.core.middleware.ContentVersionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# What every reader page's template is given besides its view's context, in both engines.
READER_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "dateline.editions.context_processors.edition",
    "dateline.articles.context_processors.newsfeed_headlines",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": READER_CONTEXT_PROCESSORS},
    },
    {
        # The story, home and section pages, the layout every reader page shares, comments and
        # story cards (dateline/core/jinja.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "dateline.core.jinja.environment",
            "context_processors": READER_CONTEXT_PROCESSORS,
            "extensions": [
                "dateline.core.jinja2tags.translations",
                "dateline.core.jinja2tags.remembered_fragments",
                "dateline.core.jinja2tags.pages",
                "dateline.articles.jinja2tags.articles",
                "dateline.breaking.jinja2tags.breaking",
                "dateline.coverage.jinja2tags.coverage",
                "dateline.editions.jinja2tags.editions",
                "dateline.subscriptions.jinja2tags.feeds",
                "wagtail.admin.jinja2tags.userbar",
            ],
        },
    },
]

# ------------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", "", validate=_database_address)
# How long a request waits for a lock another connection holds (a backup, a migration, a long
# transaction) before the reader is told to try again (503): a Django thread is held meanwhile.
DATELINE_DATABASE_LOCK_TIMEOUT_SECONDS = env.float("DATELINE_DATABASE_LOCK_TIMEOUT_SECONDS", 5.0)
if DATABASE_URL and not DATABASE_URL.startswith("sqlite:"):
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={int(DATELINE_DATABASE_LOCK_TIMEOUT_SECONDS * 1000)}"
    )
else:
    # The embedded database, in the data directory or at a `sqlite:///path` DATABASE_URL (which
    # gets the same options: the browser tests' server opens the tests' database that way).
    DATABASES = {
        "default": {
            # Django's, with writers queued at a gate rather than in SQLite's busy handler.
            "ENGINE": "dateline.core.sqlite",
            "NAME": (
                dj_database_url.parse(DATABASE_URL)["NAME"]
                if DATABASE_URL
                else str(DATA_DIR / "dateline.sqlite3")
            ),
            # Kept open between requests: opening one (pragmas, Django's SQL functions, a cold
            # page cache) measured as a third of an uncached story page.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # Writers take the lock up front instead of failing on upgrade.
                "transaction_mode": "IMMEDIATE",
                "timeout": DATELINE_DATABASE_LOCK_TIMEOUT_SECONDS,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    # A backstop: connections checkpoint after leaving the writers' gate
                    # (dateline.core.sqlite); at 1,000 pages, SQLite's ran inside the commit.
                    "PRAGMA wal_autocheckpoint=10000;"
                    "PRAGMA cache_size=-64000;"
                    "PRAGMA mmap_size=268435456;"
                ),
            },
        }
    }

REDIS_URL = env.str("REDIS_URL", "", validate=_address_in("redis", "rediss", "unix"))
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, falling back to the process's memory while Redis does not answer.
            "BACKEND": "dateline.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
            # A Redis that hangs costs a request half a second, not a thread for good.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Django's default keeps 300 entries and then drops a third at random: rate-limit
            # counts, readers' details and comments' markup were thrown out under any real load.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ------------------------------------------------------------------------------------------------
# Security
# ------------------------------------------------------------------------------------------------
SECRET_KEY = env.str("DJANGO_SECRET_KEY", "")
# Given by the operator rather than kept in the data directory: a restore then leaves it be.
DATELINE_SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
SESSION_COOKIE_HTTPONLY = True
# Newsroom staff's browsers carry this cookie while they are signed in (dateline/newsroom/middleware.py):
# the page cache sends them to Django, which shows them Wagtail's user bar. Signed-in readers, whose
# pages are everyone's, are answered from the cache; a forged cookie only costs its bearer the cache.
DATELINE_STAFF_COOKIE_NAME = "dateline_newsroom"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (dateline/core/csp.py). Embeds in stories and live entries come from the
# providers whose oEmbed markup is a frame and nothing else (no script, no style attribute); those
# frames' addresses are the only ones readers' pages may frame.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo, soundcloud]}
]
DATELINE_EMBED_FRAMES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://w.soundcloud.com",
]
# Readers' pages: scripts and styles from the site's own files only, no inline ones and no eval;
# connect-src 'self' carries the live stream (/live/) and the pages' JSON.
DATELINE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": DATELINE_EMBED_FRAMES,
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The newsroom (Wagtail's admin) as strict as Wagtail 8 lets it be: its panels and date pickers
# start from inline scripts, its editor's scripts add <style> elements, and it frames its own
# previews. No eval, and nothing fetched from elsewhere (not Wagtail's release check either).
DATELINE_NEWSROOM_CSP = {
    **DATELINE_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'", *DATELINE_EMBED_FRAMES],
    "frame-ancestors": ["'self'"],
}
# Sent as Content-Security-Policy-Report-Only instead: browsers report what the policy would block.
DATELINE_CSP_REPORT_ONLY = env.bool("DATELINE_CSP_REPORT_ONLY", False)
DATELINE_CSP_REPORT_URI = env.str("DATELINE_CSP_REPORT_URI", "")
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Passwords stored before argon2 still verify, and are rehashed with it at the next log-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Newsroom staff and readers alike; it checks passwords only inside allauth's sign-in.
AUTHENTICATION_BACKENDS = ["dateline.accounts.backends.AccountBackend"]
SESSION_ENGINE = "dateline.accounts.sessions"
# Every rate limit counts per client: X-Forwarded-For is believed only from these proxies
# (addresses or networks, dateline/core/clients.py).
DATELINE_TRUSTED_PROXIES = env.names("DATELINE_TRUSTED_PROXIES", "")

# ------------------------------------------------------------------------------------------------
# Accounts and the one sign-in (django-allauth), for readers and the newsroom
# ------------------------------------------------------------------------------------------------
ACCOUNT_ADAPTER = "dateline.accounts.adapter.AccountAdapter"
# Readers sign in with their e-mail address, newsroom staff with either that or their user name.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_FORMS = {"login": "dateline.accounts.signin.SignInForm"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "dateline.accounts.forms.SignupDetailsForm"
# allauth's messages and mails call the reader by their display name, not their user name.
ACCOUNT_USER_DISPLAY = "dateline.accounts.models.display_name_of"
# Readers may log in before confirming their address; the discussion asks for a confirmed one.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Attempts per address (ip) and per account or e-mail (key); more get a "too many attempts" page.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "3/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dateline"
# Wagtail's login pages (the newsroom's, and page privacy's) send people to allauth's, whose rate
# limits, lockout and two-factor stage are the only way into a session; passwords are changed and
# reset there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Editors and administrators must set up an authenticator app before they may use the newsroom.
DATELINE_NEWSROOM_REQUIRE_2FA = env.bool("DATELINE_NEWSROOM_REQUIRE_2FA", False)

# ------------------------------------------------------------------------------------------------
# Internationalisation: editions are Wagtail locales
# ------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dateline.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("DATELINE_TIME_ZONE", "UTC")

# ------------------------------------------------------------------------------------------------
# Static files and media
# ------------------------------------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "dateline.core.storage.StaticFilesStorage"},
}

# ------------------------------------------------------------------------------------------------
# Wagtail: the newsroom
# ------------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "dateline_images.NewsImage"
# Pixels an image may have, read from its header before anything is decoded: renditions decode a
# JPEG reduced where they can, anything else whole (3–4 bytes a pixel; dateline/images/decoding.py).
DATELINE_IMAGE_MAX_PIXELS = env.int("DATELINE_IMAGE_MAX_PIXELS", 36_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = DATELINE_IMAGE_MAX_PIXELS
# Wagtail's database search, with the newsroom's page search answered from the stories' own index
# (dateline.search.backend) as well.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "dateline.search.backend"}}
# The newsroom asks nothing of other sites: it works offline and tells nobody who is in it. No
# avatars from a third party, no check for Wagtail's new releases, no banner about them.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Documents only through /documents/<id>/<name>, which checks their collection's privacy; the ASGI
# layer never serves /media/documents/ (dateline.asgi.files).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# ------------------------------------------------------------------------------------------------
# Dateline: page cache and the event stream
# ------------------------------------------------------------------------------------------------
# Cache-Control sent with public pages: browsers revalidate quickly, shared caches keep them
# longer because a publish purges them.
DATELINE_PUBLIC_CACHE_CONTROL = env.str(
    "DATELINE_PUBLIC_CACHE_CONTROL", "public, max-age=30, s-maxage=300, stale-while-revalidate=60"
)
# Bytes of pages each server process keeps in memory (bodies, their gzip copies, headers).
DATELINE_PAGE_CACHE_BYTES = env.int("DATELINE_PAGE_CACHE_BYTES", 64 * 1024 * 1024)
# The page store: a directory where the pages the page cache keeps are also written as files, for
# nginx in front to answer without Python (`dateline nginx-config`); empty for none.
DATELINE_PAGE_STORE_DIR = env.str("DATELINE_PAGE_STORE_DIR", "")
# A CDN in front (dateline/cdn/): where its purges go, fastly://SERVICE_ID, cloudflare://ZONE_ID
# or an http(s):// address that is sent {"tags": [...]}; empty for none (public pages then carry no
# Surrogate-Key or Cache-Tag). The token is Fastly's API token, Cloudflare's, or the address's bearer.
DATELINE_CDN_PURGE = env.str(
    "DATELINE_CDN_PURGE", "", validate=_address_in("fastly", "cloudflare", "http", "https")
)
DATELINE_CDN_TOKEN = env.str("DATELINE_CDN_TOKEN", "")
# How often the worker looks for purges to send (they reach the CDN within a second or two of the
# commit), and how long it waits for the CDN to answer one.
DATELINE_CDN_POLL_SECONDS = env.float("DATELINE_CDN_POLL_SECONDS", 1.0)
DATELINE_CDN_TIMEOUT_SECONDS = env.float("DATELINE_CDN_TIMEOUT_SECONDS", 10.0)
# The wire desk (dateline/wire/): an agency's file larger than this is quarantined unread; a
# quarantined file up to the second size is kept whole for the desk to look at, a larger one by its
# hash and size (a watched directory's refused files stay on disk in its ".quarantine" folder).
DATELINE_WIRE_MAX_FILE_BYTES = env.int("DATELINE_WIRE_MAX_FILE_BYTES", 20 * 1024 * 1024)
DATELINE_WIRE_QUARANTINE_KEEP_BYTES = env.int("DATELINE_WIRE_QUARANTINE_KEEP_BYTES", 1024 * 1024)
# How often the background work looks in the watched directories (an item dropped there reaches an
# open queue within about this), and how long items are kept (those used in a story stay).
DATELINE_WIRE_POLL_SECONDS = env.float("DATELINE_WIRE_POLL_SECONDS", 0.5)
DATELINE_WIRE_RETENTION_DAYS = env.int("DATELINE_WIRE_RETENTION_DAYS", 30)
# Requests Dateline makes outwards (dateline/core/outward.py): the ports they may go to besides 80
# and 443, and, for a test's local server or an intranet install only, leave to reach private and
# loopback addresses.
DATELINE_OUTWARD_PORTS = env.list("DATELINE_OUTWARD_PORTS", "", subcast=int, validate=_ports)
DATELINE_OUTWARD_ALLOW_PRIVATE = env.bool("DATELINE_OUTWARD_ALLOW_PRIVATE", False)
# How often the worker looks in the outbox for stories to index: a story is found, or gone, within
# about this long of its publication or withdrawal.
DATELINE_SEARCH_POLL_SECONDS = env.float("DATELINE_SEARCH_POLL_SECONDS", 0.5)
# Threads per server process that run Django for what the page cache cannot answer.
DATELINE_DJANGO_THREADS = env.int("DATELINE_DJANGO_THREADS", 4)
# Whether each server process keeps its event loop and Django threads on one core of its own
# (dateline/asgi/cores.py): a request no longer starts on a core with cold caches.
DATELINE_PIN_CORES = env.bool("DATELINE_PIN_CORES", True)
# How often each server process looks at the outbox when nothing woke it (several processes on
# SQLite have no other way to hear of each other's events). A quarter second keeps an event made
# by the worker under 1 s from commit to every reader (bench/README.md, "Live stream") for four
# indexed reads a second per process.
DATELINE_HUB_POLL_SECONDS = env.float("DATELINE_HUB_POLL_SECONDS", 0.25)
# After a wake-up, how long the hub waits for more commits before reading the outbox: each reader is
# then written to once for all of them (0: read at once). A busy chat room's readers cost a send per
# read, not per message (bench/README.md, "Chats").
DATELINE_HUB_BATCH_SECONDS = env.float("DATELINE_HUB_BATCH_SECONDS", 0.0)
# How often each process serving /live/ reports its readers per stream (a chat room's "reading").
DATELINE_LIVE_AUDIENCE_SECONDS = env.float("DATELINE_LIVE_AUDIENCE_SECONDS", 5.0)
DATELINE_EVENT_RETENTION_HOURS = env.int("DATELINE_EVENT_RETENTION_HOURS", 48)
# Recent events each server process keeps in memory, so reconnecting readers cost no query.
DATELINE_LIVE_BUFFER_EVENTS = env.int("DATELINE_LIVE_BUFFER_EVENTS", 20_000)
DATELINE_LIVE_BUFFER_BYTES = env.int("DATELINE_LIVE_BUFFER_BYTES", 8 * 1024 * 1024)
# Live connections per client address; more get 429.
DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS = env.int("DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS", 32)
# Events a reader may fall behind before it is cut off with a reset.
DATELINE_LIVE_QUEUE_EVENTS = env.int("DATELINE_LIVE_QUEUE_EVENTS", 256)
DATELINE_LIVE_HEARTBEAT_SECONDS = env.float("DATELINE_LIVE_HEARTBEAT_SECONDS", 15.0)
# Background work (tasks, the schedule) in threads of the server process: set by `dateline serve`
# unless it was told to run it elsewhere (--worker-process, --no-worker).
DATELINE_BACKGROUND_IN_SERVER = env.bool("DATELINE_BACKGROUND_IN_SERVER", False)
# How often the worker looks for stories whose scheduled publish or unpublish time has come.
DATELINE_SCHEDULE_SECONDS = env.float("DATELINE_SCHEDULE_SECONDS", 15.0)
# A task still running whose worker has not been heard from for this long is run again.
DATELINE_TASK_LEASE_SECONDS = env.int("DATELINE_TASK_LEASE_SECONDS", 300)
# How long a breaking-news alert stays up unless the editor says otherwise or clears it sooner.
DATELINE_BREAKING_HOURS = env.int("DATELINE_BREAKING_HOURS", 2)

# ------------------------------------------------------------------------------------------------
# Request bodies: received by the ASGI layer within these limits before Django sees them
# (dateline/asgi/bodies.py)
# ------------------------------------------------------------------------------------------------
DATELINE_MAX_BODY_BYTES = env.int("DATELINE_MAX_BODY_BYTES", 10 * 1024 * 1024)
# Uploads to the newsroom by signed-in newsroom staff (images, documents).
DATELINE_NEWSROOM_UPLOAD_BYTES = env.int("DATELINE_NEWSROOM_UPLOAD_BYTES", 50 * 1024 * 1024)
# All the bodies one server process is receiving at once, in memory or spooled to disk.
DATELINE_BODIES_IN_FLIGHT_BYTES = env.int("DATELINE_BODIES_IN_FLIGHT_BYTES", 128 * 1024 * 1024)
# A body that pauses this long, or is not all in after the second figure, is refused (408).
DATELINE_BODY_IDLE_SECONDS = env.float("DATELINE_BODY_IDLE_SECONDS", 30.0)
DATELINE_BODY_SECONDS = env.float("DATELINE_BODY_SECONDS", 600.0)
# Django's own limits, within those: form fields (not files) read into memory, and how much of an
# upload stays in memory before it goes to a temporary file (the bridge keeps a body the same way).
DATA_UPLOAD_MAX_MEMORY_SIZE = min(2_621_440, DATELINE_MAX_BODY_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Wagtail's image form refuses larger files itself.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = DATELINE_NEWSROOM_UPLOAD_BYTES

# ------------------------------------------------------------------------------------------------
# E-mail
# ------------------------------------------------------------------------------------------------
# The SMTP server; without one, mail is written to files in the data directory. The server's
# details are read either way, so that a mistake in one shows as the site starts.
EMAIL_HOST = env.str("EMAIL_HOST", "")
EMAIL_PORT = env.int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", True)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    # A mail server that hangs must not hold a newsletter sender past its claim's lease.
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Dateline <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# ------------------------------------------------------------------------------------------------
# Logging
# ------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env.str(
            "DATELINE_LOG_LEVEL", "INFO", validate=validate.OneOf(logging.getLevelNamesMapping())
        ),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit log in the newsroom keeps them.
        "wagtail": {"level": "WARNING"},
        # A line per task started and finished; failures are still logged.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# ------------------------------------------------------------------------------------------------
# Discussion
# ------------------------------------------------------------------------------------------------
DATELINE_COMMENTS_PER_PAGE = env.int("DATELINE_COMMENTS_PER_PAGE", 20)
DATELINE_COMMENT_EDIT_WINDOW = timedelta(minutes=env.int("DATELINE_COMMENT_EDIT_MINUTES", 10))
# Per reader, in the cache every server process shares ("count/window", window s, m, h or d).
DATELINE_COMMENT_RATE = env.str("DATELINE_COMMENT_RATE", "6/m", validate=_rate)
DATELINE_REACTION_RATE = env.str("DATELINE_REACTION_RATE", "60/m", validate=_rate)
DATELINE_REPORT_RATE = env.str("DATELINE_REPORT_RATE", "10/h", validate=_rate)
DATELINE_PROFILE_RATE = env.str("DATELINE_PROFILE_RATE", "20/h", validate=_rate)
# Pixels a reader's picture may decode to (a JPEG's as its decoder reduces it for a 256 px avatar).
DATELINE_AVATAR_MAX_PIXELS = env.int("DATELINE_AVATAR_MAX_PIXELS", 16_000_000)
# Moderation rules (dateline/discussion/rules.py): a reader's first comments wait for a moderator;
# until they have this many published, more links than allowed hold a comment too.
DATELINE_HELD_FIRST_COMMENTS = env.int("DATELINE_HELD_FIRST_COMMENTS", 1)
DATELINE_TRUSTED_AFTER_COMMENTS = env.int("DATELINE_TRUSTED_AFTER_COMMENTS", 5)
DATELINE_NEW_READER_LINKS = env.int("DATELINE_NEW_READER_LINKS", 1)
# More links than this hold any reader's comment, however trusted.
DATELINE_COMMENT_LINKS_LIMIT = env.int("DATELINE_COMMENT_LINKS_LIMIT", 10)
# A reader with at least this many comments in the window, this share of them rejected, goes to
# pre-moderation until a moderator trusts them again.
DATELINE_REJECTION_WINDOW = timedelta(days=env.int("DATELINE_REJECTION_WINDOW_DAYS", 30))
DATELINE_REJECTION_MINIMUM = env.int("DATELINE_REJECTION_MINIMUM", 5)
DATELINE_REJECTION_THRESHOLD = env.float("DATELINE_REJECTION_THRESHOLD", 0.4)

# ------------------------------------------------------------------------------------------------
# Chats (dateline/chats)
# ------------------------------------------------------------------------------------------------
# Messages one reader may send in all rooms; who sends more is timed out automatically.
DATELINE_CHAT_RATE = env.str("DATELINE_CHAT_RATE", "10/10s", validate=_rate)
DATELINE_CHAT_AUTO_TIMEOUT_SECONDS = env.int("DATELINE_CHAT_AUTO_TIMEOUT_SECONDS", 60)
# Messages a room's page shows at first, and each "older messages" step.
DATELINE_CHAT_MESSAGES_SHOWN = env.int("DATELINE_CHAT_MESSAGES_SHOWN", 50)

# ------------------------------------------------------------------------------------------------
# Subscriptions: newsletters, feeds, web push
# ------------------------------------------------------------------------------------------------
# A WebSub hub (https://www.w3.org/TR/websub/) that feeds name and that is pinged when they change.
DATELINE_WEBSUB_HUB = env.str("DATELINE_WEBSUB_HUB", "", validate=_web_address)
DATELINE_FEED_ITEMS = env.int("DATELINE_FEED_ITEMS", 30)
# How long a confirmation link in a subscription e-mail stays valid.
DATELINE_SUBSCRIPTION_CONFIRM_DAYS = env.int("DATELINE_SUBSCRIPTION_CONFIRM_DAYS", 7)
# Subscribe requests per address (ip) and per e-mail address.
DATELINE_SUBSCRIBE_RATE = env.str("DATELINE_SUBSCRIBE_RATE", "10/h", validate=_rate)
# Newsletter sending: messages a second per sender (0: as fast as the mail server takes them), and
# how long a sender's claim on a batch lasts before another run takes over what it left.
DATELINE_SEND_RATE = env.float("DATELINE_SEND_RATE", 0.0)
DATELINE_SEND_LEASE_SECONDS = env.int("DATELINE_SEND_LEASE_SECONDS", 300)
# A message the mail server did not take is tried again after 1, 2, 4 … times this many seconds (at
# most an hour apart), this many attempts in all; a browser alert whose run failed waits the same.
DATELINE_SEND_RETRY_SECONDS = env.int("DATELINE_SEND_RETRY_SECONDS", 60)
DATELINE_SEND_ATTEMPTS = env.int("DATELINE_SEND_ATTEMPTS", 6)
# Web push: the site's VAPID key pair (made on first use), the push services the server may post
# to (exact host names, "*.host" for one label of a service with per-browser hosts, an origin such
# as "http://127.0.0.1:8123" for a local one), the contact in every push, how long alerts wait.
DATELINE_VAPID_KEY_FILE = env.path("DATELINE_VAPID_KEY_FILE", DATA_DIR / "vapid_private.pem")
DATELINE_PUSH_SERVICES = env.names(
    "DATELINE_PUSH_SERVICES",
    "fcm.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com",
)
DATELINE_PUSH_CONTACT = env.str("DATELINE_PUSH_CONTACT", "newsroom@localhost")
DATELINE_PUSH_TTL_SECONDS = env.int("DATELINE_PUSH_TTL_SECONDS", 6 * 3600)
DATELINE_PUSH_RATE = env.str("DATELINE_PUSH_RATE", "20/h", validate=_rate)
# A browser whose alerts fail this many times in a row is forgotten, like one whose service says gone.
DATELINE_PUSH_FAILURE_LIMIT = env.int("DATELINE_PUSH_FAILURE_LIMIT", 5)
# The content API (dateline/api): requests a minute an anonymous client address may make.
DATELINE_API_ANONYMOUS_RATE = env.str("DATELINE_API_ANONYMOUS_RATE", "60/m", validate=_rate)
# Items an agency may push to one push source from one address (the wire desk's POST /wire/push/…/).
DATELINE_WIRE_PUSH_RATE = env.str("DATELINE_WIRE_PUSH_RATE", "120/m", validate=_rate)
# Digests: made as drafts this long before their time (for editors to adjust), with this many stories.
DATELINE_DIGEST_PREPARE_MINUTES = env.int("DATELINE_DIGEST_PREPARE_MINUTES", 60)
DATELINE_DIGEST_STORIES = env.int("DATELINE_DIGEST_STORIES", 10)
