"""A career ladder in memory: levels in order per track, competencies, expectations; findings about a file.

Load and validate career ladders, order their levels, map goals to competencies and find next-level gaps.

A ladder is a CSV file. The main layout is *long*: one row per expectation with the columns
``level``, ``competency`` and ``expectation`` (optional: ``track``, ``level_name``,
``competency_area``, ``level_order``; any other column is kept). Spreadsheet pivots are read too:
competencies as rows and levels as columns (``form="wide-competency-rows"``), or levels as rows and
competencies as columns (``form="wide-level-rows"``), and a *requirement table* (competency ->
required proficiency, no expectation text). Every cell is read as text; blanks stay ``""``.

Level keys such as ``IC3``, ``senior-2-ic``, ``II`` or ``Associate`` do not sort, so a track's levels
are ordered by ``level_order`` when the file has it, else by the order in which they first appear.
A level such as ``All Levels`` is a baseline: its expectations belong to every level of its track,
but it is not a rung of the ladder.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ...core.errors import MAX_ERROR_LINE, LadderError

if TYPE_CHECKING:  # pandas, scikit-learn and matplotlib load on first use: importing this stays cheap
    import pandas as pd

__all__ = [
    "BASELINE_LEVEL_KEYS",
    "FORMS",
    "LADDER_SHARE_RANGE",
    "REQUIRED_COLUMNS",
    "STRONG_SUGGESTION",
    "Ladder",
    "LadderFinding",
    "LadderReport",
]

REQUIRED_COLUMNS = ("level", "competency", "expectation")
OPTIONAL_COLUMNS = ("track", "level_name", "competency_area", "level_order")
REQUIREMENT_COLUMNS = ("requirement", "required_level", "required_level_name", "ref")
FORMS = ("auto", "long", "wide-competency-rows", "wide-level-rows", "requirement-table")
# Level keys that mean "every level of this track" (compared case-insensitively).
BASELINE_LEVEL_KEYS = frozenset(
    {"all levels", "all", "all-levels", "all_levels", "every level", "any level", "*"}
)
# The seeds: "the career ladder can still inform 50-75% of their development goals".
LADDER_SHARE_RANGE = (0.5, 0.75)
# A goal without tags counts as "on the ladder" in the suggestion-based share from this score up: about
# 9 in 10 of the ladder goals in tests/data/ladder_goals.csv reach it; personal goals (a marathon, a
# language, a garden) scored 0.03-0.18.
STRONG_SUGGESTION = 0.2

# One finding per broken row is useful; hundreds are not. Past this many of one kind, summarise.
_MAX_FINDINGS_PER_CODE = 20
_GAP_COLUMNS = ["competency", "competency_area", "next_level", "expectations", "covered", "covered_by", "headline"]
_FRAME_KEYS = ["track", "level", "level_name", "competency_area", "competency", "expectation"]
_NOT_CSV_SUFFIXES = {
    ".json": "JSON",
    ".yml": "YAML",
    ".yaml": "YAML",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
    ".pdf": "PDF",
    ".docx": "a Word document",
    ".html": "HTML",
    ".js": "JavaScript",
    ".tex": "LaTeX",
}
_SAVE_AS_CSV = "export it as 'CSV UTF-8' with a header row (level, competency, expectation)"

Severity = Literal["error", "warning"]


# --------------------------------------------------------------------------------------------------
# Findings, reports, the Ladder object
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderFinding:
    """One problem in a ladder file or in competency tags. ``row`` counts like a spreadsheet (header = 1).

    Has the same ``severity``/``code``/``message``/``where`` fields as ``rules.Finding`` so the two
    can be shown side by side.
    """

    severity: Severity
    code: str
    message: str
    file: str = ""
    row: int | None = None
    column: str | None = None

    @property
    def where(self) -> str:
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        text = " ".join(parts)
        if self.column:
            text = f"{text}, column '{self.column}'" if text else f"column '{self.column}'"
        return text

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Ladder:
    """A loaded ladder: ``frame`` holds one row per expectation (all text, no NaN).

    ``frame`` columns: track, level, level_name, competency_area, competency, expectation, then
    ``level_order`` when the file has it, any extra columns of the file, and ``source_row`` (the
    spreadsheet row the expectation came from). Methods that take ``track`` accept ``None`` when the
    ladder has a single track, and match track names case-insensitively, ignoring emoji.
    """

    frame: pd.DataFrame
    source: str = ""
    form: str = "long"
    findings: list[LadderFinding] = field(default_factory=list)
    _order: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _baseline: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._order:
            self._order, self._baseline = _order_levels(self.frame)

    # tracks and levels ----------------------------------------------------------------------------
    @property
    def tracks(self) -> list[str]:
        """Track names in the order they first appear."""
        return list(self._order)

    def resolve_track(self, track: str | None = None) -> str:
        """Return the ladder's spelling of ``track``. Raises LadderError naming the known tracks."""
        tracks = self.tracks
        if track is None:
            if len(tracks) == 1:
                return tracks[0]
            raise LadderError(
                f"{_ladder_named(self.source)} has {len(tracks)} tracks; choose one with --track: {_names(tracks)}"
            )
        found = _match_name(str(track), tracks)
        if found is None:
            raise LadderError(_unknown_track_message(str(track), tracks, self.source))
        return found

    def levels(self, track: str | None = None) -> list[str]:
        """Level keys of ``track`` from lowest to highest (baseline levels such as "All Levels" excluded)."""
        return list(self._order[self.resolve_track(track)])

    def baseline_levels(self, track: str | None = None) -> list[str]:
        """Level keys of ``track`` that apply to every level (e.g. "All Levels"); usually empty."""
        return list(self._baseline.get(self.resolve_track(track), []))

    def level_name(self, track: str | None, level: str | int) -> str:
        """The display name of a level (its ``level_name``, else the key itself)."""
        name = self.resolve_track(track)
        key = self.resolve_level(name, level)
        rows = self.frame[(self.frame["track"] == name) & (self.frame["level"] == key)]
        names = [n for n in rows["level_name"] if n]
        return names[0] if names else key

    def resolve_level(self, track: str | None, level: str | int) -> str:
        """Return the level key for ``level`` (a key, a number or a level name, any case).

        Raises LadderError listing the track's levels when nothing matches.
        """
        name = self.resolve_track(track)
        keys = self._order[name] + self._baseline.get(name, [])
        text = str(level).strip()
        if text in keys:
            return text
        folded = text.casefold()
        for key in keys:
            if key.casefold() == folded:
                return key
        rows = self.frame[self.frame["track"] == name]
        for key, level_name in zip(rows["level"], rows["level_name"], strict=True):
            if level_name and level_name.strip().casefold() == folded:
                return key
        named = dict(zip(rows["level"], rows["level_name"], strict=True))  # a key or its name is taken
        head = f"level '{text}' is not on track '{name}' in {_ladder_named(self.source)}; use one of: "
        listed = _names(f"{k} ({named[k]})" if str(named.get(k) or "").strip() and named[k] != k else k
                        for k in self._order[name])
        if len(head) + len(listed) > _ERROR_ROOM:  # the keys alone, all of them, rather than names cut off
            listed = _names(self._order[name]) + " (the level keys)"
        raise LadderError(head + listed)

    def ranks(self, track: str | None = None) -> list[list[str]]:
        """The track's rungs grouped into ranks, lowest first: levels side by side (an individual-contributor
        and a people-manager branch) share a rank. Side by side are levels with the same ``level_order``, or,
        when the file has none, neighbouring levels whose names differ only in a closing bracket ("Senior
        Engineer 2 (Individual Contributor)" and "Senior Engineer 2 (People Manager)")."""
        name = self.resolve_track(track)
        cached = self._cache.get(("ranks", name))
        if cached is None:
            cached = _rank_levels(self._order[name], {key: self.level_name(name, key) for key in self._order[name]},
                                  _given_orders(self.frame[self.frame["track"] == name]))
            self._cache[("ranks", name)] = cached
        return [list(group) for group in cached]

    def branch(self, track: str | None, level: str | int) -> str:
        """The branch a level's name closes on in brackets ("people manager"), lower-cased; "" when none."""
        found = _BRANCH_RE.match(self.level_name(track, level))
        return found.group(2).strip().casefold() if found else ""

    def next_levels(self, track: str | None, level: str | int) -> list[str]:
        """Every level of the rank above ``level``'s ([] at the top): one, or one per branch at a fork."""
        name = self.resolve_track(track)
        key = self.resolve_level(name, level)
        ranks = self.ranks(name)
        if key not in self._order[name]:  # a baseline level: the next rank is the first one
            return ranks[0] if ranks else []
        index = next(i for i, group in enumerate(ranks) if key in group)
        return ranks[index + 1] if index + 1 < len(ranks) else []

    def next_level(self, track: str | None, level: str | int) -> str | None:
        """The level after ``level`` on ``track``, or None at the top. Baseline levels lead to the first rung.
        Up a branch, the next rank's level on the same branch (a people manager's is the next people-manager
        level, not the individual contributor's beside it); at a fork, the first in the file's order (the
        others are ``next_levels``)."""
        name = self.resolve_track(track)
        candidates = self.next_levels(name, level)
        own = self.branch(name, level)
        same = [c for c in candidates if own and self.branch(name, c) == own]
        return (same or candidates)[0] if candidates else None

    def way_toward(self, track: str | None, level: str | int, aim: str | int) -> str | None:
        """The level of the next rank on the way from ``level`` up to ``aim``: ``aim`` itself when it is one rank
        up, else, at a fork, the next rank's level on ``aim``'s branch (toward "Principal Engineer (People
        Manager)" from below the fork, "Senior Engineer 2 (People Manager)"), else :meth:`next_level`. None when
        ``aim`` is not above ``level`` (reached, passed, or beside it). Raises LadderError for an unknown level."""
        name = self.resolve_track(track)
        key, target = self.resolve_level(name, level), self.resolve_level(name, aim)
        if not any(target in group for group in self.ranks_above(name, key)):
            return None
        candidates = self.next_levels(name, key)
        if target in candidates:
            return target
        branch = self.branch(name, target)
        return next((c for c in candidates if branch and self.branch(name, c) == branch), self.next_level(name, key))

    def ranks_above(self, track: str | None, level: str | int) -> list[list[str]]:
        """The ranks above ``level``'s, lowest first ([] at the top; every rank for a baseline level)."""
        name = self.resolve_track(track)
        return self.ranks(name)[self.rank_of(name, level) + 1:]

    def rank_of(self, track: str | None, level: str | int) -> int:
        """The index of ``level``'s rank (0 the lowest; -1 for a baseline level)."""
        name = self.resolve_track(track)
        key = self.resolve_level(name, level)
        return next((i for i, group in enumerate(self.ranks(name)) if key in group), -1)

    # competencies and expectations ----------------------------------------------------------------
    def competencies(self, track: str | None = None, level: str | int | None = None) -> list[str]:
        """Competencies of ``track`` in order of first appearance; with ``level``, those expected there."""
        rows = self._rows(track, level)
        return list(dict.fromkeys(rows["competency"]))

    def competency_area(self, track: str | None, competency: str) -> str:
        """The ``competency_area`` of a competency on a track ("" when the file has none)."""
        rows = self.frame[self.frame["track"] == self.resolve_track(track)]
        areas = [a for a in rows.loc[rows["competency"] == competency, "competency_area"] if a]
        return areas[0] if areas else ""

    def expectations(self, track: str | None, level: str | int) -> dict[str, list[str]]:
        """Expectations at ``level`` per competency, baseline ("All Levels") expectations first."""
        rows = self._rows(track, level)
        out: dict[str, list[str]] = {}
        for competency, text in zip(rows["competency"], rows["expectation"], strict=True):
            out.setdefault(competency, []).append(text)
        return out

    def _rows(self, track: str | None, level: str | int | None) -> pd.DataFrame:
        name = self.resolve_track(track)
        rows = self.frame[self.frame["track"] == name]
        if level is None:
            return rows
        key = self.resolve_level(name, level)
        wanted = [*self._baseline.get(name, []), key]
        picked = rows[rows["level"].isin(wanted)]
        # Baseline rows first, then the level's own rows, each in file order.
        rank = picked["level"].map(lambda k: 0 if k != key else 1)
        return picked.assign(_rank=rank).sort_values(["_rank"], kind="stable").drop(columns="_rank")


