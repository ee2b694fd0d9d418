"""My team: the ladders and their tracks and levels to choose from, adding a person checked against their ladder, one person's card.

`workbook person add` and the home page's "My team" form both call :func:`add_person`, so a track or
level that is not on the ladder is refused the same way everywhere (never free text that can be wrong).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..coaching.ladders import load_ladder, resolve_ladder_path
from ..core.errors import InputError, LadderError
from ..core.model import Person
from ..core.paths import LADDERS_DIR, PROJECT_ROOT

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["LadderChoice", "ladder_files", "ladder_choices", "stored_ladder_path", "add_person", "person_card"]


@dataclass(frozen=True)
class LadderChoice:
    """One ladder file with its tracks, and per track its levels in order as (key, display name)."""

    path: str
    tracks: dict[str, list[tuple[str, str]]]


def ladder_files() -> list[Path]:
    """The project's own ladders (``ladders/*.csv``), by name."""
    return sorted(LADDERS_DIR.glob("*.csv")) if LADDERS_DIR.is_dir() else []


def stored_ladder_path(given: str | Path) -> str:
    """How a ladder is recorded on a person: relative to the project when it is one of the project's
    files (so the workbook works from any folder), else the absolute path. Raises LadderError when
    the file cannot be found."""
    resolved = resolve_ladder_path(given).resolve()
    if PROJECT_ROOT in resolved.parents:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    return str(resolved)


def ladder_choices(path: str | Path) -> LadderChoice:
    """The tracks of ladder ``path`` and each track's levels (key, name), lowest first. Raises LadderError."""
    ladder = load_ladder(path)
    tracks = {t: [(lv, ladder.level_name(t, lv)) for lv in ladder.levels(t)] for t in ladder.tracks}
    return LadderChoice(stored_ladder_path(path), tracks)


def add_person(store: Store, person_id: str, name: str, *, track: str = "", level: str = "", ladder: str = "",
               manager: str = "", motivations: str = "", started: dt.date | str | None = None) -> Person:
    """Add one person to the workbook and return them. With a ladder, the track and the level must be the
    ladder's (their spelling is taken from it; a level may be given by key or by name).

    Raises InputError naming the field and the fix (bad id, unknown track or level, a ladder that cannot
    be read, an id already taken); nothing is written then."""
    track, level, path = track.strip(), str(level).strip(), ""
    if ladder.strip():
        try:
            path = stored_ladder_path(ladder.strip())
            lad = load_ladder(path)
            track = lad.resolve_track(track or None)
            if level:
                level = lad.resolve_level(track, level)
        except LadderError as exc:
            raise InputError(f"{exc}", "--ladder" if "not found" in str(exc) else None) from None
    elif level and not track:
        raise InputError("a level without a track or a ladder cannot be checked; give --track and --ladder too")
    try:
        person = Person(id=person_id, name=name, track=track, level=level, ladder=path, manager=manager.strip(),
                        motivations=motivations.strip(), started=started or None)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{err['msg'].removeprefix('Value error, ')}", None, f"field {where}") from None
    store.add_person(person)
    return person


def person_card(store: Store, person_id: str, as_of: dt.date | None = None) -> str:
    """One person as plain text: who they are, their ladder, and what the workbook holds about them."""
    from .due import due_for_person

    day = as_of or dt.date.today()
    p = store.person(person_id)
    counts = store.count_rows(person_id)
    lines = [f"{p.name} ({p.id})"]
    if p.track or p.level:
        lines.append(f"  ladder: {p.track or '-'} level {p.level or '-'}" + (f" ({p.ladder})" if p.ladder else ""))
    for label, value in (("manager", p.manager), ("started", p.started), ("motivations", p.motivations)):
        if value:
            lines.append(f"  {label}: {value}")
    held = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()
                     if n and k not in ("people", "change_log", "change_log_fields", "person_history"))
    lines.append(f"  in the workbook: {held or 'nothing yet'}")
    due = due_for_person(store, p.id, day)
    lines.append("  due: " + ("; ".join(f"{i['kind']} ({i['what']})" for i in due) if due else "nothing"))
    return "\n".join(lines)
