"""The Newsfeed's headlines as JSON, for a page that has to start its feed afresh."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from dateline.articles import newsfeed
from dateline.core.public import public_content


@public_content
@require_GET
def newsfeed_json(request: HttpRequest) -> JsonResponse:
    """The current edition's latest headlines and the event they are current to."""
    since = newsfeed.last_event_id(request)
    return JsonResponse({"stories": newsfeed.latest(request), "last_event_id": since})
