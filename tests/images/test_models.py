"""Newsroom images: renditions a page asks for."""

from __future__ import annotations

import pytest

from dateline.images.models import NewsImage, NewsRendition
from tests.factories import NewsImageFactory

pytestmark = pytest.mark.django_db

SPEC = "fill-64x36"


def test_a_rendition_prefetched_with_its_image_is_used_without_a_query_or_a_cache_write(
    django_assert_num_queries,
):
    image = NewsImageFactory()
    made = image.get_rendition(SPEC)
    NewsRendition.cache_backend.clear()
    listed = NewsImage.objects.prefetch_renditions(SPEC).get(pk=image.pk)

    with django_assert_num_queries(0):
        rendition = listed.get_rendition(SPEC)

    assert rendition.pk == made.pk
    assert rendition.url == made.url
    key = NewsRendition.construct_cache_key(listed, rendition.focal_point_key, SPEC)
    assert NewsRendition.cache_backend.get(key) is None


def test_a_rendition_asked_for_the_first_time_is_made_and_remembered_in_the_cache():
    image = NewsImageFactory()

    rendition = image.get_rendition(SPEC)

    assert (rendition.width, rendition.height) == (64, 36)
    key = NewsRendition.construct_cache_key(image, rendition.focal_point_key, SPEC)
    assert NewsRendition.cache_backend.get(key).pk == rendition.pk
