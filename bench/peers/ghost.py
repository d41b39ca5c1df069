"""Ghost as a peer of Dateline's uncached pages: its owner account and the story both sites show.

    python -m bench.peers.ghost http://127.0.0.1:9005

Run by bench/peers/ghost.sh once Ghost answers. Through Ghost's Admin API (session auth) it creates
the owner if Ghost has none, deletes the sample posts and pages Ghost starts with, and publishes the
demo story that bench/peers/pages.py measures on Dateline (its title, lede and body: paragraphs,
subheadings and quotes; Ghost gets no images), so that Ghost's home lists it. Standard library only,
plus the demo content (plain data), so that it runs with any Python 3.
"""

from __future__ import annotations

import html
import http.cookiejar
import json
import sys
import urllib.error
import urllib.request
from typing import Any

from dateline.demo.content import Block, Story
from dateline.demo.stories import world

OWNER_EMAIL = "bench@example.com"
OWNER_PASSWORD = "Bench-pw-123456!"  # noqa: S105  (a loopback peer's throwaway owner)
# The story both sites show: the newest English story of the demo's World section.
STORY_KEY = "tokyo-earthquake-drill"
GHOST_SLUG = STORY_KEY


def measured_story() -> Story:
    """The demo story bench/peers/pages.py measures on Dateline and this module publishes in Ghost."""
    return next(story for story in world.STORIES if story.key == STORY_KEY)


def ghost_body(blocks: list[Block]) -> str:
    """The story's body as Ghost's HTML source takes it (paragraph text is already markup)."""
    parts = []
    for kind, *values in blocks:
        if kind == "p":
            parts.append(f"<p>{values[0]}</p>")
        elif kind == "h":
            parts.append(f"<h2>{html.escape(values[0])}</h2>")
        elif kind == "quote":
            text, speaker, role = values
            parts.append(
                f"<blockquote><p>{html.escape(text)}</p><p>{html.escape(speaker)}, {html.escape(role)}</p></blockquote>"
            )
    return "".join(parts)


class AdminAPI:
    """Ghost's Admin API with a session cookie, as Ghost's own admin client calls it."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        """The status and the decoded JSON answer (or the text of an error) of one call."""
        request = urllib.request.Request(
            f"{self.base}/ghost/api/admin{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Origin": self.base, "Accept-Version": "v6.0"},
        )
        try:
            with self.opener.open(request) as answer:
                text = answer.read()
                # A session's sign-in answers with plain text ("Created"), every other call with JSON.
                is_json = answer.headers.get_content_type() == "application/json"
                return answer.status, json.loads(text) if text and is_json else text.decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")[:500]


def set_up(base: str) -> str:
    """Owner, no samples, the story published: the story's address on Ghost."""
    api = AdminAPI(base)
    _status, answer = api.call("GET", "/authentication/setup/")
    if not answer["setup"][0]["status"]:
        owner = {
            "name": "Bench Editor",
            "email": OWNER_EMAIL,
            "password": OWNER_PASSWORD,
            "blogTitle": "Peer News",
        }
        status, answer = api.call("POST", "/authentication/setup/", {"setup": [owner]})
        if status >= 300:
            raise SystemExit(f"Ghost refused the owner account: {status} {answer}")
    status, answer = api.call("POST", "/session/", {"username": OWNER_EMAIL, "password": OWNER_PASSWORD})
    if status >= 300:
        raise SystemExit(f"Ghost refused the owner's sign-in: {status} {answer}")
    for kind in ("posts", "pages"):
        _status, answer = api.call("GET", f"/{kind}/?limit=all&fields=id,slug")
        for item in answer[kind]:
            if item["slug"] != GHOST_SLUG:
                api.call("DELETE", f"/{kind}/{item['id']}/")
    _status, answer = api.call("GET", f"/posts/slug/{GHOST_SLUG}/")
    if isinstance(answer, dict):
        return str(answer["posts"][0]["url"])
    english = measured_story().versions["en"]
    post = {
        "title": english.title,
        "slug": GHOST_SLUG,
        "custom_excerpt": english.lede,
        "html": ghost_body(english.body),
        "status": "published",
    }
    status, answer = api.call("POST", "/posts/?source=html", {"posts": [post]})
    if status != 201:
        raise SystemExit(f"Ghost refused the story: {status} {answer}")
    return str(answer["posts"][0]["url"])


def main() -> int:
    """Set Ghost up at the address given (default http://127.0.0.1:9005) and say where the story is."""
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9005"
    print(f"Ghost's story: {set_up(base)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
