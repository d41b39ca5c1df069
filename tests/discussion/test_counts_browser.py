"""The comment count on story cards, as a reader sees it in Chromium on the real server.

Self-contained (tests/browser/standalone.py): its own server and committed stories, so that it
leaves the package's browser site (`reader_site`, which the discussion journey reads) alone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from dateline.discussion.models import Comment
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401
from tests.factories import ArticleFactory, section_page

pytestmark = pytest.mark.browser


def test_a_section_page_shows_the_comment_count_on_the_card_of_a_discussed_story(
    browser: Browser, server_url: str
) -> None:
    discussed = ArticleFactory(title="Harbour pilots return to work in Gdańsk", section="world")
    quiet = ArticleFactory(title="Night trains to return to the Alpine line", section="world")
    Comment.objects.bulk_create(Comment(story=discussed, body=f"Comment {n}") for n in range(3))
    Comment.objects.create(story=quiet, body="Held for a moderator", status=Comment.Status.PENDING)
    page = open_context(browser, server_url).new_page()

    page.goto(section_page("en", "world").url)

    card = page.locator(".card", has=page.get_by_role("link", name=discussed.title))
    count = card.locator(".story-card__comments")
    expect(count).to_have_text("3 comments")
    expect(count).to_have_attribute("href", f"{discussed.url}#discussion")
    quiet_card = page.locator(".card", has=page.get_by_role("link", name=quiet.title))
    expect(quiet_card.locator(".story-card__comments")).to_be_hidden()
