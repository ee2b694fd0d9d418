"""Issue 16: private notes sealed at rest with their author's key (SQLite; PostgreSQL in test_private_notes_org.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from workbook.core import clock
from workbook.core.model import Note, Person
from workbook.store import KeyProblem, Keyring, Store
from workbook.store.keys import keys_folder
from workbook.store.sealing import KEY_MISSING, TAMPERED, is_sealed

SECRET = "Father is ill, may need flexible hours in March"
FOLLOW = "Ask HR about the carer-leave policy before the 20th"


def demo_private_texts() -> list[str]:
    """Every private note text (and follow-up) the demo writes."""
    from workbook.demo.build import TEAM, _notes

    out = []
    for member in TEAM:
        for note in _notes(member):
            if note.visibility == "private":
                out += [t for t in (note.text, note.follow_up) if t]
    assert len(out) > 10
    return out


def raw_strings(*paths: Path) -> str:
    """What `strings` prints for the files (the raw bytes an attacker with a copy reads)."""
    present = [str(p) for p in paths if p.exists()]
    return subprocess.run(["strings", "-n", "6", *present], capture_output=True, text=True, check=True).stdout


def leaked(texts: list[str], *paths: Path) -> list[str]:
    """The texts found in the files' raw bytes: their first or middle 32 characters (a text can span two pages;
    its last words may be shared with another record, e.g. an action quoting a follow-up)."""
    dump = raw_strings(*paths)
    return [t for t in texts if t[:32] in dump or t[len(t) // 2 - 16:len(t) // 2 + 16] in dump]


def add_secret(store: Store, person: str = "kim", **extra) -> int:  # type: ignore[no-untyped-def]
    return store.add_note(Note(person=person, date=dt.date(2026, 3, 2), direction="pull", topic="values",
                               text=SECRET, follow_up=FOLLOW, follow_up_due=dt.date(2026, 3, 20), **extra))


@pytest.fixture
def keyed(tmp_path: Path) -> Store:
    """A new workbook whose owner has a key file (made as `workbook init` does), with one person."""
    Keyring().create("owner")
    with Store(tmp_path / "w.db") as s:
        s.add_person(Person(id="kim", name="Kim Lee"))
        yield s


def test_a_private_note_is_sealed_in_the_file_and_the_wal_and_read_back_by_its_author(keyed: Store) -> None:
    note_id = add_secret(keyed)
    keyed.add_note(Note(person="kim", date=dt.date(2026, 3, 3), direction="push", topic="mentors",
                        visibility="shared", text="Suggested Ana as a mentor"))
    with sqlite3.connect(keyed.path) as conn:
        stored = conn.execute("SELECT text, follow_up, topic, direction, date FROM notes WHERE id = ?", (note_id,)).fetchone()
        shared = conn.execute("SELECT text FROM notes WHERE visibility = 'shared'").fetchone()[0]
    assert is_sealed(stored[0]) and is_sealed(stored[1]) and SECRET not in stored[0]
    assert stored[2:] == ("values", "pull", "2026-03-02")  # topic, direction, date stay clear for the puzzle
    assert shared == "Suggested Ana as a mentor"  # shared notes are printed in summaries: clear
    assert leaked([SECRET, FOLLOW], keyed.path, Path(f"{keyed.path}-wal")) == []
    frame = keyed.notes_frame("kim", include_private=True)
    assert frame.loc[frame["id"] == note_id, "text"].item() == SECRET
    assert keyed.follow_up_notes_frame(dt.date(2026, 4, 1))["follow_up"].tolist() == [FOLLOW]
    assert [n["text"] for n in keyed.export_person("kim")["notes"]] == [SECRET, "Suggested Ana as a mentor"]
    assert keyed.shareable_notes_frame("kim")["text"].tolist() == ["Suggested Ana as a mentor"]


def test_the_key_file_is_private_and_never_in_the_database(keyed: Store) -> None:
    folder = keys_folder()
    files = list(folder.glob("*.key"))
    assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert str(folder).startswith(os.environ["XDG_CONFIG_HOME"])  # the test's own config folder
    add_secret(keyed)
    secret = json.loads(files[0].read_text())["key"]
    assert secret not in raw_strings(keyed.path, Path(f"{keyed.path}-wal"))


def test_a_key_file_others_could_read_is_made_the_authors_alone_and_key_status_says_so(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0 and cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    folder = keys_folder()
    key_file = next(folder.glob("*.key"))
    with Store(db) as s:
        add_secret(s)
    key_file.chmod(0o644)  # copied back with a loose umask, or chmod by hand
    folder.chmod(0o755)
    status = cli("key", "status")
    assert status.returncode == 0 and "1 private note sealed" in status.stdout
    assert f"others could read its folder, {key_file.name}" in status.stderr and "workbook key rotate" in status.stderr
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "others could read" not in cli("key", "status").stderr  # said once, when it was found
    key_file.chmod(0o640)
    listed = cli("note", "list", "kim")  # any command that opens the key tightens it, and says so
    assert listed.returncode == 0 and SECRET in listed.stdout, listed.stderr
    warning = [line for line in listed.stderr.splitlines() if "others could read" in line]
    assert len(warning) == 1 and key_file.name in warning[0] and "workbook key rotate" in warning[0]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key_file.chmod(0o604)
    with pytest.warns(UserWarning, match=f"others could read {key_file.name}.*key rotate"), Store(db) as s:
        assert s.notes_frame("kim", include_private=True)["text"].tolist() == [SECRET]  # a notebook: a warning
        assert s.keyring.tightened == [key_file]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_the_command_line_s_notice_of_an_exposed_key_ends_with_the_command(tmp_path: Path) -> None:
    """`main` run in-process (a test, a notebook cell) must not leave its stderr notice behind: a later library
    call then printed the exposed-key line to a stream instead of warning (found by CI's test order)."""
    from workbook.cli import main
    from workbook.store import keys

    db = tmp_path / "w.db"
    with pytest.raises(SystemExit):
        main(["init", str(db)])
    assert keys._exposed_notice is None
    key_file = next(keys_folder().glob("*.key"))
    key_file.chmod(0o644)
    with pytest.warns(UserWarning, match="others could read"), Store(db) as s:
        s.add_person(Person(id="kim", name="Kim Lee"))
        add_secret(s)  # seals with the key: opening it finds it open to others


def test_a_ciphertext_moved_to_another_row_or_altered_is_detected_not_shown(keyed: Store) -> None:
    first, second = add_secret(keyed), add_secret(keyed)
    with sqlite3.connect(keyed.path) as conn:
        token = conn.execute("SELECT text FROM notes WHERE id = ?", (first,)).fetchone()[0]
        conn.execute("UPDATE notes SET text = ? WHERE id = ?", (token, second))  # moved to another row
        follow = conn.execute("SELECT follow_up FROM notes WHERE id = ?", (first,)).fetchone()[0]
        flipped = follow[:-3] + ("A" if follow[-3] != "A" else "B") + follow[-2:]
        conn.execute("UPDATE notes SET follow_up = ? WHERE id = ?", (flipped, first))  # one character changed
    frame = keyed.notes_frame("kim", include_private=True).set_index("id")
    assert frame.loc[second, "text"] == TAMPERED and frame.loc[first, "follow_up"] == TAMPERED
    assert frame.loc[first, "text"] == SECRET  # the untouched field still opens
    with pytest.raises(KeyProblem, match="integrity check") as err:
        keyed.export_person("kim")
    assert "\n" not in str(err.value)


def test_without_the_key_the_author_sees_a_marker_and_export_says_how_to_fix_it(keyed: Store, tmp_path: Path) -> None:
    add_secret(keyed)
    keyed.close()
    for key_file in keys_folder().glob("*.key"):
        key_file.unlink()
    with Store(keyed.path) as again:
        frame = again.notes_frame("kim", include_private=True)
        assert frame["text"].tolist() == [KEY_MISSING] and frame.attrs["sealed_unavailable"] == 2
        with pytest.raises(KeyProblem, match="workbook key import"):
            again.export_person("kim")
        with pytest.raises(KeyProblem, match="workbook key import"):  # a new private note is never written clear
            add_secret(again)


def test_existing_clear_notes_are_sealed_at_the_first_open_with_a_key_and_vacuum_scrubs_them(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as old:  # a workbook from before this version: its owner has no key
        old.add_person(Person(id="kim", name="Kim Lee"))
        for _ in range(30):
            add_secret(old)
        assert old.clear_private_count() == 30
    assert SECRET[:20] in raw_strings(db, Path(f"{db}-wal"))
    Keyring().create("owner")
    with Store(db) as first:
        assert first.sealed_on_open == 30 and first.clear_private_count() == 0
        assert set(first.notes_frame("kim", include_private=True)["text"]) == {SECRET}
        assert leaked([SECRET, FOLLOW], db, Path(f"{db}-wal")) == []  # not in a free page, not in the WAL


def test_sharing_a_private_note_stores_it_clear_and_making_it_private_seals_it(keyed: Store) -> None:
    note_id = add_secret(keyed)
    keyed.set_note_visibility(note_id, "shared")
    assert keyed.shareable_notes_frame("kim")["text"].tolist() == [SECRET]
    keyed.set_note_visibility(note_id, "private")
    with sqlite3.connect(keyed.path) as conn:
        assert is_sealed(conn.execute("SELECT text FROM notes").fetchone()[0])
    assert keyed.notes_frame("kim", include_private=True)["text"].tolist() == [SECRET]


def test_an_import_seals_private_notes_as_it_writes_them(keyed: Store, tmp_path: Path) -> None:
    from workbook.exchange.importer import import_data

    import_data(keyed, {"notes": [{"person": "kim", "date": "2026-02-01", "direction": "pull", "topic": "values",
                                    "text": SECRET, "follow_up": FOLLOW}]})
    keyed.checkpoint()
    assert leaked([SECRET, FOLLOW], keyed.path, Path(f"{keyed.path}-wal")) == []
    assert keyed.notes_frame("kim", include_private=True)["text"].tolist() == [SECRET]


def test_rotating_the_key_reads_back_identical_texts_under_the_new_key(keyed: Store) -> None:
    texts = [f"{SECRET} #{i}" for i in range(12)]
    for t in texts:
        keyed.add_note(Note(person="kim", date=dt.date(2026, 3, 2), direction="pull", topic="values", text=t))
    old = keyed.keyring.current_id("owner")
    from workbook.store.keys import new_key

    key = new_key()
    keyed.keyring.store(key)
    result = keyed.rotate_key(key)
    assert (result.old, result.new, result.notes) == (old, key.id, 12)
    assert keyed.key_ids_in_use() == {key.id}
    with Store(keyed.path, keyring=Keyring()) as fresh:  # a new process: keys read from the files again
        assert sorted(fresh.notes_frame("kim", include_private=True)["text"]) == sorted(texts)
    assert (keys_folder() / f"{old}.key").exists()  # kept: backups made before the rotation still open


def test_a_rotation_that_cannot_open_a_note_changes_nothing(keyed: Store) -> None:
    add_secret(keyed)
    first = add_secret(keyed)
    with sqlite3.connect(keyed.path) as conn:
        conn.execute("UPDATE notes SET text = 'wbseal1:' || substr(text, 9, 17) || 'AAAA' WHERE id = ?", (first,))
        before = conn.execute("SELECT id, text, follow_up FROM notes ORDER BY id").fetchall()
    from workbook.store.keys import new_key

    key = new_key()
    keyed.keyring.store(key)
    old = keyed.keyring.current_id("owner")
    with pytest.raises(KeyProblem, match="integrity check"):
        keyed.rotate_key(key)
    with sqlite3.connect(keyed.path) as conn:
        assert conn.execute("SELECT id, text, follow_up FROM notes ORDER BY id").fetchall() == before
    assert keyed.keyring.current_id("owner") == old
    assert not keyed.keyring.has_key(key.id)  # the keys folder is as it was: no key that seals nothing


def test_a_rotation_behind_another_writer_leaves_no_new_key(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0 and cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    with Store(db) as s:
        add_secret(s)
    files = sorted(p.name for p in keys_folder().iterdir())
    writer = sqlite3.connect(db)
    writer.execute("BEGIN IMMEDIATE")
    try:
        refused = cli("key", "rotate", env={"WORKBOOK_BUSY_TIMEOUT_MS": "500"})
    finally:
        writer.rollback()
        writer.close()
    assert refused.returncode == 1 and "locked by another command" in refused.stderr
    assert sorted(p.name for p in keys_folder().iterdir()) == files
    with Store(db) as s:
        assert s.notes_frame("kim", include_private=True)["text"].tolist() == [SECRET]


def test_a_rotation_reseals_the_change_logs_words_too(keyed: Store) -> None:
    note_id = add_secret(keyed)
    keyed.edit_note(note_id, text="Mother is ill now; asks for flexible hours until June")
    gone = add_secret(keyed)
    keyed.delete_note(gone)
    old = keyed.keyring.current_id("owner")
    from workbook.store.keys import new_key

    key = new_key()
    keyed.keyring.store(key)
    result = keyed.rotate_key(key)
    assert (result.notes, result.logged) == (1, 3)  # the edit's text and follow-up, the deleted note's text
    with sqlite3.connect(keyed.path) as conn:
        stored = [v for pair in conn.execute(
            "SELECT old, new FROM change_log_fields WHERE field IN ('text', 'follow_up')") for v in pair if v]
    assert stored and {v.split(":")[1] for v in stored} == {key.id}  # nothing is left under the old key
    (keys_folder() / f"{old}.key").unlink()  # the old key leaked and is thrown away: the history still reads
    with Store(keyed.path, keyring=Keyring()) as fresh:
        edits = {(c.action, f.field): (f.old, f.new) for c in fresh.history("kim") for f in c.fields
                 if f.field in ("text", "follow_up")}
    assert edits[("edit", "text")] == (SECRET, "Mother is ill now; asks for flexible hours until June")
    assert edits[("delete", "text")] == (SECRET, None)
    with pytest.raises(Exception, match="append-only|not allowed|refused|forbid"):  # the guards are back
        with keyed.atomic() as conn:
            conn.exec_driver_sql("UPDATE change_log_fields SET old = 'x'")


def test_a_rotation_stops_when_the_change_log_holds_words_under_a_missing_key(keyed: Store) -> None:
    first = keyed.keyring.current_id("owner")
    note_id = add_secret(keyed)
    keyed.edit_note(note_id, text="Mother is ill now")  # logged under the first key
    from workbook.store.keys import new_key

    second = new_key()
    keyed.keyring.store(second)
    keyed.keyring.set_current("owner", second.id)  # a key made current by hand, not by a rotation
    keyed.edit_note(note_id, text="Mother is better")  # the note (and this entry) now under the second key
    (keys_folder() / f"{first}.key").unlink()  # lost: the older entries cannot be opened
    keyed.keyring = Keyring()
    with sqlite3.connect(keyed.path) as conn:
        before = conn.execute("SELECT * FROM change_log_fields ORDER BY id").fetchall()
        notes_before = conn.execute("SELECT id, text FROM notes ORDER BY id").fetchall()
    latest = new_key()
    keyed.keyring.store(latest)
    with pytest.raises(KeyProblem, match=f"^the change log keeps words of note {note_id} about kim under key {first}, which is not in .*"
                       r"import it \(`workbook key import FILE`\) and rotate again \(nothing was changed\)$"):
        keyed.rotate_key(latest)
    with sqlite3.connect(keyed.path) as conn:
        assert conn.execute("SELECT * FROM change_log_fields ORDER BY id").fetchall() == before
        assert conn.execute("SELECT id, text FROM notes ORDER BY id").fetchall() == notes_before


def test_a_passphrase_key_opens_with_the_right_passphrase_and_refuses_a_wrong_one(tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    Keyring().create("owner", passphrase="correct horse battery")
    data = json.loads(next(keys_folder().glob("*.key")).read_text())
    assert "key" not in data and data["kdf"] == "scrypt"  # only the salt and the cost are kept
    monkeypatch.setenv("WORKBOOK_PASSPHRASE", "correct horse battery")
    with Store(tmp_path / "p.db") as s:
        s.add_person(Person(id="kim", name="Kim Lee"))
        add_secret(s)
    monkeypatch.setenv("WORKBOOK_PASSPHRASE", "wrong horse battery")
    with Store(tmp_path / "p.db") as s:
        assert s.notes_frame("kim", include_private=True)["text"].tolist() == [KEY_MISSING]
        with pytest.raises(KeyProblem, match="^wrong passphrase for private-note key [0-9a-f]{16}; try again"):
            s.export_person("kim")
        assert s.unsealing_problem().startswith("wrong passphrase for private-note key")  # what `note list` says


def test_the_demo_seals_its_private_notes_with_its_own_key(demo: Store) -> None:
    texts = demo_private_texts()
    demo.checkpoint()
    assert leaked(texts, demo.path, Path(f"{demo.path}-wal")) == []
    shown = set(demo.notes_frame(include_private=True)["text"])
    assert set(texts) & shown == {t for t in texts if t in shown} and len(set(texts) & shown) > 10
    assert not list(keys_folder().glob("*.key"))  # the demo never touched the user's own keys
    demo_folder = Path(os.environ["WORKBOOK_DEMO_KEYS"])
    assert len(list(demo_folder.glob("*.key"))) == 1


# -- the command line ----------------------------------------------------------------------------------------
def test_cli_init_makes_a_key_backup_is_ciphertext_export_import_rotate(cli, tmp_path: Path) -> None:
    db = tmp_path / "career" / "workbook.db"
    made = cli("init", str(db))
    assert made.returncode == 0, made.stderr
    assert "new private-note key" in made.stdout and "A lost key means lost private notes" in made.stdout
    assert cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    with Store(db) as s:
        add_secret(s)
    backup = tmp_path / "backup.db"
    assert cli("backup", str(backup)).returncode == 0
    assert leaked([SECRET, FOLLOW], db, Path(f"{db}-wal"), backup) == []
    exported = tmp_path / "my.key"
    out = cli("key", "export", str(exported))
    assert out.returncode == 0 and stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert "lost key means lost private notes" in out.stderr and f"keep {exported} somewhere safe" in out.stderr
    again = cli("key", "export", str(exported))
    assert again.returncode == 1 and "already exists; give another name, or --force" in again.stderr
    into_folder = cli("key", "export", str(tmp_path), "--force")  # a folder is never "replaced"
    assert into_folder.returncode == 1 and into_folder.stderr.count("\n") == 1
    assert f"is a folder; give a file name in it, e.g. {tmp_path / 'workbook.key'}" in into_folder.stderr

    # another computer: a new config folder, no key: the author's export says how to fix it, in one line
    other = {"XDG_CONFIG_HOME": str(tmp_path / "other-config")}
    Path(other["XDG_CONFIG_HOME"], "workbook").mkdir(parents=True)
    missing = cli("export", "kim", db=db, env=other)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "workbook key import" in missing.stderr
    # ... and a private note written there is refused, not stored in clear (it was: no key, so no sealing);
    # `key status` names the key the notes need, and `key new` will not make one that cannot open them
    note = tmp_path / "note.yaml"
    note.write_text("notes:\n  - {person: kim, date: 2026-11-05, direction: pull, topic: goals, text: NEW-CLEAR-WORDS, "
                    "visibility: private}\n")
    with Store(db, readonly=True) as s:
        before = s.count_rows()
    refused = cli("import", str(note), db=db, env=other)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "workbook key import" in refused.stderr
    with Store(db, readonly=True) as s:
        assert s.count_rows() == before
    assert leaked(["NEW-CLEAR-WORDS"], db, Path(f"{db}-wal")) == []
    with Store(db, keyring=Keyring(Path(other["XDG_CONFIG_HOME"]) / "workbook" / "keys")) as elsewhere:
        with pytest.raises(KeyProblem, match="sealed with key .* not in"):
            add_secret(elsewhere)
    status = cli("key", "status", db=db, env=other)
    assert "1 private note sealed, 0 in clear; your private notes are sealed with key" in status.stdout
    no_new = cli("key", "new", db=db, env=other)
    assert no_new.returncode == 1 and f"`workbook key import FILE --db {db}`" in no_new.stderr, no_new.stderr
    from workbook.cli.key import create_own_key

    # its last words, which a long --db on the command line may push past the line's end
    with pytest.raises(KeyProblem, match="lost for good\\? `workbook key new --lost`"), \
            Store(db, keyring=Keyring(Path(other["XDG_CONFIG_HOME"]) / "workbook" / "keys")) as elsewhere:
        create_own_key(elsewhere, passphrase=False)
    wrong = tmp_path / "wrong.key"
    Keyring(tmp_path / "elsewhere").create("owner")
    wrong_ring = tmp_path / "elsewhere"
    entry = json.loads(next(wrong_ring.glob("*.key")).read_text())
    wrong.write_text(json.dumps({"workbook_keys": 1, "user": "owner", "current": entry["id"], "keys": [entry]}))
    refused = cli("key", "import", str(wrong), db=db, env=other)
    assert refused.returncode == 1 and refused.stderr.startswith("error: wrong key") and refused.stderr.count("\n") == 1
    assert "imported 1 new key into" in cli("key", "import", str(exported), db=db, env=other).stdout
    assert "imported 0 new keys (1 already here) into" in cli("key", "import", str(exported), db=db, env=other).stdout
    mine = cli("export", "kim", db=db, env=other)
    assert mine.returncode == 0 and SECRET in mine.stdout and FOLLOW in mine.stdout

    rotated = cli("key", "rotate", db=db)
    assert rotated.returncode == 0 and "1 private note now sealed" in rotated.stdout
    again = cli("export", "kim", db=db)
    assert json.loads(again.stdout)["notes"][0]["text"] == SECRET
    status = cli("key", "status", db=db)
    assert "1 private note sealed, 0 in clear" in status.stdout


def test_a_key_lost_for_good_is_replaced_only_when_said_and_its_notes_stay_counted(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0 and cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    with Store(db) as s:
        add_secret(s)
    shutil.rmtree(keys_folder())  # the whole keys folder, its pointer to the current key with it
    assert cli("key", "new").returncode == 1
    made = cli("key", "new", "--lost")
    assert made.returncode == 0 and "new private-note key" in made.stdout
    with Store(db) as s:
        add_secret(s)  # sealed with the new key
        assert s.notes_frame("kim", include_private=True)["text"].tolist().count(SECRET) == 1
    status = cli("key", "status").stdout
    assert "2 private notes sealed, 0 in clear; 1 of them with key" in status and "you do not hold" in status
    assert leaked([SECRET], db, Path(f"{db}-wal")) == []


@pytest.mark.slow
def test_the_conversation_log_notebook_shows_the_author_their_private_notes_and_a_marker_without_the_key(
        demo_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real kernel (a subprocess, as JupyterLab starts one for the author) finds the key through the
    environment; without it the note shows the marker and the fix, never a traceback."""
    import shutil

    import papermill as pm

    from workbook.core.paths import PROJECT_ROOT
    from workbook.demo.build import TEAM, _notes

    db = tmp_path / "demo.db"
    shutil.copy(demo_master, db)
    member = next(m for m in TEAM if any(n.visibility == "private" for n in _notes(m)))
    latest = max((n for n in _notes(member) if n.visibility == "private"), key=lambda n: n.date)
    notebook = PROJECT_ROOT / "notebooks" / "01_conversation_log.ipynb"
    params = {"person": member.id, "db": str(db), "as_of": "2026-12-18"}

    def shown(name: str) -> str:
        out = tmp_path / f"{name}.ipynb"
        pm.execute_notebook(str(notebook), str(out), parameters=params, progress_bar=False, kernel_name="python3",
                            cwd=str(tmp_path))
        return out.read_text(encoding="utf-8").replace("&#x27;", "'").replace("&#39;", "'")

    assert latest.text[:40] in shown("with-key")
    monkeypatch.setenv("WORKBOOK_DEMO_KEYS", str(tmp_path / "no-keys-here"))  # the kernel cannot find the key
    bare = shown("no-key")
    assert KEY_MISSING in bare and "workbook key import FILE" in bare and "Traceback" not in bare
    assert latest.text[:40] not in bare


@pytest.mark.slow
def test_a_batch_never_holds_a_key_so_its_stage_notebooks_keep_private_notes_sealed(
        demo_master: Path, tmp_path: Path) -> None:
    """Issue 16: summaries and batches never receive the key. The batch's kernels run with WORKBOOK_NO_KEYS,
    so even the manager's own stage notebooks written by `workbook run` / `make demo` hold only the marker."""
    import shutil

    from workbook.demo.build import TEAM, _notes
    from workbook.run.batch import run_stages

    db = tmp_path / "demo.db"
    shutil.copy(demo_master, db)
    member = next(m for m in TEAM if any(n.visibility == "private" for n in _notes(m)))
    private = [n.text[:40] for n in _notes(member) if n.visibility == "private"]
    [ok] = run_stages(["log"], [member.id], "2026Q4", db, tmp_path / "batch", jobs=1, as_of="2026-12-18")
    assert ok.ok, ok.error
    shown = Path(ok.output).read_text(encoding="utf-8").replace("&#x27;", "'").replace("&#39;", "'")
    assert KEY_MISSING in shown and "sealed in batch runs" in shown and "Traceback" not in shown
    assert not [text for text in private if text in shown]


def test_a_note_that_begins_like_a_sealed_value_is_refused(keyed: Store) -> None:
    from workbook.core.errors import InputError

    with pytest.raises(InputError, match="may not begin with 'wbseal1:'"):
        keyed.add_note(Note(person="kim", date=dt.date(2026, 3, 2), direction="pull", topic="values",
                            visibility="shared", text="wbseal1:0123456789abcdef:AAAA"))
    assert keyed.notes_frame("kim", include_private=True).empty


# -- issue 12's change log keeps a private note's words sealed too ----------------------------------------------
def test_the_change_log_keeps_a_private_notes_words_sealed_and_opens_them_for_the_author(keyed: Store) -> None:
    note_id = add_secret(keyed)
    keyed.edit_note(note_id, text="Mother is ill now; asks for flexible hours until June", follow_up="",
                    follow_up_due=None)  # a date left without its words is refused
    other = add_secret(keyed)
    keyed.delete_note(other)
    keyed.checkpoint()
    words = [SECRET, FOLLOW, "Mother is ill now; asks for flexible hours until June"]
    assert leaked(words, keyed.path, Path(f"{keyed.path}-wal")) == []
    with sqlite3.connect(keyed.path) as conn:
        stored = conn.execute("SELECT old, new FROM change_log_fields WHERE field IN ('text', 'follow_up')").fetchall()
    assert stored and all(v in (None, "") or is_sealed(v) for pair in stored for v in pair)
    changes = [c for c in keyed.history("kim") if c.record == "note" and c.fields]
    text_changes = {(c.action, f.field): (f.old, f.new) for c in changes for f in c.fields if f.field in ("text", "follow_up")}
    assert text_changes[("edit", "text")] == (SECRET, "Mother is ill now; asks for flexible hours until June")
    assert text_changes[("edit", "follow_up")][0] == FOLLOW and not text_changes[("edit", "follow_up")][1]
    assert text_changes[("delete", "text")] == (SECRET, None)
    assert keyed.notes_frame("kim", include_private=True).set_index("id").loc[note_id, "text"].startswith("Mother is ill")
    exported = json.dumps(keyed.export_person("kim")["history"])
    assert "Mother is ill now" in exported  # the author's own export: the history opened
    for key_file in keys_folder().glob("*.key"):
        key_file.unlink()
    with Store(keyed.path, keyring=Keyring()) as without:
        values = [v for c in without.history("kim") for f in c.fields if f.field == "text" for v in (f.old, f.new) if v]
        assert values and set(values) == {KEY_MISSING}


def test_a_shared_notes_words_stay_clear_in_the_change_log(keyed: Store) -> None:
    note_id = keyed.add_note(Note(person="kim", date=dt.date(2026, 3, 3), direction="push", topic="mentors",
                                  visibility="shared", text="Suggested Ana as a mentor"))
    keyed.edit_note(note_id, text="Suggested Ana and Bo as mentors")
    with sqlite3.connect(keyed.path) as conn:
        assert conn.execute("SELECT old, new FROM change_log_fields WHERE field = 'text'").fetchall() == [
            ("Suggested Ana as a mentor", "Suggested Ana and Bo as mentors")]


def test_a_shared_note_made_private_has_its_history_sealed_and_kept_private(cli, tmp_path: Path) -> None:
    """`note edit ID --visibility private` sealed the note but left its old words in the change log in clear, as
    shared entries: in the file, and back in `history --shareable` (what summaries read) once the note was shared
    again. They are made private and sealed in the same transaction now; the author still reads them."""
    from conftest import start_team

    old, new, follow = "Wants to lead the Q3 migration (ALPHA)", "Asked to drop the migration, burnt out (BETA)", \
        "Check in on workload with HR (GAMMA)"
    db = start_team(tmp_path, "")
    added = cli("note", "add", "kim", "pull", "interests", old, "--shared", "--follow-up", follow,
                "--follow-up-due", (clock.today() + dt.timedelta(days=14)).isoformat())
    assert added.returncode == 0, added.stderr
    assert cli("note", "edit", "1", "--text", new, "--follow-up", "Check in on workload (GAMMA2)").returncode == 0
    assert old in cli("history", "kim", "--shareable").stdout  # shared: the report may read its history
    made = cli("note", "edit", "1", "--visibility", "private")
    assert made.returncode == 0, made.stderr
    with Store(db) as s:
        s.checkpoint()
    words = [old, new, follow]
    assert leaked(words, db, Path(f"{db}-wal")) == []  # the note and its history: sealed
    with sqlite3.connect(db) as conn:
        logged = conn.execute("SELECT f.audience, f.old, f.new FROM change_log_fields f JOIN change_log c ON "
                              "c.id = f.change_id WHERE c.record = 'note' AND f.field IN ('text', 'follow_up')").fetchall()
    assert logged and all(a == "private" and all(v in (None, "") or is_sealed(v) for v in (o, n)) for a, o, n in logged)
    mine = cli("history", "kim")  # the author reads the note's whole history
    assert old in mine.stdout and new in mine.stdout and follow in mine.stdout
    assert cli("note", "edit", "1", "--visibility", "shared").returncode == 0  # shared again: its past stays private
    shareable = cli("history", "kim", "--shareable").stdout
    assert not any(w in shareable for w in words) and "wbseal1:" not in shareable
    assert cli("note", "edit", "1", "--visibility", "private").returncode == 0
    assert cli("note", "delete", "1", "--yes").returncode == 0  # its id may be given to the next note: nothing follows it
    assert cli("note", "add", "kim", "push", "feedback", "Great demo", "--shared").returncode == 0
    shareable = cli("history", "kim", "--shareable").stdout
    assert not any(w in shareable for w in words) and "wbseal1:" not in shareable


def test_a_workbook_whose_notes_were_made_private_before_gets_their_history_private_and_sealed(tmp_path: Path) -> None:
    """Revision 0013 on a workbook in which a shared note was made private before this version (its entries still
    shared, its words in clear): they become private, and the first open with a key seals them."""
    db = tmp_path / "old.db"
    with Store(db) as old:  # no key yet
        old.add_person(Person(id="kim", name="Kim Lee"))
        note_id = old.add_note(Note(person="kim", date=dt.date(2026, 3, 2), direction="pull", topic="values",
                                    text="Wants a team of her own", visibility="shared"))
        old.edit_note(note_id, text=SECRET)
    with sqlite3.connect(db) as conn:  # the note made private as the version before left it, at revision 0012
        conn.execute("UPDATE notes SET visibility = 'private'")
        conn.execute("UPDATE alembic_version SET version_num = '0012'")
        conn.execute("UPDATE meta SET value = '12' WHERE key = 'schema_version'")
    Keyring().create("owner")
    with Store(db) as first:
        assert first.sealed_on_open >= 1 and first.clear_private_count() == 0
        assert [(f.old, f.new) for c in first.history("kim") for f in c.fields if f.field == "text"] == [
            ("Wants a team of her own", SECRET)]
    assert leaked([SECRET, "Wants a team of her own"], db, Path(f"{db}-wal")) == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT audience FROM change_log WHERE record = 'note'").fetchall() == [("private",)]
        assert len(conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()) == 6
    with Store(db) as later:  # shared again: its past stays private
        later.set_note_visibility(note_id, "shared")
        assert [c for c in later.history("kim", shareable=True) if c.record == "note"] == []


def test_the_first_open_with_a_key_seals_a_private_notes_words_already_in_the_change_log(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as old:  # no key yet: the note and its edit are logged in clear
        old.add_person(Person(id="kim", name="Kim Lee"))
        note_id = add_secret(old)
        old.edit_note(note_id, text="Mother is ill now; asks for flexible hours until June")
    Keyring().create("owner")
    with Store(db) as first:
        assert first.sealed_on_open >= 2 and first.clear_private_count() == 0
        edits = [f for c in first.history("kim") for f in c.fields if f.field == "text"]
        assert [(f.old, f.new) for f in edits] == [(SECRET, "Mother is ill now; asks for flexible hours until June")]
        with pytest.raises(Exception, match="append-only|not allowed|refused|forbid"):  # the guards are back
            with first.atomic() as conn:
                conn.exec_driver_sql("UPDATE change_log_fields SET old = 'x'")
    assert leaked([SECRET, "Mother is ill now; asks for flexible hours until June"], db, Path(f"{db}-wal")) == []


def test_a_team_with_notes_with_and_without_an_author_is_read_by_check_and_the_log(tmp_path: Path) -> None:
    """A private note about someone with no manager (no author: the owner's own) beside a note about their
    report (author: that manager) made the frame's author column NaN for the first; unsealing joined NaN into
    the associated data and `workbook check` and the conversation log died with a traceback (found by a new
    user's first evening)."""
    from conftest import run_cli, start_team

    from workbook.stages.conversation_log import suggest_pushes

    db = start_team(tmp_path, "", "kim", "--name", "Kim")
    for args in (("person", "add", "bo", "--name", "Bo", "--manager", "kim"),
                 ("note", "add", "kim", "pull", "interests", "Kim-private-secret"),
                 ("note", "add", "bo", "push", "feedback", "x", "--shared")):
        assert run_cli(*args).returncode == 0
    checked = run_cli("check")
    assert checked.returncode == 0 and "Traceback" not in checked.stderr, checked.stderr
    with Store(db) as s:
        suggest_pushes(s, "kim", clock.today())  # the conversation log's suggestions read every note
        assert "Kim-private-secret" in s.notes_frame(include_private=True)["text"].tolist()
