"""`workbook summaries` end to end: papermill per person, PDFs, the team overview, failures, re-runs.

Runs real kernels and a real Chromium, so most tests are marked slow. One batch (three demo people, one
person whose data breaks the notebook, and the team overview) is made once per module and inspected by
several tests; PDFs are read back with pdftotext, as a reader would see them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from workbook.core.model import Goal, Note, Person
from workbook.demo import DEMO_AS_OF, DEMO_QUARTER
from workbook.render.export import find_active_content, notebook_to_html
from workbook.run.summaries import TEAM_ITEM, make_summaries, read_manifest
from workbook.store import Store

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PEOPLE = ["priya", "jun", "tomas"]

needs_pdf_tools = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def doc(out: Path, person: str, ext: str) -> Path:
    """A person's summary file in the quarter folder ``out``: ``<person>/<person>-<quarter>.<ext>``."""
    return out / person / f"{person}-{out.name}.{ext}"


def squash(text: str) -> str:
    """Without whitespace or hyphens: table cells wrap lines (and break after hyphens, which pdftotext then
    drops: "co-" + "maintainer" reads back "comaintainer") wherever the column ends."""
    return re.sub(r"[\s-]+", "", text)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    """The demo workbook with markup typed into a goal and a shared push, a person whose ladder file is
    binary (their summary notebook raises), and one make_summaries run over them."""
    from workbook.demo import build_demo_db

    work = tmp_path_factory.mktemp("summaries")
    db = build_demo_db(work / "demo.db")
    blob = work / "broken-ladder.csv"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with Store(db) as store:
        plan = store.plan("priya", 2026)
        assert plan is not None
        plan.goals[2] = Goal(text=f"Make campaign analysis reusable {IMG}", competencies=[])
        store.save_plan(plan)
        store.add_note(Note(person="priya", date=dt.date(2026, 11, 20), direction="push", topic="feedback",
                            text=f"Your readout was clear {SCRIPT}", visibility="shared"))
        store.add_person(Person(id="broken", name="Bro Ken", track="Data Science", level="2", ladder=str(blob),
                                manager="Maya Chen"))
        store.save_plan(store.plan("jun", 2026).model_copy(update={"person": "broken"}))  # type: ignore[union-attr]
    manifest = make_summaries(db, DEMO_QUARTER, people=[*PEOPLE, "broken"], jobs=2, pdf=True, out_dir=work / "out",
                              as_of=DEMO_AS_OF, progress=False, team=True)
    return {"db": db, "out": work / "out" / DEMO_QUARTER, "manifest": manifest, "work": work}


@pytest.mark.slow
@needs_pdf_tools
def test_every_pdf_has_the_agreed_goals_and_no_private_note(batch) -> None:
    out = batch["out"]
    with Store(batch["db"]) as store:
        for person in PEOPLE:
            text = pdf_text(doc(out, person, "pdf"))
            flat = squash(text)
            name = store.person(person).name
            assert f"Quarterly summary: {name}, 2026Q4" in text
            for goal in store.goals_frame(person, 2026)["text"]:
                assert squash(goal) in flat, f"{person}: goal missing from the PDF: {goal[:50]}"
            notes = store.notes_frame(person, include_private=True)
            for note in notes[notes["visibility"] == "private"]["text"]:
                assert squash(note) not in flat, f"{person}: a private note is in the PDF: {note[:50]}"
            for summary in store.check_ins_frame(person)["summary"]:
                assert not summary or squash(summary) not in flat
            for shown in ("show_sections", "import ", "summary_sections", "Loading widget", "Traceback"):
                assert shown not in text, f"{person}: {shown!r} in the PDF"
            assert "SOURCE" in text.upper() and "Workbook version" in text and squash(batch["db"].name) in flat
            # a shareable record names its files, never the folders on the manager's machine they are in
            assert squash(str(batch["work"])) not in flat and "/tmp/" not in text, f"{person}: a local path in the PDF"
            assert squash(str(ROOT)) not in flat and squash("(sha256") in flat  # ladder files: by name and hash


@pytest.mark.slow
@needs_pdf_tools
def test_typed_markup_prints_as_text_and_never_as_markup(batch) -> None:
    text = squash(pdf_text(doc(batch["out"], "priya", "pdf")))
    assert squash(SCRIPT) in text and squash(IMG) in text
    nb = nbformat.read(doc(batch["out"], "priya", "ipynb"), as_version=4)
    page = notebook_to_html(nb, exclude_input=True)
    assert find_active_content(page) == []
    assert "<script" not in page.lower() and "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")


