"""Where the project's own files are: the checkout root, its notebooks, its ladders, the package's templates."""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

__all__ = ["PACKAGE_DIR", "PROJECT_ROOT", "NOTEBOOKS_DIR", "LADDERS_DIR", "TEMPLATES_DIR", "DEMO_DB", "HOME_NOTEBOOK",
           "STAGE_NOTEBOOKS", "GENERATED_DIR", "git_could_pick_up", "SYSTEM_FOLDERS", "LINUX_SYSTEM_FOLDERS",
           "MACOS_SYSTEM_FOLDERS", "WINDOWS_SYSTEM_FOLDERS", "system_folders", "broad_folder_reason",
           "system_folder_reason", "too_broad_folder", "unsafe_ladder_folder"]

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


# Folders the operating system owns, on each system a workbook runs on. Linux: its configuration and secrets (/etc,
# /root, /var: /etc/shadow, /var/lib's databases), its programs (/usr, /bin, /sbin, /lib, /lib64, /boot), its runtime
# state (/run) and the kernel's views of processes and devices (/proc, /sys, /dev: reading some of these hangs or
# leaks). macOS: the same Unix folders, with /etc, /var and /tmp links into /private, plus its own (/System,
# /Library, /Applications, /cores). Windows: the system and program folders of the system drive. A ladder is a
# document a person writes; none belongs there, and allowing one of these (or a folder above the home folder, which
# holds ~/.ssh) would let a person's `ladder:` path read any file in it and echo its lines in an error.
LINUX_SYSTEM_FOLDERS = tuple(PurePosixPath(p) for p in ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc",
                                                        "/root", "/run", "/sbin", "/sys", "/usr", "/var"))
MACOS_SYSTEM_FOLDERS = tuple(PurePosixPath(p) for p in ("/Applications", "/Library", "/System", "/cores", "/private"))
# inside those, the temporary folders that are every user's (macOS's /tmp, and the per-user ones tempfile uses)
MACOS_TEMP_FOLDERS = (PurePosixPath("/private/tmp"), PurePosixPath("/private/var/folders"))
# /Volumes holds every mounted disk (the system disk too, as a link to /); /Volumes/NAME is the root of one
MACOS_DISKS = PurePosixPath("/Volumes")
SYSTEM_FOLDERS = LINUX_SYSTEM_FOLDERS + MACOS_SYSTEM_FOLDERS  # a path of one never names a document on the other
WINDOWS_SYSTEM_FOLDERS = tuple(PureWindowsPath(p) for p in (r"C:\Windows", r"C:\Program Files",
                                                            r"C:\Program Files (x86)", r"C:\ProgramData"))
# where Windows says its folders are, when it is installed elsewhere than C:
WINDOWS_FOLDER_VARIABLES = ("SystemRoot", "ProgramFiles", "ProgramFiles(x86)", "ProgramData")


def system_folders(flavour: type[PurePath]) -> tuple[PurePath, ...]:
    """The operating system's folders for paths of ``flavour`` (PureWindowsPath or PurePosixPath)."""
    if not issubclass(flavour, PureWindowsPath):
        return SYSTEM_FOLDERS
    named = (PureWindowsPath(v) for v in (os.environ.get(n, "") for n in WINDOWS_FOLDER_VARIABLES) if v)
    return tuple(dict.fromkeys((*WINDOWS_SYSTEM_FOLDERS, *(p for p in named if p.is_absolute()))))


def broad_folder_reason(path: PurePath, home: PurePath) -> str | None:
    """Why the absolute ``path`` holds far more than ladders (the root of the filesystem or of a drive or disk, the
    home folder ``home`` itself or a folder above it), or None. Pure path logic: any system's paths, on any."""
    if path.parent == path:
        return "is the root of a drive" if isinstance(path, PureWindowsPath) else "is the root of the filesystem"
    if path == home or path in home.parents:
        return "is your home folder" if path == home else f"holds your home folder ({home})"
    if not isinstance(path, PureWindowsPath) and (path == MACOS_DISKS or path.parent == MACOS_DISKS):
        return "holds every mounted disk" if path == MACOS_DISKS else "is the root of a disk"
    return None


def system_folder_reason(path: PurePath, home: PurePath) -> str | None:
    """Why the absolute ``path`` may not hold ladders because the operating system owns it (one of
    :func:`system_folders` or inside one, outside the home folder ``home`` and the shared temporary folders), or
    None. Pure path logic, as :func:`broad_folder_reason`."""
    if home in path.parents:  # a folder of one's own home is one's own, /root's for root too
        return None
    if not isinstance(path, PureWindowsPath) and any(path == t or t in path.parents for t in MACOS_TEMP_FOLDERS):
        return None
    system = next((s for s in system_folders(type(path)) if path == s or s in path.parents), None)
    if system is not None:
        return f"is a system folder ({system}: the operating system's files, not documents)"
    return None


def _as_given_and_resolved(folder: str | os.PathLike[str]) -> tuple[tuple[PurePath, ...], PurePath]:
    """``folder`` absolute as given and with symlinks resolved, and the real home folder, as this system's paths."""
    home = PurePath(os.path.realpath(Path.home()))
    return tuple(dict.fromkeys((PurePath(os.path.abspath(folder)), PurePath(os.path.realpath(folder))))), home


def too_broad_folder(folder: str | os.PathLike[str]) -> str | None:
    """Why ``folder`` holds far more than ladders (see :func:`broad_folder_reason`), or None. Compared as given and
    with symlinks resolved."""
    paths, home = _as_given_and_resolved(folder)
    return next((why for path in paths if (why := broad_folder_reason(path, home))), None)


def unsafe_ladder_folder(folder: str | os.PathLike[str]) -> str | None:
    """Why ladder files may not come from ``folder`` (too broad, see :func:`too_broad_folder`, or a system folder,
    see :func:`system_folder_reason`), or None when it may be allowed."""
    if why := too_broad_folder(folder):
        return why
    paths, home = _as_given_and_resolved(folder)
    return next((why for path in paths if (why := system_folder_reason(path, home))), None)
