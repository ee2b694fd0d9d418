"""My team: the ladders and their tracks and levels to choose from, adding a person checked against their ladder, one person's card.

`workbook person add` and the home page's "My team" form both call :func:`add_person`, so a track or
level that is not on the ladder is refused the same way everywhere (never free text that can be wrong).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..coaching.ladders import (
    Ladder,
    cached_ladder,
    checked_aim,
    checked_place,
    ladder_file_problem,
    live_aim,
    load_ladder,
    locate_person_ladder,
    person_ladder_file,
    stored_ladder_path,
)
from ..core import clock
from ..core.errors import InputError, LadderError
from ..core.labels import counted, plural, track_level
from ..core.model import Person
from ..core.paths import LADDERS_DIR, MY_PAGE
from ..core.validation import validation_problem
from ..store.drafts import WAY_UP_POSITION, career_topic
from .dated import as_it_was, team_as_of

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["LadderChoice", "ladder_files", "ladder_choices", "stored_ladder_path", "add_person", "reports_of", "waiting_reports_linked", "edit_person", "checked_toward", "way_up_choices", "person_way_up_choices", "promotion_history",
           "team_as_of",
           "coming_changes", "people_table", "users_table",
           "manager_outside_tree", "person_card", "archived_notice",
           "level_history", "format_level_history", "as_it_was"]


@dataclass(frozen=True)
class LadderChoice:
    """One ladder file with its tracks, and per track its levels in order as (key, display name)."""

    path: str
    tracks: dict[str, list[tuple[str, str]]]


def ladder_files() -> list[Path]:
    """The project's own ladders (``ladders/*.csv``), by name."""
    return sorted(LADDERS_DIR.glob("*.csv")) if LADDERS_DIR.is_dir() else []


def ladder_options(store: Store) -> list[tuple[str, str]]:
    """The ladders a form offers for a new report, as (label, path as stored on a person): the ladders the
    team already uses, most used first (the form's default is the first), then the project's own, then the
    CSV files that read as ladders in the workbook's folder and in the folders added with ``workbook ladder
    folders --add``. A file outside the project is labelled with its folder: "teleport.csv (ladders-public)"."""
    from collections import Counter

    out: dict[str, str] = {}

    def label(stored: str) -> str:
        path = Path(stored)
        return f"{path.name} ({path.parent.name})" if path.is_absolute() else path.name

    for stored, _n in Counter(p.ladder for p in store.people() if p.ladder).most_common():
        out.setdefault(stored, label(stored))
    for f in ladder_files():
        out.setdefault(stored_ladder_path(f), f.name)
    for folder in store.ladder_folders():
        for f in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
            try:
                stored = stored_ladder_path(f)
                if stored not in out:
                    load_ladder(f)  # only files that read as ladders (not an export or a wide sheet's twin)
                    out[stored] = label(stored)
            except (LadderError, OSError, ValueError):
                continue
    return [(name, stored) for stored, name in out.items()]


def ladder_choices(path: str | Path) -> LadderChoice:
    """The tracks of ladder ``path`` and each track's levels (key, name), lowest first. Raises LadderError."""
    ladder = load_ladder(path)
    tracks = {t: [(lv, ladder.level_name(t, lv)) for lv in ladder.levels(t)] for t in ladder.tracks}
    return LadderChoice(stored_ladder_path(path), tracks)


def way_up_choices(path: str | Path | Ladder, track: str, level: str) -> list[tuple[str, str]]:
    """The levels a person at ``level`` may head for, as (label, key), when the ladder forks above them (an
    individual-contributor and a people-manager branch); [] when it does not (the next level up is the only
    way) or the place cannot be read. The form shows the choice only then."""
    try:
        ladder = path if isinstance(path, Ladder) else load_ladder(path) if path else None
        if ladder is None or not str(level).strip():
            return []
        name = ladder.resolve_track(track or None)
        above = ladder.ranks_above(name, level)
    except (LadderError, OSError, ValueError):
        return []
    if not any(len(group) > 1 for group in above):
        return []
    return [(f"{key}: {ladder.level_name(name, key)}", key) for group in above for key in group]


