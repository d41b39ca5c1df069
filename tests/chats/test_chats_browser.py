"""A chat room as two readers and a moderator meet it, in three browsers on the real server.

Ana and Ben are signed in and read the room: what one writes appears live for the other, as text,
and so do the other's reactions and replies. The moderator sets a slow mode, and Ana's next message
is refused with its countdown; the moderator deletes Ben's message and it goes from every page; bans
Ana, and her page stops offering to write within a second. axe finds nothing serious on the room. Transactional, as the browser site is; the
browser fixtures put the database back afterwards (tests/browser/conftest.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from dateline.accounts.models import ReaderProfile
from dateline.chats.models import Room
from dateline.newsroom.roles import COMMENT_MODERATORS, ensure_roles
from tests.browser.journeys import committed, sign_in_to_the_newsroom
from tests.browser.stories import ReaderSite
from tests.factories import PASSWORD, locale

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XSS = '<img src=x onerror="window.__xss = 1">'
BAN_SECONDS = 1.0


def confirmed_reader(name: str, login: str) -> str:
    user = get_user_model().objects.create_user(
        username=login, email=f"{login}@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    ReaderProfile.objects.create(user=user, display_name=name)
    return user.email


def chat_moderator() -> str:
    user = get_user_model().objects.create_user(
        username="chat-moderator", email="chat-moderator@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(ensure_roles()[COMMENT_MODERATORS])
    return user.username


def open_room() -> str:
    room = Room.objects.create(locale=locale("en"), title="Match day", description="The final, live")
    with translation.override("en"):
        return reverse("chat_room", args=[room.pk])


def signed_in_reader(
    new_context: Callable[..., BrowserContext], email: str, path: str, errors: list[str]
) -> Page:
    page = new_context().new_page()
    page.on("pageerror", lambda error: errors.append(f"{email}: {error}"))
    page.goto(f"/en/accounts/login/?next={path}")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("h1")).to_have_text("Match day")
    expect(page.locator("body")).to_have_attribute("data-live-connected", "")
    return page


def write(page: Page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_two_readers_and_a_moderator_chat_live(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite
) -> None:
    errors: list[str] = []
    path = committed(open_room)
    ana = signed_in_reader(new_context, committed(lambda: confirmed_reader("Ana Lima", "ana")), path, errors)
    ben = signed_in_reader(
        new_context, committed(lambda: confirmed_reader("Ben Okafor", "ben")), path, errors
    )
    desk = new_context().new_page()
    desk.on("pageerror", lambda error: errors.append(f"moderator: {error}"))
    sign_in_to_the_newsroom(desk, committed(chat_moderator))
    desk.goto(path)
    expect(desk.locator("body")).to_have_attribute("data-live-connected", "")

    # Ana writes, markup and all; it appears for Ben without a reload, as text.
    write(ana, f"Kick-off in five minutes {XSS}")
    bens_copy = ben.locator(".chat-message", has_text="Kick-off in five minutes")
    expect(bens_copy).to_contain_text(XSS)
    expect(bens_copy.locator(".chat-message__name")).to_have_text("Ana Lima")
    assert ben.evaluate("window.__xss") is None
    write(ben, "Ready with the snacks")
    expect(ana.locator(".chat-message", has_text="Ready with the snacks")).to_be_visible()

    # Ben reports Ana's message: he is thanked, politely.
    bens_copy.locator(".chat-report summary").click()
    bens_copy.get_by_label("What is wrong with this message?").fill("Markup in a chat?")
    bens_copy.get_by_role("button", name="Send report").click()
    expect(ben.locator("[data-chat-announcer]")).to_contain_text("The newsroom will look at this message.")

    # Ben agrees with Ana's message and answers it: Ana sees the count and the quote come, live.
    bens_copy.get_by_role("button", name="Agree").click()
    anas_copy = ana.locator(".chat-message", has_text="Kick-off in five minutes")
    expect(anas_copy.locator('[data-reaction-count="agree"]')).to_have_text("1")
    bens_copy.get_by_role("button", name="Reply").click()
    write(ben, "See you at the stadium")
    answer = ana.locator(".chat-message", has_text="See you at the stadium")
    expect(answer.locator(".chat-message__quote")).to_contain_text("Ana Lima")

    # The moderator sets a slow mode: Ana's second message is refused with its countdown.
    desk.get_by_label("Slow mode (seconds)").fill("30")
    desk.get_by_role("button", name="Set slow mode").click()
    expect(desk.locator("[data-chat-status]")).to_contain_text("Slow mode")
    write(ana, "First under slow mode")
    expect(ben.locator(".chat-message", has_text="First under slow mode")).to_be_visible()
    write(ana, "Second too soon")
    expect(ana.locator("[data-chat-error]")).to_contain_text("You can write again in")
    expect(ana.get_by_role("button", name="Send")).to_be_disabled()

    # The moderator deletes Ben's message: it goes from every page.
    bens_message = desk.locator(".chat-message", has_text="Ready with the snacks")
    bens_message.locator(".chat-menu summary").click()
    bens_message.get_by_role("button", name="Delete for everyone").click()
    for reader in (ana, ben, desk):
        expect(reader.locator(".chat-message", has_text="Ready with the snacks")).to_have_count(0)

    # The moderator bans Ana: within a second her page stops offering to write.
    anas_message = desk.locator(".chat-message", has_text="First under slow mode")
    anas_message.locator(".chat-menu summary").click()
    with desk.expect_response(lambda response: "/moderate/" in response.url) as banned:
        anas_message.get_by_role("button", name="Ban the author").click()
    assert banned.value.ok
    decided = time.monotonic()
    expect(ana.get_by_label("Your message")).to_be_disabled(timeout=BAN_SECONDS * 1000)
    assert time.monotonic() - decided <= BAN_SECONDS
    expect(ana.locator("[data-chat-error]")).to_contain_text("may no longer take part")

    results = Axe().run(ben, options={"runOnly": ["wcag2a", "wcag2aa"]})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
    assert not errors, errors
