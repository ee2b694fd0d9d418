"""No personal data in the project tree: the repository's notebooks are templates; a manager works on copies beside
their workbook (`workbook lab`, `workbook app`). A quarter of form use through those copies leaves `git status` as it
was, while the copies (outside the repository) hold the outputs, private notes included."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import nbformat
import pytest

from workbook.core.errors import InputError
from workbook.core.model import GrowthPlan, Person
from workbook.core.paths import HOME_NOTEBOOK, NOTEBOOKS_DIR, PROJECT_ROOT
from workbook.lab import lab_command
from workbook.notebook import open_page
from workbook.run.batch import STAGES, run_notebook
from workbook.store import Store
from workbook.workspace import prepare_workspace, workspace_dir

SECRET = "Father is ill; asked for fewer late meetings"


def git_status() -> str:
    if not (PROJECT_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=True).stdout


def test_the_copies_go_beside_the_workbook_and_point_at_it(tmp_path: Path) -> None:
    db = tmp_path / "career" / "workbook.db"
    db.parent.mkdir()
    Store(db).close()
    folder = prepare_workspace(db)
    assert folder == workspace_dir(db) == db.parent / "notebooks"
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    assert names == sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")) and HOME_NOTEBOOK in names
    for nb in folder.glob("*.ipynb"):
        params = next(c for c in nbformat.read(nb, as_version=4).cells if "parameters" in c.metadata.get("tags", []))
        assert f"db = {str(db.resolve())!r}" in params.source, nb.name


def test_a_workbook_inside_the_project_cannot_get_copies_there(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="inside the project folder"):
        prepare_workspace(PROJECT_ROOT / "mine.db")
    assert not (PROJECT_ROOT / "mine.db").exists()


def test_lab_opens_the_home_page_on_loopback() -> None:
    cmd = lab_command("/tmp/x", 8899)
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--LabApp.default_url=/lab/tree/00_home.ipynb" in cmd
    assert "--ServerApp.root_dir=/tmp/x" in cmd and "--ServerApp.port=8899" in cmd


def test_workbook_lab_asks_no_jupyter_news_question_and_checks_no_update(tmp_path: Path) -> None:
    """`workbook lab` opened the home page under JupyterLab's "Would you like to get notified about official Jupyter
    news?" pop-up (and JupyterLab checks PyPI for updates): the hub and the browser tests set it off, `workbook lab`
    did not. Its real JupyterLab now serves the workbook's defaults: news off, no update check; the manager's own
    settings folder is untouched and still wins."""
    import json
    import os
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "t0ken-for-this-test"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update({"JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
                "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")})
    (tmp_path / "nb").mkdir()
    cmd = [*lab_command(tmp_path / "nb", port), "--no-browser", "--allow-root", f"--IdentityProvider.token={token}",
           "--ServerApp.port_retries=0"]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = (f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}")
    try:
        deadline, data = time.monotonic() + 90, None
        while time.monotonic() < deadline and data is None and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as reply:
                    data = json.loads(reply.read())
            except OSError:
                time.sleep(0.5)
        assert data is not None, "JupyterLab did not answer"
        defaults = {k: v.get("default") for k, v in data["schema"]["properties"].items()}  # overrides.json sets them
        assert (defaults["fetchNews"], defaults["checkForUpdates"]) == ("false", False), defaults
        assert not (tmp_path / "user-settings").exists() or not list((tmp_path / "user-settings").rglob("*.jupyterlab-settings"))
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.usefixtures("check_ins_staged_ahead")  # check-ins through 2027Q1's last weeks
def test_a_quarter_of_use_through_the_copies_leaves_git_status_clean(tmp_path: Path) -> None:
    before = git_status()
    templates = {p.name: p.read_bytes() for p in NOTEBOOKS_DIR.glob("*.ipynb")}
    db = tmp_path / "career" / "workbook.db"
    db.parent.mkdir()
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee", track="Data Science", level="1",
                                ladder="ladders/data-science.csv"))
        store.save_plan(GrowthPlan(person="kim", year=2027, status="agreed",
                                   goals=[{"text": "Become the team's go-to person for pricing models"}]))
    folder = prepare_workspace(db)

    # the quarter, through the pages the copies open: notes, OKRs, six check-ins, the close
    day = dt.date(2027, 1, 11)
    log = open_page("log", db=str(db), as_of=day.isoformat())
    for text, visibility in ((SECRET, "private"), ("Presented the model well", "shared")):
        log.form.text.value = text
        log.form.visibility.value = visibility
        assert log.form.save() is True
    okrs = open_page("okrs", db=str(db), as_of=day.isoformat())
    okrs.form.objectives[0].text.value = "Present the pricing model to the partner team"
    okrs.form.objectives[0].kr_rows[0].text.value = "Present the model at the partner weekly meeting by 2027-03-15"
    assert okrs.form.save() is True, okrs.form.findings.value
    checkin = open_page("checkin", db=str(db), as_of=day.isoformat())
    for week in range(6):
        checkin.day_picker.value = day + dt.timedelta(days=14 * week)
        checkin.form.kr_rows[0].status.value = "on_track" if week < 5 else "done"
        assert checkin.form.save() is True, checkin.form.findings.value
    close = open_page("close", db=str(db), as_of="2027-03-31")
    assert close.form.save() is True, close.form.findings.value

    # and the copies run as JupyterLab would save them: outputs written into the copy itself
    for name in (HOME_NOTEBOOK, STAGES["log"], STAGES["checkin"]):  # the ones that print the private note
        copy = folder / name
        run_notebook(copy, copy, {"as_of": "2027-03-31"}, cwd=folder)
    saved = (folder / STAGES["log"]).read_text()
    assert SECRET in saved, "the manager's copy keeps its outputs (outside the repository)"

    assert git_status() == before, "using the notebooks changed files in the repository"
    assert {p.name: p.read_bytes() for p in NOTEBOOKS_DIR.glob("*.ipynb")} == templates


def test_contributors_are_guarded_by_nbstripout(tmp_path: Path) -> None:
    """The pre-commit hook the repository configures strips a notebook's outputs (and its widget state)."""
    import sys

    import yaml

    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text())
    hook = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "nbstripout")
    assert hook["files"] == r"\.ipynb$" and hook["entry"].endswith("nbstripout")
    tool = Path(sys.executable).parent / "nbstripout"
    if not tool.exists():
        pytest.skip("nbstripout is not installed (make setup installs it)")
    dirty = tmp_path / "dirty.ipynb"
    nb = nbformat.read(NOTEBOOKS_DIR / STAGES["log"], as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=SECRET)]
    code.execution_count = 3
    nb.metadata["widgets"] = {"state": SECRET}
    nbformat.write(nb, dirty)
    subprocess.run([str(tool), str(dirty)], check=True)
    assert SECRET not in dirty.read_text()
