"""The wire desk in Chromium, on the real server with its background work: an editor watching the
queue sees an item dropped into the agency's directory appear without a reload, previews it and
uses it into a draft."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Browser, expect

from dateline.articles.models import ArticlePage
from dateline.editions.setup import ensure_editions
from dateline.newsroom.roles import EDITORS, ensure_roles
from dateline.wire.models import WireSource, WireUse
from tests.browser.journeys import sign_in_to_the_newsroom
from tests.browser.server import granian_server
from tests.browser.standalone import browser, open_context  # noqa: F401
from tests.factories import PASSWORD, section_page
from tests.wire.conftest import ITEMS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_url(django_db_setup: None) -> Iterator[str]:
    """The real server, running the background work in its process (as `dateline serve` does)."""
    call_command("collectstatic", interactive=False, verbosity=0)
    log = settings.DATA_DIR / "wire-browser-server.log"
    environment = {"DATELINE_BACKGROUND_IN_SERVER": "true", "DATELINE_WIRE_POLL_SECONDS": "0.2"}
    with granian_server(connection.settings_dict, log, environment) as url:
        yield url


def test_an_editor_sees_a_dropped_item_arrive_previews_it_and_uses_it(
    browser: Browser, server_url: str, tmp_path: Path
) -> None:
    ensure_editions()
    editor = get_user_model().objects.create_user(
        username="wire-editor", email="wire-editor@example.org", password=PASSWORD, is_staff=True
    )
    editor.groups.add(ensure_roles()[EDITORS])
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    WireSource.objects.create(
        name="Example Wire",
        slug="example-wire",
        kind=WireSource.Kind.DIRECTORY,
        settings={"path": str(incoming), "settle_seconds": 0},
    )
    page = open_context(browser, server_url).new_page()
    sign_in_to_the_newsroom(page, editor.username)
    page.goto("/newsroom/wire/")
    expect(page.locator("body")).to_have_attribute("data-wire-connected", "")
    expect(page.locator("main")).to_contain_text("No agency items here yet.")
    assert Axe().run(page).violations_count == 0

    shutil.copyfile(ITEMS / "en-ninjs3-quake-v1.json", incoming / "quake.json")

    row = page.locator("tr[data-wire-item]").filter(has_text="northern Japan")
    expect(row).to_have_count(1)
    expect(row).to_have_class(re.compile("wire-urgent"))
    expect(page.locator(".wire-announcement")).to_contain_text("northern Japan")  # urgent: announced
    assert Axe().run(page).violations_count == 0

    row.get_by_role("link").click()
    expect(page.locator("main h2")).to_contain_text("northern Japan")
    page.get_by_label("Section").select_option(value=str(section_page("en", "world").pk))
    page.get_by_role("button", name="Use", exact=True).click()

    expect(page).to_have_url(re.compile(r"/newsroom/pages/\d+/edit/$"))
    story = ArticlePage.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    assert not story.live and story.title == "Strong earthquake shakes northern Japan"
    assert WireUse.objects.get(story=story).uri.endswith("quake-hokkaido")
    expect(page.locator("#wire-story-alerts")).to_contain_text("Made from the wire")


def test_an_editor_hands_out_a_push_secret_and_the_agency_pushed_item_arrives_in_the_queue(
    browser: Browser, server_url: str
) -> None:
    ensure_editions()
    editor = get_user_model().objects.create_user(
        username="push-editor", email="push-editor@example.org", password=PASSWORD, is_staff=True
    )
    editor.groups.add(ensure_roles()[EDITORS])
    WireSource.objects.create(name="Push Wire", slug="push-wire", kind=WireSource.Kind.PUSH)
    page = open_context(browser, server_url).new_page()
    sign_in_to_the_newsroom(page, editor.username)
    page.goto("/newsroom/wire/sources/")
    expect(page.locator("main")).to_contain_text("/wire/push/push-wire/")
    assert Axe().run(page).violations_count == 0

    page.get_by_role("button", name="Set a new secret").click()
    secret = page.locator(".wire-secret").inner_text()
    assert Axe().run(page).violations_count == 0
    page.goto("/newsroom/wire/")
    expect(page.locator("body")).to_have_attribute("data-wire-connected", "")

    pushed = httpx.post(
        f"{server_url}/wire/push/push-wire/",
        content=(ITEMS / "en-ninjs3-quake-v1.json").read_bytes(),
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )

    assert pushed.status_code == HTTPStatus.ACCEPTED
    expect(page.locator("tr[data-wire-item]").filter(has_text="northern Japan")).to_have_count(1)