def person_way_up_choices(store: Store, person_id: str) -> list[tuple[str, str]]:
    """:func:`way_up_choices` for a person in the workbook, from their own ladder, track and level (what their
    page offers them); [] without a ladder or level, or when it cannot be read."""
    person = store.person(person_id)
    if not person.ladder or not str(person.level).strip():
        return []
    try:
        ladder = _ladder_at(store, person.ladder)
    except (LadderError, OSError):
        return []
    return way_up_choices(ladder, person.track, person.level)


def add_person(store: Store, person_id: str, name: str, *, track: str = "", level: str = "", ladder: str = "",
               manager: str = "", motivations: str = "", started: dt.date | str | None = None,
               toward: str = "") -> Person:
    """Add one person to the workbook and return them. With a ladder, the track and the level must be the
    ladder's (their spelling is taken from it; a level may be given by key or by name), and ``toward``, when
    given, a level above theirs (the way up they chose where the ladder forks).

    Raises InputError naming the field and the fix (bad id, unknown track or level, a ladder that cannot
    be read, an id already taken); nothing is written then."""
    try:
        path, track, level = checked_place(ladder, track, str(level), folders=store.ladder_folders())
    except LadderError as exc:
        raise InputError(f"{exc}", "--ladder" if "not found" in str(exc) else None) from None
    toward = checked_toward(store, person_id, ladder=path, track=track, level=level, toward=toward)
    _check_manager_in_the_tree(store, person_id, manager)
    try:
        person = Person(id=person_id, name=name, track=track, level=level, ladder=path, toward=toward,
                        manager=manager.strip(),
                        motivations=motivations.strip(), started=started or None)  # type: ignore[arg-type]
    except ValidationError as exc:
        where, msg = validation_problem(exc)
        raise InputError(msg, None, f"field {where}", where or None) from None
    store.add_person(person)
    return person


def reports_of(store: Store, person_id: str) -> list[str]:
    """The ids of the people (archived ones too) whose manager is ``person_id``: for a person just added, the
    reports who waited for them (see :meth:`Store.add_person`)."""
    return sorted(p.id for p in store.people(include_archived=True) if p.manager == person_id)


def waiting_reports_linked(person: Person, reports: list[str]) -> str:
    """What to say when adding ``person`` linked ``reports`` to them (empty when none)."""
    if not reports:
        return ""
    return (f"{', '.join(reports)} {'reports' if len(reports) == 1 else 'report'} to {person.name} ({person.id}) now: "
            f"their manager was kept as the name '{person.id}' until now (see `workbook history {reports[0]}`)")


def manager_outside_tree(store: Store, person: Person) -> str:
    """A warning when ``person``'s manager is a name, not a person in the workbook (kept outside the org tree,
    as an import keeps it), else ""."""
    m = person.manager.strip()
    if not m or store.has_person(m):
        return ""
    return (f"manager {m!r} is not a person in the workbook; kept as a name, outside the org tree (to link them, "
            f"add them with `workbook person add ID --name NAME`, then `workbook person edit {person.id} --manager ID`)")


