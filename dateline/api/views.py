"""The API's own pages: the docs, written from the OpenAPI description, and the 404 problem for an
address under /api/v1/ that names nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from dateline.api import problems
from dateline.api.api import api, json_answer
from dateline.core import links


def docs(request: HttpRequest) -> HttpResponse:
    """A page for people, from the same description machines read (`openapi.json`): it loads
    nothing from any other site, unlike the Swagger and Redoc pages, which fetch their scripts from
    a CDN."""
    problems.check_parameters(request.GET, frozenset())
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = []
    for address, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method != "get":
                continue
            operations.append(
                {
                    "address": address,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type_of(parameter.get("schema", {})),
                            "description": parameter.get("description", "")
                            or parameter.get("schema", {}).get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                }
            )
    response = render(
        request,
        "api/docs.html",
        {
            "operations": operations,
            "base": links.absolute("/api/v1/"),
        },
    )
    # The page is in the reader's language (the API's data is not).
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _type_of(schema: dict) -> str:
    if "type" in schema:
        return str(schema["type"])
    kinds = [option.get("type", "") for option in schema.get("anyOf", []) if option.get("type") != "null"]
    return " | ".join(kind for kind in kinds if kind)


def index(request: HttpRequest) -> HttpResponse:
    """Where the docs, the description and the lists are."""
    problems.check_parameters(request.GET, frozenset())
    names = ["stories", "changes", "editions", "sections", "authors", "tags"]
    return json_answer(
        {
            "docs": links.absolute("/api/v1/docs"),
            "openapi": links.absolute("/api/v1/openapi.json"),
            **{name: links.absolute(f"/api/v1/{name}") for name in names},
        }
    )


def nothing_here(request: HttpRequest) -> HttpResponse:
    return problems.not_found(_("No part of the API is at this address.")).response()
