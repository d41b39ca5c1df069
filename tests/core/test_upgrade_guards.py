"""The private hooks of Django and Wagtail that Dateline overrides or calls are still there, in the
shape Dateline uses them: an upgrade that removes, renames or reshapes one fails here, naming it.

The SQLite backend's writers' gate (`dateline/core/sqlite/base.py`) is built on Django's private
transaction hooks; the site lookup in `dateline/core/middleware.py` on Wagtail's private one and
the attribute Wagtail keeps its answer in; a page's free slug on Wagtail's private slug check.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.backends.sqlite3 import base as django_sqlite
from django.http import HttpRequest
from django.test import RequestFactory
from wagtail.models import Page, Site

from dateline.core.sqlite import base as dateline_sqlite

OURS = dateline_sqlite.DatabaseWrapper
DJANGOS = django_sqlite.DatabaseWrapper

# Private names our backend defines for its own use. Every other private name it defines
# overrides one of Django's, and must still be Django's after an upgrade.
OWN_PRIVATE_NAMES = frozenset(
    {"_gate", "_commits", "_begin_without_waiting", "_checkpoint", "_leave_gate", "_timeout"}
)
# The hooks the gate is entered and left in, named here as well as found below.
GATE_HOOKS = frozenset({"_start_transaction_under_autocommit", "_commit", "_rollback", "_close"})


def private_names_defined(cls: type) -> set[str]:
    """The single-underscore names `cls` itself defines (methods and class attributes)."""
    return {name for name in vars(cls) if name.startswith("_") and not name.startswith("__")}


def private_names_reached(cls: type) -> set[str]:
    """The single-underscore names `cls`'s source reaches through `super()` or `self`."""
    reached = set()
    for node in ast.walk(ast.parse(inspect.getsource(cls))):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        through_self = isinstance(node.value, ast.Name) and node.value.id == "self"
        through_super = (
            isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "super"
        )
        if through_self or through_super:
            reached.add(node.attr)
    return reached


def djangos_hooks_in_our_backend() -> list[str]:
    """Every private name of Django's that our backend overrides or calls, so that a new override
    or call is guarded without being listed."""
    return sorted(
        (GATE_HOOKS | private_names_defined(OURS) | private_names_reached(OURS)) - OWN_PRIVATE_NAMES
    )


def parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    """A function's parameters as a caller sees them: names, kinds and defaults, not annotations."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize("name", djangos_hooks_in_our_backend())
def test_each_private_hook_of_djangos_sqlite_backend_that_ours_uses_is_still_there(name: str) -> None:
    why = "dateline/core/sqlite/base.py overrides or calls it (the writers' gate)"
    assert hasattr(DJANGOS, name), (
        f"Django's SQLite DatabaseWrapper no longer has {name}, and {why}; "
        "if it is a helper of our own, add it to OWN_PRIVATE_NAMES"
    )
    ours, djangos = inspect.getattr_static(OURS, name, None), inspect.getattr_static(DJANGOS, name)
    if callable(ours):
        assert callable(djangos), f"Django's {name} is no longer a method, and {why}"
        assert parameters(ours) == parameters(djangos), (
            f"Django's {name} takes other arguments now, and {why}"
        )


def test_the_gates_hooks_are_all_found_in_our_backend() -> None:
    found = private_names_defined(OURS) & private_names_reached(OURS)

    assert found - OWN_PRIVATE_NAMES == GATE_HOOKS


def test_no_private_name_of_our_backends_own_is_also_djangos() -> None:
    # Django gaining a method of one of these names would have ours replace it unnoticed.
    assert private_names_defined(OURS) >= OWN_PRIVATE_NAMES, "a name listed as our own is no longer ours"
    shared = sorted(name for name in OWN_PRIVATE_NAMES if hasattr(DJANGOS, name))
    assert shared == [], f"Django's SQLite DatabaseWrapper now has {shared} too: rename ours"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the gate belongs to the embedded database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_django_still_calls_the_gates_hooks_as_a_transaction_begins_and_ends_and_a_connection_closes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    called: list[str] = []

    def recording(name: str) -> Callable[..., Any]:
        hook = getattr(OURS, name)

        def record(self: Any) -> Any:
            called.append(name)
            return hook(self)

        return record

    for name in GATE_HOOKS:
        monkeypatch.setattr(OURS, name, recording(name))

    with transaction.atomic():
        pass
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        1 / 0  # noqa: B018  # an error inside the transaction rolls it back
    connection.close()

    assert called == [
        "_start_transaction_under_autocommit",
        "_commit",
        "_start_transaction_under_autocommit",
        "_rollback",
        "_close",
    ]


def test_django_still_reads_a_requests_host_unchecked_with_a_private_method() -> None:
    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example:8000")

    assert parameters(HttpRequest._get_raw_host) == parameters(lambda self: None)
    assert request._get_raw_host() == "elsewhere.example:8000", "a host outside ALLOWED_HOSTS, unchecked"


def test_wagtails_private_site_lookup_is_still_a_function_of_the_request(editions: Any) -> None:
    request = RequestFactory().get("/en/")

    assert isinstance(inspect.getattr_static(Site, "_find_for_request", None), staticmethod), (
        "Wagtail's Site._find_for_request, which ContentVersionMiddleware.find_site calls, is gone "
        "or no longer a static method"
    )
    inspect.signature(Site._find_for_request).bind(request)
    assert Site._find_for_request(request) == Site.objects.get(is_default_site=True)


def test_wagtail_still_takes_a_requests_site_from_the_attribute_the_middleware_fills(
    db: None,
    django_assert_num_queries: Any,
) -> None:
    request = RequestFactory().get("/en/")
    site = Site(hostname="remembered.example")
    request._wagtail_site = site  # type: ignore[attr-defined]

    with django_assert_num_queries(0):
        found = Site.find_for_request(request)

    assert found is site, (
        "Wagtail's Site.find_for_request no longer answers from request._wagtail_site, where "
        "ContentVersionMiddleware puts the site it remembers: every request would look it up again"
    )


def test_wagtails_private_slug_check_still_takes_a_slug_a_parent_and_the_page(editions: Any) -> None:
    home = editions["en"]
    section = home.get_children().first()
    assert section is not None

    assert parameters(Page._slug_is_available) == [
        ("slug", inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.empty),
        ("parent_page", inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.empty),
        ("page", inspect.Parameter.POSITIONAL_OR_KEYWORD, None),
    ], "Wagtail's Page._slug_is_available, which ArticlePage.free_slug calls, takes other arguments"
    assert not Page._slug_is_available(section.slug, home, None)
    assert Page._slug_is_available(section.slug, home, section), "a page's own slug is free for it"
    assert Page._slug_is_available("a-slug-nobody-has", home, None)