def edit_person(store: Store, person_id: str, *, effective: dt.date | str | None = None, **changes: Any) -> Person:
    """Change a person (name, track, level, ladder, toward, manager, motivations, started) and date the change
    (``effective``, default today) in their history. A new ladder, track or level must be on the ladder
    (checked inside the write's transaction, against the person as stored then); an empty ladder takes
    the person off any ladder. ``toward`` (their way up where the ladder forks) must be a level above theirs;
    a move that reaches or passes it, or leaves its ladder, clears it (back to the next level up). Raises InputError naming the field and the fix; nothing is written then."""
    try:
        day = dt.date.fromisoformat(effective) if isinstance(effective, str) and effective else effective or None
    except ValueError:
        raise InputError(f"{effective!r} is not a date; write it as YYYY-MM-DD", None, "--on") from None
    changes = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items() if v is not None}
    with store.atomic():
        current = store.person(person_id)
        moved = bool({"ladder", "track", "level"} & set(changes))
        if moved:
            ladder = changes.get("ladder", current.ladder)
            track = changes.get("track", current.track)
            level = changes.get("level", current.level)
            try:
                path, track, level = checked_place(ladder, track, str(level), folders=store.ladder_folders())
            except LadderError as exc:
                field = next((f for f in ("level", "track", "ladder") if f in changes), "ladder")
                raise InputError(f"{exc}", None, f"person {person_id} field {field}") from None
            if current.ladder and _same_ladder_file(store, current.ladder, path):
                # a new level or track, or the same file named again (the form always sends the ladder), leaves the
                # path as stored: rewriting it (an import's spelling, a folder reached through a link) would log a
                # ladder change, dated in their promotion history, where there was none
                path = current.ladder
            changes.update({"ladder": path, "track": track, "level": level})
        place = {k: changes.get(k, getattr(current, k)) for k in ("ladder", "track", "level")}
        if "toward" in changes:
            changes["toward"] = checked_toward(store, person_id, toward=changes["toward"], **place)
        elif moved and current.toward and not _still_above(store, current.toward, **place):
            changes["toward"] = ""  # reached (a promotion to it), passed or off the new ladder: the next level up
        if "manager" in changes:
            _check_manager_in_the_tree(store, person_id, str(changes["manager"]))
        if "started" in changes and isinstance(changes["started"], str):
            changes["started"] = changes["started"] or None
        if changes.get("started") is not None and changes["started"] != current.started:
            _check_nothing_before(store, person_id, changes["started"])
        return store.edit_person(person_id, effective=day, **changes)  # type: ignore[arg-type]


def archived_notice(person: Person, what: str) -> str:
    """What to say when ``what`` (a check-in, a note) was written for someone archived (a leaver): it is kept with
    their records, which the home page, the team views and the batches do not show. "" for anyone else."""
    if not person.archived:
        return ""
    return (f"{person.id} is archived (a leaver): the {what} is kept with their records, which the home page, team views "
            f"and batches do not show; `workbook person unarchive {person.id}` brings them back")


def archive_warnings(store: Store, person: Person) -> list[str]:
    """What is left to do after ``person`` was archived (a leaver): the people they still manage, and their login.
    A user of an organisation sees only their own login and moves nobody: they are told the administrator does
    both, with the owner's URL."""
    reports = [r.id for r in store.people() if r.manager == person.id]
    administrator = not store.is_postgres or store.actor().owner
    said = []
    if reports:  # a leaver who still manages people: their reports' records stay theirs to write
        said.append(f"{person.id} still manages {', '.join(reports)}; "
                    + ("give them their new manager with `workbook person edit ID --manager NEW`" if administrator else
                       "the administrator gives them their new manager (`workbook person edit ID --manager NEW` with "
                       "the owner's URL)"))
    if administrator:
        frame = store.users_frame()
        logins = list(frame.loc[frame["person_id"] == person.id, "name"])
        if logins:
            said.append(f"{person.id}'s login still works; take it away with `workbook user remove {logins[0]}`")
    else:
        said.append(f"if {person.id} has a login to this workbook, it still works: the administrator takes it away "
                    "(`workbook user list`, then `workbook user remove NAME`, with the owner's URL)")
    return said


def _check_manager_in_the_tree(store: Store, person_id: str, manager: str) -> None:
    """On an organisation database a manager given here (the command line, the My team form) must be a person in it:
    someone whose manager is only a name is in nobody's team, so a typo ("ghost" for "mo") hid them from their
    manager, who could then not put it right. A workbook of your own keeps the name (a manager outside it), as an
    import does everywhere. Raises InputError naming the field and the fix."""
    m = manager.strip()
    if m and store.is_postgres and m != person_id and store.id_taken_unseen(m):
        raise InputError(f"manager {m!r} is someone you do not see in this workbook: putting a person under another "
                         "team's manager is the administrator's (the owner's URL)", None,
                         f"person {person_id} field manager", "manager")
    if m and store.is_postgres and m != person_id and not store.has_person(m):
        raise InputError(f"manager {m!r} is not a person in this organisation workbook (someone whose manager is only a "
                         "name is in nobody's team); give a person's id (`workbook people` lists those you see), or "
                         "add the manager first with `workbook person add ID --name NAME`", None,
                         f"person {person_id} field manager", "manager")


