"""The README's table of environment variables and the settings read the same variables, with the
same defaults, and a value that does not parse stops the site naming its variable.

Each settings module is imported in a process of its own, given only the variables a test names;
`env.dump()` then tells every variable the settings read and the value each took.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
TABLE_HEADER = "| variable | default | meaning |"
REQUIRED = object()
# One part of a default cell: a literal value or "none" (an empty one) or "required", perhaps a
# remark in brackets, and "in production" where the part is the production settings' own.
DEFAULT_PART = re.compile(
    r"^(?:`(?P<literal>[^`]*)`|(?P<word>none|required))(?: \(.*\))?(?P<production> in production)?$"
)
DUMP = "import importlib, json, sys; print(json.dumps(importlib.import_module(sys.argv[1]).env.dump()))"


@dataclass(frozen=True)
class Documented:
    """A variable as the README's table gives it: the value that stands for its default in the
    development settings (None where only production reads it) and in production."""

    development: str | None
    production: str | object


def readme_table() -> dict[str, Documented]:
    lines = README.read_text().splitlines()
    start = lines.index(TABLE_HEADER) + 2
    table: dict[str, Documented] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        name_cell, default_cell, _meaning = (cell.strip() for cell in line.strip().strip("|").split("|"))
        name = re.fullmatch(r"`([A-Z][A-Z0-9_]*)`", name_cell)
        assert name, f"not one variable's name: {name_cell}"
        development: str | None = None
        production: str | object | None = None
        for part in default_cell.split("; "):
            match = DEFAULT_PART.match(part)
            assert match, f"{name[1]}: cannot read the default {part!r}"
            value = REQUIRED if match["word"] == "required" else (match["literal"] or "")
            if match["production"]:
                production = value
            else:
                assert isinstance(value, str), f"{name[1]}: only production may require a variable"
                development = value
        assert development is not None or production is not None
        table[name[1]] = Documented(development, development if production is None else production)
    return table


def read_settings(module: str, **variables: str) -> dict[str, Any]:
    """Every variable `module` reads and the value it took, given only `variables`."""
    result = run_settings(module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run_settings(module: str, **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), **variables}
    return subprocess.run(
        [sys.executable, "-c", DUMP, module],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def same(given: Any, default: Any) -> bool:
    """Whether a variable set to the README's value took its default: a path the README gives
    relative to the project's folder is the settings' absolute one."""
    if given == default:
        return True
    return (
        isinstance(given, str)
        and isinstance(default, str)
        and default.startswith("/")
        and (ROOT / given).resolve() == Path(default)
    )


def required_in_production(table: dict[str, Documented]) -> dict[str, str]:
    return {name: "set-by-the-test" for name, row in table.items() if row.production is REQUIRED}


def test_the_readme_lists_every_variable_the_settings_read_and_no_other():
    table = readme_table()
    development = read_settings("config.settings.base")
    production = read_settings("config.settings.production", **required_in_production(table))

    assert sorted(development) == sorted(name for name, row in table.items() if row.development is not None)
    assert sorted(production) == sorted(table)


def test_a_variable_set_to_the_default_the_readme_gives_changes_nothing():
    table = readme_table()
    untouched = read_settings("config.settings.base")
    given = read_settings(
        "config.settings.base",
        **{name: row.development for name, row in table.items() if row.development is not None},
    )

    differing = {
        name: (given[name], untouched[name]) for name in untouched if not same(given[name], untouched[name])
    }
    assert not differing, "README default, settings default: " + repr(differing)


def test_in_production_too_a_variable_set_to_the_readme_default_changes_nothing():
    table = readme_table()
    required = required_in_production(table)
    untouched = read_settings("config.settings.production", **required)
    given = read_settings(
        "config.settings.production",
        **{name: row.production for name, row in table.items() if isinstance(row.production, str)},
        **required,
    )

    differing = {
        name: (given[name], untouched[name])
        for name in untouched
        if name not in required and not same(given[name], untouched[name])
    }
    assert not differing, "README default, settings default: " + repr(differing)


def test_production_refuses_to_start_without_each_variable_the_readme_says_it_requires():
    required = required_in_production(readme_table())
    assert required

    for name in required:
        result = run_settings(
            "config.settings.production", **{k: v for k, v in required.items() if k != name}
        )

        assert result.returncode != 0
        assert f'"{name}"' in result.stderr


def test_the_development_settings_read_what_the_shared_ones_do_with_the_same_defaults(tmp_path):
    # With a data directory of their own: the development settings make a secret key in it.
    shared = read_settings("config.settings.base", DATELINE_DATA_DIR=str(tmp_path))

    assert read_settings("config.settings.dev", DATELINE_DATA_DIR=str(tmp_path)) == shared


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATELINE_DJANGO_THREADS", "four"),
        ("DATELINE_HUB_POLL_SECONDS", "a quarter"),
        ("DJANGO_DEBUG", "maybe"),
        ("DATELINE_COMMENT_RATE", "six a minute"),
        ("DATABASE_URL", "postgress://db.example.org/dateline"),
        ("REDIS_URL", "127.0.0.1:6379"),
    ],
)
def test_a_value_that_does_not_parse_stops_the_site_naming_its_variable(name, value, tmp_path):
    result = run_settings("config.settings.dev", DATELINE_DATA_DIR=str(tmp_path), **{name: value})

    assert result.returncode != 0
    assert f'Environment variable "{name}" invalid' in result.stderr
