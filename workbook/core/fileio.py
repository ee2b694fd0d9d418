"""Atomic, private file writes: a temp file in the same folder, fsync, then rename; no write follows a symlink.

Career notes end up in generated files, so every file the workbook makes is created 0600 and every
folder it makes 0700. :func:`write_bytes_atomic` writes one file in one step; :func:`stage_bytes` writes
the temp file and leaves the rename to the caller (:meth:`PendingFile.publish`), so a batch can record
a file in the workbook and rename it into place inside one database transaction.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import uuid
from contextlib import suppress
from pathlib import Path

from .errors import InputError, OutputError
from .paths import GENERATED_DIR, git_could_pick_up

__all__ = ["OutputError", "check_outside_checkout", "check_new_file", "write_bytes_atomic", "write_text_atomic", "ensure_private_dir", "ensure_private_parents",
           "stage_bytes",
           "PendingFile", "remove_file", "file_fault_message", "file_in_the_way",
           "no_folder_for"]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


# The temporary name a file is written under before it is moved into place: ".NAME.RANDOM.tmp" (or ".new").
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{6,12}\.(?:tmp|new)$")


def file_fault_message(exc: OSError, path: str | os.PathLike[str]) -> str:
    """One line for an OSError while writing ``path``: disk full, read-only disk, permission, missing
    folder, symbolic link. A temporary name the user never typed is said as the file it was to become."""
    if (m := _TEMP_NAME.match(Path(path).name)) is not None:
        path = Path(path).with_name(m["name"])
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{path}: the disk is full; free some space and run the command again (the file was not written)"
    if exc.errno == errno.EROFS:
        return f"{path}: the disk is read-only; write to another folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{path}: permission denied; write to a folder you own"
    if exc.errno == errno.ENOENT:
        return f"{path}: the folder does not exist; create it or choose another path"
    if exc.errno == errno.ELOOP:
        return f"{path}: is a symbolic link; the workbook never writes through one, remove it"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and (blocker := file_in_the_way(path, itself=exc.errno == errno.EEXIST)):
        return f"{path}: {_A_FILE_IN_THE_WAY.format('is' if blocker == Path(path).expanduser() else f'{blocker} is')}"
    return f"{path}: cannot be written ({exc.strerror or exc})"


_A_FILE_IN_THE_WAY = "{} a file where a folder is needed; move it away or choose another path"


def no_folder_for(target: str | os.PathLike[str]) -> str:
    """Why ``target``'s folder is not there to write in, with the fix: a file stands where one of its folders
    should be (it cannot be created: "create it first" would send the user to the wrong fix), or it does not
    exist."""
    target = Path(target).expanduser()
    if (blocker := file_in_the_way(target)) is not None:
        return _A_FILE_IN_THE_WAY.format(f"{blocker} is")
    return f"folder {target.parent} does not exist; create it first"


def file_in_the_way(path: str | os.PathLike[str], *, itself: bool = False) -> Path | None:
    """The first of ``path``'s folders (and ``path`` itself when ``itself``: a folder was to be made there) that
    exists and is not a folder, a file named where a folder goes; None when there is none."""
    target = Path(path).expanduser()
    for folder in [*reversed(target.parents), *([target] if itself else [])]:
        if folder.exists() and not folder.is_dir():
            return folder
    return None


def check_outside_checkout(path: str | os.PathLike[str]) -> None:
    """Refuse ``path`` (a file or folder a user named for a manager's data) inside this checkout where git does not
    ignore it: an export, a key, a summary written there would be one `git add` away from a commit. Raises
    InputError naming the path and the fix."""
    if git_could_pick_up(path):
        raise InputError(f"is inside the project folder, where git could pick it up; write it outside the project "
                         f"(e.g. ~/career/) or under {GENERATED_DIR}, which git ignores", str(path))


def check_new_file(path: str | os.PathLike[str], *, force: bool = False, example: str = "export.json") -> Path:
    """``path`` as a file a command is about to write with a manager's data, refused before anything is written
    when it is a folder, exists (unless ``force``), is in a folder that does not exist, or is where git could pick
    it up (:func:`check_outside_checkout`). Raises InputError naming the path and the fix."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputError(f"is a folder; give a file name in it, e.g. {target / example}", str(path))
    if target.exists() and not force:
        raise InputError("already exists; give another name, or --force to replace it", str(path))
    if not target.parent.is_dir():
        raise InputError(no_folder_for(target), str(path))
    check_outside_checkout(target)
    return target


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, private: bool = False) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    The bytes go to a temp file in the same directory, are fsynced, then renamed over ``path`` (a
    rename replaces a symlink at ``path``; it never writes through it). A replaced regular file keeps
    its permissions (unless ``private``: then it is 0600 too); a new one is private to its owner (0600),
    since these are career notes. A missing folder is created 0700. Raises OSError (disk full ...) and
    leaves no temp file.
    """
    target = Path(path)
    if not target.parent.is_dir():  # every missing folder 0700, not only the last (mkdir(parents=True) gives 0755)
        ensure_private_parents(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with suppress(FileNotFoundError):
            old = os.lstat(target)
            if stat.S_ISREG(old.st_mode) and not private:
                os.chmod(tmp_name, stat.S_IMODE(old.st_mode))
        os.replace(tmp_name, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(target.parent)
    return target


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8", *, private: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`write_bytes_atomic`); newlines are kept as given."""
    return write_bytes_atomic(path, text.encode(encoding), private=private)


