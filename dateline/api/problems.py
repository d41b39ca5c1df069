"""Errors as RFC 9457 problem details: `application/problem+json` with type, title, status and
detail, so a partner's code can tell a bad cursor from a missing story without reading prose."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from dateline.core import links

CONTENT_TYPE = "application/problem+json"
# Problem types are documented on the API's docs page, one anchor each.
TYPE_BASE = "/api/v1/docs#problem-"


class Problem(Exception):
    """Raised anywhere under the API; answered as a problem document."""

    def __init__(self, status: HTTPStatus, kind: str, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.extra = extra

    def response(self) -> HttpResponse:
        body = {
            "type": links.absolute(TYPE_BASE + self.kind),
            "title": self.title,
            "status": int(self.status),
            "detail": self.detail,
            **self.extra,
        }
        return HttpResponse(
            json.dumps(body, ensure_ascii=False), status=self.status, content_type=CONTENT_TYPE
        )


def bad_parameter(name: str, detail: str) -> Problem:
    return Problem(
        HTTPStatus.BAD_REQUEST, "bad-parameter", _("A parameter is not valid"), detail, parameter=name
    )


def unknown_parameters(names: list[str]) -> Problem:
    return Problem(
        HTTPStatus.BAD_REQUEST,
        "unknown-parameter",
        _("Unknown parameter"),
        _("This address does not take: %(names)s.") % {"names": ", ".join(sorted(names))},
        parameters=sorted(names),
    )


def not_found(detail: str) -> Problem:
    return Problem(HTTPStatus.NOT_FOUND, "not-found", _("Not found"), detail)


def check_parameters(query: Any, allowed: frozenset[str]) -> None:
    """Refuse a query naming a parameter the address does not read: a misspelt filter must not
    silently return everything."""
    unknown = [name[:40] for name in query if name not in allowed]
    if unknown:
        raise unknown_parameters(unknown)
