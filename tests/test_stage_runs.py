"""Every stage notebook runs headless under papermill for every demo person; the batch and `workbook run`."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from conftest import run_cli

from workbook.core import clock
from workbook.core.errors import InputError, NotFound
from workbook.demo import run_demo_outputs
from workbook.run.batch import STAGES, RunResult, run_stages, stage_notebook
from workbook.run.kernels import ipc_kernel_manager_class

pytestmark = pytest.mark.slow

BROKEN = Path(__file__).resolve().parent / "notebooks" / "broken1.ipynb"
PERIOD, AS_OF = "2026Q4", "2026-12-18"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.demo import build_demo_db

    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(scope="module")
def people(demo_db: Path) -> list[str]:
    from workbook.store import Store

    with Store(demo_db) as store:
        return [p.id for p in store.people()]


def _quarter_today() -> str:

    from workbook.core.dates import quarter_of

    return quarter_of(clock.today())


def present_stages() -> list[str]:
    return [s for s in STAGES if stage_notebook(s).is_file()]


@pytest.fixture(scope="module")
def stage_runs(demo_db: Path, people: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[RunResult]]:
    """All present stages for all demo people, two at a time, once for the module."""
    out = tmp_path_factory.mktemp("stages")
    results = run_stages(present_stages(), people, PERIOD, demo_db, out, jobs=2, as_of=AS_OF)
    by_stage: dict[str, list[RunResult]] = {}
    for r in results:
        by_stage.setdefault(r.stage, []).append(r)
    return by_stage


def error_outputs(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                found.append(f"cell {i}: traceback on stderr")
    return found


@pytest.mark.parametrize("stage", list(STAGES))
def test_stage_notebook_runs_for_every_demo_person(stage: str, stage_runs: dict, people: list[str],
                                                    demo_db: Path) -> None:
    if not stage_notebook(stage).is_file():
        pytest.skip(f"notebooks/{STAGES[stage]} is not written yet (a colleague is on it)")
    results = stage_runs[stage]
    assert [r.person for r in results] == people
    failures = [f"{r.person}: {r.error}" for r in results if not r.ok]
    assert not failures, failures
    for r in results:
        assert r.output.is_file() and r.output.name == f"{Path(STAGES[stage]).stem}-{PERIOD}.ipynb"
        assert r.output.parent.name == r.person  # a folder per person
        assert error_outputs(r.output) == [], r.output
        nb = nbformat.read(r.output, as_version=4)
        params = nb.metadata["papermill"]["parameters"]  # ids and paths only, never note text
        assert params == {"person": r.person, "period": PERIOD, "db": str(demo_db.resolve()), "as_of": AS_OF}
        assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_outputs_are_renamed_into_place(stage_runs: dict) -> None:
    folders = {r.output.parent for rs in stage_runs.values() for r in rs}
    for folder in folders:
        assert not list(folder.glob(".*"))  # no temp file and no lock file left behind


def test_close_notebook_shows_the_quarter_the_year_and_the_restart(stage_runs: dict) -> None:
    if "close" not in stage_runs:
        pytest.skip("stage 5 notebook missing")
    r = next(r for r in stage_runs["close"] if r.person == "tomas")
    text = r.output.read_text()
    for expected in ("how each key result ended", "Goal 1: ", "Growth goals for 2027", "no shortcut to career growth",
                     "image/png"):
        assert expected in text, expected


def test_a_broken_notebook_is_one_reported_failure_and_the_others_succeed(demo_db: Path, tmp_path: Path) -> None:
    results = run_stages([BROKEN, "close"], ["priya", "jun"], PERIOD, demo_db, tmp_path, jobs=2, as_of=AS_OF)
    assert [(r.stage, r.person, r.ok) for r in results] == [
        ("broken1", "priya", False), ("broken1", "jun", False), ("close", "priya", True), ("close", "jun", True)]
    assert results[0].error == "ValueError: broken on purpose for priya"
    assert results[1].error == "ValueError: broken on purpose for jun"
    failed = nbformat.read(results[0].output, as_version=4)  # kept under its final name, with the traceback
    assert results[0].output == tmp_path / "priya" / "broken1-2026Q4.ipynb"
    assert any(o.get("ename") == "ValueError" for c in failed.cells for o in c.get("outputs", []))
    assert not list(tmp_path.rglob(".*"))


def test_run_demo_outputs_prints_one_line_per_failure_and_a_total(demo_db: Path, people: list[str]) -> None:
    lines: list[str] = []
    results = run_demo_outputs(demo_db, echo=lines.append, stages=[str(BROKEN)])
    assert len(results) == len(people) and not any(r.ok for r in results)
    assert len(lines) == len(people) + 1
    assert lines[0].startswith("failed: broken1 for ") and "ValueError: broken on purpose" in lines[0]
    assert lines[-1].startswith(f"ran {len(people)} stage notebooks") and f"{len(people)} failed" in lines[-1]
    assert lines[-1].endswith(" s")
    assert all(r.output.parent == demo_db.parent / "stages" / r.person for r in results)


def test_bad_input_is_refused_before_any_kernel_starts(demo_db: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown stage 'nope'"):
        run_stages(["nope"], ["priya"], PERIOD, demo_db, tmp_path)
    with pytest.raises(NotFound, match="unknown person 'zed'"):
        run_stages(["close"], ["zed"], PERIOD, demo_db, tmp_path)
    with pytest.raises(InputError, match="not a usable id"):
        run_stages(["close"], ["../etc"], PERIOD, demo_db, tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        run_stages(["close"], ["priya"], PERIOD, tmp_path / "missing.db", tmp_path)
    with pytest.raises(InputError, match="--as-of"):
        run_stages(["close"], ["priya"], PERIOD, demo_db, tmp_path, as_of="18/12/2026")
    assert list(tmp_path.iterdir()) == []


def test_kernels_use_their_own_ipc_sockets() -> None:
    km_class = ipc_kernel_manager_class("ipc")
    if km_class is None:
        pytest.skip("no IPC transport on this platform")
    a, b = km_class(kernel_name="python3"), km_class(kernel_name="python3")
    assert a.transport == b.transport == "ipc"
    assert a.ip != b.ip  # the default IPC path is shared by every kernel: two at once would collide
    assert ipc_kernel_manager_class("tcp")(kernel_name="python3").transport == "tcp"


def test_cli_run_writes_the_notebook(demo_db: Path, tmp_path: Path) -> None:
    if not stage_notebook("okrs").is_file():
        pytest.skip("notebooks/03_quarterly_okrs.ipynb is not written yet")
    res = run_cli("run", "okrs", "--person", "priya", "--period", PERIOD, "--as-of", AS_OF, "--out", str(tmp_path),
                  db=demo_db)
    assert res.returncode == 0, res.stderr
    out = Path(res.stdout.strip())
    assert out == tmp_path / "priya" / "03_quarterly_okrs-2026Q4.ipynb" and out.is_file()
    assert error_outputs(out) == []
    assert "Kernel is running over TCP" not in res.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["run", "nope", "--person", "priya"], "error: unknown stage 'nope'; known stages: log, goals, okrs, checkin, close"),
    (["run", "close", "--person", "zed"], "error: unknown person 'zed' (known: amara, farah, jun, lucia, priya, tomas)"),
])
def test_cli_run_errors_are_one_line(args: list[str], message: str, demo_db: Path, tmp_path: Path) -> None:
    res = run_cli(*args, "--out", str(tmp_path), db=demo_db)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [message]
    assert list(tmp_path.iterdir()) == []


def test_cli_run_has_help_on_the_command_and_every_option() -> None:
    res = run_cli("run", "--help")
    assert res.returncode == 0
    for option in ("--person", "--period", "--as-of", "--db", "--out", "--jobs"):
        line = next(ln for ln in res.stdout.splitlines() if re.match(rf"\s*(-\w, )?{option} ", ln))
        help_text = line.split(option, 1)[1].split(maxsplit=1)[1:]  # past the metavar
        assert help_text and len(help_text[0]) > 10, line
    assert "Run a stage notebook headless" in res.stdout


def test_cli_run_for_everyone_reports_each_failure_on_one_line(demo_db: Path, people: list[str], tmp_path: Path) -> None:
    res = run_cli("run", str(BROKEN), "--person", "all", "--out", str(tmp_path), db=demo_db)
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert [ln.split(" for ", 1)[1].split(":", 1)[0] for ln in lines] == people
    assert all("ValueError: broken on purpose for" in ln for ln in lines)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.ipynb")) == sorted(
        f"{p}/broken1.ipynb".replace(".ipynb", f"-{_quarter_today()}.ipynb") for p in people)


@pytest.mark.slow
def test_relative_paths_work_and_the_process_never_changes_folder(demo_db: Path, people: list[str], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`make demo` passes outputs/demo.db: relative paths must survive parallel kernels started elsewhere."""
    import os
    import shutil

    monkeypatch.chdir(tmp_path)
    (tmp_path / "outputs").mkdir()
    shutil.copy(demo_db, tmp_path / "outputs" / "demo.db")
    results = run_stages(["okrs", "checkin"], people[:2], "2026Q4", Path("outputs/demo.db"), Path("outputs/stages"),
                         jobs=2, as_of="2026-12-18")
    assert os.getcwd() == str(tmp_path)
    assert [r.error for r in results if not r.ok] == []
    assert len(list((tmp_path / "outputs" / "stages").rglob("*.ipynb"))) == 4


