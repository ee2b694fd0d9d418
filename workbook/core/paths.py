"""Where the project's own files are: the checkout root, its notebooks, its ladders, the package's templates."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_ROOT", "NOTEBOOKS_DIR", "LADDERS_DIR", "TEMPLATES_DIR", "DEMO_DB", "HOME_NOTEBOOK",
           "STAGE_NOTEBOOKS"]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
LADDERS_DIR = PROJECT_ROOT / "ladders"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
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
