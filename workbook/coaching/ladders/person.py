"""A person's ladder and their place on it: their file found (or why not, in words), track and level checked at the door."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import LadderError
from ...core.paths import PROJECT_ROOT
from .load import _did_you_mean, cached_ladder, locate_person_ladder, resolve_ladder_path

if TYPE_CHECKING:
    from ...core.model import Person
    from .model import Ladder

__all__ = ["stored_ladder_path", "checked_place", "person_ladder", "set_ladder_hint", "person_ladder_file", "missing_ladder_message",
           "ladder_file_problem", "ladder_file_name", "shared_ladder_problem"]


def stored_ladder_path(given: str | Path, *, base_dirs: Iterable[Path] = ()) -> str:
    """How a ladder is recorded on a person: relative to the project when it is one of the project's
    files (so the workbook works from any folder), else the absolute path. Raises LadderError when
    the file cannot be found."""
    resolved = resolve_ladder_path(given, base_dirs=base_dirs).resolve()
    if PROJECT_ROOT in resolved.parents:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    return str(resolved)


def checked_place(ladder: str, track: str, level: str, *, folders: Sequence[str | os.PathLike[str]] = (),
                  base_dirs: Iterable[Path] = ()) -> tuple[str, str, str]:
    """``(ladder path as stored, track, level)`` in the ladder's own spelling (a level by key or name). The
    file is found under the workbook's ladder policy (``folders``: ``Store.ladder_folders()``, see
    :func:`locate_person_ladder`). Without a ladder nothing can be checked: a level then needs at least a
    track, and both are kept as given. Raises LadderError naming what is wrong (the file missing, outside
    the allowed folders or unusable, a track or level not on it)."""
    track, level = str(track or "").strip(), str(level or "").strip()
    if not str(ladder or "").strip():
        if level and not track:
            raise LadderError("a level without a track or a ladder cannot be checked; give the track and the ladder too")
        return "", track, level
    found = locate_person_ladder(ladder.strip(), folders, base_dirs=base_dirs)
    assert found is not None
    path = stored_ladder_path(found)
    lad = cached_ladder(found)
    track = lad.resolve_track(track or None)
    if level:
        level = lad.resolve_level(track, level)
    return path, track, level


def person_ladder_file(person: Person, folders: Sequence[str | os.PathLike[str]] = ()) -> tuple[Ladder | None, Path | None]:
    """A person's ladder and its file, or (None, None) when none is set. ``folders`` are the workbook's
    ladder folders (``Store.ladder_folders()``); see :func:`locate_person_ladder` for the policy.

    Raises LadderError naming the person when the file is missing, refused or unusable (binary, not
    CSV ...): a summary without its ladder would silently drop the coverage section, so it is not made.
    """
    if not person.ladder.strip():
        return None, None
    fix = f"fix the file or set another ladder for {person.id} (`workbook person edit {person.id} --ladder FILE`)"
    try:
        path = locate_person_ladder(person.ladder, folders, must_exist=False)
        if path is not None:
            return cached_ladder(path), path
    except LadderError as exc:
        raise LadderError(f"{person.id}: ladder {person.ladder}: {exc}; {fix}") from exc
    except OSError as exc:
        raise LadderError(f"{person.id}: ladder {person.ladder} cannot be read ({exc.strerror or exc}); {fix}") from exc
    # set when they were added, moved or deleted since: which file, and the fix
    raise LadderError(missing_ladder_message(person))


def missing_ladder_message(person: Person, file: str = "") -> str:
    """One line for a person whose ladder file is gone: who, which file (``file``, default the path as set), and
    the fix."""
    hint = _did_you_mean(Path(person.ladder).expanduser()).removeprefix("check the name; ")
    return (f"{person.id}: ladder file '{file or person.ladder}' not found (moved or deleted since it was set); put it "
            f"back, or give {person.id} another with `workbook person edit {person.id} --ladder FILE` ({hint})")


def ladder_file_name(ladder: str) -> str:
    """A ladder file as a shared document names it: its name, never the folder it is in on the manager's machine
    (their user name, how their disk is laid out); the terminal and `workbook person show` say the whole path."""
    return Path(str(ladder)).name


def shared_ladder_problem(person: Person, folders: Sequence[str | os.PathLike[str]] = ()) -> str:
    """Why a person's ladder file cannot be used, as a shared document (the team overview) says it: the person, the
    file by :func:`ladder_file_name` and the fix; "" when it can be used, or when no ladder is set."""
    if not ladder_file_problem(person, folders):
        return ""
    name = ladder_file_name(person.ladder)
    try:
        gone = locate_person_ladder(person.ladder, folders, must_exist=False) is None
    except LadderError:  # refused or unusable: the reason names folders, so the person's card says it
        gone = False
    if gone:
        return missing_ladder_message(person, name)
    return (f"{person.id}: ladder file '{name}' cannot be used; `workbook person show {person.id}` says why, "
            f"or give {person.id} another with `workbook person edit {person.id} --ladder FILE`")


def ladder_file_problem(person: Person, folders: Sequence[str | os.PathLike[str]] = ()) -> str:
    """Why a person's ladder file cannot be used (gone, refused, not a ladder), in one line naming the person,
    the file and the fix; empty when it can be, or when no ladder is set."""
    try:
        person_ladder_file(person, folders)
    except LadderError as exc:
        return str(exc)
    return ""


def set_ladder_hint(person: Person) -> str:
    """Where a person's ladder, track and level are set, for a sentence saying they have none: the home page's
    Edit and the command, so the page or the terminal that says it also says what to do."""
    return (f"Edit beside their name on the home page, or `workbook person edit {person.id} --ladder CSV --track TRACK "
            "--level LEVEL`")


def person_ladder(person: Person, folders: Sequence[str | os.PathLike[str]] = ()) -> tuple[Ladder | None, str]:
    """The person's ladder and an empty message, or None and a sentence saying why there is none
    (for notebooks, which show the sentence instead of failing)."""
    if not person.ladder:
        return None, (f"{person.name} has no career ladder in the workbook; set one to see next-level expectations "
                      f"({set_ladder_hint(person)})")
    try:
        ladder, _path = person_ladder_file(person, folders)
        assert ladder is not None
        ladder.resolve_track(person.track or None)
    except LadderError as exc:
        return None, f"the ladder for {person.name} cannot be used: {exc}"
    return ladder, ""
