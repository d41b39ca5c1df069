"""Every route with a row's id in its path answers 404, not 500, for an id beyond the database's."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import URLResolver, get_resolver

from dateline.core.converters import IdConverter

pytestmark = pytest.mark.django_db
BEYOND = "99999999999999999999"


def routes_with_ids(patterns: list, prefix: str = "", ours: bool = True) -> list[str]:
    """The routes the project writes itself (not Wagtail's) whose path holds a number."""
    found = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            found += routes_with_ids(entry.url_patterns, route, module.startswith("dateline."))
        elif ours and "<" in route:
            found.append(route)
    return found


def test_no_route_of_the_project_takes_an_unbounded_integer():
    routes = routes_with_ids(get_resolver().url_patterns)
    assert any(route.endswith("discussion/<id:story_id>/threads/<id:thread_id>/") for route in routes)
    assert [route for route in routes if "<int:" in route] == []


def test_an_id_past_the_largest_a_database_holds_matches_nothing():
    converter = IdConverter()
    assert converter.to_python("9223372036854775807") == 2**63 - 1
    with pytest.raises(ValueError):
        converter.to_python("9223372036854775808")


@pytest.mark.parametrize(
    "path",
    [
        f"/en/readers/{BEYOND}/",
        f"/ru/readers/{BEYOND}/",
        f"/en/discussion/comments/{BEYOND}/react/",
        f"/newsroom/comments/{BEYOND}/",
        f"/newsroom/live-entries/edit/{BEYOND}/",
    ],
)
def test_an_id_beyond_the_database_is_a_404(admin_client, editions, path):
    assert admin_client.get(path, follow=True).status_code == HTTPStatus.NOT_FOUND
