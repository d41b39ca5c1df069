"""The story editor in Chromium, on the real server: a new editor writes agency copy with a dateline,
adds the agency from the chooser, publishes without touching the slug and finds the story on the
site; an error on another tab is opened for them."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Locator, Page, expect

from dateline.articles.models import ArticlePage
from dateline.core.slugs import slug_for
from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import EDITORS, ensure_roles
from tests.browser.journeys import committed, sign_in_to_the_newsroom
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401
from tests.factories import ArticleFactory, UserFactory, section_page

pytestmark = pytest.mark.browser

HEADLINE = "Harbour cranes return to work in Tokyo after a week-long strike by dock workers"


def new_editor_in_the_newsroom(browser: Browser, server_url: str) -> Page:
    ensure_editions()
    ensure_roles()
    editor = UserFactory(username="new-editor", groups=[EDITORS])
    page = open_context(browser, server_url).new_page()
    sign_in_to_the_newsroom(page, editor.username)
    return page


def field(page: Page, label: str) -> Locator:
    return page.get_by_role("textbox", name=re.compile(f"^{label}"))


def publish(page: Page) -> None:
    # "Publish" lives in the footer's "More actions" menu.
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


def test_a_new_editor_publishes_agency_copy_with_a_new_agency_and_readers_see_its_dateline(
    browser: Browser, server_url: str
) -> None:
    page = new_editor_in_the_newsroom(browser, server_url)
    world = section_page("en", "world")
    page.goto(f"/newsroom/pages/add/articles/articlepage/{world.pk}/")

    headline = page.get_by_placeholder("Headline")
    expect(headline).to_be_visible()
    label = page.locator("label[for=id_title]")
    expect(label).to_contain_text("Headline")
    assert label.bounding_box()["width"] > 40, "the label is shown, not kept for screen readers only"
    page.screenshot(path=str(settings.DATA_DIR / "screenshots" / "editor-new-story.png"))
    headline.fill(HEADLINE)
    expect(headline).to_have_value(HEADLINE)
    page.screenshot(path=str(settings.DATA_DIR / "screenshots" / "editor-long-headline.png"))
    field(page, "Lede").fill("Dock workers ended their strike after the port agreed to new shifts.")
    field(page, "Dateline place").fill("Tokyo")
    field(page, "Dateline date").fill("2025-09-11")
    field(page, "Dateline date").press("Escape")

    page.get_by_role("button", name="Choose agency").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="New agency").click()
    modal.get_by_label("Name").fill("RIA Novosti")
    modal.get_by_role("button", name="Add the agency").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_agency-chooser, [data-chooser]").first).to_contain_text("RIA Novosti")

    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.locator("[data-contentpath=body] [contenteditable=true]").first
    paragraph.click()
    page.keyboard.type("Dock workers returned to the container terminal on Monday.")
    # The editor keeps the text it sends in a hidden field, a moment after the typing.
    sent = page.locator("[data-contentpath=body] input[type=hidden][name$='-value']").first
    expect(sent).to_have_value(re.compile("Dock workers returned"))
    publish(page)

    expect(page.locator(".messages")).to_contain_text("published")
    page.screenshot(path=str(settings.DATA_DIR / "screenshots" / "editor-published.png"))
    story = committed(lambda: ArticlePage.objects.get(title=HEADLINE))
    assert story.slug == "harbour-cranes-return-to-work-in-tokyo-after-a-week-long-strike-by-dock-workers"
    reader = open_context(browser, server_url).new_page()
    reader.goto(story.url)
    expect(reader.locator(".story__body p").first).to_have_text(
        "TOKYO, September 11 (RIA Novosti) – Dock workers returned to the container terminal on Monday."
    )


def test_an_error_on_another_tab_is_opened_for_the_editor(browser: Browser, server_url: str) -> None:
    page = new_editor_in_the_newsroom(browser, server_url)
    ArticleFactory(title="Polls open", slug="polls-open")
    story = ArticleFactory(title="Polls close", slug="polls-close")
    page.goto(f"/newsroom/pages/{story.pk}/edit/")
    page.get_by_role("tab", name="Promote").click()
    field(page, "Slug").fill("polls-open")
    page.get_by_role("tab", name="Content").click()

    publish(page)

    expect(page.get_by_role("tab", name=re.compile("Promote"))).to_have_attribute("aria-selected", "true")
    expect(field(page, "Slug")).to_be_focused()
    expect(page.get_by_text("The slug 'polls-open' is already in use")).to_be_visible()


@pytest.mark.parametrize(
    ("edition", "headline"), [("ru", "Щедрый урожай: ёлки и чай"), ("ar", "الرافعات تعود إلى العمل")]
)
def test_a_headline_in_another_script_gives_the_servers_latin_slug_while_it_is_typed(
    browser: Browser, server_url: str, edition: str, headline: str
) -> None:
    page = new_editor_in_the_newsroom(browser, server_url)
    page.goto(f"/newsroom/pages/add/articles/articlepage/{section_page(edition, 'world').pk}/")

    page.get_by_placeholder("Headline").fill(headline)
    page.get_by_placeholder("Headline").blur()
    page.get_by_role("tab", name="Promote").click()

    expect(field(page, "Slug")).to_have_value(slug_for(headline))
