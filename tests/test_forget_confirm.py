"""Destructive commands ask: `forget` refuses without --yes when there is no terminal (exit 1, nothing erased), and
says which team overviews and manifests made before still name the person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.core.model import Person
from workbook.store import Store


@pytest.fixture
def with_kim(cli, tmp_path: Path) -> Path:
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    return db


@pytest.mark.parametrize("answer", ["n\n", "y\n", ""])
def test_forget_without_a_terminal_refuses_whatever_is_piped_in(cli, with_kim: Path, answer: str) -> None:
    r = cli("forget", "kim", input=answer)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "error: forget kim erases data and standard input is not a terminal to ask on; nothing was changed. "
        "Run it in a terminal, or add --yes if you are sure"]
    with Store(with_kim) as store:
        assert store.has_person("kim")


def test_forget_with_yes_erases_and_names_the_team_files_that_still_mention_them(cli, with_kim: Path,
                                                                                 tmp_path: Path) -> None:
    # Forget removes exactly the files the workbook recorded making about Kim (issue 13); team overviews and
    # manifests it did not record (made before files were recorded) that still name her are listed.
    from workbook.run.outputs import person_dir, publish, quarter_dir, summary_paths

    out = tmp_path / "outputs"
    _nb, pdf = summary_paths(out, "2027Q1", "kim")
    with Store(with_kim) as store:
        person_dir(quarter_dir(out, "2027Q1"), "kim")
        publish(store, [(pdf, b"%PDF")], kind="person_pdf", about=["kim"], period="2027Q1")  # hers: deleted
    (out / "2027Q1" / "team_overview.ipynb").write_text(json.dumps({"cells": [{"source": "Kim Lee: 2 KRs"}]}))
    (out / "2027Q1" / "team_overview.pdf").write_bytes(b"%PDF")
    (out / "2027Q1" / "manifest.json").write_text(json.dumps({"items": [{"person": "kim"}]}))
    (out / "2026Q4").mkdir()
    (out / "2026Q4" / "team_overview.ipynb").write_text(json.dumps({"cells": [{"source": "Ana only"}]}))
    r = cli("forget", "kim", "--yes")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("forgot kim: 1 change log entry, 1 person; deleted 1 generated file\n")
    assert not pdf.exists()
    named = r.stderr.strip()
    assert named.startswith("these files made before still name Kim Lee")
    for name in ("2027Q1/manifest.json", "2027Q1/team_overview.ipynb", "2027Q1/team_overview.pdf"):
        assert str(out / name) in named
    assert "2026Q4" not in named
    with Store(with_kim) as store:
        assert not store.has_person("kim")


def test_forget_keep_outputs_keeps_the_recorded_files_and_says_which(cli, with_kim: Path, tmp_path: Path) -> None:
    from workbook.run.outputs import person_dir, publish, stage_output_path

    out = tmp_path / "outputs" / "stages"
    notebook = stage_output_path(out, "kim", "01_conversation_log", "2027Q1")
    with Store(with_kim) as store:
        person_dir(out, "kim")
        publish(store, [(notebook, b"{}")], kind="stage", about=["kim"], period="2027Q1")
    r = cli("forget", "kim", "--yes", "--keep-outputs")
    assert r.returncode == 0, r.stderr
    assert "deleted" not in r.stdout and notebook.exists()
    assert r.stderr.startswith("kept 1 generated file about Kim Lee") and str(notebook.resolve()) in r.stderr
    with Store(with_kim) as store:
        assert store.generated_files() == [] and not store.has_person("kim")


def test_forgetting_a_manager_keeps_your_private_notes_about_their_reports_readable(cli, tmp_path: Path) -> None:
    """A note's author is, by default, the person's manager. Forgetting that manager nulled the author, and the
    sealed words, bound to it, failed their integrity check for good: `note list` showed a damaged note and
    `export` of the report failed. The notes now become the owner's and are sealed again."""
    from conftest import start_team

    db = start_team(tmp_path, "", "lead", "--name", "Lea Lead")
    assert cli("person", "add", "ic", "--name", "Ian Coder", "--manager", "lead").returncode == 0
    assert cli("note", "add", "ic", "pull", "goals", "Wants to move to ML", "--follow-up", "Ask about the course",
               "--date", "2026-11-20").returncode == 0
    assert cli("note", "add", "lead", "pull", "goals", "Lea's own goal note", "--date", "2026-11-20").returncode == 0
    assert [n["author"] for n in json.loads(cli("export", "ic").stdout)["notes"]] == ["lead"]  # her manager
    raw = db.read_bytes() + (Path(f"{db}-wal").read_bytes() if Path(f"{db}-wal").exists() else b"")
    assert b"Wants to move to ML" not in raw  # sealed
    forgot = cli("forget", "lead", "--yes")
    assert forgot.returncode == 0, forgot.stderr
    listed = cli("note", "list", "ic")
    assert listed.returncode == 0 and "Wants to move to ML" in listed.stdout and "integrity" not in listed.stdout
    exported = cli("export", "ic")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert [(n["text"], n["follow_up"], n["author"]) for n in data["notes"]] == \
        [("Wants to move to ML", "Ask about the course", None)]
    raw = db.read_bytes() + (Path(f"{db}-wal").read_bytes() if Path(f"{db}-wal").exists() else b"")
    assert b"Wants to move to ML" not in raw and b"Lea's own goal note" not in raw  # still sealed; hers erased


