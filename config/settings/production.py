"""Settings for a public deployment. Every secret and host comes from the environment."""

from environs import validate

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", validate=validate.Length(min=1))

# Behind a reverse proxy on the same machine, which names the client in X-Forwarded-For.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATELINE_TRUSTED_PROXIES = env.names("DATELINE_TRUSTED_PROXIES", "127.0.0.1,::1")
# Editors and administrators of a public newsroom sign in with a second factor.
DATELINE_NEWSROOM_REQUIRE_2FA = env.bool("DATELINE_NEWSROOM_REQUIRE_2FA", True)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Nothing of the site belongs in another page's frame; the newsroom's preview views send
# SAMEORIGIN for themselves, so the live preview still works.
X_FRAME_OPTIONS = "DENY"
