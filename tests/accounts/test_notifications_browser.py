"""A reader whose comment was rejected learns of it from the masthead, in Chromium on the real server.

Transactional, as the browser site is: each test commits a story of its own for the server to
read, and the browser fixtures put the database back afterwards (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from dateline.discussion import moderation
from dateline.discussion.models import Comment
from tests.browser.journeys import committed
from tests.browser.stories import ReaderSite
from tests.discussion.factories import reader
from tests.factories import PASSWORD, ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "Hillside lifts carry passengers again"
REASON = "Please keep to the story: the lifts, not the council."


def rejected_comment(language: str, headline: str, name: str) -> tuple[str, str]:
    """A story, and a reader's comment on it rejected by a moderator with REASON: the reader's
    address and the story's."""
    author = reader(name)
    story = ArticleFactory(edition=language, title=headline, slug=f"hillside-lifts-{language}")
    comment = Comment.objects.create(
        story=story, author=author, body="The council should resign, all of them."
    )
    moderator = UserFactory(is_staff=True, is_superuser=True)
    moderation.do_reject(moderator, comment, REASON)
    return author.email, story.url


def log_in(page: Page, email: str, next_path: str) -> None:
    language = next_path.strip("/").split("/")[0]
    page.goto(f"/{language}/accounts/login/?next={next_path}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(re.escape(next_path)))


def test_a_reader_whose_comment_was_rejected_sees_the_badge_and_reads_why_in_english_and_arabic(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite, screenshots: Path
) -> None:
    email, story_path = committed(lambda: rejected_comment("en", HEADLINE, "Mina Sato"))
    page = new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(story_path)
    expect(page.locator(".account-nav").get_by_role("link", name="Log in")).to_be_visible()
    log_in(page, email, story_path)

    account = page.locator(".account-nav")
    expect(account.get_by_role("link", name="Mina Sato")).to_be_visible()
    badge = account.get_by_role("link", name="1 new notification")
    expect(badge).to_be_visible()
    page.locator(".masthead").screenshot(path=screenshots / "masthead-signed-in-en.png")

    badge.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    notification = page.locator(".notification")
    expect(notification).to_contain_text(f"Your comment on “{HEADLINE}” was not published.")
    expect(notification).to_contain_text(REASON)
    expect(notification).to_contain_text("The council should resign, all of them.")
    expect(notification.locator(".notification__new")).to_have_text("New")
    # Seen now: the masthead no longer counts it.
    expect(account.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    page.screenshot(path=screenshots / "notifications-en.png", full_page=True)

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert not results.response["violations"], results.generate_report()

    # A reader of the Arabic edition: the same, right to left, with addresses in the edition.
    email, story_path = committed(lambda: rejected_comment("ar", "المصاعد تعود إلى التلال", "ليلى حداد"))
    page = new_context(locale="ar").new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, email, story_path)

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    account = page.locator(".account-nav")
    expect(account.get_by_role("link", name="ليلى حداد")).to_be_visible()
    notifications = account.locator(".account-nav__notifications")
    expect(notifications).to_have_attribute("href", "/ar/accounts/notifications/")
    expect(notifications.locator(".account-nav__badge")).to_be_visible()
    page.locator(".masthead").screenshot(path=screenshots / "masthead-signed-in-ar.png")

    notifications.click()
    expect(page.locator(".notification__reason")).to_contain_text(REASON)
    page.screenshot(path=screenshots / "notifications-ar.png", full_page=True)
    assert not errors


def test_the_profile_checkboxes_line_up_with_their_labels(
    page: Page, reader_site: ReaderSite, screenshots: Path
) -> None:
    email = committed(lambda: reader("Kenji Mori").email)
    log_in(page, email, "/en/accounts/profile/")

    for checkbox in page.locator("form.form input[type=checkbox]").all():
        label = page.locator(f"label[for='{checkbox.get_attribute('id')}']")
        box, text = checkbox.bounding_box(), label.bounding_box()
        assert box and text
        # Side by side, on one line: their middles within a few pixels of each other.
        assert abs((box["y"] + box["height"] / 2) - (text["y"] + text["height"] / 2)) < 6
        assert box["x"] + box["width"] <= text["x"]
    page.screenshot(path=str(screenshots / "profile.png"), full_page=True)