def _same_ladder_file(store: Store, stored: str, checked: str) -> bool:
    """Whether a person's ``stored`` ladder path names the file that ``checked`` (a path as :func:`checked_place`
    returns it) names; False when the stored one cannot be found or is refused."""
    if stored == checked:
        return True
    try:
        found = locate_person_ladder(stored, store.ladder_folders())
        return found is not None and stored_ladder_path(found) == checked
    except (LadderError, OSError):
        return False


def _check_nothing_before(store: Store, person_id: str, started: dt.date | str) -> None:
    """Refuse (InputError) a start date with records of the person dated before it: the workbook would hold
    what its door refuses, and an export of them would not import again."""
    from .history import records_before_start

    day = started if isinstance(started, dt.date) else dt.date.fromisoformat(str(started))
    found = records_before_start(store, person_id, day)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more; `workbook check` lists them)" if len(found) > 1 else ""
        raise InputError(f"{first.where}: {first.message.split(';')[0]}{more}; move those records first, or give an "
                         "earlier start date", None, f"person {person_id} field started")


def checked_toward(store: Store, person_id: str, *, ladder: str, track: str, level: str, toward: str) -> str:
    """``toward`` (a person's way up: a level above theirs, at a fork either branch) in the ladder's spelling;
    "" stays "" (the next level up). Raises InputError naming the field and the levels to choose from."""
    toward = (toward or "").strip()
    if not toward:
        return ""
    where = f"person {person_id} field toward"
    if not ladder or not str(level).strip():
        raise InputError(f"{person_id} needs a ladder and a level before a way up can be chosen; set them first "
                         "(`workbook person edit` --ladder, --track, --level)", None, where)
    try:
        return checked_aim(_ladder_at(store, ladder), track or None, level, toward, person=person_id)
    except (LadderError, OSError) as exc:
        raise InputError(f"{exc}", None, where) from None


def _ladder_at(store: Store, ladder: str) -> Ladder:
    """The ladder a person's ``ladder`` path names, under the workbook's ladder policy. Raises LadderError, OSError."""
    found = locate_person_ladder(ladder, store.ladder_folders())
    assert found is not None
    return cached_ladder(found)


def _still_above(store: Store, toward: str, *, ladder: str, track: str, level: str) -> bool:
    """Whether a stored way up still points above ``level`` on that ladder (False when it cannot be read)."""
    try:
        return bool(ladder) and live_aim(_ladder_at(store, ladder), track or None, level, toward) is not None
    except (LadderError, OSError):
        return False


def level_history(store: Store, person_id: str) -> list[dict[str, Any]]:
    """The person's dated changes of level, track and ladder (a promotion history), oldest first, each with
    ``effective``, ``field``, ``old``, ``new`` and ``text`` (e.g. "2027-04-01: level 2 → 3")."""
    rows = [h for h in store.person_history(person_id) if h["field"] in ("level", "track", "ladder")]
    for h in rows:
        h["text"] = f"{h['effective']}: {h['field']} {h['old'] or '(none)'} → {h['new'] or '(none)'}"
    return rows


def coming_changes(store: Store, day: dt.date) -> dict[str, str]:
    """Per person, the dated changes still ahead of ``day`` as one line ("level 2 → 3 from 2027-04-01")."""
    return {pid: "; ".join(f"{h['field']} {h['old'] or '(none)'} → {h['new'] or '(none)'} from {h['effective']}"
                           for h in rows)
            for pid, rows in store.dated_changes_after(day).items()}


