"""Model rows read and written with statements built once, for the few requests that must be cheap.

Building a statement is most of what the ORM costs on a small request: on these machines 0.5–1 ms
for `Model.objects.filter(pk=…).first()` or `create()`, against 0.05–0.1 ms to run it. A reader's
comment makes a dozen statements, and every request loads its session and user. These helpers
write the statement once per model (its columns from the model's fields, so a migration needs no
change here), run it with the values given, and give back real model instances: the database's
values go through the same converters the ORM applies (dates, booleans, JSON).

A model that inherits from another (a Wagtail page type) is read from its table joined to its
parents' tables; `fields` names the columns to read when the rest is not wanted, leaving the others
deferred as the ORM's `only()` does.

An insert sends `pre_save` and `post_save` as `save()` does, so a receiver connected to a model
hears every new row however it was written. What they skip is the rest of the ORM's extras: no
default ordering or custom manager is applied.

Statements written out by hand live in one module per app beside its models (`queries.py`,
`dateline/live/outbox.py`), their table and column names from `names(Model)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from django.db import connections, models
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import Query

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Shape:
    """How one model's rows are inserted on one database."""

    insert: str  # "INSERT INTO <table> (<columns but the key>) VALUES (…)", RETURNING it if it can
    insert_fields: tuple[models.Field[Any, Any], ...]


@dataclass(frozen=True)
class _Selection:
    """Which columns of one model's rows are read, and how their values become the model's."""

    select: str  # "SELECT <the columns> FROM <table>" (joined to its parents' tables)
    attnames: tuple[str, ...]
    converters: dict[int, tuple[list[Any], Any]]


@cache
def _selection(model: type[models.Model], fields: tuple[str, ...] | None, using: str) -> _Selection:
    connection = connections[using]
    quote = connection.ops.quote_name
    opts = model._meta
    keys = {opts.pk.attname, *(parent._meta.pk.attname for parent in opts.get_parent_list())}  # type: ignore[union-attr]
    chosen = tuple(
        field
        for field in opts.concrete_fields
        if fields is None or field.attname in keys or field.name in fields or field.attname in fields
    )
    columns = ", ".join(f"{quote(field.model._meta.db_table)}.{quote(_column(field))}" for field in chosen)
    compiler = Query(model).get_compiler(using=using)
    converters = compiler.get_converters([field.get_col(field.model._meta.db_table) for field in chosen])
    return _Selection(
        select=f"SELECT {columns} FROM {tables(model, using)}",  # noqa: S608  (names from the model)
        attnames=tuple(field.attname for field in chosen),
        converters=converters,
    )


def tables(model: type[models.Model], using: str = "default") -> str:
    """The model's table, joined to its parent's by the link to it (a page type's to Wagtail's
    page table), and so on up the line of parents: what a statement reads the model's rows FROM."""
    quote = connections[using].ops.quote_name
    tables = quote(model._meta.db_table)
    child = model
    while child._meta.parents:
        parent, link = next(iter(child._meta.parents.items()))
        assert link is not None, f"{child} links to {parent} by a field"  # concrete inheritance
        parent_key = f"{quote(parent._meta.db_table)}.{quote(_column(parent._meta.pk))}"  # type: ignore[arg-type]
        tables += f" INNER JOIN {quote(parent._meta.db_table)} ON {quote(child._meta.db_table)}.{quote(_column(link))} = {parent_key}"
        child = parent
    return tables


@cache
def _shape(model: type[models.Model], using: str) -> _Shape:
    connection = connections[using]
    quote = connection.ops.quote_name
    table = model._meta.db_table
    pk = model._meta.pk
    insert_fields = tuple(field for field in model._meta.concrete_fields if field is not pk)
    placeholders = ", ".join(["%s"] * len(insert_fields))
    insert_columns = ", ".join(quote(_column(field)) for field in insert_fields)
    insert = f"INSERT INTO {quote(table)} ({insert_columns}) VALUES ({placeholders})"  # noqa: S608  (names from the model)
    if connection.features.can_return_columns_from_insert:
        insert += f" RETURNING {quote(_column(pk))}"  # type: ignore[arg-type]
    return _Shape(insert=insert, insert_fields=insert_fields)


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None, f"{field} has no column"  # concrete fields always have one
    return field.column


