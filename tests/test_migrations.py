"""Schema upgrades through Alembic: today's files (v1, v2) upgrade in place losing nothing; newer ones are refused."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import MOVED, undo_career_words, undo_outcome_day, undo_private_parts, undo_way_up

from workbook.core.errors import StoreError
from workbook.core.model import Note, Person
from workbook.store import SCHEMA_VERSION, Store
from workbook.store.migrations import HEAD, REVISIONS, SCRIPTS

DATA = Path(__file__).resolve().parent / "data"
V2_SQL = DATA / "workbook_v2.sql"  # dumped from the pre-Alembic code (see its header)
TABLES = ["people", "notes", "growth_plans", "goals", "goal_competencies", "okr_quarters", "objectives",
          "key_results", "support", "check_ins", "kr_statuses", "obstacles", "trial_runs", "actions"]


def _v2_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript(V2_SQL.read_text(encoding="utf-8"))
    con.close()
    return path


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, as the old schema had it (sorted), read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


def test_the_revision_list_matches_alembic_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(REVISIONS)
    assert len(REVISIONS) == SCHEMA_VERSION


def test_a_version_2_workbook_made_by_the_old_code_upgrades_in_place_losing_nothing(tmp_path) -> None:
    path = _v2_file(tmp_path / "old.db")
    before = _rows(path)
    people_before = {r[0]: r for r in before["people"]}  # id, name, track, level, ladder, manager, motivations, started
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        after = _rows(path)
        for table in TABLES:
            assert len(after[table]) == len(before[table]), table
        # every old column keeps every value; notes gain author_id (NULL: the owner wrote them, no manager person)
        con = sqlite3.connect(path)
        old_notes = {r[0]: r for r in before["notes"]}
        for row in con.execute("SELECT id, person_id, date, direction, topic, setting, text, visibility, follow_up, "
                               "follow_up_due, follow_up_done, author_id FROM notes"):
            assert row[:11] == old_notes[row[0]], row[0]
            assert row[11] is None
        for pid, name, manager_id, manager_name in con.execute("SELECT id, name, manager_id, manager_name FROM people"):
            assert name == people_before[pid][1]
            assert manager_id is None and manager_name == people_before[pid][5]  # "Maya Chen" matches no person
        con.close()
        assert s.person("priya").manager == "Maya Chen"
        private = s.notes_frame(include_private=True)
        assert (private["visibility"] == "private").sum() == sum(1 for r in before["notes"] if r[7] == "private") > 0
        assert len(s.shareable_notes_frame()) == sum(1 for r in before["notes"] if r[7] == "shared")
        assert s.plan("priya", 2026) is not None and s.check_ins("priya")
        tree = s.org_tree()
        maya = next(n for n in tree if n.name == "Maya Chen")
        assert maya.id == "" and maya.below == 6
    with Store(path) as again:  # a second open finds nothing to do
        assert again.schema_version() == SCHEMA_VERSION


def test_a_free_text_manager_naming_a_person_becomes_a_tree_link(tmp_path) -> None:
    path = _v2_file(tmp_path / "old.db")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO people (id, name, track, level, ladder, manager, motivations) "
                "VALUES ('maya', 'Maya Chen', '', '', '', '', '')")
    con.commit()
    con.close()
    with Store(path) as s:
        assert s.person("priya").manager == "maya" and s.person("maya").manager == ""
        assert s.managers()["jun"] == "maya"
        notes = s.notes_frame("priya", include_private=True)
        assert set(notes["author_id"]) == {"maya"}  # existing notes: the person's manager wrote them
        assert [n.id for n in s.org_tree() if n.depth == 1][:2] == ["amara", "farah"]


def test_a_version_1_workbook_gets_both_later_versions(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "v1.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # revision 0001 is the frozen version-1 schema; a pre-Alembic file had no stamp
        cfg = Config()
        cfg.set_main_option("script_location", str(SCRIPTS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql("DROP TABLE alembic_version")
        conn.exec_driver_sql("INSERT INTO people VALUES ('ana', 'Ana', '', '', '', 'Maya', '', NULL)")
        conn.exec_driver_sql("INSERT INTO notes (person_id, date, direction, topic, setting, text, visibility, "
                             "follow_up, follow_up_due) VALUES ('ana', '2027-01-10', 'pull', 'interests', '1:1', "
                             "'kept across the migration', 'private', 'send the course link', NULL)")
    engine.dispose()
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        notes = s.notes_frame("ana", include_private=True)
        assert notes["text"].tolist() == ["kept across the migration"]
        assert notes["follow_up_done"].tolist() == [False]
        s.set_follow_up_done(int(notes["id"][0]))
        assert bool(s.notes_frame("ana", include_private=True)["follow_up_done"][0]) is True
        assert s.person("ana").manager == "Maya"


def test_a_newer_workbook_is_refused_and_left_alone(tmp_path) -> None:
    path = tmp_path / "w.db"
    with Store(path):
        pass
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this workbook"):
        Store(path)


def test_a_failed_upgrade_changes_nothing(tmp_path, monkeypatch) -> None:
    path = _v2_file(tmp_path / "old.db")
    before = _rows(path)
    import workbook.store.migrations as migrations

    real = migrations.upgrade

    def upgrade_then_fail(conn):  # the whole upgrade ran, then something failed before the commit
        real(conn)
        raise sa.exc.OperationalError("after the upgrade", {}, Exception("disk I/O error"))

    monkeypatch.setattr("workbook.store.base.upgrade", upgrade_then_fail)
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("2",)
    assert "manager" in [r[1] for r in con.execute("PRAGMA table_info(people)")]
    con.close()
    assert _rows(path) == before


def test_postgres_gets_the_same_schema_and_the_view_filters(pg_url) -> None:
    with Store(pg_url) as s:
        assert s.schema_version() == SCHEMA_VERSION
        s.add_person(Person(id="ana", name="Ana"))
        s.add_note(Note(person="ana", date=dt.date(2027, 1, 1), direction="pull", topic="goals", text="secret"))
        assert len(s.shareable_notes_frame()) == 0 and len(s.notes_frame(include_private=True)) == 1


# -- issue 13's hand-made version 3 (generated files, the marker), as main wrote it before this history ----
V3_SQL = DATA / "workbook_v3.sql"  # dumped from main's pre-Alembic code (see its header)
V3_ROOT = "/tmp/wb-v3-fixture"  # where that code put its files; each test puts its own folder there
V3_TABLES = [*TABLES, "generated_files", "generated_about", "meta"]


def _v3_file(tmp_path: Path) -> tuple[Path, Path]:
    """The version 3 workbook, its recorded paths moved under ``tmp_path``, and the files it records made
    there (plus one it never made); returns (workbook, output folder)."""
    path = tmp_path / "v3.db"
    con = sqlite3.connect(path)
    con.executescript(V3_SQL.read_text(encoding="utf-8").replace(V3_ROOT, str(tmp_path)))
    files = [Path(p) for (p,) in con.execute("SELECT path FROM generated_files")]
    con.close()
    for f in files:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("{}", encoding="utf-8")
    (tmp_path / "out" / "stages" / "priya" / "notes-by-hand.ipynb").write_text("{}", encoding="utf-8")
    return path, tmp_path / "out"


def test_a_version_3_workbook_made_by_issue_13s_code_upgrades_in_place_losing_nothing(tmp_path) -> None:
    path, _out = _v3_file(tmp_path)
    con = sqlite3.connect(path)
    before = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in V3_TABLES}
    columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in V3_TABLES}
    con.close()
    assert ("schema_version", "3") in before["meta"] and ("application", "career-conversation-workbook") in before["meta"]
    assert len(before["generated_files"]) == 4 and len(before["generated_about"]) == 10
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.limits().max_goals == 4 and Path(tmp_path / "ladders") in s.ladder_folders()
        recorded = {(str(f.path), f.kind, f.period, f.people, f.made_by) for f in s.generated_files()}
        assert recorded == {(p, k, per, tuple(sorted(pid for fid, pid in before["generated_about"] if fid == i)), None)
                            for i, p, k, per, _made in before["generated_files"]}
        assert s.person("priya").manager == "Maya Chen"  # a free-text manager matching no person: kept as a name
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    after_meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    assert after_meta == {**dict(before["meta"]), "schema_version": str(SCHEMA_VERSION)}
    # every row of every table keeps every value of every old column (the private fields in their parts since
    # revision 0009; the free-text manager column became manager_id / manager_name)
    for table in V3_TABLES:
        if table == "meta":
            continue
        part, key, moved = MOVED.get(table, ("", "", ()))
        cols = ["coalesce(t.manager_id, t.manager_name)" if (table, c) == ("people", "manager") else
                f"coalesce(p.{c}, '')" if c in moved else f"t.{c}" for c in columns[table]]
        joined = f"{table} t LEFT JOIN {part} p ON p.{key} = t.id" if part else f"{table} t"
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {joined}").fetchall()
        assert sorted(rows, key=repr) == before[table], table
    assert con.execute("SELECT count(*) FROM people_private").fetchone()[0] > 0
    con.close()
    with Store(path) as again:  # a second open finds nothing to do
        assert again.schema_version() == SCHEMA_VERSION


def test_forget_after_the_upgrade_removes_exactly_the_files_issue_13s_code_recorded(tmp_path) -> None:
    from workbook.run.forget import forget_person

    path, out = _v3_file(tmp_path)
    with Store(path) as s:
        recorded = {f.path for f in s.generated_files("priya")}
        report = forget_person(s, "priya")
        assert set(report.files) == recorded and len(recorded) == 3  # her stage notebook, summary, the overview
        assert [f.path for f in s.generated_files()] == [out / "2026Q4" / "jun" / "jun-2026Q4.ipynb"]
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert left == ["2026Q4/jun/jun-2026Q4.ipynb", "stages/priya/notes-by-hand.ipynb"]  # never a file by its name


def test_a_workbook_made_by_issue_15s_branch_before_the_merge_gets_issue_13s_tables(tmp_path) -> None:
    """On issue 15's branch revision 0003 was the org tree; such a file has the org tree and users but no
    record of generated files and no marker. It gets them, and keeps its tree."""
    path = tmp_path / "i15.db"
    with Store(path) as s:
        s.add_person(Person(id="maya", name="Maya Chen"))
        s.add_person(Person(id="ana", name="Ana Souza", manager="maya"))
        s.add_note(Note(person="ana", date=dt.date(2027, 1, 10), direction="pull", topic="values", text="kept"))
    con = sqlite3.connect(path)  # what issue 15's branch wrote: its 0003, schema version 3
    con.executescript("DROP TABLE side_drafts; DROP TABLE generated_about; DROP TABLE generated_files; "
                      "DELETE FROM meta WHERE key = 'application'; UPDATE meta SET value = '3' WHERE key = 'schema_version'; "
                      "UPDATE alembic_version SET version_num = '0003'; ALTER TABLE support DROP COLUMN requested_on;")
    undo_outcome_day(con)
    undo_way_up(con)
    undo_private_parts(con)
    con.commit()
    con.close()
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION and s.person("ana").manager == "maya"
        assert s.notes_frame("ana", include_private=True)["author_id"].tolist() == ["maya"]
        assert s.generated_files() == []
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone() == ("career-conversation-workbook",)
    assert "made_by" in [r[1] for r in con.execute("PRAGMA table_info(generated_files)")]
    con.close()


I12_SQL = DATA / "workbook_i12_v4.sql"  # made by issue 12's branch before the merge (see its header)


def test_a_workbook_made_by_issue_12s_branch_upgrades_keeping_its_history(tmp_path) -> None:
    path = tmp_path / "i12.db"
    con = sqlite3.connect(path)
    con.executescript(I12_SQL.read_text(encoding="utf-8"))
    log_before = con.execute("SELECT id, person_id, at, actor, record, record_id, action, label, audience "
                             "FROM change_log ORDER BY id").fetchall()
    fields_before = con.execute("SELECT * FROM change_log_fields ORDER BY id").fetchall()
    history_before = con.execute("SELECT * FROM person_history ORDER BY id").fetchall()
    con.close()
    assert log_before and fields_before and history_before
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        # 0004 ran on it: the free-text manager is kept as a name, the log, history, archive and lineage stay
        assert s.person("ana").manager == "Maya Chen" and s.person("ana").level == "3"
        assert [p.id for p in s.people()] == ["ana"] and [p.id for p in s.people(include_archived=True)] == ["ana", "ben"]
        assert [(h["field"], h["old"], h["new"]) for h in s.person_history("ana")] == [("level", "2", "3")]
        q2 = s.okrs("ana", "2027Q2")
        assert q2 is not None and q2.objectives[0].key_results[0].moved_from is not None
        before = len(s.history("ana"))
        note = int(s.notes_frame("ana", include_private=True)["id"].iloc[0])
        s.edit_note(note, setting="water cooler")
        assert len(s.history("ana")) == before + 1 and s.history("ana")[-1].actor
        shared = s.history("ana", shareable=True)
        assert all("private" not in (f.old or "") + (f.new or "") for c in shared for f in c.fields)
    con = sqlite3.connect(path)
    assert con.execute("SELECT id, person_id, at, actor, record, record_id, action, label, audience FROM change_log "
                       "WHERE id <= ? ORDER BY id", (log_before[-1][0],)).fetchall() == log_before
    assert con.execute("SELECT count(*) FROM change_log WHERE author_id IS NOT NULL").fetchone() == (0,)  # the owner
    assert con.execute("SELECT * FROM person_history ORDER BY id").fetchall() == history_before
    for stmt in ("UPDATE change_log SET actor = 'x'", "DELETE FROM change_log", "UPDATE person_history SET new = '9'",
                 "DELETE FROM person_history", "DELETE FROM change_log_fields"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(stmt)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    with Store(path) as s:  # forget still erases the person's history with them
        s.forget("ana")
        assert s.count_rows()["change_log"] == len(s.history("ben")) == 2  # only Ben's: added, archived
        assert s.count_rows()["person_history"] == 0 and s.schema_version() == SCHEMA_VERSION


def test_a_workbook_at_revision_10_keeps_its_side_drafts_and_takes_career_words(tmp_path) -> None:
    """Revision 0011 widens the kinds of the report's side: SQLite cannot alter a check, so the table is made
    again; every row, the unique key, the index and the cascade from people come through."""
    path = tmp_path / "r10.db"
    with Store(path) as s:
        s.add_person(Person(id="kim", name="Kim"))
        s.save_draft("kim", "goal", 2027, 1, {"text": "lead the on-call rota"})
        s.share_draft("kim", "goal", 2027, 1)
        s.save_draft("kim", "goal", 2027, 1, {"text": "lead the on-call rota, and write its runbook"})
        s.save_draft("kim", "prep", "2027Q1", 1, {"status": "on_track", "topics": "conference budget"})
    con = sqlite3.connect(path)
    undo_career_words(con)
    con.execute("UPDATE alembic_version SET version_num = '0010'")
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(REVISIONS.index("0010") + 1),))
    con.commit()
    before = con.execute("SELECT * FROM side_drafts ORDER BY id").fetchall()
    with pytest.raises(sqlite3.IntegrityError, match="ck_side_draft_kind"):  # what 0010 left: no career words
        con.execute("INSERT INTO side_drafts (person_id, kind, period, position, state, body, updated_at) "
                    "VALUES ('kim', 'career', '', 2, 'draft', '{}', 'now')")
    con.close()
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        s.save_draft("kim", "career", "", 2, {"text": "distributed systems"})
        s.share_draft("kim", "career", "", 2)
        assert [(d.kind, d.state) for d in s.side_drafts("kim")] == [
            ("career", "shared"), ("goal", "draft"), ("goal", "shared"), ("prep", "draft")]
    con = sqlite3.connect(path)
    assert con.execute("SELECT * FROM side_drafts WHERE kind <> 'career' ORDER BY id").fetchall() == before
    assert con.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'side_drafts' AND type = 'index' "
                       "AND name = 'ix_side_drafts_person_id'").fetchall() == [("ix_side_drafts_person_id",)]
    table = con.execute("SELECT sql FROM sqlite_master WHERE name = 'side_drafts'").fetchone()[0]
    assert "uq_side_draft" in table and "ck_side_draft_state" in table and "ON DELETE CASCADE" in table
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("DELETE FROM people WHERE id = 'kim'")
    assert con.execute("SELECT count(*) FROM side_drafts").fetchone() == (0,)
    con.close()
