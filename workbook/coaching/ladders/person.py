"""A person's place on a ladder, checked at the door: the ladder file loads, the track and the level are on it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...core.errors import LadderError
from ...core.paths import PROJECT_ROOT
from .load import load_ladder, resolve_ladder_path

__all__ = ["stored_ladder_path", "checked_place"]


def stored_ladder_path(given: str | Path, *, base_dirs: Iterable[Path] = ()) -> str:
    """How a ladder is recorded on a person: relative to the project when it is one of the project's
    files (so the workbook works from any folder), else the absolute path. Raises LadderError when
    the file cannot be found."""
    resolved = resolve_ladder_path(given, base_dirs=base_dirs).resolve()
    if PROJECT_ROOT in resolved.parents:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    return str(resolved)


def checked_place(ladder: str, track: str, level: str, *, base_dirs: Iterable[Path] = ()) -> tuple[str, str, str]:
    """``(ladder path as stored, track, level)`` in the ladder's own spelling (a level by key or name).
    Without a ladder nothing can be checked: a level then needs at least a track, and both are kept as
    given. Raises LadderError naming what is wrong (the file missing or unusable, a track or level not on it)."""
    track, level = str(track or "").strip(), str(level or "").strip()
    if not str(ladder or "").strip():
        if level and not track:
            raise LadderError("a level without a track or a ladder cannot be checked; give the track and the ladder too")
        return "", track, level
    base = list(base_dirs)
    path = stored_ladder_path(ladder.strip(), base_dirs=base)
    lad = load_ladder(resolve_ladder_path(path, base_dirs=base))
    track = lad.resolve_track(track or None)
    if level:
        level = lad.resolve_level(track, level)
    return path, track, level
