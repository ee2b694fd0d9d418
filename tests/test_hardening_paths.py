"""Hardening, paths (findings 1 and 3): generated names never cross people, periods are normalised before
any use, nothing is written through a symlink, and a person's ladder path is held to the ladder policy."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from conftest import run_cli

from workbook.coaching.ladders import MAX_LADDER_BYTES, locate_person_ladder
from workbook.core.errors import InputError, LadderError, OutputError
from workbook.core.model import Person
from workbook.exchange.importer import import_data
from workbook.run.batch import run_stages, stage_output_path
from workbook.run.forget import forget_person
from workbook.store import Store

ECHO = Path(__file__).resolve().parent / "notebooks" / "echo.ipynb"
LADDER = Path(__file__).resolve().parents[1] / "ladders" / "data-science.csv"


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    """A workbook with `ana` and `ana-2026`, whose ids used to make the same file names."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana"))
        store.add_person(Person(id="ana-2026", name="Ana of 2026"))
    return db


def echoed(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))


# -- finding 1: names cannot collide; periods are normalised; forget removes what was recorded ---------


def test_two_people_whose_old_names_collided_get_their_own_folders(twins: Path, tmp_path: Path) -> None:
    """`run --person ana --period 2026` and person `ana-2026`'s run used to write the same file."""
    out = tmp_path / "out"
    mine = stage_output_path(ECHO, "ana", "2026", out)
    theirs = stage_output_path(ECHO, "ana-2026", "", out, as_of="2026-05-01")
    assert mine == out / "ana" / "echo-2026.ipynb" and theirs == out / "ana-2026" / "echo-2026Q2.ipynb"
    results = run_stages([ECHO], ["ana"], "2026", twins, out, jobs=1) + \
        run_stages([ECHO], ["ana-2026"], "", twins, out, jobs=1, as_of="2026-05-01")
    assert [r.error for r in results] == ["", ""]
    assert "person=ana period=2026" in echoed(mine) and "person=ana-2026 period=2026Q2" in echoed(theirs)


