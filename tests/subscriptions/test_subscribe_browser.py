"""Following the site by e-mail as a reader does, in Chromium on the real server: the masthead's
Subscribe button, the lists, the confirmation mail, the preference page, one-click unsubscribe;
browser alerts ask for permission only when the button is pressed. axe checks the pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.server import mail_directory
from tests.browser.stories import ReaderSite
from tests.browser.test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def mail_to(address: str) -> str:
    for message in sorted(
        Path(mail_directory()).glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        text = message.read_text(errors="replace")
        if f"To: {address}" in text:
            return text
    raise AssertionError(f"no mail to {address}")


def accessible(page: Page, name: str) -> None:
    blocking = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found on the {name}:\n{describe(blocking)}"


def test_a_reader_subscribes_confirms_changes_their_mind_and_leaves(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite
) -> None:
    errors: list[str] = []
    reader = new_context().new_page()
    reader.on("pageerror", lambda error: errors.append(str(error)))
    # Count the permission prompts: none until the reader asks for alerts.
    reader.add_init_script(
        "window.__asked = 0; const ask = Notification.requestPermission.bind(Notification);"
        "Notification.requestPermission = () => { window.__asked += 1; return ask(); };"
    )
    reader.goto(reader_site.top_story.path)
    reader.locator(".masthead").get_by_role("link", name="Subscribe").click()
    expect(reader).to_have_url(re.compile(r"/en/subscribe/$"))
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Follow")
    accessible(reader, "Subscribe page")
    expect(reader.get_by_role("link", name="RSS").first).to_have_attribute("href", re.compile(r"/en/feeds/"))

    # Browser alerts: the prompt comes with the button, and the outcome is said (this sandbox has
    # no push service to reach, so the browser refuses or fails: either way the reader is told).
    toggle = reader.get_by_role("button", name="Turn on alerts")
    expect(toggle).to_be_visible()
    assert reader.evaluate("window.__asked") == 0
    toggle.click()
    expect(reader.locator("[data-push-status]")).not_to_be_empty()
    assert reader.evaluate("window.__asked") == 1

    # A wrong address is refused with a message next to the form, nothing else changes.
    reader.get_by_label("Your e-mail address").fill("mina@example")
    reader.get_by_role("button", name="Subscribe", exact=True).click()
    expect(reader.locator("#subscribe-error")).to_be_visible()

    reader.get_by_label("Breaking news").check()
    reader.get_by_label("Your e-mail address").fill("mina@example.org")
    reader.get_by_role("button", name="Subscribe", exact=True).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Please confirm your address")

    letter = mail_to("mina@example.org")
    link = re.search(r"http://\S+/subscribe/confirm/\S+", letter)[0]
    reader.goto(urlsplit(link).path)  # the mail names the configured address; the test server has its own
    reader.get_by_role("button", name="Yes, subscribe me").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")

    reader.get_by_role("link", name="Change what you receive").click()
    expect(reader.get_by_label("Breaking news")).to_be_checked()
    expect(reader.get_by_label("The day’s top stories")).to_be_checked()
    accessible(reader, "preference page")
    reader.get_by_label("The day’s top stories").uncheck()
    reader.get_by_role("button", name="Save").click()
    expect(reader.get_by_role("status")).to_have_text("Your choices were saved.")
    expect(reader.get_by_label("The day’s top stories")).not_to_be_checked()

    reader.get_by_role("button", name="Unsubscribe from everything").click()
    expect(reader.get_by_label("Breaking news")).not_to_be_checked()
    assert not errors, errors