@pytest.mark.slow
def test_ordinary_kernels_still_work_without_the_fork_server(demo_db: Path, people: list[str], tmp_path: Path) -> None:
    results = run_stages(["okrs"], people[:1], "2026Q4", demo_db, tmp_path, jobs=1, as_of="2026-12-18",
                         fast_kernels=False)
    assert [r.error for r in results] == [""] and error_outputs(results[0].output) == []


def test_a_period_before_someone_started_is_refused_in_one_line(tmp_path: Path) -> None:
    """`run goals --person zoe --period 1999Q1` ran for someone who started in 2025, where `summaries` refuses the
    same (found by a helper). A brand-new person in a new workbook; a year and a quarter; nothing is made."""
    from workbook.core.model import Person
    from workbook.store import Store

    db = tmp_path / "w.db"
    with Store(db, create=True) as store:
        store.add_person(Person(id="zoe", name="Zoe Park", started="2025-03-01"))
    out = tmp_path / "out"
    for period in ("1999Q1", "2024", "2024Q4"):
        with pytest.raises(InputError, match=r"^zoe: Zoe Park started on 2025-03-01, after "
                                             rf"{period}; there is nothing of theirs to run for it: give --period "
                                             r"2025Q1 or later$"):
            run_stages(["goals"], ["zoe"], period, db, out)
    res = run_cli("run", "goals", "--person", "zoe", "--period", "1999Q1", "--out", str(out), db=db)
    assert res.returncode == 1 and res.stderr.strip().splitlines() == [
        "error: zoe: Zoe Park started on 2025-03-01, after 1999Q1; there is nothing of theirs to run for it: "
        "give --period 2025Q1 or later"]
    assert not out.exists() or list(out.rglob("*.ipynb")) == []
