"""The moderation queue in Chromium, on the real server: "Select all" ticks every comment on the
page, from the keyboard too, and one press of "Approve" publishes them all."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from dateline.discussion.models import Comment
from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import COMMENT_MODERATORS, ensure_roles
from tests.browser.journeys import sign_in_to_the_newsroom
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401
from tests.discussion.factories import reader
from tests.factories import PASSWORD, ArticleFactory

pytestmark = pytest.mark.browser


def test_a_moderator_selects_all_held_comments_and_approves_them_at_once(
    browser: Browser, server_url: str
) -> None:
    ensure_editions()
    moderator = get_user_model().objects.create_user(
        username="moderator", email="moderator@example.org", password=PASSWORD, is_staff=True
    )
    moderator.groups.add(ensure_roles()[COMMENT_MODERATORS])
    story = ArticleFactory(title="Harbour cranes return to work")
    for number in range(4):
        Comment.objects.create(
            story=story, author=reader(f"Reader {number}"), body=f"Held comment {number}", status="pending"
        )
    page = open_context(browser, server_url).new_page()
    sign_in_to_the_newsroom(page, moderator.username)
    page.goto("/newsroom/comments/?queue=pending")
    select_all = page.get_by_label("Select all")
    comments = page.get_by_role("checkbox", name="Select this comment")
    expect(comments).to_have_count(4)

    # From the keyboard: Space on the focused box ticks every comment, again unticks them.
    select_all.focus()
    page.keyboard.press("Space")
    for index in range(4):
        expect(comments.nth(index)).to_be_checked()
    page.keyboard.press("Space")
    for index in range(4):
        expect(comments.nth(index)).not_to_be_checked()

    # Unticking one comment unticks "Select all"; ticking it again there ticks all.
    select_all.check()
    comments.nth(2).uncheck()
    expect(select_all).not_to_be_checked()
    select_all.check()
    expect(comments.nth(2)).to_be_checked()
    assert Axe().run(page).violations_count == 0

    page.get_by_role("button", name="Approve").click()

    expect(page.locator(".messages")).to_contain_text("Approved: 4")
    expect(page.locator("main")).to_contain_text("Nothing in this queue.")
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PUBLISHED}
