"""The settings of `make run` and `dateline serve` answer at the public address they are given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def allowed_hosts(base_url: str, data_dir: Path) -> list[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATELINE_", "PYTEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATELINE_BASE_URL=base_url,
        DATELINE_DATA_DIR=str(data_dir),
    )
    script = "from django.conf import settings; print(' '.join(settings.ALLOWED_HOSTS))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("base_url", "host"),
    [
        ("http://192.168.1.20:8080", "192.168.1.20"),
        ("http://news-desk.local", "news-desk.local"),
        ("http://[fd00::5]:8000", "[fd00::5]"),
    ],
)
def test_a_server_given_a_public_address_answers_requests_for_its_host(base_url, host, tmp_path):
    hosts = allowed_hosts(base_url, tmp_path)

    assert host in hosts
    assert {"127.0.0.1", "localhost", "[::1]"} <= set(hosts)
