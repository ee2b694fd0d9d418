"""Hardening, the batch under interruption and concurrency (finding 6), with real processes and real signals.

SIGINT or SIGTERM, to the command or to its whole process group (a terminal's Ctrl-C), stops the batch
within 5 s: the manifest lists what was made, no partial file and no child process is left. One batch
per output folder; `forget` and a batch cannot undo each other.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from workbook.core.errors import NotFound
from workbook.core.model import Person
from workbook.run.outputs import LOCK_NAME, person_dir, publish, stage_output_path
from workbook.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
QUARTER, AS_OF = "2026Q4", "2026-12-18"


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    shutil.copy(demo_master, tmp_path / "demo.db")
    return tmp_path / "demo.db"


class Batch:
    """`workbook summaries` in a process group of its own, its descendants watched as it runs."""

    def __init__(self, db: Path, out: Path, *extra: str) -> None:
        self.out = out
        self.folder = out / QUARTER
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "workbook", "summaries", "--quarter", QUARTER, "--db", str(db), "--out", str(out),
             "--as-of", AS_OF, "--force", *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True)
        self.seen: set[psutil.Process] = set()

    def watch_until(self, done, timeout: float = 90) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.proc.poll() is None:
            try:
                self.seen |= set(psutil.Process(self.proc.pid).children(recursive=True))
            except psutil.Error:
                pass
            if done():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting; stderr: {self.proc.stderr.read() if self.proc.stderr else ''}")

    def files(self, pattern: str) -> list[Path]:
        return sorted(self.folder.rglob(pattern)) if self.folder.exists() else []

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err

    def leftover_children(self) -> list[str]:
        time.sleep(0.3)
        return [f"{p.pid} {p.name()}" for p in self.seen if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def check_stopped_cleanly(batch: Batch, code: int, err: str, seconds: float, expected: int) -> dict:
    assert code == expected, err
    assert seconds <= 5.0, f"took {seconds:.1f} s to stop"
    assert "Traceback" not in err and "Exception" not in err, err
    assert batch.leftover_children() == []
    data = manifest(batch.folder)
    assert data["interrupted"] == {130: "SIGINT", 143: "SIGTERM"}[expected]
    listed = {f for item in data["items"] for f in item["files"]}
    assert listed, "the manifest lists what was made"
    for name in listed:
        assert (batch.folder / name).is_file(), name
    on_disk = {str(p.relative_to(batch.folder)) for p in batch.folder.rglob("*") if p.is_file()}
    assert on_disk == listed | {"manifest.json"}, on_disk ^ (listed | {"manifest.json"})  # nothing partial
    return data


def test_sigint_to_the_command_stops_it_within_5_s_with_a_manifest(demo_db: Path, tmp_path: Path) -> None:
    batch = Batch(demo_db, tmp_path / "out", "--no-pdf", "--jobs", "1")
    batch.watch_until(lambda: len(batch.files("*.ipynb")) >= 2)
    sent = time.monotonic()
    batch.proc.send_signal(signal.SIGINT)
    code, out, err = batch.finish()
    data = check_stopped_cleanly(batch, code, err, time.monotonic() - sent, 130)
    assert "stopped by SIGINT" in out and len(data["items"]) < 7


def test_ctrl_c_to_the_process_group_keeps_the_pdfs_and_prints_no_traceback(demo_db: Path, tmp_path: Path) -> None:
    from workbook.render.browser import find_chromium

    try:
        find_chromium()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"no Chromium: {exc}")
    batch = Batch(demo_db, tmp_path / "out")
    batch.watch_until(lambda: len(batch.files("*.pdf")) >= 1)
    sent = time.monotonic()
    os.killpg(batch.proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    code, _out, err = batch.finish()
    data = check_stopped_cleanly(batch, code, err, time.monotonic() - sent, 130)
    for item in data["items"]:  # made whole, or left behind mid-PDF with only its notebook written
        if item["status"] == "ok":
            assert any(f.endswith(".pdf") for f in item["files"]), item
        else:
            assert item["status"] == "cancelled" and all(f.endswith(".ipynb") for f in item["files"]), item
    assert any(item["status"] == "ok" for item in data["items"])


def test_sigterm_stops_a_stage_run_too(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stages"
    proc = subprocess.Popen([sys.executable, "-m", "workbook", "run", "log", "--person", "all", "--period", QUARTER,
                             "--as-of", AS_OF, "--db", str(demo_db), "--out", str(out), "--jobs", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    end = time.monotonic() + 90
    while time.monotonic() < end and not list(out.rglob("*.ipynb")):
        time.sleep(0.05)
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _o, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and time.monotonic() - sent <= 5.0, err
    assert "interrupted by SIGTERM" in err and "Traceback" not in err
    made = sorted(out.rglob("*"))
    assert all(not p.name.startswith(".") for p in made), made  # no temp file, no lock left
    assert 1 <= len([p for p in made if p.suffix == ".ipynb"]) < 6


def test_a_second_batch_into_the_same_folder_is_refused_in_one_line(demo_db: Path, tmp_path: Path) -> None:
    first = Batch(demo_db, tmp_path / "out", "--no-pdf")
    first.watch_until(lambda: (first.folder / LOCK_NAME).exists())
    second = subprocess.run([sys.executable, "-m", "workbook", "summaries", "--quarter", QUARTER, "--db", str(demo_db),
                             "--out", str(tmp_path / "out"), "--as-of", AS_OF, "--no-pdf"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"error: {first.folder} is in use by another summaries run (pid {first.proc.pid}); wait for it to finish or "
        "give another --out"]
    code, _out, err = first.finish()
    assert code == 0, err
    assert len(manifest(first.folder)["items"]) == 7  # all of them: nothing lost to the second run
    assert not (first.folder / LOCK_NAME).exists()


def test_forget_during_a_batch_is_not_undone_by_it(demo_db: Path, tmp_path: Path) -> None:
    batch = Batch(demo_db, tmp_path / "out", "--no-pdf", "--jobs", "1")
    batch.watch_until(lambda: bool(batch.files("amara-*.ipynb")))  # made already; tomas comes last
    for person in ("amara", "tomas"):
        res = subprocess.run([sys.executable, "-m", "workbook", "forget", person, "--yes", "--db", str(demo_db)],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
    code, _out, err = batch.finish()
    assert code in (0, 1) and "Traceback" not in err, err
    left = [str(p.relative_to(batch.folder)) for p in batch.folder.rglob("*") if p.is_file()]
    assert not [f for f in left if "amara" in f or "tomas" in f], left
    assert "team_overview.ipynb" not in left  # it was made while they were in the workbook: it went with them
    names = {i["name"] for i in manifest(batch.folder)["items"]}
    assert names and not names & {"amara", "tomas", "team_overview"}
    assert not set(manifest(batch.folder)["run"]) & {"amara", "tomas"}
    with Store(demo_db) as store:
        assert store.generated_files("amara") == [] and store.generated_files("tomas") == []
        assert {f.people for f in store.generated_files()} == {(p,) for p in ("farah", "jun", "lucia", "priya")}


def test_a_file_about_someone_forgotten_meanwhile_is_never_published(demo_db: Path, tmp_path: Path) -> None:
    from workbook.run.forget import forget_person

    out = tmp_path / "out"
    with Store(demo_db) as store:
        path = stage_output_path(out, "jun", "01_conversation_log", QUARTER)
        person_dir(out, "jun")
        forget_person(store, "jun")  # between the batch reading jun's data and publishing the notebook
        with pytest.raises(NotFound, match="jun left the workbook"):
            publish(store, [(path, b"{}")], kind="stage", about=["jun"])
    assert [p.name for p in path.parent.iterdir()] == []  # no file, no temp file


def test_forget_after_a_batch_removes_the_person_from_its_manifest(demo_db: Path, tmp_path: Path) -> None:
    from workbook.run.forget import forget_person
    from workbook.run.summaries import make_summaries, read_manifest

    out = tmp_path / "out"
    made = make_summaries(demo_db, QUARTER, people=["jun", "lucia"], out_dir=out, as_of=AS_OF, pdf=False,
                          progress=False)
    assert made.counts() == {"ok": 2}
    with Store(demo_db) as store:
        report = forget_person(store, "jun")
    assert report.manifest_items == 1 and all(not p.exists() for p in report.files)
    after = read_manifest(out / QUARTER)
    assert after is not None and [i.name for i in after.items] == ["lucia"]
    assert not (out / QUARTER / "jun").exists()
    assert '"jun"' not in (out / QUARTER / "manifest.json").read_text()  # not in what the run was asked for either


def test_a_summary_stuck_after_its_notebook_is_left_behind_listed_with_what_it_wrote(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printer's render stands in for a library call the kill does not end (the CI's 8.5 s stop):
    the batch returns within seconds, lists the notebook the job had written as `cancelled`, and the
    PDF the job makes afterwards is refused, never written."""
    import threading

    from workbook.render.pdf import PdfPrinter
    from workbook.run.interrupt import StopSignal
    from workbook.run.summaries import make_summaries

    stuck, release = threading.Event(), threading.Event()

    def render(self: PdfPrinter, html_text: str, label: object = "page") -> bytes:
        stuck.set()
        release.wait(60)
        return b"%PDF-1.4 made after the batch stopped waiting\n"

    monkeypatch.setattr(PdfPrinter, "start", lambda self: None)
    monkeypatch.setattr(PdfPrinter, "close", lambda self: None)
    monkeypatch.setattr(PdfPrinter, "render", render)
    stop = StopSignal()
    threading.Thread(target=lambda: stuck.wait(120) and stop.request(), daemon=True).start()
    out = tmp_path / "out"
    earlier = out / QUARTER / "priya" / "priya-2026Q4.pdf"  # an earlier run's PDF must not pose as this run's
    earlier.parent.mkdir(parents=True, mode=0o700)
    earlier.write_bytes(b"%PDF-1.4 from an earlier run\n")
    t0 = time.monotonic()
    made = make_summaries(demo_db, QUARTER, people=["priya"], out_dir=out, as_of=AS_OF, force=True, progress=False,
                          team=False, stop=stop)
    seconds = time.monotonic() - t0
    try:
        assert made.interrupted == "SIGINT" and stop.left_behind
        [item] = made.items
        assert item.status == "cancelled" and item.files == ["priya/priya-2026Q4.ipynb"], item
        assert "stopped by SIGINT" in (item.error or "") and "1 cut short" in made.summary_line()
        folder = out / QUARTER
        assert (folder / item.files[0]).is_file()
        assert manifest(folder)["items"][0]["status"] == "cancelled"
    finally:
        release.set()
    time.sleep(1.0)  # the left-behind job now tries to publish its PDF
    on_disk = sorted(str(p.relative_to(out / QUARTER)) for p in (out / QUARTER).rglob("*") if p.is_file())
    assert on_disk == ["manifest.json", "priya/priya-2026Q4.ipynb"], on_disk
    with Store(demo_db) as store:
        recorded = [f.path for f in store.generated_files("priya") if out in f.path.parents]
    assert [p.name for p in recorded] == ["priya-2026Q4.ipynb"], recorded  # the refused PDF was never recorded
    assert seconds < 30, f"{seconds:.1f} s: the batch waited for the stuck job"


