"""Alembic's migration scripts for the workbook schema (run by :mod:`workbook.store.migrations`, never by hand)."""