def fetch(
    model: type[M],
    where: str,
    params: Sequence[Any] = (),
    using: str = "default",
    fields: tuple[str, ...] | None = None,
) -> list[M]:
    """The rows of `model` matching `where` (SQL after WHERE, with %s placeholders), as instances;
    only `fields` (and the keys) read if they are given."""
    shape = _selection(model, fields, using)
    connection = connections[using]
    found = []
    for row in select(f"{shape.select} WHERE {where}", params, using):
        values = list(row)
        for index, (converters, expression) in shape.converters.items():
            for converter in converters:
                values[index] = converter(values[index], expression, connection)
        found.append(model.from_db(using, shape.attnames, values))
    return found


def fetch_first(
    model: type[M],
    where: str,
    params: Sequence[Any] = (),
    using: str = "default",
    fields: tuple[str, ...] | None = None,
) -> M | None:
    """The one row `where` names (a key or a unique column), or None."""
    found = fetch(model, f"{where} LIMIT 1", params, using, fields)
    return found[0] if found else None


def by_key(model: type[M], key: Any, using: str = "default") -> M | None:
    """The row of `model` whose primary key is `key`, or None."""
    pk = model._meta.pk
    assert pk is not None  # every model has one
    return fetch_first(model, f"{connections[using].ops.quote_name(_column(pk))} = %s", [key], using)


def value_of(field: models.Field[Any, Any], value: Any, using: str = "default") -> Any:
    """A value of `field` as the database gave it, converted as the ORM converts it (a date and
    time from SQLite's text, say): for columns `select` reads outside a whole model's row."""
    converters, expression = _field_converters(field, using)
    connection = connections[using]
    for converter in converters:
        value = converter(value, expression, connection)
    return value


@cache
def _field_converters(field: models.Field[Any, Any], using: str) -> tuple[list[Any], Any]:
    model = field.model
    expression = field.get_col(model._meta.db_table)
    found = Query(model).get_compiler(using=using).get_converters([expression])
    return found[0] if found else ([], expression)


def select(sql: str, params: Sequence[Any] = (), using: str = "default") -> list[tuple[Any, ...]]:
    """The rows of a written-out statement as the driver gives them (values not converted)."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def first(sql: str, params: Sequence[Any] = (), using: str = "default") -> tuple[Any, ...] | None:
    """The first row of a written-out statement, or None."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()  # type: ignore[no-any-return]


def execute(sql: str, params: Sequence[Any] = (), using: str = "default") -> None:
    """A written-out statement that returns nothing (an UPDATE, say)."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)


def placeholders(count: int) -> str:
    """ "%s, %s, …", `count` of them: for `IN (…)`."""
    return ", ".join(["%s"] * count)


def moment(value: datetime, using: str = "default") -> Any:
    """A date and time as a parameter of these statements (the ORM adapts them per database)."""
    return connections[using].ops.adapt_datetimefield_value(value)


def parameter(model: type[models.Model], field_name: str, value: Any, using: str = "default") -> Any:
    """A value of the field `field_name` as a parameter of these statements (a UUID, say, which
    SQLite stores as text), as the ORM adapts it."""
    field = model._meta.get_field(field_name)
    return field.get_db_prep_value(value, connections[using])  # type: ignore[union-attr]


class Names:
    """A model's table and column names as a statement writes them, quoted for the database:
    `str(names)` is the table, `names.story` the column of the field `story` ("story_id")."""

    def __init__(self, model: type[models.Model], using: str = "default") -> None:
        self._model = model
        self._quote = connections[using].ops.quote_name

    def __str__(self) -> str:
        return self._quote(self._model._meta.db_table)

    def __getattr__(self, field_name: str) -> str:
        return self._quote(_column(self._model._meta.get_field(field_name)))  # type: ignore[arg-type]


def names(model: type[models.Model], using: str = "default") -> Names:
    """The names to write `model`'s statements with (see `Names`)."""
    return Names(model, using)


def insert(instance: M, using: str = "default") -> M:
    """`instance.save()` for a new row: field defaults and `pre_save` (auto_now…) as the ORM does,
    its key (an automatic one) set from the database, and the `pre_save` and `post_save` signals."""
    model = type(instance)
    shape = _shape(model, using)
    connection = connections[using]
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    values = [
        field.get_db_prep_save(field.pre_save(instance, add=True), connection=connection)
        for field in shape.insert_fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(shape.insert, values)
        if connection.features.can_return_columns_from_insert:
            instance.pk = cursor.fetchone()[0]
        else:
            instance.pk = connection.ops.last_insert_id(cursor, model._meta.db_table, _column(model._meta.pk))
    instance._state.adding = False
    instance._state.db = using
    post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using)
    return instance
