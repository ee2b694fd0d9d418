"""Errors are one line, name what went wrong, and survive pickling (batch workers run elsewhere)."""

from __future__ import annotations

import pickle

import pytest

from workbook.core import errors
from workbook.core.rules import Finding

CASES = [
    errors.WorkbookError("plain message"),
    errors.InputError("field id: is not a safe slug", "team.yaml", "people[0] (a/b)"),
    errors.RuleViolation("4 goals, at most 3", (Finding("error", "too_many_goals", "4 goals", "plan ana 2027"),)),
    errors.NotFound("unknown person 'bob'"),
    errors.StoreError("x.db is locked"),
    errors.LadderError("ladders/x.csv row 3: column 'level' is empty"),
    errors.ExportError("no Chromium found"),
    errors.BatchError("1 of 7 summaries failed: priya: LadderError: ..."),
    errors.OutputError("outputs/2026Q4/ana is a symbolic link; the workbook never writes through one"),
]


def test_an_error_line_is_capped_whatever_it_quotes() -> None:
    huge = errors.InputError("x" * 5_000_000, "team.yaml", "notes[0]")
    assert len(str(huge)) == errors.MAX_ERROR_LINE and str(huge).endswith("…")
    assert len(str(errors.BatchError("y" * 10_000))) <= errors.BatchError.limit


@pytest.mark.parametrize("exc", CASES, ids=lambda e: type(e).__name__)
def test_errors_pickle_with_their_fields_and_print_one_line(exc: errors.WorkbookError) -> None:
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is type(exc) and str(copy) == str(exc) and copy.args == exc.args
    assert "\n" not in str(copy)
    assert isinstance(copy, errors.WorkbookError)


def test_input_error_names_file_and_entry_first() -> None:
    exc = errors.InputError("is required", "team.yaml", "notes[2] field text")
    assert str(exc) == "team.yaml: notes[2] field text: is required"
    assert pickle.loads(pickle.dumps(exc)).where == "notes[2] field text"


def test_multi_line_messages_are_folded_to_one_line() -> None:
    assert str(errors.WorkbookError("first\nsecond")) == "first second"


def test_in_a_notebook_a_workbook_error_is_its_one_line_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A page opened on a workbook that is gone (moved, a typo in the `db` cell) raises InputError in its kernel.
    JupyterLab showed the whole traceback through the workbook's code; IPython shows what ``_render_traceback_``
    gives instead: the one line that says what to fix. Run in a real kernel by papermill, as the pages run."""
    import papermill as pm

    from workbook.core.paths import NOTEBOOKS_DIR

    gone = tmp_path / "moved-away.db"
    with pytest.raises(pm.PapermillExecutionError) as raised:
        pm.execute_notebook(str(NOTEBOOKS_DIR / "00_home.ipynb"), str(tmp_path / "out.ipynb"), parameters={"db": str(gone)},
                            progress_bar=False, kernel_name="python3", cwd=str(tmp_path))
    shown = [line for line in raised.value.traceback if line.strip()]
    assert shown == [f"InputError: workbook {gone} does not exist; create it with `workbook init {gone}` or pick another db"]
    assert raised.value.ename == "InputError"  # what a batch names a failure by is unchanged


def test_advice_names_the_workbook_the_user_named_with_db() -> None:
    """`workbook import team.yaml --db team.db` refused a ladder and advised `workbook ladder folders --add DIR`, which
    would have changed the default workbook, not team.db (found by a helper). Advice takes the user's --db along,
    only to a command that has the option, never a password."""
    from workbook.cli.base import advice_with_db as _advice_with_db

    said = "allow its folder: `workbook ladder folders --add /srv/lads` (also allowed: x); see `workbook init PATH`"
    assert _advice_with_db(said, ["import", "t.yaml", "--db", "my team.db"]) == (
        "allow its folder: `workbook ladder folders --add /srv/lads --db 'my team.db'` (also allowed: x); see "
        "`workbook init PATH`")  # init has no --db: left as it was
    assert _advice_with_db(said, ["import", "t.yaml", "--db=t.db"]).count("--db t.db") == 1
    assert _advice_with_db(said, ["import", "t.yaml"]) == said  # the default workbook: nothing to add
    url = "postgresql+psycopg://maya:s3cret@/acme?host=/tmp/s"
    assert _advice_with_db(said, ["import", "t.yaml", "--db", url]) == said  # a password is never printed
    plain = "postgresql+psycopg://maya@/acme?host=/tmp/s"
    assert f"--db '{plain}'`" in _advice_with_db(said, ["import", "t.yaml", "--db", plain])
    theirs = ("maya's URL needs a schema upgrade; ask the administrator to run `workbook org upgrade` with the owner's "
              "URL; then `workbook due`")  # advice for someone else keeps their own workbook
    assert _advice_with_db(theirs, ["due", "--db", "m.db"]) == theirs.replace("`workbook due`", "`workbook due --db m.db`")
    typed = "run `workbook ladder folders --db a.db --add /x` first"
    assert _advice_with_db(typed, ["import", "t.yaml", "--db", "b.db"]) == typed  # one --db already given


def test_a_refused_ladder_s_advice_runs_on_the_workbook_given(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    lads = tmp_path / "lads"
    lads.mkdir()
    (lads / "eng.csv").write_text("track,level,competency,expectation\nEng,L1,Code,Writes code\n")
    (tmp_path / "team.yaml").write_text("people:\n- {id: ann, name: Ann Lee, manager: me, ladder: lads/eng.csv}\n")
    (tmp_path / "mine").mkdir()  # the workbook's own folder is allowed: lads is beside it, not in it
    refused = cli("import", "team.yaml", "--db", "mine/w.db", cwd=tmp_path)  # as a user types it, in their folder
    assert refused.returncode == 1 and "`" in refused.stderr, refused.stderr
    command = refused.stderr.split("`")[1]
    assert command == f"workbook ladder folders --add {lads} --db mine/w.db", refused.stderr
    allowed = cli(*command.split()[1:], cwd=tmp_path)  # as advised: then the import goes through
    assert allowed.returncode == 0, allowed.stderr
    assert cli("import", "team.yaml", "--db", "mine/w.db", cwd=tmp_path).returncode == 0
