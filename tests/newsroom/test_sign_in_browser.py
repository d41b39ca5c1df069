"""Signing in to the newsroom in Chromium, on the real server: an editor with an authenticator app
goes through the site's one sign-in form and its code step to the dashboard; a reader who tries
is told at the door that the account has no access."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Browser, expect

from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import EDITORS, ensure_roles
from tests.accounts.factories import authenticator_app
from tests.browser.journeys import sign_in_to_the_newsroom
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401
from tests.discussion.factories import reader
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def test_an_editor_with_an_authenticator_app_signs_in_to_the_newsroom(
    browser: Browser, server_url: str
) -> None:
    ensure_editions()
    ensure_roles()
    editor = UserFactory(username="desk-editor", groups=[EDITORS])
    secret = authenticator_app(editor)
    page = open_context(browser, server_url).new_page()

    sign_in_to_the_newsroom(page, editor.username, secret=secret)

    expect(page.get_by_role("heading", level=1)).to_have_text("Dateline")
    page.screenshot(path=str(settings.DATA_DIR / "screenshots" / "newsroom-signed-in.png"))


def test_a_reader_is_told_at_the_newsroom_door_that_the_account_has_no_access(
    browser: Browser, server_url: str
) -> None:
    ensure_editions()
    mina = reader()
    page = open_context(browser, server_url).new_page()
    page.goto("/newsroom/")
    page.screenshot(path=str(settings.DATA_DIR / "screenshots" / "sign-in-for-the-newsroom.png"))

    page.get_by_label("E-mail address").fill(mina.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(r"/newsroom/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("No access to the newsroom")
    expect(page.locator("main")).to_contain_text("This account has no access to the newsroom.")
    assert Axe().run(page).violations_count == 0
    page.screenshot(path=str(settings.DATA_DIR / "screenshots" / "newsroom-no-access.png"))
