"""The parts of a request timed on their own, and the time spent in SQL, for the comment profiles."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.harness.report import fmt

# What the profiles time separately: (label, module, attribute, the request it is part of: a POST
# of a comment or the GET of a discussion's page, or both). Nested parts are inside the ones
# above them; a part the code no longer has is reported as such.
PARTS = [
    ("session and user loaded (auth middleware)", "django.contrib.auth.middleware", "get_user", "POST GET"),
    ("site and editions looked up again: the content version changed", "dateline.editions.middleware", "EditionSiteMiddleware.find_site", "POST"),
    ("site and editions (remembered per content version)", "dateline.editions.middleware", "EditionSiteMiddleware.find_site", "GET"),
    ("the view, all of it", "dateline.discussion.views", "post_comment", "POST"),
    ("· the action: do_post_comment", "dateline.discussion.actions", "do_post_comment", "POST"),
    ("· · checks: confirmed e-mail, story open", "dateline.discussion.actions", "check_can_post", "POST"),
    ("· · the reader's standing", "dateline.discussion.rules", "standing_of", "POST"),
    ("· · the rules (words, links, repeats)", "dateline.discussion.rules", "screen", "POST"),
    ("· · rows written (comment, notification, outbox event)", "dateline.core.rows", "insert", "POST"),
    ("· · notify_comment: published count, comment HTML, outbox row (in the transaction)", "dateline.discussion.actions", "notify_comment", "POST"),
    ("· · · the comment's markup", "dateline.discussion.markup", "comment_html", "POST"),
    ("· · the commit", "django.db.transaction", "Atomic.__exit__", "POST"),
    ("the view, all of it", "dateline.discussion.views", "discussion", "GET"),
    ("· the template, discussion/panel.html (its queries included)", "dateline.discussion.views", "render", "GET"),
    ("· · {% url %} tags", "django.template.defaulttags", "URLNode.render", "GET"),
    ("· · {% csrf_token %} tags", "django.template.defaulttags", "CsrfTokenNode.render", "GET"),
    ("· · comment text to HTML (comment_text)", "dateline.discussion.text", "render_comment", "GET"),
]  # fmt: skip
POST_PARTS = [
    (label, module, attribute) for label, module, attribute, requests in PARTS if "POST" in requests
]
PAGE_PARTS = [(label, module, attribute) for label, module, attribute, requests in PARTS if "GET" in requests]


@contextlib.contextmanager
def timing_parts(totals: dict[str, float], parts: Sequence[tuple[str, str, str]]) -> Iterator[list[str]]:
    """Wrap each of `parts` so that its wall time adds up in `totals`; yields those not found."""
    undo = []
    missing = []
    for label, module_name, attribute in parts:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for step in path:
            owner = getattr(owner, step, None)
        if owner is None or not hasattr(owner, name):
            missing.append(label)
            continue
        raw = inspect.getattr_static(owner, name)
        original = getattr(owner, name)

        def wrapper(*args: Any, _original: Any = original, _label: str = label, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                totals[_label] += time.perf_counter() - began

        setattr(owner, name, staticmethod(wrapper) if isinstance(raw, staticmethod) else wrapper)
        undo.append((owner, name, raw))
    # The URL patterns hold the views themselves: point them at the wrappers too.
    from dateline.discussion import urls

    for pattern in urls.urlpatterns:
        for owner, name, raw in list(undo):
            if pattern.callback is raw:
                pattern.callback = getattr(owner, name)
                undo.append((pattern, "callback", raw))
    try:
        yield missing
    finally:
        for owner, name, raw in undo:
            setattr(owner, name, raw)


@dataclass
class SQLClock:
    """Per thread: time in the driver, waiting to begin a write transaction, and holding it."""

    statements: int = 0
    seconds: float = 0.0
    begin_wait: list[float] = field(default_factory=list)
    held: list[float] = field(default_factory=list)
    _began: float = 0.0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        """Django's execute wrapper hook: time the statement."""
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            done = time.perf_counter()
            self.statements += 1
            self.seconds += done - started
            if sql.startswith("BEGIN"):
                self.begin_wait.append(done - started)
                self._began = done

    @contextlib.contextmanager
    def watching(self, connection: Any) -> Iterator[None]:
        """Count this connection's statements, and its commits (which are no statements)."""
        original = connection._commit

        def commit() -> Any:
            try:
                return original()
            finally:
                if self._began:
                    self.held.append(time.perf_counter() - self._began)
                    self._began = 0.0

        connection._commit = commit
        try:
            with connection.execute_wrapper(self):
                yield
        finally:
            del connection._commit


@dataclass
class Timed:
    """Requests made one after the other: each one's seconds, its parts' and its SQL's."""

    timings: list[float]
    parts: dict[str, float]
    clock: SQLClock
    missing: list[str]

    @property
    def whole(self) -> float:
        """Seconds of all the requests."""
        return sum(self.timings)

    def mean_ms(self, seconds: float) -> str:
        """`seconds` over all the requests as milliseconds a request."""
        return fmt(seconds * 1000 / len(self.timings), 2)

    def parts_table(self, request: str, parts: Sequence[tuple[str, str, str]]) -> list[str]:
        """The table of the parts, a row each, in markdown (its SQL rows are the caller's to add)."""
        lines = [
            f"| part | ms a {request} (mean) | share |",
            "|---|---|---|",
            f"| the whole request through the test client | {self.mean_ms(self.whole)} | 100% |",
        ]
        for label, _module, _attribute in parts:
            if label in self.parts:
                lines.append(
                    f"| {label} | {self.mean_ms(self.parts[label])} | {self.parts[label] / self.whole:.0%} |"
                )
        return lines


def time_requests(request: Callable[[], Any], times: int, parts: Sequence[tuple[str, str, str]]) -> Timed:
    """`times` requests one after the other, with their parts and their SQL timed."""
    from django.db import connection

    totals: defaultdict[str, float] = defaultdict(float)
    clock = SQLClock()
    timings = []
    with clock.watching(connection), timing_parts(totals, parts) as missing:
        for _ in range(times):
            began = time.perf_counter()
            request()
            timings.append(time.perf_counter() - began)
    return Timed(timings, totals, clock, missing)
