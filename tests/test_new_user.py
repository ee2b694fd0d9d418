"""The issue's acceptance, as a new user types it on a fresh machine (a temp HOME and config folder): init, add Kim,
run every stage for her, make the summaries, see her due a check-in, and `printf 'n\\n' | workbook forget kim`
refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import has_chromium

from workbook.core import clock
from workbook.core.dates import quarter_of
from workbook.run.outputs import summary_paths

pytestmark = pytest.mark.slow


def test_a_new_user_from_init_to_summaries(cli, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}

    def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return cli(*args, cwd=tmp_path, env=env, input=input)

    init = run("init", str(home / "career" / "workbook.db"))  # what `workbook init ~/career/workbook.db` expands to
    assert init.returncode == 0 and init.stderr == "", init.stderr
    made = home / "career" / "workbook.db"
    assert oct(made.stat().st_mode & 0o777) == "0o600" and oct(made.parent.stat().st_mode & 0o777) == "0o700"
    add = run("person", "add", "kim", "--name", "Kim Lee", "--track", "Data Science", "--level", "1",
              "--ladder", "ladders/data-science.csv")
    assert add.returncode == 0 and add.stderr == "", add.stderr
    for stage in ("log", "goals", "okrs", "checkin", "close"):
        r = run("run", stage, "--person", "kim")
        assert r.returncode == 0 and r.stderr == "", f"{stage}: {r.stderr}"
        out = Path(r.stdout.strip())
        assert out.is_file() and '"output_type": "error"' not in out.read_text(), stage
        assert out.is_relative_to(home / "career" / "outputs" / "stages"), out  # beside the workbook, not here
    summaries = run("summaries", "--no-pdf" if not has_chromium() else "--pdf")
    assert summaries.returncode == 0, summaries.stderr
    quarter = quarter_of(clock.today())
    # outputs/<quarter>/kim/kim-<quarter>.* beside the workbook (the team's files stay with the data)
    notebook, pdf = summary_paths(home / "career" / "outputs", quarter, "kim")
    assert not (tmp_path / "outputs").exists()
    assert notebook.is_file() and oct(notebook.stat().st_mode & 0o777) == "0o600"
    if has_chromium():
        assert pdf.stat().st_size > 1000
    due = run("due")
    assert due.returncode == 0 and "Kim Lee (kim)" in due.stdout
    assert "  - check-in: no check-in yet: start the bi-weekly rhythm [due today]" in due.stdout
    forget = run("forget", "kim", input="n\n")
    assert forget.returncode != 0 and "nothing was changed" in forget.stderr
    assert "kim" in run("people").stdout



def test_a_batch_writes_beside_the_workbook_it_reads(tmp_path: Path) -> None:
    """Without --out: outputs/ beside a manager's own workbook, the demo's own folder, outputs/ here for a URL."""
    from workbook.run.outputs import outputs_root
    from workbook.store.location import demo_db_path

    assert outputs_root(tmp_path / "career" / "workbook.db") == (tmp_path / "career" / "outputs").resolve()
    assert outputs_root(demo_db_path()) == demo_db_path().resolve().parent  # outputs/, not outputs/outputs
    assert outputs_root(tmp_path / "outputs" / "copy.db") == (tmp_path / "outputs").resolve()
    assert outputs_root("postgresql+psycopg://maya@/org?host=/tmp") == Path("outputs")
