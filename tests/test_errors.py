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
