"""Rendering one panel of the newsroom's dashboard for a user, and checking that its queries do
not grow with its rows (shared by the desk tests of the newsroom, discussion and newsletters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.desk import ROWS, DeskPanel


def render(panel: DeskPanel, user: Any) -> str:
    request = RequestFactory().get("/newsroom/")
    request.user = user
    return str(panel.render_html({"request": request, "csrf_token": ""}))


def queries_of(panel: DeskPanel, user: Any) -> int:
    render(panel, user)  # what is cached once per process (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        render(panel, user)
    return len(queries)


def assert_fixed_queries(
    panel: DeskPanel, user: Any, add_row: Callable[[], Any], django_assert_max_num_queries: Any
) -> None:
    """The panel with one row, then with a full panel and more: no more queries than with one."""
    add_row()
    with_one = queries_of(panel, user)
    for _ in range(ROWS + 2):
        add_row()
    with django_assert_max_num_queries(with_one):
        html = render(panel, user)
    assert html.count("<tr>") == ROWS + 1, "the panel shows its rows (after the headings), no more"
