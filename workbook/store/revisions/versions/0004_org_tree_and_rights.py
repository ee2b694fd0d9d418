"""Schema version 4: the org tree (a manager is a person), note authors, users, who made each generated file,
and on PostgreSQL the rights.

Revision ID: 0004
Revises: 0003

* ``people.manager`` (free text) becomes ``manager_id``, a person in the workbook. A name that is a person's
  id, or exactly one person's name, is linked; any other name is kept in ``manager_name`` (shown, but
  outside the tree) so nothing is lost (docs/decisions/0003-org-tree.md).
* ``notes.author_id``: who wrote the note. Existing notes get the person's manager when that manager is a
  person, else NULL, which means the workbook's owner: the one user of a SQLite workbook
  (docs/decisions/0004-note-authors.md).
* ``users``: one per database login role (PostgreSQL only; a SQLite workbook is single-user).
* ``generated_files.made_by``: the user who made the file (PostgreSQL fills it in from the login role;
  NULL is the workbook's owner, the one user of a SQLite workbook). Who sees which records follows from it and from
  :data:`workbook.store.rights.RULES` (docs/decisions/0006-generated-files-rights.md).
* PostgreSQL: the row-level security policies compiled from :mod:`workbook.store.rights`.

On issue 15's branch, before it merged with issue 13, the org tree, authors and users were revision 0003;
a workbook made there is sent through issue 13's 0003 first (see ``migrations.upgrade``) and this revision
then leaves its org tree as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _add_person_ref(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a referencing column in place (no table rebuild)
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR(64) REFERENCES people (id) ON DELETE SET NULL")
    else:
        op.add_column(table, sa.Column(column, sa.String(64), nullable=True))
        op.create_foreign_key(f"fk_{table}_{column}", table, "people", [column], ["id"], ondelete="SET NULL")


def _link_managers() -> None:
    """Free-text managers become tree links where the text names exactly one person (by id, else by name)."""
    bind = op.get_bind()
    people = bind.execute(sa.text("SELECT id, name, manager FROM people")).all()
    ids = {p.id for p in people}
    by_name: dict[str, list[str]] = {}
    for p in people:
        by_name.setdefault(p.name.strip().casefold(), []).append(p.id)
    for p in people:
        text = (p.manager or "").strip()
        if not text:
            continue
        named = by_name.get(text.casefold(), [])
        match = text if text in ids else (named[0] if len(named) == 1 else None)
        if match is not None and match != p.id:
            bind.execute(sa.text("UPDATE people SET manager_id = :m WHERE id = :p"), {"m": match, "p": p.id})
        else:
            bind.execute(sa.text("UPDATE people SET manager_name = :m WHERE id = :p"), {"m": text, "p": p.id})


def upgrade() -> None:
    bind = op.get_bind()
    if "manager_id" not in {c["name"] for c in sa.inspect(bind).get_columns("people")}:
        _org_tree_authors_users()
    # else: made by issue 15's branch before the merge, where this part was revision 0003 (already there)
    # who made each generated file (NULL: the owner); on PostgreSQL the policies fill it in (install_policies)
    op.add_column("generated_files", sa.Column("made_by", sa.String(63), nullable=True))
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    if bind.dialect.name == "postgresql":
        from workbook.store.policies import install_policies

        install_policies(bind)


def _org_tree_authors_users() -> None:
    bind = op.get_bind()
    _add_person_ref("people", "manager_id")
    op.add_column("people", sa.Column("manager_name", sa.String(200), nullable=False, server_default=""))
    _link_managers()
    if bind.dialect.name == "sqlite":
        op.execute("ALTER TABLE people DROP COLUMN manager")  # SQLite >= 3.35: in place, no rebuild
    else:
        op.drop_column("people", "manager")
    op.create_index("ix_people_manager_id", "people", ["manager_id"])

    _add_person_ref("notes", "author_id")
    op.execute("UPDATE notes SET author_id = (SELECT manager_id FROM people WHERE people.id = notes.person_id)")

    op.create_table(
        "users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(63), nullable=False, unique=True),
        sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=True, unique=True),
        sa.Column("is_hr", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.CheckConstraint("is_hr OR person_id IS NOT NULL", name="ck_user_is_someone"),
    )


def downgrade() -> None:
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
