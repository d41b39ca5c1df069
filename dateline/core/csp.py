"""Content-Security-Policy on every response Django makes: what a page may load, run and frame, and
what may frame it.

Our own middleware rather than django-csp, the well-kept library: the site needs two fixed policies
chosen by path — a strict one for readers' pages, which carry no inline script or style at all, and
the looser one Wagtail's editor needs under the newsroom's prefix — and no nonces (Wagtail's inline
scripts take none). django-csp varies its policy per view, through decorators that Wagtail's views do
not carry; here it is a dictionary per area in settings (`DATELINE_CSP`, `DATELINE_NEWSROOM_CSP`)
and one header. `DATELINE_CSP_REPORT_ONLY` sends the same policies to be reported, not enforced.

The page cache keeps a page's headers with it, so a page served from memory carries its policy too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

ENFORCED = "Content-Security-Policy"
REPORTED = "Content-Security-Policy-Report-Only"


class ContentSecurityPolicyMiddleware:
    """Gives a response the policy of its request's area, the newsroom's or the readers'.

    It replaces any policy already there: Wagtail renders a page's preview through the middleware
    as a reader's request, and the newsroom's policy must win, for the newsroom frames it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        kept, dropped = (REPORTED, ENFORCED) if settings.DATELINE_CSP_REPORT_ONLY else (ENFORCED, REPORTED)
        response[kept] = policy_for(request.path)
        if response.has_header(dropped):
            del response[dropped]
        return response


def policy_for(path: str) -> str:
    """The header's value for a path: the newsroom's policy under its prefix, the readers' elsewhere."""
    if path.startswith(newsroom_prefix()):
        return serialize(settings.DATELINE_NEWSROOM_CSP)
    return serialize(settings.DATELINE_CSP)


@cache
def newsroom_prefix() -> str:
    return reverse("wagtailadmin_home")


def serialize(policy: Mapping[str, Sequence[str]]) -> str:
    """`{"img-src": ["'self'", "data:"], …}` as `img-src 'self' data:; …`, with the report address."""
    directives = [" ".join([name, *sources]) for name, sources in policy.items()]
    if settings.DATELINE_CSP_REPORT_URI:
        directives.append(f"report-uri {settings.DATELINE_CSP_REPORT_URI}")
    return "; ".join(directives)