@pytest.mark.slow
def test_a_failing_person_does_not_stop_the_batch(batch) -> None:
    out, manifest = batch["out"], batch["manifest"]
    broken = manifest.item("broken")
    assert broken.status == "failed" and broken.ename == "LadderError"
    assert "broken" in broken.evalue and "ladder" in broken.evalue
    assert broken.files == ["broken/broken-2026Q4.ipynb"]
    assert doc(out, "broken", "ipynb").exists() and not doc(out, "broken", "pdf").exists()
    kept = nbformat.read(doc(out, "broken", "ipynb"), as_version=4)
    assert any(o.get("ename") == "LadderError" for c in kept.cells if c.cell_type == "code" for o in c.outputs)
    for person in PEOPLE:
        assert manifest.item(person).status == "ok"
        assert doc(out, person, "pdf").stat().st_size > 10_000
    assert [i.name for i in manifest.failed] == ["broken"]
    data = json.loads((out / "manifest.json").read_text())
    assert {i["name"]: i["status"] for i in data["items"]} == {
        TEAM_ITEM: "ok", "priya": "ok", "jun": "ok", "tomas": "ok", "broken": "failed"}
    assert data["database"] == str(batch["db"].resolve()) and data["quarter"] == "2026Q4"
    assert data["versions"]["workbook"] and data["started"] and data["finished"]
    assert all(i["seconds"] > 0 for i in data["items"])
    assert not list(out.rglob(".*.tmp"))  # atomic writes leave no temp files


@pytest.mark.slow
@needs_pdf_tools
def test_team_overview_flags_the_quiet_person_and_the_ladder_share_outlier(batch) -> None:
    text = pdf_text(batch["out"] / "team_overview.pdf")
    assert "Team overview: 2026Q4" in text
    flat = " ".join(text.split())
    assert re.search(r"Jun Watanabe \(jun\): no career conversation for \d+ weeks", flat)
    assert re.search(r"Tomás Herrera \(tomas\): 1 of 3 goals \(33%\) draw on the ladder, outside 50%-75%", flat)
    assert "Ladder coverage" in text and "Team gaps" in text


@pytest.mark.slow
def test_cli_exits_non_zero_naming_who_failed_and_why(batch) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "workbook", "summaries", "--quarter", DEMO_QUARTER, "--people", "priya,broken",
         "--no-pdf", "--out", str(batch["work"] / "cli"), "--db", str(batch["db"]), "--as-of", "2026-12-18"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "WORKBOOK_FORK_KERNELS": "0"})  # the ordinary kernel launch works too
    assert proc.returncode == 1, proc.stderr
    assert re.search(r"^failed: broken: ladder .*; fix the file or set another ladder for broken", proc.stderr, re.M)
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: 1 of 2 summaries failed: broken: ladder ")  # no team overview for two people
    assert "LadderError" not in proc.stderr  # a class name is no message for people
    assert "summaries 2026Q4: 1 made" in proc.stdout
    assert doc(batch["work"] / "cli" / DEMO_QUARTER, "priya", "ipynb").exists()
    assert not doc(batch["work"] / "cli" / DEMO_QUARTER, "priya", "pdf").exists()  # --no-pdf


