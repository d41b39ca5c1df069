"""/api/v1/: the API's operations and OpenAPI description (django-ninja), its docs page, and a
problem for any other address under it, every one behind the door (`dateline.api.door`)."""

from django.urls import URLPattern, path, re_path

from dateline.api import views
from dateline.api.api import api
from dateline.api.door import door

app_name = "api"


def _behind_the_door(patterns: list[URLPattern]) -> list[URLPattern]:
    for pattern in patterns:
        pattern.callback = door(pattern.callback)
    return patterns


ninja_patterns = [pattern for pattern in api.urls[0] if isinstance(pattern, URLPattern)]

urlpatterns = _behind_the_door(
    [
        # Ninja reads its operations' prefix from "api-root"; ours answers with where things are.
        path("", views.index, name="api-root"),
        path("docs", views.docs, name="docs"),
        *(pattern for pattern in ninja_patterns if pattern.name != "api-root"),
        re_path(r"^.*$", views.nothing_here, name="nothing-here"),
    ]
)
