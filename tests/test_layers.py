"""Dateline's code is layered (core, live, editions, the story apps, the apps about readers, the
entry points), each layer importing only those below it: `lint-imports` checks the layers, with
its contract in pyproject.toml. An import made inside a function escapes a reader of the module's
head, and is how a circle between layers used to be dodged, so such imports are counted here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("dateline", "config")
# Django requires a few: an AppConfig.ready() imports the module that connects its receivers.
MOST_FUNCTION_LEVEL_IMPORTS = 10


def imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return ["." * node.level + (node.module or "")]


def is_project_module(name: str) -> bool:
    return name.startswith(".") or name.split(".")[0] in PROJECT_PACKAGES


def function_level_imports() -> list[str]:
    """Every import of a project module made inside a function, as `path:line function: module`."""
    found = []
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        modules = [name for name in imported_modules(node) if is_project_module(name)]
                        if modules:
                            where = f"{path.relative_to(ROOT)}:{node.lineno} {function.name}"
                            found.append(f"{where}: {', '.join(modules)}")
    return found


def test_project_modules_are_imported_at_the_head_of_a_module_not_inside_functions():
    found = function_level_imports()
    assert len(found) <= MOST_FUNCTION_LEVEL_IMPORTS, (
        f"{len(found)} imports of project modules inside functions (at most "
        f"{MOST_FUNCTION_LEVEL_IMPORTS}): move what they need down a layer\n" + "\n".join(found)
    )


def test_an_import_inside_a_function_is_counted(tmp_path, monkeypatch):
    package = tmp_path / "dateline"
    package.mkdir()
    (package / "module.py").write_text(
        "from dateline import core\n\n\ndef late():\n    from dateline.editions import models\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "config").mkdir()

    assert function_level_imports() == ["dateline/module.py:5 late: dateline.editions"]
