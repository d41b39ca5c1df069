"""No page breaks its Content-Security-Policy: Chromium reports every violation (the
`securitypolicyviolation` event, listened for before any page script runs) while a reader and an
editor go through the main pages, and finds none, with the pages still working: the discussion
loads, live entries and the Newsfeed arrive, the editor's rich text, choosers and preview work.

The server is the real one (`tests.browser.server.granian_server`) reading the test database; the
test's writes commit (`committed_db`) so that it sees them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from dateline.accounts.models import ReaderProfile
from dateline.articles.models import Author
from dateline.coverage import actions as coverage_actions
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.discussion import actions as discussion_actions
from dateline.editions.models import SectionPage
from dateline.newsroom.roles import EDITORS, ensure_roles
from tests.browser.journeys import sign_in_to_the_newsroom
from tests.browser.standalone import browser, open_context, server_url  # noqa: F401
from tests.browser.stories import create_reader_site
from tests.factories import PASSWORD, ArticleFactory, NewsImageFactory, UserFactory

pytestmark = pytest.mark.browser

# Added before any page's own script: every violation is handed to the test as it happens.
LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${location.pathname}: ${event.effectiveDirective} refused ${event.blockedURI || "inline code"}` +
      ` (${event.sourceFile || "the page"}:${event.lineNumber})`
  );
});
"""


class Watched:
    """A browser whose pages report policy violations and script errors into two lists."""

    def __init__(self, browser: Browser, server_url: str) -> None:
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.context: BrowserContext = open_context(browser, server_url)
        self.context.expose_function("reportViolation", self.report)
        self.context.add_init_script(LISTENER)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))

    def report(self, violation: str) -> None:
        self.violations.append(violation)

    def visit(self, path: str) -> Page:
        self.page.goto(path)
        expect(self.page.locator("main, #main").first).to_be_visible()
        return self.page


@pytest.fixture
def watched(browser: Browser, server_url: str) -> Iterator[Watched]:
    watched = Watched(browser, server_url)
    yield watched
    watched.context.close()


def confirmed_reader(email: str, name: str):
    user = UserFactory(username=email.split("@")[0], email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    ReaderProfile.objects.create(user=user, display_name=name)
    return user


def running_coverage(section: SectionPage) -> LiveCoveragePage:
    coverage = LiveCoveragePage(
        title="Storm Amaru reaches the coast",
        lede="Gales and high water along the coast; the ports are closed.",
        dateline_place="Valparaíso",
        body=[],
    )
    section.add_child(instance=coverage)
    coverage.save_revision().publish()
    LiveEntry.objects.create(
        page=coverage,
        created_at=timezone.now() - timedelta(minutes=30),
        headline="Ports closed",
        body="<p>The harbour office closed the ports at dawn.</p>",
    )
    return LiveCoveragePage.objects.get(pk=coverage.pk)


def test_readers_pages_keep_to_their_policy_and_still_work(watched: Watched) -> None:
    site = create_reader_site()
    world = SectionPage.objects.get(locale__language_code="en", slug="world")
    tagged = ArticleFactory(title="Lighthouse keepers return to Fastnet", tags=["lighthouses"])
    author = Author.objects.get(name="Sam Whitlock")
    coverage = running_coverage(world)
    mina = confirmed_reader("mina@example.org", "Mina Sato")
    discussion_actions.do_post_comment(mina, tagged, "The light was missed on the coast.")
    home = world.get_parent().specific

    for path in (
        "/en/",
        site.world_section_path,
        home.url + home.reverse_subpage("tag", args=["lighthouses"]),
        author.get_url(),
        "/en/subscribe/",
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/ar/",
    ):
        watched.visit(path)

    # A story: the discussion loads under it, with its comment.
    page = watched.visit(tagged.url)
    expect(page.locator("#discussion")).to_contain_text("The light was missed on the coast.")
    expect(page.locator("#discussion .discussion__prompt")).to_contain_text("To participate")

    # A live coverage: a new entry arrives on the open page, and the Newsfeed counts a new story.
    page = watched.visit(coverage.url)
    expect(page.locator("body")).to_have_attribute("data-live-connected", "")
    coverage_actions.do_add_entry(
        LiveEntry(page=coverage, headline="Sea wall holds", body="<p>The water stopped short of the top.</p>")
    )
    expect(page.locator("[data-coverage-entries] > article").first).to_contain_text("Sea wall holds")
    ArticleFactory(title="Ferries resume on the Bosphorus")
    expect(page.locator("[data-newsfeed-count]")).to_have_text("1")

    # A signed-in reader: their settings and their public profile.
    page = watched.visit("/en/accounts/login/")
    page.get_by_label("E-mail address").fill(mina.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    watched.visit("/en/accounts/profile/")
    expect(page.get_by_label("Display name")).to_have_value("Mina Sato")
    watched.visit(f"/en/readers/{mina.pk}/")
    expect(page.locator("main")).to_contain_text("The light was missed on the coast.")

    assert not watched.violations, "\n".join(watched.violations)
    assert not watched.errors, "\n".join(watched.errors)


def test_the_newsroom_keeps_to_its_policy_and_its_editor_works(watched: Watched) -> None:
    ensure_roles()
    editor = UserFactory(username="desk-editor", groups=[EDITORS])
    story = ArticleFactory(title="Harbour cranes return to work")
    world = story.get_parent()
    NewsImageFactory(title="Cranes at dusk")
    discussion_actions.do_post_comment(
        confirmed_reader("ben@example.org", "Ben Adeyemi"), story, "Good news for the port."
    )

    sign_in_to_the_newsroom(watched.page, editor.username)
    for path in (
        f"/newsroom/pages/{world.pk}/",
        "/newsroom/images/",
        "/newsroom/comments/",
        "/newsroom/newsletters/",
    ):
        watched.visit(path)

    # A new story: its title, its rich text, an image from the chooser.
    page = watched.visit(f"/newsroom/pages/add/articles/articlepage/{world.pk}/")
    page.locator("#id_title").fill("Night ferries return")
    page.get_by_role("button", name="Choose an image").click()
    page.locator(".modal").get_by_role("link", name="Cranes at dusk").click()
    expect(page.locator("#id_lead_image-title")).to_contain_text("Cranes at dusk")

    # An existing story: type into its rich text, then look at the preview.
    page = watched.visit(f"/newsroom/pages/{story.pk}/edit/")
    paragraph = page.locator(".Draftail-Editor [contenteditable=true]").first
    paragraph.click()
    page.keyboard.type(" Typed in the newsroom.")
    expect(paragraph).to_contain_text("Typed in the newsroom.")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text("Harbour cranes return to work")

    assert not watched.violations, "\n".join(watched.violations)
    assert not watched.errors, "\n".join(watched.errors)