@pytest.mark.slow
def test_rerun_skips_up_to_date_outputs_and_force_redoes_them(batch, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(batch["db"], db)
    out = tmp_path / "out"
    args = {"people": ["priya", "jun"], "jobs": 2, "pdf": False, "out_dir": out, "as_of": DEMO_AS_OF, "progress": False}
    first = make_summaries(db, DEMO_QUARTER, team=True, **args)
    assert first.counts() == {"ok": 3}
    mtime = doc(out / DEMO_QUARTER, "jun", "ipynb").stat().st_mtime_ns

    again = make_summaries(db, DEMO_QUARTER, team=True, **args)
    assert again.counts() == {"skipped": 3}
    assert doc(out / DEMO_QUARTER, "jun", "ipynb").stat().st_mtime_ns == mtime

    with Store(db) as store:  # new data for priya: her summary and the team overview are redone
        store.add_note(Note(person="priya", date=dt.date(2026, 12, 15), direction="push", topic="feedback",
                            text="A new shared push", visibility="shared"))
    changed = make_summaries(db, DEMO_QUARTER, team=True, **args)
    assert {i.name: i.status for i in changed.items} == {TEAM_ITEM: "ok", "priya": "ok", "jun": "skipped"}

    forced = make_summaries(db, DEMO_QUARTER, force=True, **args)  # a run for two people leaves the team overview be
    assert forced.counts() == {"ok": 2}
    assert {i.name: i.status for i in forced.items if i.kind == "person"} == {"priya": "ok", "jun": "ok"}
    assert doc(out / DEMO_QUARTER, "jun", "ipynb").stat().st_mtime_ns != mtime
    assert read_manifest(out / DEMO_QUARTER).item(TEAM_ITEM) is not None  # type: ignore[union-attr]


def test_renaming_the_manager_redoes_the_reports_summary(tmp_path: Path) -> None:
    """The walkthrough's stale summary: after `person edit m --name ...` a re-run said "1 skipped (up to date)" and
    r's summary still named the manager by the old name; the manager's name is printed there but stored in the
    manager's row, which r's own fingerprint does not read."""
    db = tmp_path / "wb.db"
    with Store(db) as s:
        s.add_person(Person(id="m", name="Ann Boss"))
        s.add_person(Person(id="r", name="Rae", manager="m"))
    args = {"people": ["r"], "pdf": False, "out_dir": tmp_path / "out", "progress": False}
    assert make_summaries(db, "2026Q4", **args).counts() == {"ok": 1}
    with Store(db) as s:
        s.edit_person("m", name="Ann NewName")
    again = make_summaries(db, "2026Q4", **args)
    assert again.counts() == {"ok": 1}, again.summary_line()
    text = doc(tmp_path / "out" / "2026Q4", "r", "ipynb").read_text(encoding="utf-8")
    assert "manager Ann NewName" in text and "Ann Boss" not in text
    assert make_summaries(db, "2026Q4", **args).counts() == {"skipped": 1}


@pytest.mark.slow
def test_an_earlier_pdf_beside_a_notebook_made_without_one_is_removed(batch, tmp_path: Path) -> None:
    """A failure or --no-pdf makes the notebook only; the earlier run's PDF (older data, or a
    summary that now fails) would pose as this notebook's, unlisted: it goes, with its record."""
    from workbook.run.outputs import person_dir, publish, quarter_dir

    db = tmp_path / "demo.db"
    shutil.copy(batch["db"], db)
    out = tmp_path / "out"
    folder = quarter_dir(out, DEMO_QUARTER)
    with Store(db) as store:
        for person in ("priya", "broken"):
            person_dir(folder, person)
            publish(store, [(doc(folder, person, "pdf"), b"%PDF-1.4 from an earlier run\n")], kind="person_pdf",
                    about=[person], period=DEMO_QUARTER)
    made = make_summaries(db, DEMO_QUARTER, people=["priya", "broken"], pdf=False, force=True, out_dir=out,
                          as_of=DEMO_AS_OF, progress=False, team=False)
    assert {i.name: (i.status, i.files) for i in made.items} == {
        "priya": ("ok", ["priya/priya-2026Q4.ipynb"]), "broken": ("failed", ["broken/broken-2026Q4.ipynb"])}
    on_disk = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert on_disk == ["broken/broken-2026Q4.ipynb", "manifest.json", "priya/priya-2026Q4.ipynb"], on_disk
    with Store(db) as store:
        recorded = sorted(f.path.name for person in ("priya", "broken") for f in store.generated_files(person)
                          if out in f.path.parents)
    assert recorded == ["broken-2026Q4.ipynb", "priya-2026Q4.ipynb"], recorded


@pytest.mark.slow
def test_outputs_record_where_they_came_from(batch) -> None:
    nb = nbformat.read(doc(batch["out"], "priya", "ipynb"), as_version=4)
    params = nb.metadata.papermill.parameters
    assert params == {"person": "priya", "quarter": "2026Q4", "db": str(batch["db"].resolve()), "as_of": "2026-12-18"}
    assert nb.metadata.papermill.output_path == str(doc(batch["out"], "priya", "ipynb"))


def test_unknown_person_and_bad_quarter_fail_before_running_anything(tmp_path: Path) -> None:
    from workbook.core.errors import InputError, NotFound

    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana"))
    with pytest.raises(NotFound, match="nobody"):
        make_summaries(db, "2026Q4", people=["nobody"], out_dir=tmp_path / "out", progress=False, fast_kernels=False)
    with pytest.raises(InputError, match="quarter"):
        make_summaries(db, "2026-13", out_dir=tmp_path / "out", progress=False, fast_kernels=False)
    with pytest.raises(InputError, match="does not exist"):
        make_summaries(tmp_path / "missing.db", "2026Q4", out_dir=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_a_batch_over_nobody_says_why_and_makes_nothing(tmp_path: Path, cli) -> None:
    """On an empty workbook `summaries` made a team overview of nobody ("1 made") and `run log -p all` said "nobody
    reports to you" to the workbook's owner; with only people who start later, the same. Now each says why there is
    nobody, what to do, and makes nothing (found by dogfooding)."""
    from workbook.core.errors import InputError

    db = tmp_path / "w.db"
    Store(db, create=True).close()
    out = tmp_path / "out"
    with pytest.raises(InputError, match=r"nobody in the workbook yet, so there is no summary to make; add someone"):
        make_summaries(db, "2026Q4", out_dir=out, progress=False, fast_kernels=False)
    ran = cli("run", "log", "-p", "all", "--db", str(db))
    assert ran.returncode == 1 and "nobody in the workbook yet, so there is no stage notebook to make; add someone " \
        f"with `workbook person add ID --name NAME --db {db}`" in ran.stderr, ran.stderr
    with Store(db) as store:
        store.add_person(Person(id="ann", name="Ann Lee", started=dt.date(2027, 3, 1)))
        store.add_person(Person(id="bo", name="Bo Ek", started=dt.date(2027, 2, 1)))
    with pytest.raises(InputError, match=r"nobody had started by the end of 2026Q4 \(the first start is Bo Ek's, on "
                                         r"2027-02-01\)"):
        make_summaries(db, "2026Q4", out_dir=out, progress=False, fast_kernels=False)
    with Store(db) as store:
        store.set_archived("ann", True)
        store.set_archived("bo", True)
    with pytest.raises(InputError, match=r"everyone in the workbook is archived \(a leaver\).*add --all"):
        make_summaries(db, "2027Q2", out_dir=out, progress=False, fast_kernels=False)
    assert not out.exists()


def test_summaries_command_has_help(cli) -> None:
    proc = cli("summaries", "--help")
    assert proc.returncode == 0
    for option in ("--quarter", "--people", "--jobs", "--pdf", "--no-pdf", "--out", "--force", "--db", "--as-of"):
        assert option in proc.stdout


@pytest.mark.slow
def test_demo_job_makes_every_demo_pdf(tmp_path: Path) -> None:
    from workbook.demo import build_demo_db, make_demo_summaries

    db = build_demo_db(tmp_path / "demo.db")
    lines: list[str] = []
    manifest = make_demo_summaries(db, echo=lines.append)
    folder = tmp_path / DEMO_QUARTER
    with Store(db) as store:
        expected = {f"{p.id}-2026Q4.pdf" for p in store.people()} | {"team_overview.pdf"}
    assert {p.name for p in folder.rglob("*.pdf")} == expected
    assert manifest.counts() == {"ok": len(expected)} and manifest.as_of == DEMO_AS_OF.isoformat()
    assert lines[0].startswith("summaries 2026Q4: 7 made")
    assert any(line.strip().endswith("team_overview.pdf") for line in lines)


def test_two_batches_in_one_process_while_a_store_is_open(tmp_path: Path) -> None:
    """Issue 12's note: the second make_summaries in a process that holds a Store open made every kernel fail
    with "disk I/O error". Opening a second Store checked the file's header with open()/close(), and closing
    any descriptor of a file drops every POSIX lock the process holds on it, the open Store's included."""
    db = tmp_path / "wb.db"
    with Store(db) as s:
        s.add_person(Person(id="ana", name="Ana Souza"))
        s.add_note(Note(person="ana", date=dt.date(2026, 10, 1), direction="pull", topic="values", text="x",
                        visibility="shared"))
    with Store(db) as held:
        held.people()
        for run in range(2):
            manifest = make_summaries(db, "2026Q4", pdf=False, out_dir=tmp_path / f"out{run}", progress=False,
                                      force=True)
            assert [i.error for i in manifest.failed] == [], run
            assert {i.name for i in manifest.items if i.status == "ok"} >= {"ana"}, run


@pytest.mark.slow
def test_the_summary_template_opened_by_hand_on_an_empty_workbook_says_so(tmp_path: Path) -> None:
    """Opened by hand (no person) on a workbook with nobody in it, the template said NotFound in a traceback;
    it now says in one line how to add someone. The batch names the person: an unknown one still fails."""
    from papermill.exceptions import PapermillExecutionError

    from workbook.run.batch import run_notebook
    from workbook.run.summaries import SUMMARY_NOTEBOOK

    db = tmp_path / "empty.db"
    Store(db).close()
    params = {"person": "", "quarter": "2026Q4", "db": str(db), "as_of": "2026-12-02"}
    out = run_notebook(SUMMARY_NOTEBOOK, tmp_path / "by-hand.ipynb", params)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = json.dumps(outputs)
    assert "Nothing to summarise" in text and "workbook person add" in text
    with pytest.raises(PapermillExecutionError, match="ghost"):
        run_notebook(SUMMARY_NOTEBOOK, tmp_path / "batch.ipynb", {**params, "person": "ghost"})


@pytest.mark.slow
def test_a_ladder_file_gone_fails_the_persons_summary_in_plain_words(cli, tmp_path: Path) -> None:
    """`summaries` said "failed: kim: LadderError: kim: ladder ...": a class name, and the person twice, when the
    ladder file a person was added with had been deleted since."""
    own = tmp_path / "team-ladder.csv"
    shutil.copy(ROOT / "ladders" / "data-science.csv", own)
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee", track="Data Science", level="2", ladder=str(own)))
    own.unlink()
    proc = cli("summaries", "2026Q4", "--people", "kim", "--no-pdf", "--as-of", "2026-12-18", db=db)
    assert proc.returncode == 1, proc.stderr
    failed = [line for line in proc.stderr.splitlines() if line.startswith(("failed:", "error:"))]
    assert len(failed) == 2 and "Error" not in "".join(failed), failed
    for line in failed:
        assert f"kim: ladder file '{own}' not found" in line and line.count("kim: ") == 1, line
        assert "put it back, or give kim another with `workbook person edit kim --ladder FILE" in line, line  # (--db)



def test_a_shared_note_made_private_names_the_summaries_that_still_show_it(tmp_path: Path, cli) -> None:
    """A shared note printed in a quarterly summary, then made private: the file on disk still showed it and nothing
    said so (found by a helper). `note edit --visibility private` (and the log's form) now names the summaries of
    that quarter and the command that makes them again; made again, the summary no longer has it."""
    from workbook.forms.conversation_log import NoteForm

    db = tmp_path / "team" / "w.db"
    db.parent.mkdir()
    said = "Would love to mentor the new graduates next spring"
    with Store(db, create=True) as store:
        store.add_person(Person(id="kim", name="Kim Ode", manager="me"))
        note_id = store.add_note(Note(person="kim", date=dt.date(2026, 11, 20), direction="pull", topic="interests",
                                      text=said, visibility="shared"))
        other = store.add_note(Note(person="kim", date=dt.date(2026, 11, 21), direction="pull", topic="values",
                                    text="Values quiet mornings", visibility="shared"))
    made = cli("summaries", "2026Q4", "--no-pdf", "--db", str(db))
    assert made.returncode == 0, made.stderr
    summary = db.parent / "outputs" / "2026Q4" / "kim" / "kim-2026Q4.ipynb"
    assert said in summary.read_text(encoding="utf-8")
    edited = cli("note", "edit", str(note_id), "--visibility", "private", "--db", str(db))
    assert edited.returncode == 0, edited.stderr
    out = db.parent / "outputs"  # where they are, whatever folder the command is typed in
    assert f"warning: the note is private now, but {summary}, made before, may still show it: make it again with " \
           f"`workbook summaries 2026Q4 --people kim --force --out {out} --db {db}` before you hand it on" \
           in edited.stderr, edited.stderr
    again = cli("summaries", "2026Q4", "--people", "kim", "--force", "--no-pdf", "--out", str(out), "--db", str(db),
                cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert said not in summary.read_text(encoding="utf-8")
    assert "the note is private now" not in cli("note", "edit", str(note_id), "--text", said + ".", "--db",
                                                str(db)).stderr  # only when it is made private
    with Store(db) as store:  # the conversation log's form says the same
        form = NoteForm(store, "kim", dt.date(2026, 12, 7))
        form.edit(other)
        form.visibility.value = "private"
        assert form.save()
        shown = form.findings.value.replace("<wbr>", "")  # long words may break anywhere on the page
        assert f"may still show it: make it again with `workbook summaries 2026Q4 --people kim --force --out {out}`" \
            in shown, shown