def users_table(store: Store):  # type: ignore[no-untyped-def]
    """The users this reader may see (:meth:`Store.users_frame`) as `workbook user list` prints them: a user who
    is nobody's person (an HR partner) has "-" for person_id, not pandas' NaN, and is_hr says "yes" for HR and
    nothing for the others, as `workbook people --all` says archived, not pandas' True and False."""
    frame = store.users_frame()
    hr = [v is True or v == 1 for v in frame["is_hr"]]
    frame = frame.astype(object).where(frame.notna(), "-")
    frame["is_hr"] = ["yes" if h else "" for h in hr]
    return frame


def people_table(store: Store, day: dt.date, *, include_archived: bool = False):  # type: ignore[no-untyped-def]
    """The people as `workbook people` lists them: id, name, track, level, toward (when anyone has a way up
    chosen at a fork), manager (and archived), each as on ``day``; a change dated after it is not in effect
    yet and is said in a last column, "not in effect yet"."""
    frame = store.people_frame(include_archived=include_archived)
    if frame.empty:
        return frame
    columns = (["id", "name", "track", "level"] + (["toward"] if frame["toward"].astype(bool).any() else [])
               + ["manager"] + (["archived"] if include_archived else []))
    frame = frame[columns].copy()
    if include_archived:  # said as a reader says it, not as pandas prints a bool
        frame["archived"] = ["yes" if bool(a) else "" for a in frame["archived"]]
    later = store.dated_changes_after(day)
    if not later:
        return frame
    coming = coming_changes(store, day)
    names = {p.id: p.name for p in store.people(include_archived=True)}  # a manager is shown by name
    for i, pid in zip(frame.index, frame["id"], strict=True):
        for h in reversed(later.get(pid, [])):
            if h["field"] in frame.columns:
                frame.at[i, h["field"]] = names.get(h["old"], h["old"]) if h["field"] == "manager" else h["old"]
    frame["not in effect yet"] = [coming.get(pid, "") for pid in frame["id"]]
    return frame


def promotion_history(store: Store, person_id: str) -> list[dict[str, Any]]:
    """:func:`level_history` without the first setting of a field (a ladder or level given to someone who had
    none is not a promotion)."""
    return [h for h in level_history(store, person_id) if h["old"]]


def format_level_history(store: Store, person_id: str) -> str:
    """The promotion history as one line, e.g. "level 2 → 3 on 2027-04-01"; empty when nothing changed."""
    rows = level_history(store, person_id)
    return "; ".join(f"{h['field']} {h['old'] or '(none)'} → {h['new'] or '(none)'} on {h['effective']}" for h in rows)


def _way_up_words(store: Store, person: Person) -> str:
    """A person's way up as the card says it: the level's name and key ("Principal Engineer (Manager) (e4-m)"),
    and whether pages follow it (a ladder edited under them can leave it below them)."""
    try:
        ladder, _path = person_ladder_file(person, store.ladder_folders())
        name = ladder.level_name(person.track or None, person.toward) if ladder is not None else ""
        live = ladder is not None and live_aim(ladder, person.track or None, person.level, person.toward) is not None
    except (LadderError, OSError):
        name, live = "", False
    shown = f"{name} ({person.toward})" if name and name != person.toward else person.toward
    return shown + (", the way up chosen where the ladder forks" if live else
                    ", no longer a level above theirs: pages show the next level up (`workbook check`)")


def _their_words_lines(store: Store, person: Person, day: dt.date) -> list[str]:
    """What the person shared about their career on their own page, by topic, and a way up they chose there that
    is not the one recorded (with the command that records it)."""
    from .own_side import shared_career_words

    words = shared_career_words(store, person.id, day)
    topics = [career_topic(pos) for pos in sorted(words) if pos != WAY_UP_POSITION]
    lines = []
    if topics:
        last = max(words[pos].updated_at[:10] for pos in words if pos != WAY_UP_POSITION)
        lines.append(f"  in their own words (their page): {', '.join(topics)} (last shared {last})")
    wish = words.get(WAY_UP_POSITION)
    wanted = wish.body.get("toward", "") if wish else ""
    if wanted and wanted != person.toward and _still_above(store, wanted, ladder=person.ladder, track=person.track,
                                                            level=person.level):
        lines.append(f"  way up they chose on their page: {wish.text} ({wanted}), shared {wish.updated_at[:10]}; "  # type: ignore[union-attr]
                     f"record it with `workbook person edit {person.id} --toward {wanted}`")
    return lines


