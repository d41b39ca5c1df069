"""An agency's push: `POST /wire/push/<source>/` with one item, in any format the desk reads.

The agency proves itself with the source's secret as `Authorization: Bearer <secret>` (set in the
newsroom, shown once, kept only hashed). Answers, as JSON with `error` or the items' ids:
202 the item is stored (`id`, `ids` when the body held several), 200 it was stored before (a push
repeated after a lost answer doubles nothing), 401 no or a wrong secret, 404 no active push source
of that name, 413 a body past the source's limit (the ASGI layer refuses one past
DATELINE_MAX_BODY_BYTES before Django sees it), 422 the body cannot be read (quarantined, with the
reason), 429 past DATELINE_WIRE_PUSH_RATE for this source and address, with Retry-After.
The address is outside the page cache (a POST, never kept) and CSRF checks (no cookie is involved).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dateline.core import ratelimit
from dateline.core.clients import address_of_request
from dateline.core.middleware import mark_outside_editions
from dateline.wire import actions
from dateline.wire.formats import QuarantineError
from dateline.wire.models import WireSource

BEARER = "bearer "


@csrf_exempt
@require_POST
def receive(request: HttpRequest, slug: str) -> JsonResponse:
    """Take one pushed item for the source named `slug`."""
    mark_outside_editions(request)
    source = WireSource.objects.filter(slug=slug, kind=WireSource.Kind.PUSH, active=True).first()
    if source is None:
        return _refusal(HTTPStatus.NOT_FOUND, _("There is no active push source by that name."))
    quota = ratelimit.count(
        "wire-push", f"{source.pk}:{address_of_request(request)}", settings.DATELINE_WIRE_PUSH_RATE
    )
    if not quota.allowed:
        answer = _refusal(
            HTTPStatus.TOO_MANY_REQUESTS,
            _("Too many pushes: try again in %(seconds)s seconds.") % {"seconds": quota.reset_seconds},
        )
        answer["Retry-After"] = str(quota.reset_seconds)
        return answer
    if not source.check_push_secret(_bearer(request)):
        answer = _refusal(
            HTTPStatus.UNAUTHORIZED, _("The push needs the source's secret as “Authorization: Bearer …”.")
        )
        answer["WWW-Authenticate"] = 'Bearer realm="wire"'
        return answer
    limit = source.parse_options(settings.DATELINE_WIRE_MAX_FILE_BYTES).max_bytes
    declared = request.META.get("CONTENT_LENGTH", "")
    data = b"" if declared.isdigit() and int(declared) > limit else request.read(limit + 1)
    if len(data) > limit or (declared.isdigit() and int(declared) > limit):
        return _refusal(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            _("The item is larger than the limit of %(limit)s bytes.") % {"limit": limit},
        )
    try:
        taken = actions.do_take_pushed(source, data, request.content_type or "", _name(request))
    except QuarantineError as error:
        return _refusal(HTTPStatus.UNPROCESSABLE_ENTITY, error.reason)
    ids = [item.pk for item in taken.items]
    body: dict[str, Any] = {"id": ids[0], "ids": ids}
    return JsonResponse(body, status=HTTPStatus.ACCEPTED if taken.new else HTTPStatus.OK)


def _bearer(request: HttpRequest) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    return header[len(BEARER) :].strip() if header[: len(BEARER)].lower() == BEARER else ""


def _name(request: HttpRequest) -> str:
    # What the quarantine and the item's record show as where it came from.
    return f"push {address_of_request(request)}"


def _refusal(status: HTTPStatus, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)
