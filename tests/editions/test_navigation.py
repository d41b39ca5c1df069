"""`navigation.page_url`: a page's address from the remembered edition, as Wagtail gives it."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from dateline.editions import navigation
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("edition", "title"),
    [
        ("en", "Metro line: what the delay means for Kraków"),
        ("ru", "Доверенные лица кандидатов получили ёлку"),
        ("ar", "أحمد يفتتح معرض الكتاب"),
    ],
)
def test_a_story_address_is_the_one_wagtail_gives(editions, edition, title):
    story = ArticleFactory(edition=edition, title=title)
    request = RequestFactory().get(f"/{edition}/")

    address = navigation.page_url(request, story.locale_id, story.url_path)

    assert address == story.get_url(request)
    assert address.startswith(f"/{edition}/") and address.isascii()


def test_a_page_outside_every_edition_has_no_address_from_it(editions):
    root = Page.get_first_root_node()
    request = RequestFactory().get("/en/")

    assert navigation.page_url(request, root.locale_id, root.url_path) is None
