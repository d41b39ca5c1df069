"""Through the composed ASGI application: the page cache keeps the sitemaps, and publishing or
withdrawing a story drops them, so crawlers see the change at once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application

from dateline.articles.models import ArticlePage
from dateline.asgi.application import DatelineApplication, bridge_django
from dateline.asgi.page_cache import PageCache
from dateline.live.hub import Hub
from dateline.live.sse import LiveEndpoint
from tests.asgi.test_application import (
    CountingDjango,
    django_threads_close_connections,  # noqa: F401  (a fixture the tests use)
    kept,
    request,
    run_in_a_thread,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("django_threads_close_connections")

SITEMAPS = ["/en/sitemap-stories-1.xml", "/en/sitemap-news.xml"]


@pytest.fixture
def site(committed_db: None, editions: Any) -> DatelineApplication:
    hub = Hub(poll_seconds=60)
    return DatelineApplication(
        django=CountingDjango(bridge_django(get_wsgi_application(), threads=1)),
        page_cache=PageCache(),
        hub=hub,
        live=LiveEndpoint(hub),
    )


async def purged(site: DatelineApplication) -> None:
    async with asyncio.timeout(10):
        while any(kept(site, path) for path in SITEMAPS):
            await asyncio.sleep(0.02)


def test_a_published_story_is_in_the_cached_sitemaps_at_once_and_a_withdrawn_one_leaves_them(site):
    story = ArticleFactory(title="Harbour cranes return to work", live=False)
    address = f"/en/world/{story.slug}/".encode()

    def publish() -> None:
        story.save_revision().publish()

    def withdraw() -> None:
        ArticlePage.objects.get(pk=story.pk).unpublish()

    async def scenario() -> list[list[bytes]]:
        await site.hub.start()
        bodies = []
        try:
            for change in (publish, withdraw, None):
                answers = [await request(site, path) for path in SITEMAPS]
                assert all(answer.status == 200 for answer in answers)
                assert all(kept(site, path) for path in SITEMAPS)
                bodies.append([answer.body for answer in answers])
                if change is not None:
                    await run_in_a_thread(change)()
                    await purged(site)
        finally:
            await site.hub.stop()
        return bodies

    before, published, withdrawn = asyncio.run(scenario())

    assert not any(address in body for body in before)
    assert all(address in body for body in published)
    assert not any(address in body for body in withdrawn)
