"""Where the project's own files are: the checkout root, its notebooks, its ladders, the package's templates."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_ROOT", "NOTEBOOKS_DIR", "LADDERS_DIR", "TEMPLATES_DIR", "DEMO_DB", "HOME_NOTEBOOK",
           "STAGE_NOTEBOOKS", "GENERATED_DIR", "git_could_pick_up", "SYSTEM_FOLDERS", "too_broad_folder",
           "unsafe_ladder_folder"]

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


# Folders the operating system owns: its configuration and secrets (/etc, /root, /var: /etc/shadow, /var/lib's
# databases), its programs (/usr, /bin, /sbin, /lib, /lib64, /boot), its runtime state (/run) and the kernel's
# views of processes and devices (/proc, /sys, /dev: reading some of these hangs or leaks). A ladder is a document a
# person writes; none belongs there, and allowing one of these (or a folder above the home folder, which holds
# ~/.ssh) would let a person's `ladder:` path read any file in it and echo its lines in an error.
SYSTEM_FOLDERS = tuple(Path(p) for p in ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/run",
                                         "/sbin", "/sys", "/usr", "/var"))


def too_broad_folder(folder: str | os.PathLike[str]) -> str | None:
    """Why ``folder`` holds far more than ladders (the filesystem's root, the home folder itself or a folder above
    it), or None. Compared as given and with symlinks resolved."""
    home = Path(os.path.realpath(Path.home()))
    for path in dict.fromkeys((Path(os.path.abspath(folder)), Path(os.path.realpath(folder)))):
        if path.parent == path:
            return "is the root of the filesystem"
        if path == home or path in home.parents:
            return "is your home folder" if path == home else f"holds your home folder ({home})"
    return None


def unsafe_ladder_folder(folder: str | os.PathLike[str]) -> str | None:
    """Why ladder files may not come from ``folder`` (too broad, see :func:`too_broad_folder`, or one of
    SYSTEM_FOLDERS or inside one), or None when it may be allowed."""
    if why := too_broad_folder(folder):
        return why
    home = Path(os.path.realpath(Path.home()))
    for path in dict.fromkeys((Path(os.path.abspath(folder)), Path(os.path.realpath(folder)))):
        if home in path.parents:  # a folder of one's own home is one's own, /root's for root too
            continue
        system = next((s for s in SYSTEM_FOLDERS if path == s or s in path.parents), None)
        if system is not None:
            return f"is a system folder ({system}: the operating system's files, not documents)"
    return None
