"""A person's place on a ladder, checked at the door: the ladder file loads, the track and the level are on it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...core.errors import LadderError
from ...core.paths import PROJECT_ROOT
from .load import cached_ladder, locate_person_ladder, resolve_ladder_path

__all__ = ["stored_ladder_path", "checked_place"]


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
