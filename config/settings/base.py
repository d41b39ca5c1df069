"""Settings shared by every environment.

Everything that varies between machines is read from the environment here, in one place:
DATABASE_URL, REDIS_URL, DATELINE_DATA_DIR, DJANGO_SECRET_KEY, DATELINE_BASE_URL, EMAIL_URL-style
SMTP variables. Nothing else in the code base reads os.environ for settings.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("DATELINE_DATA_DIR", BASE_DIR / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# ------------------------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
BASE_URL = os.environ.get("DATELINE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_NAME = os.environ.get("DATELINE_SITE_NAME", "Dateline")

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
    "dateline.images",
    "dateline.editions",
    "dateline.articles",
    "dateline.coverage",
    "dateline.breaking",
    "dateline.newsroom",
    "dateline.accounts",
    "dateline.discussion",
    "dateline.subscriptions",
    "dateline.demo",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dateline.core.middleware.PublicCacheHeadersMiddleware",
    "dateline.core.middleware.ContentVersionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dateline.editions.context_processors.edition",
            ],
        },
    },
]

# ------------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL and not DATABASE_URL.startswith("sqlite:"):
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
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
                # Writers take the lock up front instead of failing on upgrade (DESIGN.md: Data).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
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

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
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
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
SESSION_COOKIE_HTTPONLY = True
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
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Passwords stored before argon2 still verify, and are rehashed with it at the next log-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "dateline.accounts.backends.NewsroomBackend",  # the newsroom logs in by user name
    "dateline.accounts.backends.ReaderBackend",  # readers log in by e-mail
]
SESSION_ENGINE = "dateline.accounts.sessions"

# ------------------------------------------------------------------------------------------------
# Reader accounts (django-allauth)
# ------------------------------------------------------------------------------------------------
ACCOUNT_ADAPTER = "dateline.accounts.adapter.ReaderAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
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
TIME_ZONE = os.environ.get("DATELINE_TIME_ZONE", "UTC")

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
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No avatars fetched from a third party: the newsroom works offline and tells nobody who is in it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# ------------------------------------------------------------------------------------------------
# Dateline: page cache and the event stream
# ------------------------------------------------------------------------------------------------
# Cache-Control sent with public pages: browsers revalidate quickly, shared caches keep them
# longer because a publish purges them.
DATELINE_PUBLIC_CACHE_CONTROL = os.environ.get(
    "DATELINE_PUBLIC_CACHE_CONTROL", "public, max-age=30, s-maxage=300, stale-while-revalidate=60"
)
DATELINE_PAGE_CACHE_ENTRIES = int(os.environ.get("DATELINE_PAGE_CACHE_ENTRIES", "5000"))
# Threads per server process that run Django for what the page cache cannot answer.
DATELINE_DJANGO_THREADS = int(os.environ.get("DATELINE_DJANGO_THREADS", "4"))
# How often each server process looks at the outbox when nothing woke it (several processes on
# SQLite have no other way to hear of each other's events). A quarter second keeps an event made
# by the worker under 1 s from commit to every reader (bench/README.md, "Live stream") for four
# indexed reads a second per process.
DATELINE_HUB_POLL_SECONDS = float(os.environ.get("DATELINE_HUB_POLL_SECONDS", "0.25"))
DATELINE_EVENT_RETENTION_HOURS = int(os.environ.get("DATELINE_EVENT_RETENTION_HOURS", "48"))
# Recent events each server process keeps in memory, so reconnecting readers cost no query.
DATELINE_LIVE_BUFFER_EVENTS = int(os.environ.get("DATELINE_LIVE_BUFFER_EVENTS", "20000"))
# Live connections per client address; more get 429.
DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS = int(
    os.environ.get("DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS", "32")
)
# Events a reader may fall behind before it is cut off with a reset.
DATELINE_LIVE_QUEUE_EVENTS = int(os.environ.get("DATELINE_LIVE_QUEUE_EVENTS", "256"))
DATELINE_LIVE_HEARTBEAT_SECONDS = float(os.environ.get("DATELINE_LIVE_HEARTBEAT_SECONDS", "15"))
# Client addresses are read from X-Forwarded-For only behind these proxies.
DATELINE_TRUSTED_PROXIES = [p for p in os.environ.get("DATELINE_TRUSTED_PROXIES", "").split(",") if p]
# How often the worker looks for stories whose scheduled publish or unpublish time has come.
DATELINE_SCHEDULE_SECONDS = float(os.environ.get("DATELINE_SCHEDULE_SECONDS", "15"))
# How long a breaking-news alert stays up unless the editor says otherwise or clears it sooner.
DATELINE_BREAKING_HOURS = int(os.environ.get("DATELINE_BREAKING_HOURS", "2"))

# ------------------------------------------------------------------------------------------------
# E-mail
# ------------------------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dateline <newsroom@localhost>")
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
    "root": {"handlers": ["console"], "level": os.environ.get("DATELINE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit log in the newsroom keeps them.
        "wagtail": {"level": "WARNING"},
    },
}

# ------------------------------------------------------------------------------------------------
# Discussion
# ------------------------------------------------------------------------------------------------
DATELINE_COMMENTS_PER_PAGE = int(os.environ.get("DATELINE_COMMENTS_PER_PAGE", "20"))
DATELINE_COMMENT_EDIT_WINDOW = timedelta(minutes=int(os.environ.get("DATELINE_COMMENT_EDIT_MINUTES", "10")))
# Per reader, in the cache every server process shares ("count/window", window s, m, h or d).
DATELINE_COMMENT_RATE = os.environ.get("DATELINE_COMMENT_RATE", "6/m")
DATELINE_REACTION_RATE = os.environ.get("DATELINE_REACTION_RATE", "60/m")
DATELINE_REPORT_RATE = os.environ.get("DATELINE_REPORT_RATE", "10/h")
DATELINE_PROFILE_RATE = os.environ.get("DATELINE_PROFILE_RATE", "20/h")
# Moderation rules (dateline/discussion/rules.py): a reader's first comments wait for a moderator;
# until they have this many published, more links than allowed hold a comment too.
DATELINE_HELD_FIRST_COMMENTS = int(os.environ.get("DATELINE_HELD_FIRST_COMMENTS", "1"))
DATELINE_TRUSTED_AFTER_COMMENTS = int(os.environ.get("DATELINE_TRUSTED_AFTER_COMMENTS", "5"))
DATELINE_NEW_READER_LINKS = int(os.environ.get("DATELINE_NEW_READER_LINKS", "1"))
# A reader with at least this many comments in the window, this share of them rejected, goes to
# pre-moderation until a moderator trusts them again.
DATELINE_REJECTION_WINDOW = timedelta(days=int(os.environ.get("DATELINE_REJECTION_WINDOW_DAYS", "30")))
DATELINE_REJECTION_MINIMUM = int(os.environ.get("DATELINE_REJECTION_MINIMUM", "5"))
DATELINE_REJECTION_THRESHOLD = float(os.environ.get("DATELINE_REJECTION_THRESHOLD", "0.4"))

# ------------------------------------------------------------------------------------------------
# Subscriptions: newsletters, feeds, web push
# ------------------------------------------------------------------------------------------------
# A WebSub hub (https://www.w3.org/TR/websub/) that feeds name and that is pinged when they change.
DATELINE_WEBSUB_HUB = os.environ.get("DATELINE_WEBSUB_HUB", "")
DATELINE_FEED_ITEMS = int(os.environ.get("DATELINE_FEED_ITEMS", "30"))
# How long a confirmation link in a subscription e-mail stays valid.
DATELINE_SUBSCRIPTION_CONFIRM_DAYS = int(os.environ.get("DATELINE_SUBSCRIPTION_CONFIRM_DAYS", "7"))
# Subscribe requests per address (ip) and per e-mail address.
DATELINE_SUBSCRIBE_RATE = os.environ.get("DATELINE_SUBSCRIBE_RATE", "10/h")
# Newsletter sending: messages a second per sender (0: as fast as the mail server takes them), and
# how long a sender's claim on a batch lasts before another run takes over what it left.
DATELINE_SEND_RATE = float(os.environ.get("DATELINE_SEND_RATE", "0"))
DATELINE_SEND_LEASE_SECONDS = int(os.environ.get("DATELINE_SEND_LEASE_SECONDS", "300"))
# Web push: the site's VAPID key pair (made on first use), the push services the server may post
# to (host names; "http://host" for a local one), the contact in every push, how long alerts wait.
DATELINE_VAPID_KEY_FILE = Path(os.environ.get("DATELINE_VAPID_KEY_FILE", str(DATA_DIR / "vapid_private.pem")))
DATELINE_PUSH_SERVICES = [
    s.strip()
    for s in os.environ.get(
        "DATELINE_PUSH_SERVICES",
        "fcm.googleapis.com,updates.push.services.mozilla.com,notify.windows.com,web.push.apple.com",
    ).split(",")
    if s.strip()
]
DATELINE_PUSH_CONTACT = os.environ.get("DATELINE_PUSH_CONTACT", "newsroom@localhost")
DATELINE_PUSH_TTL_SECONDS = int(os.environ.get("DATELINE_PUSH_TTL_SECONDS", str(6 * 3600)))
DATELINE_PUSH_RATE = os.environ.get("DATELINE_PUSH_RATE", "20/h")
# Digests: made as drafts this long before their time (for editors to adjust), with this many stories.
DATELINE_DIGEST_PREPARE_MINUTES = int(os.environ.get("DATELINE_DIGEST_PREPARE_MINUTES", "60"))
DATELINE_DIGEST_STORIES = int(os.environ.get("DATELINE_DIGEST_STORIES", "10"))
