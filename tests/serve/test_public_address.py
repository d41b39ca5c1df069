"""`dateline serve --host --port`: the site's processes are told the public address (the operator's
DATELINE_BASE_URL, or else the address served on), every link follows it, and the start says
where the site is in one line, however much background work is waiting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from dateline.cli import serving_message, site_environment
from dateline.editions.setup import ensure_editions
from dateline.subscriptions.actions import send_confirmation
from tests.browser.server import database_url, free_port, mail_directory, stop, wait_until_serving
from tests.factories import ArticleFactory

WAITING_TASKS = 200


def test_the_port_served_on_is_the_public_address_unless_the_operator_named_one():
    assert site_environment({}, "127.0.0.1", 8080)["DATELINE_BASE_URL"] == "http://127.0.0.1:8080"
    assert site_environment({}, "news-desk.local", 80)["DATELINE_BASE_URL"] == "http://news-desk.local:80"
    assert site_environment({}, "::1", 8080)["DATELINE_BASE_URL"] == "http://[::1]:8080"
    named = {"DATELINE_BASE_URL": "https://news.example.org", "PATH": "/usr/bin"}
    assert site_environment(named, "127.0.0.1", 8080) == named


def test_a_server_on_every_interface_names_the_loopback_address_and_says_how_to_name_another():
    assert site_environment({}, "0.0.0.0", 8080)["DATELINE_BASE_URL"] == "http://127.0.0.1:8080"  # noqa: S104
    assert site_environment({}, "::", 8080)["DATELINE_BASE_URL"] == "http://[::1]:8080"

    message = serving_message("http://127.0.0.1:8080", "0.0.0.0", 8080)  # noqa: S104

    assert message.startswith("Dateline is serving http://127.0.0.1:8080/ from http://0.0.0.0:8080/ ")
    assert "set DATELINE_BASE_URL to the address readers use" in message


def test_behind_a_proxy_the_start_names_the_public_address_and_where_it_listens():
    message = serving_message("https://news.example.org", "127.0.0.1", 8000)

    assert message == (
        "Dateline is serving https://news.example.org/ from http://127.0.0.1:8000/ "
        "(newsroom: https://news.example.org/newsroom/). Ctrl+C stops it."
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_serve_on_another_port_writes_its_links_with_that_port_and_starts_in_one_line(
    committed_db, settings, tmp_path: Path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ensure_editions()  # set up on the default address, port 8000
    story = ArticleFactory()
    # Work waiting for the first start, as after `setup --demo` (each a confirmation for nobody).
    for _ in range(WAITING_TASKS):
        send_confirmation.enqueue(0, [])
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(django_settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
        "DATELINE_TEST_MAIL_DIR": str(mail_directory()),
    }
    environment.pop("DATELINE_BASE_URL", None)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "dateline.cli", "serve", "--port", str(port)],
            cwd=django_settings.BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_serving(process, address, log)
        with urllib.request.urlopen(address + story.url, timeout=10) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        assert page.select_one('link[rel="canonical"]')["href"] == address + story.url
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("127.0.0.1", port)

        deadline = time.monotonic() + 60
        while DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() < WAITING_TASKS:
            assert time.monotonic() < deadline, "the waiting tasks were not run within a minute"
            time.sleep(0.2)
    finally:
        stop(process)
    assert log.read_text().splitlines() == [
        f"Dateline is serving {address}/ (newsroom: {address}/newsroom/). Ctrl+C stops it."
    ]


def test_setup_for_another_port_prints_the_newsroom_at_that_port(tmp_path: Path):
    """As `make run PORT=8123` runs it, on a new installation."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATELINE_", "DATABASE_URL", "REDIS_URL", "PYTEST_"))
    }
    environment["DATELINE_DATA_DIR"] = str(tmp_path)

    result = subprocess.run(
        [sys.executable, "-m", "dateline.cli", "setup", "--port", "8123"],
        cwd=django_settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "URL:       http://127.0.0.1:8123/newsroom/" in result.stdout
