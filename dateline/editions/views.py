"""Views around the page tree: styled errors in the edition's language, robots.txt, the web app
manifest and the favicon."""

import json
import sys
from http import HTTPStatus

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dateline.core import failures
from dateline.core.links import absolute
from dateline.core.public import public_content
from dateline.editions import navigation


def _language_from_path(path: str) -> str:
    prefix = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return prefix if prefix in codes else settings.LANGUAGE_CODE


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 in the language of the edition the address points into."""
    with translation.override(_language_from_path(request.path)):
        return HttpResponseNotFound(render_to_string("404.html", {"request_path": request.path}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    """A failure Django caught: "try again" if the database or disk is unavailable, else a 500.

    Rendered without the database, since the error may be the database.
    """
    with translation.override(_language_from_path(request.path)):
        if failures.is_temporary(sys.exc_info()[1]):
            return unavailable(request)
        return HttpResponseServerError(render_to_string("500.html"))


def unavailable(request: HttpRequest) -> HttpResponse:
    """503: nothing was saved, try again in a moment (JSON for the pages' scripts)."""
    if request.method in ("GET", "HEAD"):
        message = _("We could not show this page just now. Please try again in a moment.")
    else:
        message = _("We could not save that just now: nothing was lost. Please try again in a moment.")
    if failures.wants_json(request):
        response: HttpResponse = JsonResponse({"error": message}, status=HTTPStatus.SERVICE_UNAVAILABLE)
    else:
        response = HttpResponse(
            render_to_string("503.html", {"message": message}), status=HTTPStatus.SERVICE_UNAVAILABLE
        )
    response["Retry-After"] = str(failures.RETRY_AFTER_SECONDS)
    return response


@public_content
@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Keep crawlers out of the newsroom and show them the sitemap index."""
    lines = [
        "User-agent: *",
        "Disallow: /newsroom/",
        "",
        f"Sitemap: {absolute(reverse('sitemap_index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@public_content
@require_GET
def web_manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest of the request's edition: its name, language, direction and icons."""
    edition = navigation.current_edition(request)
    start_url = edition.url if edition is not None else "/"
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "description": _("World news, as it happens"),
        "lang": edition.language_code if edition is not None else settings.LANGUAGE_CODE,
        "dir": edition.direction if edition is not None else "ltr",
        "start_url": start_url,
        "scope": start_url,
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#b3141b",
        "icons": [
            {"src": static("dateline/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("dateline/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("dateline/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("dateline/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False, indent=2), content_type="application/manifest+json"
    )


@public_content
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, where browsers and feed readers look without being told."""
    return HttpResponsePermanentRedirect(static("dateline/favicon.ico"))