def person_card(store: Store, person_id: str, as_of: dt.date | None = None) -> str:
    """One person as plain text: who they are, their ladder, and what the workbook holds about them."""
    from .due import due_for_person

    day = as_of or clock.today()
    p = as_it_was(store, store.person(person_id), day)  # a promotion dated ahead is not in effect yet
    counts = store.count_rows(person_id)
    lines = [f"{p.name} ({p.id})"]
    if p.track or p.level:
        lines.append(f"  ladder: {track_level(p.track, p.level)}" + ("" if p.level else ", no level yet")
                     + (f" ({p.ladder})" if p.ladder else ""))
    if p.ladder and (problem := ladder_file_problem(p, store.ladder_folders())):
        # a file deleted or moved since it was set: said here, not found out when a summary fails
        lines.append(f"  warning: {problem.removeprefix(f'{p.id}: ')}")
    if p.toward:
        lines.append(f"  heading for: {_way_up_words(store, p)}")
    boss = store.manager_label(p) if p.manager else ""  # "Ana Lopez (ana)": the name people know, the id commands take
    manager = f"{boss} ({p.manager})" if boss and boss != p.manager else p.manager
    for label, value in (("manager", manager), ("started", p.started), ("motivations", p.motivations)):
        if value:
            lines.append(f"  {label}: {value}")
    lines += _their_words_lines(store, p, day)
    # generated files as they are on disk: a restored older backup (or another machine) records files that are gone
    recorded = [f.path for f in store.generated_files(person_id)] if counts.get("generated_about") else []
    counts["generated_about"] = sum(os.path.lexists(path) for path in recorded)
    gone = len(recorded) - counts["generated_about"]
    held = ", ".join(counted(n, k) for k, n in counts.items()
                     if n and k not in ("people", "users", "change_log", "change_log_fields", "person_history"))
    held += (f"{', ' if held else ''}{plural(gone, 'generated file')} recorded but no longer on disk "
             "(`workbook summaries --force` makes them again)") if gone else ""
    lines.append(f"  in the workbook: {held or 'nothing yet'}")
    listed = [f"`workbook {command} list {p.id}`" for kind, command in (
        ("notes", "note"), ("growth_plans", "goal"), ("okr_quarters", "objective"), ("check_ins", "checkin"),
        ("actions", "action")) if counts.get(kind)]  # with the numbers their edits take
    if listed:
        lines.append(f"  listed by: {', '.join(listed)}")
    if p.archived:
        lines.insert(1, "  archived (a leaver): hidden from the home page, team views and batches")
    promoted = "; ".join(f"{h['field']} {h['old'] or '(none)'} → {h['new'] or '(none)'} on {h['effective']}"
                         for h in level_history(store, p.id) if h["effective"] <= day)  # what is ahead comes next
    if promoted:
        lines.append(f"  history: {promoted}")
    coming = coming_changes(store, day).get(p.id)
    if coming:
        lines.append(f"  not in effect yet: {coming}")
    if p.archived:  # a leaver: off every due list, as `due` leaves them out
        lines.append("  due: nothing (archived)")
    elif store.actor().person == p.id:  # a report reading their own card: the due list is their manager's to keep
        lines.append(f"  due: your check-ins, goals and OKRs are on your manager's list; your side (goal drafts, "
                     f"pre-work, check-in preparation) is on your own page, {MY_PAGE}")
    else:
        due = due_for_person(store, p.id, day)
        lines.append("  due: " + ("; ".join(f"{i['kind']} ({i['what']})" for i in due) if due else "nothing"))
    return "\n".join(lines)
