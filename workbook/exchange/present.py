"""Recognise a record an import would add a second time: what a person already has, compared by what it says.

An import adds records; it never merges them into what is there. A person, a year's growth plan and a quarter's
OKRs have a key of their own (the id, the year, the quarter), and the importer refuses one already in the
workbook. Notes, check-ins and actions have none: the same file imported twice would hold them twice. Here each
is compared, field by field, with the person's records as the workbook held them when the import began; the
importer refuses one the workbook holds word for word. Only people already in the workbook are read, each once,
when the first of their records is met (the people an import adds have nothing to compare with).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from ..core.model import Action, CheckIn, Note
from ..store import Store
from ..store.sealing import AUTHOR_FORGOTTEN, KEY_MISSING, TAMPERED

__all__ = ["PresentRecords"]

# what a sealed note's words read as to a reader who cannot open them (no key, altered, its author forgotten)
_UNREADABLE = frozenset({KEY_MISSING, TAMPERED, AUTHOR_FORGOTTEN})


# What a record says, not where it has got to since: a follow-up closed, an action done or dropped, a trial run sent
# and debriefed. A file imported again after those moves holds the same records, and must be refused as one that
# holds them unmoved is (it added them a second time, open again and due again).
def _note(note: Note) -> Hashable:
    return (note.date, note.direction, note.topic, note.setting, note.text, note.visibility, note.follow_up,
            note.follow_up_due)


def _action(action: Action) -> Hashable:
    return action.text, action.owner, action.due


def _check_in(check_in: CheckIn) -> Hashable:
    return (check_in.date, check_in.mode, check_in.summary,
            tuple(sorted((s.objective, s.key_result, s.status, s.note) for s in check_in.key_results)),
            tuple(sorted((o.kind, o.text) for o in check_in.obstacles)),
            tuple(sorted(t.text for t in check_in.trial_runs)),
            tuple(sorted((a.text, a.owner, str(a.due)) for a in check_in.actions)))


class PresentRecords:
    """The notes, check-ins and actions of the workbook's people, by what they say (read inside the import's
    transaction, once per person)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._read: dict[tuple[str, str], dict[Hashable, list[Any]]] = {}
        self._in_file: dict[tuple[str, str, Hashable], str] = {}

    def earlier_in_file(self, record: Note | CheckIn | tuple[Action, dt.date | None], where: str) -> str | None:
        """The entry (``where``) of this file that said word for word what ``record`` (of the entry ``where``) says,
        or None; remembers it. Two such entries are both imported (an export of a workbook that holds a note twice
        must import again), and the importer warns about the second."""
        if isinstance(record, Note):
            key: tuple[str, str, Hashable] = ("note", record.person, _note(record))
        elif isinstance(record, CheckIn):
            key = ("check_in", record.person, _check_in(record))
        else:
            action, created_on = record
            key = ("action", str(action.person), (_action(action), created_on))
        first = self._in_file.get(key)
        if first is None:
            self._in_file[key] = where
        return first

    def _of(self, kind: str, person: str) -> dict[Hashable, list[Any]]:
        if (kind, person) not in self._read:
            found: dict[Hashable, list[Any]] = {}
            if kind == "note":
                for note in self.store.notes_of(person):
                    if note.text not in _UNREADABLE:  # a sealed note this reader cannot open says nothing to compare
                        found.setdefault(_note(note), []).append(note.id)
            elif kind == "check_in":
                for check_in in self.store.check_ins(person):
                    found.setdefault(_check_in(check_in), []).append(check_in.id)
            else:
                for action, created_on in self.store.standalone_actions(person):
                    found.setdefault(_action(action), []).append((action.id, created_on))
            self._read[(kind, person)] = found
        return self._read[(kind, person)]

    def note(self, note: Note) -> int | None:
        """The id of a note of ``note.person`` saying what ``note`` says (day, direction, topic, setting, words,
        visibility, follow-up and its day; done or not), or None. A private note this reader cannot open is never found."""
        ids = self._of("note", note.person).get(_note(note))
        return ids[0] if ids else None

    def check_in(self, check_in: CheckIn) -> int | None:
        """The id of a check-in of ``check_in.person`` on the same day with the same mode, summary, statuses,
        obstacles, trial runs and actions (in any order; how far the trial runs and actions have got aside), or None."""
        ids = self._of("check_in", check_in.person).get(_check_in(check_in))
        return ids[0] if ids else None

    def action(self, action: Action, created_on: dt.date | None) -> int | None:
        """The id of an action of ``action.person`` outside any check-in with the same words, owner and due day
        (done or not; and made on ``created_on``, when it is given), or None."""
        assert action.person is not None
        for action_id, made in self._of("action", action.person).get(_action(action), []):
            if created_on is None or made == created_on:
                return int(action_id)
        return None
