"""The discussion as two readers and a moderator meet it, in three browsers on the real server.

One reader registers from the story's prompt, confirms the address from the mail the server sent,
and comments: a first comment waits for a moderator, who approves it in the newsroom. The other
reader, already signed in, sees it arrive live, replies, reacts and reports; the moderator rejects
the reported comment and its author reads why in her notifications; banned, she can post no more.
Reader-written markup stays text. Transactional, as the browser site is; the browser fixtures put
the database back afterwards (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import BrowserContext, Page, expect

from dateline.accounts.models import ReaderProfile
from dateline.articles.models import ArticlePage
from dateline.discussion.models import Comment
from dateline.newsroom.roles import COMMENT_MODERATORS, ensure_roles
from tests.browser.journeys import committed, sign_in_to_the_newsroom
from tests.browser.server import mail_directory
from tests.browser.stories import ReaderSite
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "lanterns-over-the-harbour-7"
XSS = '<img src=x onerror="window.__xss = 1">'


def existing_reader() -> str:
    """Ben has taken part before: his comments no longer wait for a moderator."""
    user = get_user_model().objects.create_user(username="ben", email="ben@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    ReaderProfile.objects.create(user=user, display_name="Ben Adeyemi")
    earlier = ArticlePage.objects.live().order_by("pk").first()
    Comment.objects.create(story=earlier, author=user, body="An earlier comment of mine.")
    return user.email


def comment_moderator() -> str:
    user = get_user_model().objects.create_user(
        username="moderator", email="moderator@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(ensure_roles()[COMMENT_MODERATORS])
    return user.username


def confirmation_link(address: str) -> str:
    for message in sorted(
        Path(mail_directory()).glob("*.log"), key=lambda path: path.stat().st_mtime, reverse=True
    ):
        text = message.read_text(errors="replace")
        if address in text:
            return re.search(r"http://\S+/accounts/confirm-email/\S+", text)[0]
    raise AssertionError(f"no mail to {address}")


def log_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def discussion(page: Page):
    return page.locator("#discussion")


def test_two_readers_and_a_moderator_discuss_a_story_live(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite
) -> None:
    story_path = reader_site.top_story.path
    errors: list[str] = []
    ben_email = committed(existing_reader)
    moderator_name = committed(comment_moderator)

    # Ben is signed in and reading the story.
    ben = new_context().new_page()
    ben.on("pageerror", lambda error: errors.append(f"ben: {error}"))
    ben.goto(f"/en/accounts/login/?next={story_path}")
    log_in(ben, ben_email, PASSWORD)
    expect(ben).to_have_url(re.compile(re.escape(story_path)))
    expect(ben.locator("body")).to_have_attribute("data-live-connected", "")
    expect(discussion(ben).get_by_label("Your comment")).to_be_visible()
    # Reading on, Ben is served from the page cache like everyone (an anonymous visit filled it):
    # his name and the comment form come from his own requests once the page's script has run.
    new_context().new_page().goto(story_path)
    reloaded = ben.reload()
    assert reloaded is not None and reloaded.header_value("etag"), "the page was rendered for Ben"
    expect(ben.locator(".account-nav__name")).to_have_text("Ben Adeyemi")
    expect(discussion(ben).get_by_label("Your comment")).to_be_visible()

    # Mina arrives signed out: the prompt, and registration that brings her back.
    mina = new_context().new_page()
    mina.on("pageerror", lambda error: errors.append(f"mina: {error}"))
    mina.goto(story_path)
    prompt = discussion(mina).locator(".discussion__prompt")
    expect(prompt).to_have_text("To participate in the discussion log in or register")
    prompt.get_by_role("link", name="register").click()
    mina.get_by_label("Email").fill("mina@example.org")
    mina.get_by_label("Display name").fill("Mina Sato")
    mina.locator("#id_password1").fill(NEW_PASSWORD)
    mina.get_by_label("Password (again)").fill(NEW_PASSWORD)
    mina.get_by_role("button", name="Sign Up").click()
    expect(mina).to_have_url(re.compile(re.escape(story_path)))
    expect(discussion(mina).locator(".discussion__prompt")).to_contain_text("confirm your e-mail address")

    # The link in the mail the server sent confirms the address and brings her back to the story,
    # where she is told so.
    mina.goto(confirmation_link("mina@example.org"))
    mina.get_by_role("button", name="Confirm").click()
    expect(mina).to_have_url(re.compile(re.escape(story_path)))
    expect(mina.locator("main .messages")).to_contain_text("You have confirmed")
    expect(mina.locator("body")).to_have_attribute("data-live-connected", "")

    # Mina comments, markup and all. Her first comment waits for a moderator: only she sees it.
    mina_box = discussion(mina).get_by_label("Your comment")
    mina_box.fill(f"The lifts were worth the wait. {XSS}")
    discussion(mina).get_by_role("button", name="Post comment").click()
    mina_comment = discussion(mina).locator(".comment", has_text="worth the wait")
    expect(mina_comment).to_contain_text("Only you can see this comment until a moderator approves it.")
    # That is a notice, not an error.
    expect(discussion(mina).locator("[data-form-notice]")).to_contain_text("once a moderator has approved it")
    expect(discussion(mina).locator("[data-form-error]")).to_be_hidden()

    # The moderator approves it from the pending queue; it appears for Ben without a reload, as text.
    desk = new_context().new_page()
    desk.on("pageerror", lambda error: errors.append(f"moderator: {error}"))
    sign_in_to_the_newsroom(desk, moderator_name)
    desk.goto("/newsroom/comments/?queue=pending")
    row = desk.locator("tr", has_text="worth the wait")
    expect(row).to_contain_text("first comments")
    row.get_by_role("checkbox").check()
    desk.get_by_role("button", name="Approve").click()
    expect(desk.locator(".messages")).to_contain_text("Approved: 1")
    bens_view = discussion(ben).locator(".comment", has_text="worth the wait")
    expect(bens_view).to_contain_text(XSS)
    expect(bens_view.locator(".comment__author")).to_have_text("Mina Sato")
    expect(discussion(ben).locator("[data-comment-count]")).to_have_text("(1)")
    mina.reload()
    mina_comment = discussion(mina).locator(".comment", has_text="worth the wait")
    expect(mina_comment.locator(".comment__held")).to_have_count(0)

    # Ben replies; Mina sees it under her comment.
    bens_view.get_by_role("button", name="Reply").click()
    discussion(ben).get_by_label("Your comment").fill("Agreed, the view from the top is back.")
    discussion(ben).get_by_role("button", name="Post comment").click()
    expect(mina_comment.locator(".comment--reply", has_text="view from the top")).to_be_visible()

    # Mina reacts to the reply: Ben's count goes up.
    mina_comment.locator(".comment--reply").get_by_role("button", name="Agree").click()
    expect(bens_view.locator(".comment--reply [data-reaction=agree] [data-reaction-count]")).to_have_text("1")

    # Mina corrects herself; Ben's copy changes in place and says "edited".
    mina_comment.locator(":scope > .comment__actions").get_by_role("button", name="Edit").click()
    mina_comment.locator("form[data-edit-form] textarea").fill("The lifts were well worth the wait.")
    mina_comment.locator("form[data-edit-form]").get_by_role("button").click()
    expect(bens_view.locator(":scope > .comment__body")).to_have_text("The lifts were well worth the wait.")
    expect(bens_view.locator(".comment__edited").first).to_be_visible()

    # Ben reports it; there is no Edit or Delete for him on her comment.
    expect(
        bens_view.locator(":scope > .comment__actions").get_by_role("button", name="Delete")
    ).to_be_hidden()
    report = bens_view.locator(":scope > .comment__actions .comment__report")
    report.locator("summary").click()
    report.get_by_label("What is wrong with this comment?").fill("Off topic")
    report.get_by_role("button", name="Send report").click()
    # The thanks takes the place of "Report", which does not turn into the browser's "Details".
    report_area = bens_view.locator(":scope > .comment__actions")
    expect(report_area.locator("[role=status]")).to_contain_text("The newsroom will look at this comment.")
    expect(report_area).not_to_contain_text("Details")

    # Each comment's reactions are a landmark of their own name.
    landmarks = Axe().run(ben, options={"runOnly": ["landmark-unique"]})
    assert not landmarks.response["violations"], landmarks.generate_report()

    results = Axe().run(ben, options={"runOnly": ["wcag2a", "wcag2aa"]})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()

    # The moderator rejects the reported comment: Ben sees a trace, the reply still under it.
    desk.goto("/newsroom/comments/?queue=reported")
    row = desk.locator("tr", has_text="well worth the wait")
    expect(row).to_contain_text("1 open report")
    row.get_by_role("checkbox").check()
    desk.get_by_label("Reason the author will see").select_option("off-topic")
    desk.get_by_label("Details (optional, shown to the author)").fill("please keep to the lifts")
    desk.get_by_role("button", name="Reject").click()
    expect(desk.locator(".messages")).to_contain_text("Rejected: 1")
    expect(discussion(ben).locator(".comment--removed")).to_contain_text("removed by a moderator")
    expect(discussion(ben).locator(".comment--reply", has_text="view from the top")).to_be_visible()

    # Mina learns why, in her notifications.
    mina.goto("/en/accounts/notifications/")
    expect(mina.locator("main")).to_contain_text("Off topic: please keep to the lifts")

    # Ben deletes his reply: it goes from Mina's page.
    mina.goto(story_path)
    expect(discussion(mina).locator(".comment--reply", has_text="view from the top")).to_be_visible()
    ben.once("dialog", lambda dialog: dialog.accept())
    reply = discussion(ben).locator(".comment--reply", has_text="view from the top")
    reply.locator(":scope > .comment__actions").get_by_role("button", name="Delete").click()
    expect(discussion(mina).locator(".comment--reply", has_text="view from the top")).to_have_count(0)

    # Banned from the reader's page in the newsroom, Mina can post no more.
    desk.goto("/newsroom/comments/?queue=rejected")
    desk.locator("tr", has_text="well worth the wait").get_by_role("link", name="Mina Sato").click()
    desk.locator("select[name=kind]").select_option("ban")
    desk.get_by_role("button", name="Apply").click()
    expect(desk.locator(".messages")).to_contain_text("Banned")
    discussion(mina).get_by_label("Your comment").fill("Is anyone there?")
    discussion(mina).get_by_role("button", name="Post comment").click()
    expect(discussion(mina).locator("[data-form-error]")).to_contain_text("may no longer take part")
    mina.reload()
    expect(discussion(mina).locator(".discussion__prompt")).to_contain_text("may no longer take part")
    expect(discussion(mina).get_by_label("Your comment")).to_have_count(0)

    assert ben.evaluate("window.__xss") is None and mina.evaluate("window.__xss") is None
    assert not errors, errors
