"""The production settings pass Django's deployment checklist when given their environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parents[2]


def manage(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def deployment_environment(data_dir: Path) -> dict[str, str]:
    """What an operator gives a public deployment: a secret, the host names, an HTTPS address."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATELINE_", "PYTEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="news.example.org",
        DATELINE_BASE_URL="https://news.example.org",
        DATELINE_DATA_DIR=str(data_dir),
    )
    return environment


def test_production_settings_pass_the_deployment_checks_without_a_warning(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=deployment_environment(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    environment = deployment_environment(tmp_path)
    del environment["DJANGO_SECRET_KEY"]

    result = manage("check", environment=environment)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
