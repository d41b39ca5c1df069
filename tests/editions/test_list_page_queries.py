"""Every list page costs the same number of database queries however many stories it shows."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, AuthorFactory, NewsImageFactory

pytestmark = pytest.mark.usefixtures("editions")

LIST_PAGES = {
    "home": lambda author: "/en/",
    "section": lambda author: "/en/world/",
    "tag": lambda author: "/en/tags/ports/",
    "author": lambda author: author.get_url(),
}


def add_stories(count: int, author) -> None:
    """Stories with pictures, in one section, with one tag and one author: on every list page."""
    for _ in range(count):
        ArticleFactory(section="world", tags=["Ports"], authors=[author], lead_image=NewsImageFactory())


def cards(response) -> int:
    return response.content.count(b'<article class="card')


def test_list_pages_cost_no_more_queries_for_thirty_stories_than_for_three(
    client, django_assert_max_num_queries
):
    author = AuthorFactory(name="Mariko Tanabe")
    add_stories(3, author)
    with_three = {}
    for name, url in LIST_PAGES.items():
        # The first rendering makes the card renditions of new pictures, once for good.
        assert client.get(url(author)).status_code == HTTPStatus.OK
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(author))
        with_three[name] = (len(queries), cards(response))

    add_stories(27, author)

    for name, url in LIST_PAGES.items():
        queries, cards_with_three = with_three[name]
        assert client.get(url(author)).status_code == HTTPStatus.OK
        with django_assert_max_num_queries(queries, info=f"the {name} page"):
            response = client.get(url(author))
        assert response.status_code == HTTPStatus.OK
        assert cards(response) > cards_with_three, f"the {name} page shows more stories"
