"""Hardening, permissions (finding 8): every file holding personal data is 0600 and every folder the
workbook makes 0700, whatever the umask: the database, stage notebooks, summaries, PDFs, exports, backups."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli

from workbook.demo import DEMO_AS_OF, DEMO_QUARTER
from workbook.store import Store

ECHO = Path(__file__).resolve().parent / "notebooks" / "echo.ipynb"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def usual_umask():  # type: ignore[no-untyped-def]
    old = os.umask(0o022)  # the usual default, under which files come out 0644 unless made private
    yield
    os.umask(old)


def test_a_new_workbook_and_its_wal_files_are_private(tmp_path: Path, ana_yaml: Path) -> None:
    with Store(tmp_path / "lib.db") as store:
        store.set_limit("max_goals", "4")
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{tmp_path / 'lib.db'}{suffix}")) == 0o600, suffix
    assert run_cli("import", str(ana_yaml), db=tmp_path / "cli.db").returncode == 0
    assert mode(tmp_path / "cli.db") == 0o600
    with Store(tmp_path / "cli.db") as store:
        store.backup(tmp_path / "copy.db")
    assert mode(tmp_path / "copy.db") == 0o600
    assert run_cli("export", "ana", "--out", str(tmp_path / "ana.json"), db=tmp_path / "cli.db").returncode == 0
    assert mode(tmp_path / "ana.json") == 0o600


@pytest.mark.slow
def test_stage_notebooks_and_their_folders_are_private(demo_master: Path, tmp_path: Path) -> None:
    from workbook.run.batch import run_stages

    out = tmp_path / "stages"
    [result] = run_stages([ECHO], ["priya"], DEMO_QUARTER, demo_master, out, jobs=1)
    assert result.ok, result.error
    assert mode(result.output) == 0o600 and mode(result.output.parent) == 0o700 and mode(out) == 0o700


@pytest.mark.slow
def test_summaries_pdfs_the_manifest_and_their_folders_are_private(demo_master: Path, tmp_path: Path) -> None:
    import shutil

    from workbook.render.browser import find_chromium
    from workbook.run.summaries import make_summaries

    try:
        find_chromium()
        pdf = True
    except Exception:  # noqa: BLE001 - without Chromium the notebooks still are checked
        pdf = False
    db = tmp_path / "demo.db"
    shutil.copy(demo_master, db)
    manifest = make_summaries(db, DEMO_QUARTER, people=["jun"], out_dir=tmp_path / "out", as_of=DEMO_AS_OF,
                              pdf=pdf, progress=False)
    folder = tmp_path / "out" / DEMO_QUARTER
    files = [folder / f for f in manifest.item("jun").files]  # type: ignore[union-attr]
    assert len(files) == (2 if pdf else 1)
    for path in [*files, folder / "manifest.json"]:
        assert mode(path) == 0o600, path
    assert mode(folder) == 0o700 and mode(folder / "jun") == 0o700


def test_init_restore_and_the_working_copies_of_the_notebooks_are_private(tmp_path: Path) -> None:
    """Issue 11's commands under issue 13's rules: `workbook init` makes a marked workbook 0600 (its new
    folders 0700) in one step, a restore into a new file is 0600 and marked, the notebook copies 0600."""
    import sqlite3

    from workbook.workspace import prepare_workspace

    db = tmp_path / "career" / "books" / "workbook.db"
    res = run_cli("init", str(db))
    assert res.returncode == 0, res.stderr
    assert mode(db) == 0o600 and mode(db.parent) == 0o700 and mode(db.parent.parent) == 0o700
    assert sorted(p.name for p in db.parent.iterdir()) == ["workbook.db"]  # no temp file, no -wal left
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone() == (
            "career-conversation-workbook",)
    assert run_cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    assert run_cli("backup", str(tmp_path / "b.db")).returncode == 0
    assert mode(tmp_path / "b.db") == 0o600
    restored = tmp_path / "restored" / "w.db"
    restored.parent.mkdir()
    res = run_cli("restore", str(tmp_path / "b.db"), db=restored)
    assert res.returncode == 0, res.stderr
    assert mode(restored) == 0o600 and sorted(p.name for p in restored.parent.iterdir()) == ["w.db"]
    with Store(restored, readonly=True) as store:
        assert store.has_person("kim")
    folder = prepare_workspace(db)
    assert mode(folder) == 0o700
    copies = [p for p in folder.rglob("*") if p.is_file()]
    assert copies and all(mode(p) == 0o600 for p in copies)
    (folder / "00_home.ipynb").chmod(0o644)  # a copy made by an older version: refreshed private
    prepare_workspace(db)
    assert mode(folder / "00_home.ipynb") == 0o600


def test_every_folder_made_on_the_way_is_private_not_only_the_last(tmp_path: Path) -> None:
    """`workbook run` made outputs/ 0755 (mkdir(parents=True, mode=0o700) gives the parents the default mode)."""
    from workbook.core.fileio import write_text_atomic
    from workbook.run.batch import _lock_root
    from workbook.store import NewUser, write_credentials

    root = _lock_root(tmp_path / "career" / "outputs" / "stages")
    write_text_atomic(tmp_path / "other" / "a" / "b" / "note.txt", "x")
    passfile = write_credentials(NewUser(name="hr", role="wb_hr", password="pw", url="", person=None, hr=True,
                                         database="career"), tmp_path / "home" / ".config" / "workbook" / "pgpass")
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    for folder in (tmp_path / "career", tmp_path / "career" / "outputs", root, tmp_path / "other",
                   tmp_path / "other" / "a", tmp_path / "other" / "a" / "b", tmp_path / "home",
                   tmp_path / "home" / ".config", passfile.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
