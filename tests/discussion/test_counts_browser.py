"""The comment count on story cards, as a reader sees it in Chromium on the real server.

Self-contained, as tests/editions/test_newsfeed_browser.py is: its own server and committed
stories (`committed_db`), so that it leaves the package's browser site (`reader_site`, which the
discussion journey reads) alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from playwright.sync_api import Browser, expect, sync_playwright

from dateline.discussion.models import Comment
from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, TIMEOUT_MS
from tests.browser.server import granian_server
from tests.factories import ArticleFactory, section_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_url(django_db_setup: None) -> Iterator[str]:
    call_command("collectstatic", interactive=False, verbosity=0)
    with granian_server(connection.settings_dict, settings.DATA_DIR / "comment-counts-server.log") as url:
        yield url


@pytest.fixture
def browser(committed_db: None, chromium: Path, server_url: str) -> Iterator[Browser]:
    # The test writes before the page opens, never during a Playwright call.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


def test_a_section_page_shows_the_comment_count_on_the_card_of_a_discussed_story(
    browser: Browser, server_url: str
) -> None:
    discussed = ArticleFactory(title="Harbour pilots return to work in Gdańsk", section="world")
    quiet = ArticleFactory(title="Night trains to return to the Alpine line", section="world")
    Comment.objects.bulk_create(Comment(story=discussed, body=f"Comment {n}") for n in range(3))
    Comment.objects.create(story=quiet, body="Held for a moderator", status=Comment.Status.PENDING)
    page = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=server_url).new_page()
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(section_page("en", "world").url)

    card = page.locator(".card", has=page.get_by_role("link", name=discussed.title))
    count = card.locator(".story-card__comments")
    expect(count).to_have_text("3 comments")
    expect(count).to_have_attribute("href", f"{discussed.url}#discussion")
    quiet_card = page.locator(".card", has=page.get_by_role("link", name=quiet.title))
    expect(quiet_card.locator(".story-card__comments")).to_be_hidden()
