"""Where the manager's own workbook is: --db, then WORKBOOK_DB, then the default `workbook init` remembered, else the demo.

The default lives in a small TOML file in the user's config folder (``platformdirs``: ``~/.config/workbook/``
on Linux, honouring ``XDG_CONFIG_HOME``), never in the project tree, so a manager's data never lands in a
file git tracks. The person last worked on is remembered per workbook in the user's state folder, so a
stage notebook opened from the home page in JupyterLab opens on that person.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..core.errors import InputError
from ..core.fileio import write_text_atomic
from ..core.paths import DEMO_DB, PROJECT_ROOT

__all__ = [
    "APP_NAME",
    "DEFAULT_INIT_PATH",
    "WorkbookChoice",
    "config_file",
    "choose_workbook",
    "demo_db_path",
    "remembered_db",
    "remember_db",
    "forget_remembered_db",
    "no_workbook_line",
    "inside_project",
    "remember_person",
    "remembered_person",
]

APP_NAME = "workbook"
CONFIG_NAME = "config.toml"
SELECTION_NAME = "selection.json"
DEFAULT_INIT_PATH = Path("~/career/workbook.db")

Source = Literal["--db", "WORKBOOK_DB", "config", "demo"]


@dataclass(frozen=True)
class WorkbookChoice:
    """The workbook a command or notebook opens, and why that one (``source``)."""

    path: Path
    source: Source

    @property
    def is_demo(self) -> bool:
        return self.source == "demo"


def _config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_path(APP_NAME))


def _state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_path(APP_NAME))


def config_file() -> Path:
    """The config file that remembers the default workbook (it may not exist yet)."""
    return _config_dir() / CONFIG_NAME


def demo_db_path() -> Path:
    """The demo workbook of this checkout (``outputs/demo.db``), built by `make demo` or on first use."""
    return PROJECT_ROOT / DEMO_DB


def remembered_db() -> Path | None:
    """The workbook `workbook init` recorded as the default, or None. Raises InputError naming the
    config file when it cannot be read."""
    path = config_file()
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc}); fix it or run `workbook init PATH` again") from None
    value = data.get("db")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{path}: 'db' must be the path of a workbook file; run `workbook init PATH` again")
    return Path(value).expanduser()


def remember_db(db: str | os.PathLike[str]) -> Path:
    """Record ``db`` (made absolute) as the default workbook; returns the config file written."""
    target = Path(db).expanduser().resolve()
    text = ("# The workbook `workbook` opens when no --db or WORKBOOK_DB is given (written by `workbook init`).\n"
            f"db = {json.dumps(str(target), ensure_ascii=False)}\n")
    return write_text_atomic(config_file(), text)


def forget_remembered_db() -> None:
    """Remove the recorded default (the demo is used again until the next `workbook init`)."""
    config_file().unlink(missing_ok=True)


def choose_workbook(db: str | os.PathLike[str] | None = None) -> WorkbookChoice:
    """The workbook to open: ``db`` when given, else ``WORKBOOK_DB``, else the default `workbook init`
    recorded, else the demo workbook (``is_demo``; see :func:`no_workbook_line`)."""
    if db is not None and str(db) != "":
        return WorkbookChoice(Path(db).expanduser(), "--db")
    env = os.environ.get("WORKBOOK_DB", "").strip()
    if env:
        return WorkbookChoice(Path(env).expanduser(), "WORKBOOK_DB")
    remembered = remembered_db()
    if remembered is not None:
        return WorkbookChoice(remembered, "config")
    return WorkbookChoice(demo_db_path(), "demo")


def no_workbook_line() -> str:
    """The one line said when the demo is shown because no workbook of one's own exists yet."""
    return (f"No workbook of your own yet, so this is the demo team. Create yours with "
            f"`workbook init {DEFAULT_INIT_PATH}`.")


def inside_project(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is inside this checkout (where git could pick a manager's data up)."""
    resolved = Path(path).expanduser().resolve()
    return resolved == PROJECT_ROOT or PROJECT_ROOT in resolved.parents


# -- the person last worked on, per workbook ------------------------------------------------------------------
def _selection_file() -> Path:
    return _state_dir() / SELECTION_NAME


def _read_selection() -> dict[str, str]:
    try:
        data = json.loads(_selection_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a lost or broken preference only means the first person is shown
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def remember_person(db: str | os.PathLike[str], person_id: str) -> None:
    """Remember ``person_id`` as the person last worked on in workbook ``db`` (a preference: an
    unwritable state folder is ignored)."""
    data = _read_selection()
    data[str(Path(db).expanduser().resolve())] = person_id
    try:
        write_text_atomic(_selection_file(), json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except OSError:
        pass


def remembered_person(db: str | os.PathLike[str]) -> str | None:
    """The person last worked on in workbook ``db``, or None."""
    return _read_selection().get(str(Path(db).expanduser().resolve()))
