"""Take the README's screenshots of the demo site in headless Chromium.

    DATELINE_DATA_DIR=/tmp/dateline-shots .venv/bin/dateline setup --demo
    DATELINE_DATA_DIR=/tmp/dateline-shots .venv/bin/python docs/screenshots.py

It serves the data directory's site on a free port (as `dateline serve` does), signs a newsroom
user in for the newsroom shot, and writes PNGs to docs/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from dateline.articles.models import ArticlePage
    from dateline.cli import granian_command

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        granian_command("127.0.0.1", port, 1), cwd=ROOT
    )
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"{base}/robots.txt", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        home = ArticlePage.objects.live().filter(locale__language_code="en").order_by("-first_published_at")
        story = home.exclude(lead_image=None).exclude(agency=None).first()
        assert story is not None, "run `dateline setup --demo` on this data directory first"
        client = Client()
        client.force_login(get_user_model().objects.filter(is_superuser=True).first())
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        # The ORM is not available inside Playwright's event loop: look everything up first.
        story_id, story_url = story.pk, story.url
        OUTPUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
            for name, path, height in [
                ("home", "/en/", 860),
                ("home-ar", "/ar/", 860),
                ("story", story_url, 1500),
            ]:
                page.set_viewport_size({"width": 1280, "height": height})
                page.goto(base + path)
                page.wait_for_timeout(800)
                page.screenshot(path=OUTPUT / f"{name}.png")
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
            newsroom = context.new_page()
            newsroom.goto(f"{base}/newsroom/pages/{story_id}/edit/")
            newsroom.wait_for_timeout(1200)
            newsroom.screenshot(path=OUTPUT / "newsroom.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"screenshots in {OUTPUT}")


if __name__ == "__main__":
    main()