def test_forget_ana_leaves_ana_2026s_notebooks(twins: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = run_stages([ECHO], ["ana", "ana-2026"], "2026Q4", twins, out, jobs=2)
    assert all(r.ok for r in results)
    with Store(twins) as store:
        report = forget_person(store, "ana")
        assert report.files == [results[0].output.resolve()]
        assert [f.path for f in store.generated_files()] == [results[1].output.resolve()]
    assert not results[0].output.exists() and results[1].output.exists()
    assert not (out / "ana").exists()  # the person's own folder goes with their last file


@pytest.mark.parametrize("period", ["2026q4", " 2026-Q4", "2026-q4 "])
def test_a_period_is_normalised_before_it_names_a_file_or_reaches_the_notebook(period: str, twins: Path,
                                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    [result] = run_stages([ECHO], ["ana"], period, twins, out, jobs=1)
    assert result.output == out / "ana" / "echo-2026Q4.ipynb" and result.output.is_file()
    assert nbformat.read(result.output, as_version=4).metadata.papermill.parameters["period"] == "2026Q4"
    with Store(twins) as store:  # and so `forget` finds it: it is recorded under its real name
        assert forget_person(store, "ana").files == [result.output.resolve()]
    assert not result.output.exists()


@pytest.mark.parametrize("period", ["２０２６Q4", "٢٠٢٦Q4", "0000Q1", "2026Q5", "26Q4", "2026/Q4", "../x"])
def test_a_period_that_is_not_ascii_or_out_of_range_is_refused_before_anything_runs(period: str, twins: Path,
                                                                                     tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--period"):
        run_stages([ECHO], ["ana"], period, twins, tmp_path / "out", jobs=1)
    assert not (tmp_path / "out").exists()


def test_no_write_follows_a_symlink_placed_in_out(twins: Path, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "ana").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError, match="symbolic link"):
        run_stages([ECHO], ["ana"], "2026Q4", twins, out, jobs=1)
    assert list(elsewhere.iterdir()) == []
    res = run_cli("run", str(ECHO), "--person", "ana", "--period", "2026Q4", "--out", str(out), db=twins)
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "symbolic link" in res.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_symlink_at_the_file_name_is_replaced_never_written_through(twins: Path, tmp_path: Path) -> None:
    out, target = tmp_path / "out", tmp_path / "victim.txt"
    target.write_text("keep me")
    (out / "ana").mkdir(parents=True, mode=0o700)
    (out / "ana" / "echo-2026Q4.ipynb").symlink_to(target)
    [result] = run_stages([ECHO], ["ana"], "2026Q4", twins, out, jobs=1)
    assert result.ok and not result.output.is_symlink()
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("pid", ["team_overview", "manifest", "all"])
def test_ids_the_layout_reserves_are_refused_at_import(pid: str, store: Store) -> None:
    with pytest.raises(InputError, match="reserved"):
        import_data(store, {"people": [{"id": pid, "name": "X"}]}, source="team.yaml")
    assert store.count_rows()["people"] == 0


# -- finding 3: a person's ladder path -----------------------------------------------------------------


def _person(ladder: str) -> dict:
    return {"people": [{"id": "ana", "name": "Ana", "track": "Data Science", "ladder": ladder}]}


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A readable CSV outside every ladder folder (like /etc/shadow, or HR's salary sheet)."""
    folder = tmp_path / "private"
    folder.mkdir()
    path = folder / "salaries.csv"
    path.write_text("level,competency,expectation\nTOPSECRET-ROW,Pay,earns 1000000\n")
    return path


def test_a_ladder_outside_the_allowed_folders_is_refused_at_import_naming_the_path(secret: Path, tmp_path: Path) -> None:
    db = tmp_path / "books" / "w.db"
    db.parent.mkdir()
    with Store(db) as store:
        for path in (str(secret), "/etc/passwd", "../private/salaries.csv"):
            with pytest.raises(InputError, match="outside the folders ladders may come from") as info:
                import_data(store, _person(path), source=str(tmp_path / "team.yaml"))
            assert "TOPSECRET" not in str(info.value) and "root:" not in str(info.value)
            assert len(str(info.value)) <= 300
        assert store.count_rows()["people"] == 0


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "too big"])
def test_a_ladder_that_is_not_a_regular_file_of_ladder_size_is_refused_without_being_read(kind: str,
                                                                                          tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    path = tmp_path / "ladder.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "too big":
        with open(path, "wb") as fh:
            fh.truncate(MAX_LADDER_BYTES + 1)
    with Store(db) as store:
        ladder = "/dev/zero" if kind == "device" else str(path)
        if kind == "device":
            with pytest.raises(InputError, match="system folder"):  # /dev cannot be allowed any more
                store.allow_ladder_folder("/dev")
        started = time.monotonic()
        with pytest.raises(InputError, match="regular file|over the limit|outside the folders"):
            import_data(store, _person(ladder), source=str(tmp_path / "team.yaml"))
        assert time.monotonic() - started < 5  # a FIFO or /dev/zero never hangs the import


def test_ladders_from_the_project_the_workbook_folder_and_allowed_folders_are_accepted(tmp_path: Path) -> None:
    db = tmp_path / "books" / "w.db"
    db.parent.mkdir()
    beside = db.parent / "ours.csv"
    beside.write_bytes(LADDER.read_bytes())
    shared = tmp_path / "shared-ladders"
    shared.mkdir()
    (shared / "eng.csv").write_bytes(LADDER.read_bytes())
    with Store(db) as store:
        assert locate_person_ladder("ladders/data-science.csv", store.ladder_folders()) == LADDER
        assert locate_person_ladder("ours.csv", store.ladder_folders()) == beside
        with pytest.raises(LadderError, match="outside"):
            locate_person_ladder(str(shared / "eng.csv"), store.ladder_folders())
        res = run_cli("ladder", "folders", "--add", str(shared), db=db)
        assert res.returncode == 0, res.stderr
        assert str(shared) in res.stdout.splitlines() and res.stderr == f"added {shared.resolve()}\n"
        again = run_cli("ladder", "folders", "--add", str(shared), "--remove", str(tmp_path), db=db)
        assert again.returncode == 0 and again.stderr.splitlines()[0] == f"{shared} is already allowed"
        assert again.stderr.splitlines()[1].startswith(f"{tmp_path} is not among the folders added here; nothing removed")
    with Store(db) as store:
        assert locate_person_ladder(str(shared / "eng.csv"), store.ladder_folders()) == shared / "eng.csv"
        import_data(store, _person(str(shared / "eng.csv")), source=str(db.parent / "team.yaml"))
        assert store.person("ana").ladder == str(shared / "eng.csv")


def test_a_symlink_out_of_the_ladder_folders_is_followed_then_refused(secret: Path, tmp_path: Path) -> None:
    db = tmp_path / "books" / "w.db"
    db.parent.mkdir()
    (db.parent / "innocent.csv").symlink_to(secret)
    with Store(db) as store, pytest.raises(InputError, match="outside"):
        import_data(store, _person("innocent.csv"), source=str(db.parent / "team.yaml"))


def test_a_stored_fifo_ladder_neither_hangs_the_batch_nor_is_hashed_for_others(tmp_path: Path) -> None:
    """A ladder path already in a workbook (older versions trusted it) is held to the policy at use too."""
    from workbook.coaching.ladders import person_ladder_file
    from workbook.run.summaries import input_hashes

    db = tmp_path / "w.db"
    fifo = tmp_path / "ladder.csv"
    os.mkfifo(fifo)
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana", ladder=str(fifo)))
        store.add_person(Person(id="bob", name="Bob", ladder="ladders/data-science.csv"))
        started = time.monotonic()
        hashes = input_hashes(store, ["bob"], "2026Q4", "2026-12-18", team=False)
        mine = input_hashes(store, ["ana"], "2026Q4", "2026-12-18", team=False)
        with pytest.raises(LadderError, match="not a regular file"):
            person_ladder_file(store.person("ana"), store.ladder_folders())
        assert time.monotonic() - started < 5 and list(hashes) == ["bob"] and list(mine) == ["ana"]


@pytest.mark.slow
def test_a_stored_ladder_outside_the_folders_never_reaches_the_manifest_or_the_summary(secret: Path,
                                                                                       tmp_path: Path) -> None:
    """`ladder: /etc/shadow` put its first line into manifest.json; any readable CSV reached the summary."""
    from workbook.run.summaries import make_summaries

    db = tmp_path / "books" / "w.db"
    db.parent.mkdir()
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana", track="Data Science", level="2", ladder=str(secret)))
    out = tmp_path / "out"
    manifest = make_summaries(db, "2026Q4", people=["ana"], out_dir=out, as_of="2026-12-18", pdf=False, progress=False)
    [item] = manifest.failed
    assert item.ename == "LadderError" and "outside the folders ladders may come from" in item.evalue
    for path in out.rglob("*"):
        if path.is_file():
            assert "TOPSECRET" not in path.read_text(errors="replace"), path


# -- a manager's data never lands where git could pick it up; an export never replaces a file unasked --------
ROOT = Path(__file__).resolve().parents[1]


def test_an_export_file_is_new_private_and_outside_the_project(cli, tmp_path: Path) -> None:
    """`export -o` replaced an existing file and made missing folders without a word (unlike `backup`), and wrote
    a person's private notes in clear into the checkout when run there as `export kim -o kim.json`."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
    out = tmp_path / "kim.json"
    out.write_text("keep me", encoding="utf-8")
    again = cli("export", "kim", "-o", str(out), db=db)
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert "already exists; give another name, or --force to replace it" in again.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    replaced = cli("export", "kim", "-o", str(out), "--force", db=db)
    assert replaced.returncode == 0 and '"kim"' in out.read_text(encoding="utf-8")
    assert os.stat(out).st_mode & 0o777 == 0o600  # career notes, private notes in clear: its owner's only

    nowhere = cli("export", "kim", "-o", str(tmp_path / "missing" / "kim.json"), db=db)
    assert nowhere.returncode == 1 and "does not exist; create it first" in nowhere.stderr
    assert not (tmp_path / "missing").exists()

    name = f"export-test-{os.getpid()}.json"
    try:
        in_checkout = cli("export", "kim", "-o", name, db=db, cwd=ROOT)
        assert in_checkout.returncode == 1 and in_checkout.stderr.count("\n") == 1, in_checkout.stderr
        assert "inside the project folder, where git could pick it up" in in_checkout.stderr
        assert not (ROOT / name).exists()
        under_outputs = cli("export", "kim", "-o", f"outputs/{name}", db=db, cwd=ROOT)  # git ignores outputs/
        assert under_outputs.returncode == 0 and (ROOT / "outputs" / name).exists()
    finally:
        for leftover in (ROOT / name, ROOT / "outputs" / name):
            leftover.unlink(missing_ok=True)


def test_keys_backups_and_batches_are_never_written_where_git_could_pick_them_up(cli, tmp_path: Path) -> None:
    db = tmp_path / "career" / "workbook.db"
    assert cli("init", str(db), env={"XDG_CONFIG_HOME": str(tmp_path / "config")}).returncode == 0
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    name = f"key-test-{os.getpid()}"
    try:
        key = cli("key", "export", f"{name}.key", env=env, cwd=ROOT)
        assert key.returncode == 1 and "where git could pick it up" in key.stderr, key.stderr
        backup = cli("backup", f"{name}.sqlite3", env=env, cwd=ROOT)  # *.db is ignored; this name is not
        assert backup.returncode == 1 and "where git could pick it up" in backup.stderr, backup.stderr
        assert not list(ROOT.glob(f"{name}*")) and not list(ROOT.glob(f".{name}*"))
    finally:
        for leftover in [*ROOT.glob(f"{name}*"), *ROOT.glob(f".{name}*")]:
            leftover.unlink()
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
    folder = ROOT / "tests" / f"out-{os.getpid()}"
    from workbook.run.summaries import make_summaries

    with pytest.raises(InputError, match="where git could pick it up"):
        run_stages([ECHO], ["kim"], "2026Q4", db, folder, jobs=1)
    with pytest.raises(InputError, match="where git could pick it up"):
        make_summaries(db, "2026Q4", out_dir=folder, pdf=False)
    assert not folder.exists()


def test_person_show_counts_generated_files_on_disk_after_a_forget_and_an_older_backup_restored(tmp_path: Path) -> None:
    """`forget` deleted Kim's notebooks; restoring a backup made before brought their records back, and `person
    show` went on counting files that were gone."""
    from workbook.stages.people import person_card
    from workbook.store.copies import backup_workbook, restore_workbook

    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
    results = run_stages([ECHO], ["kim"], "2026Q4", db, tmp_path / "out", jobs=1)
    assert all(r.ok for r in results)
    with Store(db) as store:
        assert "in the workbook: 1 generated file" in person_card(store, "kim")
    backup = backup_workbook(db, tmp_path / "before.db")
    with Store(db) as store:
        forget_person(store, "kim")
    assert not results[0].output.exists()
    restore_workbook(backup, db)
    with Store(db) as store:
        card = person_card(store, "kim")
    assert "in the workbook: 1 generated file recorded but no longer on disk (`workbook summaries --force` makes " \
           "them again)" in card, card


def test_a_ladder_outside_the_folders_is_refused_naming_the_projects_ladders_folder_and_the_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal said "the project's ladders/ folder" without saying where that is, and "add another with
    `workbook ladder folders --add DIR`" without the folder: now both are named, and the command it names works."""
    import re
    import shutil
    import tempfile


    db = tmp_path / "books" / "w.db"
    db.parent.mkdir()
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(LADDER, shared / "eng.csv")
    assert run_cli("init", str(db)).returncode == 0
    refused = run_cli("person", "add", "kim", "--name", "Kim Lee", "--ladder", str(shared / "eng.csv"), db=db)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
    assert "; allow its folder: `workbook ladder folders --add " in refused.stderr, refused.stderr  # DIR: a long path
    with pytest.raises(LadderError, match=re.escape("`, or copy it into the project's ladders/ folder (")):
        locate_person_ladder(str(shared / "eng.csv"), [db.parent])
    short = Path(tempfile.mkdtemp(prefix="wbl", dir="/tmp"))  # a folder short enough to name in the command
    try:
        shutil.copy(LADDER, short / "eng.csv")
        with pytest.raises(LadderError, match=re.escape(f"`workbook ladder folders --add {short.resolve()}`")):
            locate_person_ladder(str(short / "eng.csv"), [db.parent])
        # a project cloned deep (CI's clone in a longer folder got DIR here): its own folder is named shorter
        from workbook.coaching.ladders import load

        deep = Path("/srv", *(["a-long-folder-name"] * 8), "project", "ladders")
        monkeypatch.setattr(load, "LADDERS_DIR", deep)
        with pytest.raises(LadderError) as deeply:
            locate_person_ladder(str(short / "eng.csv"), [db.parent])
        assert f"allow its folder: `workbook ladder folders --add {short.resolve()}`, or copy it into the project's " \
               "ladders/ folder (…/project/ladders)" in str(deeply.value), str(deeply.value)
        monkeypatch.undo()
    finally:
        shutil.rmtree(short)
    with pytest.raises(LadderError, match=r"--add DIR`"):  # a folder that is not there is not offered to allow
        locate_person_ladder(str(tmp_path / "nowhere" / "eng.csv"), [db.parent])
    assert run_cli("ladder", "folders", "--add", str(shared.resolve()), db=db).returncode == 0
    added = run_cli("person", "add", "kim", "--name", "Kim Lee", "--ladder", str(shared / "eng.csv"), db=db)
    assert added.returncode == 0, added.stderr


# -- which folders ladders may come from: never /, the home folder or a system folder ---------------------------------
@pytest.mark.parametrize("folder", ["/", "/etc", "/etc/ssl", "/proc", "/usr/share", "/var", "HOME", "ABOVE_HOME"])
def test_ladder_folders_refuses_the_root_the_home_folder_and_system_folders(folder: str, tmp_path: Path) -> None:
    """`ladder folders --add /` was accepted; a person's ladder could then be /etc/shadow, echoed in an error."""
    home = tmp_path / "users" / "kim"
    home.mkdir(parents=True)
    db = tmp_path / "books" / "w.db"
    db.parent.mkdir()
    env = {"HOME": str(home)}
    assert run_cli("init", str(db), env=env).returncode == 0
    given = {"HOME": str(home), "ABOVE_HOME": str(home.parent)}.get(folder, folder)
    res = run_cli("ladder", "folders", "--add", given, db=db, env=env)
    assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr
    assert f"error: {given} " in res.stderr and "ladder files may not come from there" in res.stderr
    assert "copy the ladder into it" in res.stderr and "--add /" not in res.stderr
    with Store(db) as store:
        assert store.ladder_folders() == [db.parent.resolve()]


def test_a_workbook_that_allowed_the_root_before_reads_no_system_file_and_echoes_none(tmp_path: Path) -> None:
    """An older workbook with / and /etc among its ladder folders: they are not honoured, the refusal quotes no line
    of the file and never suggests allowing /etc."""
    import json
    import sqlite3

    db = tmp_path / "w.db"
    assert run_cli("init", str(db)).returncode == 0
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO meta (key, value) VALUES ('ladder_folders', ?)", (json.dumps(["/", "/etc"]),))
    con.close()
    with Store(db) as store:
        assert store.ladder_folders() == [tmp_path.resolve()]
    res = run_cli("person", "add", "sh", "--name", "Sh", "--ladder", "/etc/passwd", "--track", "x", "--level", "1",
                  db=db)
    assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr
    assert "root:" not in res.stderr and "found:" not in res.stderr
    assert "ladder folders --add" not in res.stderr, res.stderr  # the hint never offers /etc
    assert "its folder /etc is a system folder" in res.stderr and "copy the ladder into the project's ladders/" in res.stderr


def test_the_hint_offers_a_folder_only_when_it_may_be_allowed(tmp_path: Path) -> None:
    home = Path.home().resolve()
    for unsafe in ("/etc/passwd", "/usr/share/x/eng.csv", str(home / "eng.csv")):
        with pytest.raises(LadderError) as info:
            locate_person_ladder(unsafe, [tmp_path])
        assert "ladder folders --add" not in str(info.value) and "copy the ladder into" in str(info.value)


def test_a_folder_in_one_s_own_home_may_hold_ladders_even_when_home_is_root_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """/root is a system folder for everyone else, and root's own home: `ladder folders --add ~/ladders`, run as
    root, was refused as "a system folder". A folder inside one's own home may be allowed; the home itself, a
    link from it into /etc, and /etc stay refused."""
    from workbook.core.paths import unsafe_ladder_folder

    monkeypatch.setenv("HOME", "/root")
    assert unsafe_ladder_folder("/root/ladders") is None
    assert unsafe_ladder_folder("/root") == "is your home folder"
    assert "system folder (/etc" in (unsafe_ladder_folder("/etc/ladders") or "")
    monkeypatch.setenv("HOME", "/home/kim")
    assert "system folder (/root" in (unsafe_ladder_folder("/root/ladders") or "")


def _folder_reason(folder: str, home: str) -> str | None:
    """Why ``folder`` may not hold ladders for the user whose home is ``home``: Windows paths when ``home`` is one."""
    from pathlib import PurePosixPath, PureWindowsPath

    from workbook.core.paths import broad_folder_reason, system_folder_reason

    flavour = PureWindowsPath if "\\" in home else PurePosixPath
    path, own = flavour(folder), flavour(home)
    return broad_folder_reason(path, own) or system_folder_reason(path, own)


@pytest.mark.parametrize(("folder", "home", "why"), [
    # macOS: its own system folders, /etc and /var under /private, the disks under /Volumes
    ("/System/Library", "/Users/kim", "system folder (/System"),
    ("/Library/Keychains", "/Users/kim", "system folder (/Library"),
    ("/Applications/Mail.app", "/Users/kim", "system folder (/Applications"),
    ("/private/etc", "/Users/kim", "system folder (/private"),
    ("/private/var/db", "/Users/kim", "system folder (/private"),
    ("/usr/local/share", "/Users/kim", "system folder (/usr"),
    ("/Volumes", "/Users/kim", "holds every mounted disk"),
    ("/Volumes/Macintosh HD", "/Users/kim", "is the root of a disk"),
    ("/Users", "/Users/kim", "holds your home folder (/Users/kim)"),
    ("/Users/kim", "/Users/kim", "is your home folder"),
    # Windows: the system drive's system and program folders, any drive's root, the folders above the home
    (r"C:\Windows\System32", r"C:\Users\kim", r"system folder (C:\Windows"),
    (r"c:\windows", r"C:\Users\kim", r"system folder (C:\Windows"),
    (r"C:\Program Files\App", r"C:\Users\kim", r"system folder (C:\Program Files"),
    (r"C:\Program Files (x86)\App", r"C:\Users\kim", r"system folder (C:\Program Files (x86)"),
    (r"C:\ProgramData\Corp", r"C:\Users\kim", r"system folder (C:\ProgramData"),
    ("C:\\", r"C:\Users\kim", "is the root of a drive"),
    ("D:\\", r"C:\Users\kim", "is the root of a drive"),
    (r"\\server\share", r"C:\Users\kim", "is the root of a drive"),
    (r"C:\Users", r"C:\Users\kim", r"holds your home folder (C:\Users\kim)"),
])
def test_macos_and_windows_system_folders_and_roots_are_refused(folder: str, home: str, why: str) -> None:
    """The folder checks knew only Linux: on a Mac `ladder folders --add /Library` or on Windows
    `--add "C:\\Program Files"` was accepted, and a ladder path could then read any file there. Pure path logic,
    so both are checked here on Linux."""
    assert why in (_folder_reason(folder, home) or ""), folder


@pytest.mark.parametrize(("folder", "home"), [
    ("/Users/kim/ladders", "/Users/kim"),
    ("/Users/kim/Library/Mobile Documents/ladders", "/Users/kim"),  # iCloud Drive: inside one's own home
    ("/Volumes/Team/ladders", "/Users/kim"),  # a folder on a mounted disk
    ("/private/tmp/ladders", "/Users/kim"),  # /tmp
    ("/private/var/folders/x1/abc/T/ladders", "/Users/kim"),  # the temporary folder tempfile gives on a Mac
    ("/Users/Shared/ladders", "/Users/kim"),
    (r"C:\Users\kim\Documents\ladders", r"C:\Users\kim"),
    (r"C:\Users\kim\AppData\Local\ladders", r"C:\Users\kim"),
    (r"D:\Team\ladders", r"C:\Users\kim"),
    (r"\\server\share\ladders", r"C:\Users\kim"),
])
def test_macos_and_windows_folders_of_one_s_own_may_hold_ladders(folder: str, home: str) -> None:
    assert _folder_reason(folder, home) is None, folder


def test_windows_folders_where_windows_says_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows installed on D: names its folders in SystemRoot, ProgramFiles, ...: those are refused too."""
    from pathlib import PureWindowsPath

    from workbook.core.paths import system_folder_reason

    monkeypatch.setenv("SystemRoot", r"D:\Windows")
    monkeypatch.setenv("ProgramFiles", r"D:\Program Files")
    home = PureWindowsPath(r"D:\Users\kim")
    assert r"system folder (D:\Windows" in (system_folder_reason(PureWindowsPath(r"d:\windows\temp"), home) or "")
    assert r"(D:\Program Files" in (system_folder_reason(PureWindowsPath(r"D:\Program Files\x"), home) or "")
    assert system_folder_reason(PureWindowsPath(r"D:\Users\kim\ladders"), home) is None


def test_a_ladder_file_gone_is_named_in_the_team_overview_by_its_name_never_its_folder(tmp_path: Path) -> None:
    """A person's ladder file deleted since it was set: the team overview (shared beyond the manager's machine)
    printed its whole path, the manager's home folder with it, in Needs attention and in its Source block. It
    names the file and the fix; the person's own summary is not made (it fails, naming the whole path to the
    manager), and its Source block would name the file alike."""
    from workbook.render.summary import summary_provenance, summary_sections
    from workbook.render.team_overview import team_sections

    folder = tmp_path / "home" / "x" / "career"
    folder.mkdir(parents=True)
    ladder = folder / "myladder.csv"
    ladder.write_bytes((ROOT / "ladders" / "data-science.csv").read_bytes())
    db = folder / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim", track="Data Science", level="1", ladder=str(ladder)))
        ladder.unlink()
        day = dt.date(2027, 1, 20)
        bullets = team_sections(store, "2027Q1", as_of=day)["attention"].bullets
        [said] = [b for b in bullets if "ladder" in b and "myladder.csv" in b]
        assert "'myladder.csv' not found" in said and "`workbook person edit kim --ladder FILE`" in said
        everyone = store.people()
        with pytest.raises(LadderError, match=re.escape(str(ladder))):  # to the manager, the whole path
            summary_sections(store, "kim", "2027Q1", as_of=day)
    team = summary_provenance(db, "2027Q1", people=everyone, as_of=day)  # the Source block of each
    mine = summary_provenance(db, "2027Q1", person=everyone[0], as_of=day)
    assert team["ladder_files"] == mine["ladder_file"] == "myladder.csv (unusable)"
    shown = " ".join([*bullets, *team.values(), *mine.values()])
    assert str(folder) not in shown and "/home/x" not in shown
