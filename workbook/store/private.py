"""Read and write the fields only the 1:1 reads, kept in tables of their own (schema.PRIVATE_PARTS, revision 0009).

A record's shareable columns stay in its table; its private fields (a check-in's summary line, the onboarding
motivations, a goal's draft and feedback, an objective's pre-work) live in a one-row part keyed by the
record's id, so PostgreSQL's row-level security can give them a rule of their own (store/rights.py
"read_working", "read_manager"). Reads join the part and give "" where there is no row or the reader may not
read it; writes split a record's values and keep the part in step, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import PRIVATE_PARTS

__all__ = ["private_fields", "select_with_private", "private_columns", "with_private", "split_private",
           "save_private", "private_row"]


def private_fields(parent: sa.Table) -> tuple[str, ...]:
    """The private fields of ``parent``'s records (e.g. ``("summary",)`` for check-ins)."""
    part, key = PRIVATE_PARTS[parent.name]
    return tuple(c.name for c in part.c if c.name != key)


def private_columns(parent: sa.Table) -> list[sa.ColumnElement[Any]]:
    """Each private field of ``parent``, labelled with its name: "" where nothing is stored or the reader may
    not read it (use with :func:`with_private`)."""
    part, _key = PRIVATE_PARTS[parent.name]
    return [sa.func.coalesce(part.c[f], "").label(f) for f in private_fields(parent)]


def with_private(parent: sa.Table | sa.Join, table: sa.Table | None = None) -> sa.Join:
    """``parent`` (a table, or a join holding ``table``) left-joined to ``table``'s private part."""
    table = table if table is not None else parent  # type: ignore[assignment]
    assert isinstance(table, sa.Table)
    part, key = PRIVATE_PARTS[table.name]
    return parent.outerjoin(part, part.c[key] == table.c.id)


def select_with_private(parent: sa.Table) -> sa.Select[Any]:
    """SELECT every column of ``parent`` and its private fields (the record as it was one table)."""
    return sa.select(*parent.c, *private_columns(parent)).select_from(with_private(parent))


def split_private(parent: sa.Table, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``values`` for a ``parent`` row as (its own columns, its private fields)."""
    fields = private_fields(parent)
    return ({k: v for k, v in values.items() if k not in fields}, {k: values[k] for k in fields if k in values})


def private_row(parent: sa.Table, row_id: Any, values: Mapping[str, Any]) -> dict[str, Any] | None:
    """The private part's row for record ``row_id`` (every field, "" where not given), or None when every
    field is empty (no row is stored for nothing)."""
    part, key = PRIVATE_PARTS[parent.name]
    row = {f: values.get(f) or "" for f in private_fields(parent)}
    return {key: row_id, **row} if any(row.values()) else None


def save_private(conn: Connection, parent: sa.Table, row_id: Any, values: Mapping[str, Any]) -> None:
    """Store the private ``values`` of record ``row_id`` (the fields given; the others keep theirs). Inside
    the caller's transaction; only a writer of the record gets here (who also reads these fields)."""
    if not values:
        return
    part, key = PRIVATE_PARTS[parent.name]
    clean = {k: v or "" for k, v in values.items()}
    if conn.execute(part.update().where(part.c[key] == row_id).values(**clean)).rowcount:
        return
    row = private_row(parent, row_id, clean)
    if row is not None:
        conn.execute(part.insert().values(**row))