def test_a_batch_on_a_workbook_another_writer_holds_stops_at_once_in_one_line(tmp_path: Path) -> None:
    """With another program holding the workbook's write lock, `summaries` ran every person into the 20 s busy
    timeout in turn and ended after about 100 s (a helper measured it), and a SIGTERM waited the same. It now
    stops before any kernel starts, with the one line a locked workbook gets, and makes no folder."""
    import sqlite3

    from workbook.core.errors import StoreError
    from workbook.core.model import Person
    from workbook.run.batch import run_stages
    from workbook.run.summaries import make_summaries
    from workbook.store import Store

    db = tmp_path / "w.db"
    with Store(db) as store:
        for pid in ("kim", "lou", "sam"):
            store.add_person(Person(id=pid, name=pid.title()))
    holder = sqlite3.connect(db)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError, match="is locked by another command that is writing; try again"):
            make_summaries(db, "2026Q4", out_dir=tmp_path / "out", pdf=False, progress=False)
        with pytest.raises(StoreError, match="is locked by another command that is writing"):
            run_stages(["log"], ["kim"], "2026Q4", db, tmp_path / "stages", jobs=1)
    finally:
        holder.rollback()
        holder.close()
    assert not (tmp_path / "out").exists() and not (tmp_path / "stages").exists()


