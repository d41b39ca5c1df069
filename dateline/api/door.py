"""The API's door: who is asking, how much they may ask, and the headers every answer carries.

Every view under /api/v1/ is wrapped by `door`:

- a key comes as `Authorization: Bearer <key>` (the header CDNs and the page cache already pass
  through uncached); none means an anonymous reader, metadata only, limited per client address
  (`DATELINE_API_ANONYMOUS_RATE`); a key that is unknown or revoked is a 401, never silently
  anonymous;
- each request is counted against the key's or the address's rate (`dateline.core.ratelimit`);
  answers carry `RateLimit-Limit`, `-Remaining` and `-Reset` (IETF's rate-limit headers draft) and,
  past the limit, a 429 with `Retry-After`;
- CORS for public reads: any origin, no credentials, a preflight `OPTIONS` answered here;
- an `ETag` on every successful read and 304 for a matching `If-None-Match`;
- anonymous answers are public (`DATELINE_PUBLIC_CACHE_CONTROL`, and the CDN's cache tags when one
  is configured, the tags the pages showing the same stories carry); keyed answers are private.

API answers never enter the ASGI page cache: it would answer without counting the request against
its rate, and its key does not include the API's filters.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import gettext as _

from dateline.api import keys, problems
from dateline.api.models import ApiKey
from dateline.core import cache_tags, clients, middleware, ratelimit, surrogate_keys

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Authorization, If-None-Match"
EXPOSED_HEADERS = "ETag, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After"
PREFLIGHT_MAX_AGE = "86400"
PRIVATE_CACHE_CONTROL = "private, no-cache"


@dataclass(frozen=True)
class Access:
    """What the request may read."""

    key: ApiKey | None

    @property
    def full_text(self) -> bool:
        return self.key is not None and self.key.full_text


def access_of(request: HttpRequest) -> Access:
    """The access the door granted this request (anonymous outside the door, e.g. in a test)."""
    return getattr(request, "api_access", None) or Access(key=None)


def door(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap an API view with access, rate limits, CORS, ETags and cache headers."""

    @functools.wraps(view)
    def through_the_door(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        middleware.mark_outside_editions(request)
        if request.method == "OPTIONS":
            return _preflight()
        quota: ratelimit.Quota | None = None
        try:
            access = Access(key=_key_of(request))
            quota = _count(request, access)
            if not quota.allowed:
                raise _too_many(quota)
            request.api_access = access  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
        except Http404:
            response = problems.not_found(_("Nothing is here.")).response()
            access = Access(key=None)
        except problems.Problem as problem:
            response = problem.response()
            access = Access(key=None)
            if problem.status == HTTPStatus.UNAUTHORIZED:
                response["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
            if problem.status == HTTPStatus.TOO_MANY_REQUESTS and quota is not None:
                response["Retry-After"] = str(quota.reset_seconds)
        return _finish(request, response, access, quota)

    return through_the_door


def _key_of(request: HttpRequest) -> ApiKey | None:
    header = request.META.get("HTTP_AUTHORIZATION")
    if header is None:
        return None
    scheme, _space, credentials = header.partition(" ")
    key = keys.find_key(credentials.strip()) if scheme.lower() == "bearer" else None
    if key is None:
        raise problems.Problem(
            HTTPStatus.UNAUTHORIZED,
            "unauthorized",
            _("Unknown API key"),
            _(
                "Send a valid key as “Authorization: Bearer <key>”, or no Authorization header to read anonymously."
            ),
        )
    return key


def _count(request: HttpRequest, access: Access) -> ratelimit.Quota:
    if access.key is not None:
        return ratelimit.count("api-key", str(access.key.pk), access.key.rate)
    return ratelimit.count(
        "api-address", clients.address_of_request(request), settings.DATELINE_API_ANONYMOUS_RATE
    )


def _too_many(quota: ratelimit.Quota) -> problems.Problem:
    return problems.Problem(
        HTTPStatus.TOO_MANY_REQUESTS,
        "rate-limited",
        _("Too many requests"),
        _("This key or address has used its %(limit)s requests for now; try again in %(seconds)s seconds.")
        % {"limit": quota.limit, "seconds": quota.reset_seconds},
    )


def _preflight() -> HttpResponse:
    response = HttpResponse(status=HTTPStatus.NO_CONTENT)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def _finish(
    request: HttpRequest, response: HttpResponseBase, access: Access, quota: ratelimit.Quota | None
) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    patch_vary_headers(response, ["Authorization"])
    if quota is not None:
        _, window = ratelimit.parse(access.key.rate if access.key else settings.DATELINE_API_ANONYMOUS_RATE)
        response["RateLimit-Limit"] = str(quota.limit)
        response["RateLimit-Remaining"] = str(quota.remaining)
        response["RateLimit-Reset"] = str(quota.reset_seconds)
        response["RateLimit-Policy"] = f"{quota.limit};w={window}"
    if response.status_code != HTTPStatus.OK or not isinstance(response, HttpResponse):
        response["Cache-Control"] = "no-store"
        return response
    if access.key is None:
        response["Cache-Control"] = settings.DATELINE_PUBLIC_CACHE_CONTROL
        if settings.DATELINE_CDN_PURGE:
            for name, value in surrogate_keys.headers(cache_tags.of(request) or set()).items():
                response[name] = value
    else:
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    etag = '"' + hashlib.blake2b(response.content, digest_size=12).hexdigest() + '"'
    response["ETag"] = etag
    if _matches(request, etag):
        response.status_code = HTTPStatus.NOT_MODIFIED
        response.content = b""
        del response["Content-Type"]
    elif request.method == "HEAD":
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)
    return response


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    candidates = parse_etags(header[:2000])
    return "*" in candidates or etag in candidates or f"W/{etag}" in candidates
