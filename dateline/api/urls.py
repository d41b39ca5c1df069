"""/api/v1/: the API's operations and OpenAPI description (django-ninja), its docs page, and a
problem for any other address under it, every one behind the door (`dateline.api.door`)."""

from django.urls import URLPattern, path, re_path

from dateline.api import views
from dateline.api.api import api
from dateline.api.door import door

app_name = "api"


def _behind_the_door(patterns: list) -> list:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = door(pattern.callback)
    return patterns


ninja_patterns, _app_name, _namespace = api.urls

urlpatterns = _behind_the_door(
    [
        path("docs", views.docs, name="docs"),
        *ninja_patterns,
        re_path(r"^.*$", views.nothing_here, name="nothing-here"),
    ]
)
