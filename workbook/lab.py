"""`workbook lab`: JupyterLab on the manager's working copies of the notebooks (beside the workbook), home page first."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .core import clock
from .core.paths import HOME_NOTEBOOK, NOTEBOOKS_DIR
from .serve import run_server
from .workspace import prepare_workspace

__all__ = ["lab_command", "serve_lab"]


# JupyterLab's default settings for the workbook (overrides.json): no "Would you like to get notified about official
# Jupyter news?" pop-up over the home page and no update check, which would ask the internet from a manager's
# machine; the manager's own JupyterLab settings still win over these.
LAB_SETTINGS = Path(__file__).resolve().parent / "lab_settings"


def lab_command(folder: str | os.PathLike[str], port: int = 0) -> list[str]:
    """The JupyterLab command line for ``folder``: loopback only, a token, the home page opened first, the
    workbook's default settings (:data:`LAB_SETTINGS`) and no update check (``--allow-root`` when run as root,
    as JupyterLab refuses otherwise)."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={Path(folder)}", "--ServerApp.ip=127.0.0.1",
           f"--LabApp.default_url=/lab/tree/{HOME_NOTEBOOK}", f"--LabApp.app_settings_dir={LAB_SETTINGS}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if port:
        cmd.append(f"--ServerApp.port={int(port)}")
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    return cmd


def serve_lab(db: str | os.PathLike[str], port: int = 0, templates: str | os.PathLike[str] = NOTEBOOKS_DIR) -> int:
    """Refresh the working copies beside workbook ``db`` and run JupyterLab on them until it stops; returns
    its exit code. Raises InputError when the workbook lies inside the project folder, or when
    :data:`~workbook.core.clock.TODAY_VARIABLE` is not a day (said once here, not on every page opened)."""
    clock.today()
    folder = prepare_workspace(db, templates)
    print(f"Your notebooks: {folder} (copies of the project's templates, pointed at {Path(db).resolve()})",
          file=sys.stderr, flush=True)
    return run_server(lab_command(folder, port), cwd=folder)