@dataclass
class LadderReport:
    """What ``check_ladder`` found: the ladder when it loaded, and every finding."""

    path: str
    form: str | None
    ladder: Ladder | None
    findings: list[LadderFinding]

    @property
    def errors(self) -> list[LadderFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[LadderFinding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when the ladder is usable (warnings allowed)."""
        return self.ladder is not None and not self.errors



# --------------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------------


# What an error's own words may take of its one line, leaving room for what a caller puts before it
# ("error: goal add kim 2027 --competency: ").
_ERROR_ROOM = MAX_ERROR_LINE - 60
_PATH_ROOM = 60  # what a ladder's path may take of an error


def _ladder_named(source: str | None, nameless: str = "the ladder") -> str:
    """A ladder's file as an error names it: relative to the current directory when it is inside it (as the
    user typed it, and the same wherever the project sits), else as given; a path longer than _PATH_ROOM keeps
    its last two parts ("…/ladders/data-science.csv"), so the rest of the line is not cut to fit it."""
    text = str(source or "")
    if not text:
        return nameless
    if os.path.isabs(text):
        try:
            inside = os.path.relpath(text)
        except (OSError, ValueError):  # no current directory (deleted), or another drive
            inside = text
        if not inside.startswith(os.pardir):
            text = inside
    if len(text) > _PATH_ROOM:
        parts = text.replace(os.sep, "/").rstrip("/").split("/")
        text = "…/" + "/".join(parts[-2:])
        text = text if len(text) <= _PATH_ROOM else "…" + text[-(_PATH_ROOM - 1):]
    return text


def _names(items: Iterable[str], quote: bool = False, limit: int = 30) -> str:
    items = list(items)
    shown = [f"'{i}'" if quote else i for i in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(shown) + more


def _plain(text: str) -> str:
    """Text without emoji, variation selectors and zero-width joiners, whitespace collapsed."""
    kept = [
        c for c in text if unicodedata.category(c) not in {"So", "Sk", "Cf", "Cs", "Co"} and c != "\ufe0f"
    ]
    return " ".join("".join(kept).split())


def _fold(text: str) -> str:
    """A comparison key: emoji and punctuation dropped, case folded ("💬 Communication" -> "communication")."""
    plain = _plain(text).casefold().replace("&", " and ")
    return " ".join(re.findall(r"[^\W_]+", plain))


def _match_name(name: str, names: Sequence[str]) -> str | None:
    if name in names:
        return name
    folded = name.casefold().strip()
    for candidate in names:
        if candidate.casefold().strip() == folded:
            return candidate
    key = _fold(name)
    matches = [c for c in names if _fold(c) == key and key]
    return matches[0] if len(matches) == 1 else None


def _unknown_track_message(track: str, tracks: Sequence[str], source: str = "") -> str:
    return (
        f"track '{track}' is not in {_ladder_named(source, 'this ladder')}; use one of the known tracks: {_names(tracks)}"
    )


_BRANCH_RE = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def _rank_levels(order: list[str], names: dict[str, str], level_orders: dict[str, float]) -> list[list[str]]:
    """``order``'s levels grouped into ranks (see ``Ladder.ranks``)."""
    ranks: list[list[str]] = []
    for key in order:
        if ranks:
            last = ranks[-1][-1]
            if level_orders:
                beside = key in level_orders and level_orders.get(last) == level_orders[key]
            else:
                a, b = _BRANCH_RE.match(names[last]), _BRANCH_RE.match(names[key])
                beside = bool(a and b and a.group(1).strip().casefold() == b.group(1).strip().casefold()
                              and a.group(2).strip().casefold() != b.group(2).strip().casefold())
            if beside:
                ranks[-1].append(key)
                continue
        ranks.append([key])
    return ranks


def _given_orders(rows: pd.DataFrame) -> dict[str, float]:
    """Each level's ``level_order`` in ``rows`` (one track's), the first given; {} when the file has none."""
    given: dict[str, float] = {}
    if "level_order" in rows.columns:
        for level, raw in zip(rows["level"], rows["level_order"], strict=True):
            if raw and level not in given:
                given[level] = float(raw)
    return given


def _order_levels(frame: pd.DataFrame) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per track: rungs in order (level_order, else first appearance) and baseline levels."""
    order: dict[str, list[str]] = {}
    baseline: dict[str, list[str]] = {}
    has_order = "level_order" in frame.columns and (frame["level_order"] != "").any()
    for track, rows in frame.groupby("track", sort=False):
        seen = list(dict.fromkeys(rows["level"]))
        base = [lv for lv in seen if lv.casefold() in BASELINE_LEVEL_KEYS]
        rungs = [lv for lv in seen if lv not in base]
        if has_order:
            given = _given_orders(rows)
            rungs.sort(key=lambda lv: given.get(lv, math.inf))  # stable: ties keep file order
        order[str(track)] = rungs
        baseline[str(track)] = base
    return order, baseline
