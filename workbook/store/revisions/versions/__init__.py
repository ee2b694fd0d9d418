"""One Alembic revision per schema version (0001 = version 1, ..., 0004 = version 4)."""
