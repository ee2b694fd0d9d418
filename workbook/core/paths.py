"""Where the project's own files are: the checkout root, its notebooks, its ladders, the package's templates."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_ROOT", "NOTEBOOKS_DIR", "LADDERS_DIR", "TEMPLATES_DIR", "DEMO_DB", "HOME_NOTEBOOK",
           "STAGE_NOTEBOOKS", "GENERATED_DIR", "git_could_pick_up"]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
LADDERS_DIR = PROJECT_ROOT / "ladders"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
GENERATED_DIR = PROJECT_ROOT / "outputs"  # ignored by git (but its .gitkeep): the demo and its files live there
DEMO_DB = "outputs/demo.db"  # relative to the project root
HOME_NOTEBOOK = "00_home.ipynb"
MY_PAGE = "10_my_page.ipynb"  # the report's own page (the app page reports land on, on the hub)
# stage name -> its notebook in notebooks/ (the CLI's `workbook run STAGE`, the home page's links)
STAGE_NOTEBOOKS: dict[str, str] = {
    "log": "01_conversation_log.ipynb",
    "goals": "02_growth_goals.ipynb",
    "okrs": "03_quarterly_okrs.ipynb",
    "checkin": "04_check_in.ipynb",
    "close": "05_quarter_close.ipynb",
}


def git_could_pick_up(path: str | os.PathLike[str]) -> bool:
    """Whether a file written at ``path`` would be inside this checkout where git does not ignore it (anywhere
    but ``outputs/``), so a manager's data there could be committed with the next `git add`."""
    resolved = Path(path).expanduser().resolve()
    inside = resolved == PROJECT_ROOT or PROJECT_ROOT in resolved.parents
    return inside and resolved != GENERATED_DIR and GENERATED_DIR not in resolved.parents
