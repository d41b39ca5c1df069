"""axe-core finds no serious or critical accessibility problem on the pages readers use most."""

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import BrowserContext

from tests.browser.stories import ReaderSite

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def audited_path(reader_site: ReaderSite, name: str) -> str:
    return {
        "English front page": "/en/",
        "World section": reader_site.world_section_path,
        "English story": reader_site.top_story.path,
        "Arabic front page": "/ar/",
        "Privacy page": "/en/privacy/",
        "Arabic about page": "/ar/about/",
        "Topics": "/en/tags/",
        "Authors": "/en/authors/",
        "Archive": "/en/archive/",
        "A month of the archive": f"/en/archive/{timezone.localdate():%Y/%m}/",
        "Chats": "/en/chats/",
        "Chat room": reader_site.chat_room_path,
        "Arabic chat room": reader_site.arabic_chat_room_path,
    }[name]


def describe(violations: list[dict[str, Any]]) -> str:
    """One paragraph per problem: what is wrong, where, and how axe suggests fixing it."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"       {summary_line}")
    return "\n".join(lines)


PAGES = [
    "English front page",
    "World section",
    "English story",
    "Arabic front page",
    "Privacy page",
    "Arabic about page",
    "Topics",
    "Authors",
    "Archive",
    "A month of the archive",
    "Chats",
    "Chat room",
    "Arabic chat room",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(
    new_context: Callable[..., BrowserContext], reader_site: ReaderSite, name: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(audited_path(reader_site, name))

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found on the {name}:\n{describe(blocking)}"
