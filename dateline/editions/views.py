"""Views around the page tree: styled errors in the edition's language, robots.txt."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET


def _language_from_path(path: str) -> str:
    prefix = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return prefix if prefix in codes else settings.LANGUAGE_CODE


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 in the language of the edition the address points into."""
    with translation.override(_language_from_path(request.path)):
        return HttpResponseNotFound(render_to_string("404.html", {"request_path": request.path}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the database: the error may be the database.
    with translation.override(_language_from_path(request.path)):
        return HttpResponseServerError(render_to_string("500.html"))


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /newsroom/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def newsfeed_json(request: HttpRequest) -> JsonResponse:
    """The current edition's latest headlines, for a page that has to start its feed afresh."""
    from dateline.editions import newsfeed

    since = newsfeed.last_event_id(request)
    return JsonResponse({"stories": newsfeed.latest(request), "last_event_id": since})
