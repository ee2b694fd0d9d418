"""An existing workbook at main's schema (Alembic revision 0004: the org tree and rights) upgrades in place to
revision 0005 (the change log, person history, archived flag and key-result lineage), losing nothing, and the
corrections work on it at once. (Issue 12's branch's own hand-made "version 4": tests/test_migrations.py.)"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from conftest import MOVED, undo_outcome_day, undo_private_parts, undo_way_up

from workbook.store import SCHEMA_VERSION, Store

V3_ONLY_KEYS = ("history", "person_history", "exported_at", "schema_version")
def moved_values(con: sqlite3.Connection, *, before: bool) -> dict[tuple[str, str], list[tuple]]:  # type: ignore[type-arg]
    """Each moved field's words by record id, read from its old column (``before``) or its part."""
    out = {}
    for parent, (part, key, fields) in MOVED.items():
        for f in fields:
            sql = (f"SELECT id, {f} FROM {parent} WHERE {f} <> '' ORDER BY id" if before else
                   f"SELECT {key}, {f} FROM {part} WHERE {f} <> '' ORDER BY {key}")
            out[(parent, f)] = con.execute(sql).fetchall()
    return out


def _as_revision_4(path: Path) -> None:
    """Make a workbook file look exactly as revision 0004 made it: no change log, no person history, no
    archived flag, no lineage column."""
    con = sqlite3.connect(path)
    for name, kind in con.execute("SELECT name, type FROM sqlite_master WHERE type IN ('trigger', 'view') "
                                  "AND name NOT IN ('shareable_notes')").fetchall():
        con.execute(f"DROP {kind.upper()} {name}")
    for table in ("change_log_fields", "change_log", "person_history", "side_drafts"):  # and what 0007 adds
        con.execute(f"DROP TABLE {table}")
    undo_outcome_day(con)  # what 0017 adds
    undo_way_up(con)  # what 0010 adds
    undo_private_parts(con)  # what 0009 moves
    con.execute("ALTER TABLE support DROP COLUMN requested_on")  # what 0008 adds
    con.execute("ALTER TABLE people DROP COLUMN archived")
    # a referencing column cannot be dropped in place: rebuild the table as version 2 created it
    con.execute("CREATE TABLE key_results_v2 (id INTEGER NOT NULL, objective_id INTEGER NOT NULL, position INTEGER NOT "
                "NULL, text TEXT NOT NULL, target_date DATE, outcome VARCHAR(20), outcome_note TEXT NOT NULL, PRIMARY KEY "
                "(id), UNIQUE (objective_id, position), FOREIGN KEY(objective_id) REFERENCES objectives (id) ON DELETE "
                "CASCADE)")
    con.execute("INSERT INTO key_results_v2 SELECT id, objective_id, position, text, target_date, outcome, outcome_note "
                "FROM key_results")
    con.execute("DROP TABLE key_results")
    con.execute("ALTER TABLE key_results_v2 RENAME TO key_results")
    con.execute("CREATE INDEX ix_key_results_objective_id ON key_results (objective_id)")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.execute("UPDATE alembic_version SET version_num = '0004'")
    con.commit()
    con.execute("VACUUM")
    con.close()


def _v3_view(data: dict) -> dict:  # type: ignore[type-arg]
    """An export as version 3 wrote it (without what version 3 adds)."""
    out = {k: v for k, v in data.items() if k not in V3_ONLY_KEYS}
    out["person"] = {k: v for k, v in out["person"].items() if k != "archived"}
    for q in out["okrs"]:
        for o in q["objectives"]:
            for kr in o["key_results"]:
                kr.pop("moved_from", None)
    return out


def test_a_revision_4_workbook_upgrades_in_place_losing_nothing(demo_master: Path, tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    shutil.copy(demo_master, path)
    _as_revision_4(path)
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] not in MOVED.get(t, ("", "", ()))[2]]
               for t in tables}
    before_rows = {t: con.execute(f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1").fetchall() for t in tables
                   if t not in ("meta", "alembic_version")}
    before_moved = moved_values(con, before=True)
    assert before_moved[("people", "motivations")] and before_moved[("check_ins", "summary")]
    con.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        exported = {p.id: _v3_view(store.export_person(p.id)) for p in store.people()}
        rows = {t: [tuple(r) for r in store.frame(f"SELECT * FROM {t} ORDER BY 1").itertuples(index=False)]
                for t in before_rows}
    con = sqlite3.connect(path)
    for table, old in before_rows.items():  # every row is still there (people and key results with their new column)
        new = con.execute(f"SELECT {', '.join(columns[table])} FROM {table} ORDER BY 1").fetchall()
        assert new == old, table
    assert moved_values(con, before=False) == before_moved  # and every private field's words, in its part
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    assert rows["notes"] and exported["priya"]["notes"]
    with Store(path) as store:
        note = int(store.notes_frame("priya", include_private=True)["id"].iloc[0])
        store.edit_note(note, text="corrected after the upgrade")
        store.set_archived("tomas", True)
        assert [c.action for c in store.history("priya")] == ["edit"]  # the log starts at the upgrade
        assert [p.id for p in store.people()] == sorted(set(exported) - {"tomas"})
        q = "2026Q4"  # open: no outcomes yet
        assert store.move_key_result("priya", q, 1, 1, to_quarter="2027Q1").key_result.moved_from is not None
    with Store(path) as store:  # opening again does not migrate again
        assert store.schema_version() == SCHEMA_VERSION
