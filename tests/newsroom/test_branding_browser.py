"""The newsroom in Chromium, on the real server: it calls itself Dateline, and an administrator's
dashboard, story editor and lists ask nothing of any other site (no release check, no avatars, no
fonts or scripts from elsewhere), even with the Content-Security-Policy that would block them
switched off."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route, expect

from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import ADMINISTRATORS, ensure_roles
from tests.browser.conftest import DESKTOP, TIMEOUT_MS
from tests.browser.journeys import sign_in_to_the_newsroom
from tests.browser.standalone import browser, server_url  # noqa: F401
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.browser


def test_the_newsroom_calls_itself_dateline_and_fetches_nothing_from_other_sites(
    browser: Browser, server_url: str
) -> None:
    ensure_editions()
    ensure_roles()
    # A superuser: Wagtail checks for its new releases only for them.
    chief = UserFactory(username="chief-editor", is_superuser=True, groups=[ADMINISTRATORS])
    story = ArticleFactory(title="Harbour cranes return to work")
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=server_url, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    own_host = urlsplit(server_url).netloc
    elsewhere: list[str] = []

    def only_our_own(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_our_own)
    page = context.new_page()

    sign_in_to_the_newsroom(page, chief.username)
    expect(page).to_have_title(re.compile(r"Dateline$"))
    expect(page.locator("title")).not_to_have_text(re.compile("Wagtail"))
    expect(page.locator("link[rel~=icon]")).to_have_attribute("href", re.compile(r"dateline/favicon"))
    expect(page.get_by_role("img", name="Dateline").first).to_be_attached()
    page.wait_for_load_state("networkidle")

    for path in (
        f"/newsroom/pages/{story.pk}/edit/",
        f"/newsroom/pages/{story.get_parent().pk}/",
        "/newsroom/images/",
    ):
        page.goto(path)
        expect(page).to_have_title(re.compile(r"Dateline$"))
        page.wait_for_load_state("networkidle")

    assert elsewhere == []
    context.close()