def ensure_private_dir(root: str | os.PathLike[str], *parts: str) -> Path:
    """``root/part/part...``, each part created 0700 when missing. ``root`` is the caller's choice (it
    may itself be a symlink); every part below it must be a real folder owned by this user: a symlink,
    a file or another user's folder there raises OutputError, so nothing is written through it."""
    base = Path(root)
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise OutputError(file_fault_message(exc, base)) from None
    current = base
    for part in parts:
        if not part or part in (".", "..") or "/" in part or "\\" in part or "\0" in part:
            raise OutputError(f"{current}: {part!r} is not a folder name the workbook makes")  # pragma: no cover
        current = current / part
        try:
            current.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise OutputError(file_fault_message(exc, current)) from None
        info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(f"{current} is a symbolic link; the workbook never writes through one: remove it "
                              "(outputs are made again on the next run)")
        if not stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{current} is not a folder; move it away so the workbook can make its folder there")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise OutputError(f"{current} belongs to another user; give the command another output folder")
    return current


def ensure_private_parents(path: str | os.PathLike[str]) -> Path:
    """The folder of ``path``, with every missing folder on the way created 0700 (never through a symlink,
    see :func:`ensure_private_dir`); folders that exist are left as they are. Raises OutputError."""
    folder = Path(path).expanduser().absolute().parent
    base = folder
    while not base.exists() and base != base.parent:
        base = base.parent
    return ensure_private_dir(base, *folder.relative_to(base).parts)


class PendingFile:
    """A file written and fsynced under a temporary name in its final folder, not yet visible under
    its final name: :meth:`publish` renames it into place, :meth:`discard` removes it. The folder is
    held open (and was opened without following a symlink), so the rename lands where the checks ran."""

    def __init__(self, path: Path, dir_fd: int, tmp_name: str) -> None:
        self.path = path
        self._dir_fd: int | None = dir_fd
        self._tmp = tmp_name

    def publish(self) -> Path:
        """Rename into place (replacing an older file, or a symlink, never writing through it)."""
        assert self._dir_fd is not None, "already published or discarded"
        os.replace(self._tmp, self.path.name, src_dir_fd=self._dir_fd, dst_dir_fd=self._dir_fd)
        with suppress(OSError):
            os.fsync(self._dir_fd)
        self._close()
        return self.path

    def discard(self) -> None:
        """Remove the temp file (safe to call after publish or twice)."""
        if self._dir_fd is None:
            return
        with suppress(FileNotFoundError):
            os.unlink(self._tmp, dir_fd=self._dir_fd)
        self._close()

    def _close(self) -> None:
        if self._dir_fd is not None:
            os.close(self._dir_fd)
            self._dir_fd = None

    def __del__(self) -> None:  # a pending file nobody published is removed with its owner
        with suppress(Exception):
            self.discard()


def stage_bytes(path: str | os.PathLike[str], data: bytes) -> PendingFile:
    """Write ``data`` to a private (0600) temp file in ``path``'s folder, fsynced, and return it
    unpublished. The folder must exist and must not be a symlink (see :func:`ensure_private_dir`).
    Raises OutputError (disk full, read-only ...) and leaves no temp file behind."""
    target = Path(path)
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError as exc:
        raise OutputError(file_fault_message(exc, target.parent)) from None
    tmp_name = f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=dir_fd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp_name, dir_fd=dir_fd)
        os.close(dir_fd)
        raise OutputError(file_fault_message(exc, target)) from None
    return PendingFile(target, dir_fd, tmp_name)


def remove_file(path: str | os.PathLike[str]) -> bool:
    """Remove one file the workbook made: only a regular file or a symlink itself (never what a link
    points to, never a folder). Returns whether something was removed."""
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(info.st_mode):
        return False
    target.unlink()
    return True


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