def test_a_batch_notebook_about_one_person_names_nobody_else_so_forget_leaves_no_name_behind(tmp_path: Path) -> None:
    """`run log -p all` saved each notebook's person picker with the whole team in its widget state: after
    `forget dev`, Maya's and Sam's notebooks still said "Dev Patel (dev)", and forget neither deleted nor listed
    them. A batch notebook now lists only its own person."""
    from workbook.core.model import Person
    from workbook.run.batch import run_stages
    from workbook.run.forget import forget_person

    db = tmp_path / "w.db"
    with Store(db) as store:
        for pid, name in (("maya", "Maya Okafor"), ("dev", "Dev Patel"), ("sam", "Sam Rivera")):
            store.add_person(Person(id=pid, name=name))
    results = run_stages(["log", "checkin"], ["sam", "dev"], "2026Q4", db, tmp_path / "out", jobs=2)
    assert all(r.ok for r in results), [r.error for r in results]
    sams = [r.output for r in results if r.person == "sam"]
    for path in sams:
        text = path.read_text(encoding="utf-8")
        assert "Sam Rivera (sam)" in text and "Dev Patel" not in text and "Maya Okafor" not in text, path
    with Store(db) as store:
        forget_person(store, "dev")
    assert not any("Dev Patel" in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.ipynb"))


def _kims_notebook(db: Path, out: Path, name: str = "01_conversation_log") -> Path:
    """Record one stage notebook about Kim in workbook ``db``, as a batch run does; returns its path."""
    from workbook.run.outputs import person_dir, publish, stage_output_path

    notebook = stage_output_path(out, "kim", name, "2027Q1")
    with Store(db) as store:
        person_dir(out, "kim")
        publish(store, [(notebook, b"{}")], kind="stage", about=["kim"], period="2027Q1")
    return notebook


@pytest.mark.parametrize("how", ["backup", "cp"])
def test_forget_in_a_copy_leaves_the_files_of_the_workbook_it_was_copied_from(cli, with_kim: Path, tmp_path: Path,
                                                                               how: str) -> None:
    """A copy (a `workbook backup`, or a plain copy of the file) records the same absolute paths as the workbook
    it was copied from: `forget` in the copy deleted the real workbook's notebooks. It now leaves them alone and
    says whose they are; the files the copy made itself are its to delete."""
    import shutil

    theirs = _kims_notebook(with_kim, tmp_path / "outputs")
    copy = tmp_path / "copy.db"
    if how == "backup":
        assert cli("backup", str(copy), "--db", str(with_kim)).returncode == 0
    else:
        shutil.copyfile(with_kim, copy)  # closed: every write is in the file itself
    mine = _kims_notebook(copy, tmp_path / "copy-outputs")
    (tmp_path / "outputs" / "team_overview.ipynb").write_text('{"cells": [{"source": "Kim Lee"}]}')  # the original's
    r = cli("forget", "kim", "--yes", "--db", str(copy))
    assert r.returncode == 0, r.stderr
    assert theirs.exists() and not mine.exists()
    assert "deleted 1 generated file" in r.stdout
    assert r.stderr.startswith(f"left 1 generated file alone: this workbook is a copy of {with_kim.resolve()}, and "
                               f"it is that workbook's; forget kim there to delete it: {theirs}"), r.stderr
    assert "still name" not in r.stderr  # the original's folders are not the copy's to clean
    with Store(with_kim) as store:  # the real workbook is untouched, and still forgets its own files
        assert store.has_person("kim") and [f.path for f in store.generated_files("kim")] == [theirs]
    assert cli("forget", "kim", "--yes", "--db", str(with_kim)).returncode == 0
    assert not theirs.exists()


def test_forget_in_a_workbook_moved_elsewhere_still_deletes_its_files(cli, with_kim: Path, tmp_path: Path) -> None:
    """The workbook its files were made in is gone from its old place (moved, not copied): they are this one's."""
    notebook = _kims_notebook(with_kim, tmp_path / "outputs")
    moved = tmp_path / "moved.db"
    with_kim.rename(moved)
    r = cli("forget", "kim", "--yes", "--db", str(moved))
    assert r.returncode == 0, r.stderr
    assert not notebook.exists() and "deleted 1 generated file" in r.stdout and "alone" not in r.stderr
    with Store(moved) as store:
        assert store.generated_files() == []
        store.add_person(Person(id="kim", name="Kim Lee"))
    _kims_notebook(moved, tmp_path / "outputs")
    with Store(moved) as store:  # the next file it records makes it their home by name
        assert store.files_home() == moved.resolve()


def test_files_made_after_a_backup_that_was_restored_are_said_by_restore_and_listed_by_forget(cli, with_kim: Path,
                                                                                                tmp_path: Path) -> None:
    """Restoring a backup taken before Kim's notebook and summary were made dropped their records: restore said
    nothing, and `forget kim` neither deleted nor named them, so her files stayed on disk unsaid. Restore now says
    how many files it left and where; forget lists those in her output folders (never deleting a file found by its
    place, and never naming another person's)."""
    from workbook.run.outputs import person_dir, publish, quarter_dir, summary_paths

    out = tmp_path / "outputs"  # the default, beside the workbook
    assert cli("backup", str(tmp_path / "before.db")).returncode == 0
    notebook = _kims_notebook(with_kim, out / "stages")
    _nb, pdf = summary_paths(out, "2027Q1", "kim")
    with Store(with_kim) as store:
        person_dir(quarter_dir(out, "2027Q1"), "kim")
        publish(store, [(pdf, b"%PDF")], kind="person_pdf", about=["kim"], period="2027Q1")
    (out / "stages" / "ana").mkdir()
    (out / "stages" / "ana" / "01_conversation_log-2027Q1.ipynb").write_text("{}")  # not Kim's: never named
    r = cli("restore", str(tmp_path / "before.db"), "--yes")
    assert r.returncode == 0, r.stderr
    assert r.stderr == (f"warning: left 2 generated files that the restored workbook does not know about (made after "
                        f"the backup was taken) in {out.resolve()}, {(out / 'stages').resolve()}; `workbook forget` "
                        "lists a forgotten person's; delete them by hand when no longer needed\n")
    r = cli("forget", "kim", "--yes")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "forgot kim: 1 change log entry, 1 person\n"
    assert r.stderr == ("left 2 files in Kim Lee's output folders that this workbook does not record (made after the "
                        "backup it was restored from, by another workbook or by hand), so not deleted: check and "
                        f"delete them by hand: {pdf.resolve()}, {notebook.resolve()}\n")
    assert notebook.exists() and pdf.exists()


def test_forget_after_a_restore_searches_an_output_folder_only_the_dropped_records_knew(cli, with_kim: Path,
                                                                                         tmp_path: Path) -> None:
    """Kim's notebook was made with `--out` in a folder of its own after the backup was taken; the restore dropped
    its record and named the folder, but `forget kim` searched only the folders the restored workbook records and
    the default one, so it said nothing of her notebook there. The restored workbook now keeps the folders a
    restore left files in, and forget lists her files in them (never deleting one found by its place)."""
    elsewhere = tmp_path / "elsewhere"
    assert cli("backup", str(tmp_path / "before.db")).returncode == 0
    notebook = _kims_notebook(with_kim, elsewhere)
    r = cli("restore", str(tmp_path / "before.db"), "--yes")
    assert r.returncode == 0 and str(elsewhere.resolve()) in r.stderr, r.stderr
    r = cli("forget", "kim", "--yes")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ("left 1 file in Kim Lee's output folders that this workbook does not record (made after the "
                        "backup it was restored from, by another workbook or by hand), so not deleted: check and "
                        f"delete it by hand: {notebook.resolve()}\n")
    assert notebook.exists()
    with Store(with_kim) as store:  # a second restore adds its folders to the first's
        store.note_folders_left([tmp_path / "other"])
        assert store.folders_left() == sorted([elsewhere.resolve(), tmp_path / "other"])


def test_a_team_file_names_someone_by_their_words_not_by_chance_in_its_chart_data(tmp_path: Path) -> None:
    """"Zed", added after a year of team overviews and forgotten, was said to be still named by all of them: the
    letters were in their charts' base64 ("...0Zedv..."). A notebook is read for its words, a name as a word."""
    from workbook.core.model import Person
    from workbook.run.forget import files_still_naming

    def overview(folder: str, html: str) -> Path:
        path = tmp_path / folder / "team_overview.ipynb"
        path.parent.mkdir()
        chart = {"output_type": "display_data", "metadata": {},
                 "data": {"image/png": "iVBORw0KGgo0Zedv", "text/plain": "<Figure size 640x480>"}}
        table = {"output_type": "display_data", "metadata": {}, "data": {"text/html": html}}
        path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "", "outputs": [chart, table]}],
                                    "metadata": {}}), encoding="utf-8")
        return path

    overview("2027Q1", "<td>Zedekiah Moss</td><td>Ana</td>")
    named = overview("2027Q2", "<td>Zed</td><td>Ana</td>")
    odd = overview("2027Q3", "<td>Zo&#x27;e O&#x27;Neil</td>")
    assert files_still_naming(Person(id="zed", name="Zed"), [tmp_path]) == [named]
    assert files_still_naming(Person(id="zoe", name="Zo'e O'Neil"), [tmp_path]) == [odd]