def test_a_forced_run_stopped_before_anyone_says_their_summaries_were_kept_not_up_to_date(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `summaries --force` stopped at once listed the people it never reached as "skipped (up to date)", and the
    manifest gave them status "skipped", though this run checked nothing (found by a helper): they are kept from
    the earlier run, which is what the manifest and the summary line now say. A new team, no OKRs, no check-ins."""
    from workbook.run.interrupt import StopSignal
    from workbook.run.summaries import make_summaries

    db = tmp_path / "w.db"
    with Store(db, create=True) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        store.add_person(Person(id="rae", name="Rae Moss", manager="kim"))
    out = tmp_path / "out"
    kw: dict = {"quarter": QUARTER, "out_dir": out, "as_of": AS_OF, "progress": False, "team": False, "pdf": False}
    make_summaries(db, **kw)
    again = make_summaries(db, **kw)  # up to date: the manifest now says "skipped"
    assert again.counts() == {"skipped": 2}, again.counts()
    from workbook.run import summaries

    stop, prepare = StopSignal(), summaries._job

    def stopped_while_preparing(*args, **kwargs):  # type: ignore[no-untyped-def]
        stop.request()  # a Ctrl-C as the jobs are prepared: none of them starts
        return prepare(*args, **kwargs)

    monkeypatch.setattr(summaries, "_job", stopped_while_preparing)
    stopped = make_summaries(db, force=True, stop=stop, **kw)
    assert stopped.interrupted == "SIGINT"
    assert stopped.counts() == {"kept": 2}, stopped.counts()
    assert "0 skipped (up to date)" in stopped.summary_line() and "2 kept from an earlier run" in stopped.summary_line()
    assert [i["status"] for i in manifest(out / QUARTER)["items"]] == ["ok", "ok"]


def test_a_stopped_rerun_keeps_listing_the_notebook_an_earlier_run_left_for_someone_who_failed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person whose summary failed keeps its notebook (no PDF), listed as failed. A `summaries --force` stopped
    before it reached them dropped them from the manifest while their notebook stayed on disk (found by a helper):
    the folder no longer held what manifest.json lists. It is now listed as the earlier run left it, counted as
    kept, and not reported as a failure of the stopped run."""
    from workbook.run import summaries
    from workbook.run.interrupt import StopSignal
    from workbook.run.summaries import make_summaries

    db = tmp_path / "w.db"
    ladder = tmp_path / "gone.csv"
    shutil.copy(Path(__file__).resolve().parents[1] / "ladders" / "data-science.csv", ladder)
    with Store(db, create=True) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        store.add_person(Person(id="lad", name="Lad Gone", ladder=str(ladder), track="Data Science", level="1"))
    ladder.unlink()
    out = tmp_path / "out"
    kw: dict = {"quarter": QUARTER, "out_dir": out, "as_of": AS_OF, "progress": False, "team": False, "pdf": False}
    first = make_summaries(db, **kw)
    assert [i.name for i in first.failed] == ["lad"] and (out / QUARTER / "lad" / "lad-2026Q4.ipynb").is_file()

    stop, prepare = StopSignal(), summaries._job

    def stopped_while_preparing(*args, **kwargs):  # type: ignore[no-untyped-def]
        stop.request()
        return prepare(*args, **kwargs)

    monkeypatch.setattr(summaries, "_job", stopped_while_preparing)
    stopped = make_summaries(db, force=True, stop=stop, **kw)
    assert stopped.interrupted == "SIGINT" and stopped.failed == []
    assert stopped.counts() == {"kept": 2}, stopped.counts()
    listed = {i["name"]: (i["status"], i["files"]) for i in manifest(out / QUARTER)["items"]}
    assert listed == {"kim": ("ok", ["kim/kim-2026Q4.ipynb"]), "lad": ("failed", ["lad/lad-2026Q4.ipynb"])}, listed
    on_disk = sorted(str(p.relative_to(out / QUARTER)) for p in (out / QUARTER).rglob("*.ipynb"))
    assert on_disk == sorted(f for _, files in listed.values() for f in files)
