"""SQLite's plan for a statement the code ran: what tests that guard an index read."""

from __future__ import annotations

from django.db import connection


def sqlite_plan(sql: str) -> list[str]:
    """The steps of `EXPLAIN QUERY PLAN` for a statement as CaptureQueriesContext logged it."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [str(row[-1]) for row in cursor.fetchall()]
