"""`workbook lab` and `workbook app` run their server in the foreground: however they are stopped (Ctrl-C, or a
`kill` from a script or a service manager), the server and its kernels stop with them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def _stop_and_watch(parent: subprocess.Popen[bytes], children: list[psutil.Process]) -> list[psutil.Process]:
    """SIGTERM the parent alone (not its group, as `kill PID` does) and return the children still alive 30 s on."""
    parent.send_signal(signal.SIGTERM)
    parent.wait(timeout=30)
    _gone, alive = psutil.wait_procs(children, timeout=30)
    for p in alive:  # leave nothing behind whatever the verdict
        p.kill()
    return alive


def _children_within(parent: subprocess.Popen[bytes], seconds: float, need: str) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kids = psutil.Process(parent.pid).children(recursive=True)
        if any(need in " ".join(k.cmdline()) for k in kids if k.is_running()):
            return kids
        time.sleep(0.2)
    parent.kill()
    pytest.fail(f"no {need} process under {parent.pid} within {seconds} s")


def test_a_kill_of_the_foreground_command_stops_the_server_it_runs() -> None:
    """Before, SIGTERM to `workbook lab` ended it alone: its JupyterLab (and 7 kernels) ran on under PID 1."""
    code = ("import sys; from workbook.serve import run_server; "
            "sys.exit(run_server([sys.executable, '-c', 'import time; time.sleep(120)']))")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    children = _children_within(parent, 30, "time.sleep(120)")
    assert _stop_and_watch(parent, children) == []


@pytest.mark.slow
def test_a_kill_of_workbook_lab_stops_jupyterlab(tmp_path: Path) -> None:
    """The real command on a new user's workbook: `kill` of `workbook lab` leaves no JupyterLab behind."""
    db = tmp_path / "career" / "workbook.db"
    assert run_cli("init", str(db)).returncode == 0
    parent = subprocess.Popen([sys.executable, "-m", "workbook", "lab", "--port", "0"], cwd=tmp_path,
                              env={**os.environ, "WORKBOOK_DB": str(db)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = _children_within(parent, 90, "jupyterlab")
    assert _stop_and_watch(parent, children) == []
