"""Alembic's environment: migrate on the connection the Store hands over (inside its own transaction)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the workbook always hands over its connection
    raise RuntimeError("run migrations through workbook.store.migrations.upgrade, which passes a connection")

# SQLite cannot ALTER most things: batch mode rebuilds a table when an operation needs it
context.configure(connection=connection, target_metadata=None,
                  render_as_batch=connection.dialect.name == "sqlite", transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
