"""Load and validate career ladders, order their levels, map goals to competencies and find next-level gaps.

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

import csv
import difflib
import io
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import LadderError

if TYPE_CHECKING:  # pandas, scikit-learn and matplotlib load on first use: importing this stays cheap
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "BASELINE_LEVEL_KEYS",
    "FORMS",
    "LADDER_SHARE_RANGE",
    "REQUIRED_COLUMNS",
    "STRONG_SUGGESTION",
    "Ladder",
    "LadderFinding",
    "LadderReport",
    "Share",
    "Suggestion",
    "check_ladder",
    "format_check_report",
    "format_suggestions",
    "ladder_share",
    "load_ladder",
    "match_competency",
    "next_level_gaps",
    "plot_gaps",
    "resolve_ladder_path",
    "suggest_competencies",
    "suggested_ladder_share",
    "validate_tags",
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

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# One finding per broken row is useful; hundreds are not. Past this many of one kind, summarise.
_MAX_FINDINGS_PER_CODE = 20
_GAP_COLUMNS = ["competency", "competency_area", "next_level", "expectations", "covered", "covered_by"]
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
                f"{self.source or 'the ladder'} has {len(tracks)} tracks; choose one with --track: {_names(tracks)}"
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
        raise LadderError(
            f"level '{text}' is not on track '{name}' in {self.source or 'the ladder'}; "
            f"use one of: {_names(self._order[name])}"
        )

    def next_level(self, track: str | None, level: str | int) -> str | None:
        """The level after ``level`` on ``track``, or None at the top. Baseline levels lead to the first rung."""
        name = self.resolve_track(track)
        key = self.resolve_level(name, level)
        order = self._order[name]
        if key not in order:  # a baseline level: the next rung is the first one
            return order[0] if order else None
        index = order.index(key)
        return order[index + 1] if index + 1 < len(order) else None

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
# Paths
# --------------------------------------------------------------------------------------------------


def resolve_ladder_path(path: str | Path, *, base_dirs: Iterable[Path] = ()) -> Path:
    """Find a ladder file: an absolute path stays; a relative one is looked up in the current
    directory, then in ``base_dirs``, then in the project root (so ``ladders/data-science.csv``
    works from anywhere in a source checkout).

    Raises LadderError naming the places it looked when the file is in none of them.
    """
    given = Path(path).expanduser()
    if given.is_absolute():
        return given
    candidates = [Path.cwd() / given, *(Path(base) / given for base in base_dirs), PROJECT_ROOT / given]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(dict.fromkeys(str(c.parent) for c in candidates))
    raise LadderError(
        f"ladder file '{path}' not found (looked in {looked}); check the name or give a full path"
    )


# --------------------------------------------------------------------------------------------------
# Loading and checking
# --------------------------------------------------------------------------------------------------


def load_ladder(path: str | Path, *, track: str | None = None, form: str = "auto") -> Ladder:
    """Load a ladder CSV (long, wide or requirement table) into a Ladder, keeping only ``track`` if given.

    Raises LadderError with the first error's one-line message when the file is missing or unusable
    (not CSV, empty, a required column missing, an empty level or competency, unknown track ...).
    Warnings (duplicate rows, a synthesized expectation ...) are kept in ``Ladder.findings``.
    """
    report = check_ladder(path, track, form=form)
    if report.errors or report.ladder is None:
        raise LadderError(str(report.errors[0]) if report.errors else f"{path}: the ladder could not be read")
    return report.ladder


def check_ladder(path: str | Path, track: str | None = None, *, form: str = "auto") -> LadderReport:
    """Read a ladder file and report every finding instead of raising (the CLI's ``ladder check``).

    The report holds the Ladder when there are no errors. Raises LadderError only for an unknown
    ``form`` value (a programming mistake, not a file problem).
    """
    if form not in FORMS:
        raise LadderError(f"form '{form}' is not known; use one of: {', '.join(FORMS)}")
    shown = str(path)
    try:
        resolved = resolve_ladder_path(path)
    except LadderError as exc:
        return LadderReport(shown, None, None, [LadderFinding("error", "not_found", str(exc))])
    if not resolved.is_file():
        finding = LadderFinding(
            "error",
            "not_found",
            "no such file; check the path (relative paths are tried from the project root too)",
            shown,
        )
        return LadderReport(shown, None, None, [finding])
    reader = _LadderReader(resolved, shown, form)
    ladder = reader.read(track)
    reader.findings.summarise()
    findings = list(reader.findings)
    if ladder is not None:
        ladder.findings = findings
    return LadderReport(shown, reader.form, ladder, findings)


class _Findings(list[LadderFinding]):
    """A list of LadderFinding that summarises instead of listing hundreds of one kind."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file
        self.counts: dict[str, int] = {}

    def add(
        self, severity: Severity, code: str, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        count = self.counts.get(code, 0) + 1
        self.counts[code] = count
        if count <= _MAX_FINDINGS_PER_CODE:
            self.append(LadderFinding(severity, code, message, self.file, row, column))

    def summarise(self) -> None:
        for code, count in self.counts.items():
            if count > _MAX_FINDINGS_PER_CODE:
                severity = next(f.severity for f in self if f.code == code)
                self.append(
                    LadderFinding(
                        severity,
                        code,
                        f"... and {count - _MAX_FINDINGS_PER_CODE} more rows like the ones above",
                        self.file,
                    )
                )

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self)


class _LadderReader:
    """One read of one file: bytes -> text -> CSV records -> long records -> Ladder, collecting findings."""

    def __init__(self, path: Path, shown: str, form: str) -> None:
        self.path = path
        self.shown = shown
        self.form: str | None = None if form == "auto" else form
        self.findings = _Findings(shown)

    # entry point ---------------------------------------------------------------------------------
    def read(self, track: str | None) -> Ladder | None:
        text = self._read_text()
        if text is None:
            return None
        table = self._parse_csv(text)
        if table is None:
            return None
        header, records = table
        form = self._choose_form(header)
        if form is None:
            return None
        self.form = form
        builders = {
            "long": self._from_long,
            "requirement-table": self._from_requirement_table,
            "wide-competency-rows": self._from_wide_competency_rows,
            "wide-level-rows": self._from_wide_level_rows,
        }
        rows = builders[form](header, records)
        if self.findings.has_errors:
            return None
        rows = self._drop_duplicates(rows)
        if not rows:
            self.findings.add("error", "empty", f"no expectations found; {_SAVE_AS_CSV}")
            return None
        frame = self._to_frame(header, rows)
        frame = self._apply_level_order(frame)
        if frame is None:
            return None
        if track is not None:
            tracks = list(dict.fromkeys(frame["track"]))
            found = _match_name(track, tracks)
            if found is None:
                self.findings.add("error", "unknown_track", _unknown_track_message(track, tracks))
                return None
            frame = frame[frame["track"] == found].reset_index(drop=True)
        return Ladder(frame=frame, source=self.shown, form=form, findings=list(self.findings))

    # bytes and text --------------------------------------------------------------------------------
    def _read_text(self) -> str | None:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            self.findings.add(
                "error", "unreadable", f"cannot read the file ({exc.strerror}); check its permissions"
            )
            return None
        suffix = self.path.suffix.lower()
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            self.findings.add("error", "empty", f"the file is empty; {_SAVE_AS_CSV}")
            return None
        kind = _binary_kind(data)
        if kind:
            self.findings.add("error", "not_csv", f"this is {kind}, not a CSV file; {_SAVE_AS_CSV}")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = data.decode("cp1252", errors="replace")
            line = data[: exc.start].count(b"\n") + 1
            self.findings.add(
                "warning",
                "encoding",
                f"not UTF-8 (first bad byte on line {line}); read as Windows-1252 - save as 'CSV UTF-8' to be sure",
            )
        kind = _text_kind(text, suffix)
        if kind:
            self.findings.add("error", "not_csv", f"this looks like {kind}, not a CSV file; {_SAVE_AS_CSV}")
            return None
        return text

    def _parse_csv(self, text: str) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
        first_line = text.lstrip("\r\n").split("\n", 1)[0]
        delimiter = _guess_delimiter(first_line)
        try:
            raw = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            self.findings.add(
                "error", "bad_csv", f"the CSV cannot be parsed ({exc}); check for unbalanced quotes"
            )
            return None
        # Spreadsheet rows: record i (0-based) is row i + 1; blank records keep their number.
        numbered = [(i + 1, [_clean_cell(c) for c in rec]) for i, rec in enumerate(raw)]
        numbered = [(n, rec) for n, rec in numbered if any(rec)]
        if not numbered:
            self.findings.add("error", "empty", f"the file has no rows; {_SAVE_AS_CSV}")
            return None
        header_row, header = numbered[0]
        if header_row != 1:
            self.findings.add(
                "warning", "blank_top", f"the header is on row {header_row}; rows above it are blank"
            )
        records = numbered[1:]
        header = [_normalise_header(h) for h in header]
        width = len(header)
        for number, record in records:
            if len(record) > width and any(record[width:]):
                self.findings.add(
                    "error",
                    "too_many_cells",
                    f"this row has {len(record)} cells but the header has {width}; "
                    "put quotes around cells that contain commas, or add a header for the extra column",
                    number,
                )
        seen: dict[str, int] = {}
        for index, name in enumerate(header):
            if not name:
                continue
            if name in seen:
                self.findings.add(
                    "error",
                    "duplicate_column",
                    f"column '{name}' appears twice (columns {_letter(seen[name])} and {_letter(index)}); "
                    "rename or delete one",
                    1,
                    name,
                )
            seen.setdefault(name, index)
        if self.findings.has_errors:
            return None
        if not records:
            self.findings.add(
                "error", "empty", "the file has a header but no rows; add one row per expectation", 1
            )
            return None
        padded = [(n, (rec + [""] * width)[:width]) for n, rec in records]
        return header, padded

    # layout ----------------------------------------------------------------------------------------
    def _choose_form(self, header: list[str]) -> str | None:
        if self.form is not None:
            return self.form
        names = set(header)
        if "expectation" in names or (
            "level" in names
            and "competency" in names
            and "required_level" not in names
            and "required_level_name" not in names
        ):
            return "long"
        if {"level", "competency"} <= names and names & {"required_level", "required_level_name"}:
            return "requirement-table"
        first = header[0].casefold() if header else ""
        rows_part = re.split(r"\s*(?:/|\\|×|\bx\b|\bby\b)\s*", first, maxsplit=1)[0]
        if "level" in rows_part or rows_part in {"grade", "rung", "band"}:
            return "wide-level-rows"
        if any(word in rows_part for word in ("competenc", "skill", "theme", "area", "axis", "dimension")):
            return "wide-competency-rows"
        missing = [c for c in REQUIRED_COLUMNS if c not in names]
        self.findings.add(
            "error",
            "missing_column",
            f"required column{'s' if len(missing) > 1 else ''} {_names(missing, quote=True)} missing "
            f"(found: {_names([h for h in header if h], quote=True)}); add {'them' if len(missing) > 1 else 'it'} "
            "to the header row, or for a pivot table name the first column 'competency' "
            "(competencies as rows) or 'level' (levels as rows)",
            1,
        )
        return None

    def _default_track(self) -> str:
        return self.path.name.split(".")[0] or "ladder"

    def _track_of(self, header: list[str], record: list[str], number: int, use_track: bool) -> str:
        if not use_track:
            return self._default_track()
        value = record[header.index("track")]
        if not value:
            self.findings.add(
                "error",
                "empty_track",
                "the track is empty; fill it in (other rows name a track)",
                number,
                "track",
            )
        return value

    def _from_long(self, header: list[str], records: list[tuple[int, list[str]]]) -> list[dict[str, str]]:
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            self.findings.add(
                "error",
                "missing_column",
                f"required column{'s' if len(missing) > 1 else ''} {_names(missing, quote=True)} missing "
                f"(found: {_names([h for h in header if h], quote=True)}); add "
                f"{'them' if len(missing) > 1 else 'it'} to the header row",
                1,
            )
            return []
        return self._long_rows(header, records, lambda rec: rec[header.index("expectation")])

    def _from_requirement_table(
        self, header: list[str], records: list[tuple[int, list[str]]]
    ) -> list[dict[str, str]]:
        def synthesize(rec: list[str]) -> str:
            def cell(name: str) -> str:
                return rec[header.index(name)] if name in header else ""

            level = cell("required_level_name") or cell("required_level")
            requirement = (cell("requirement") or "required").strip()
            text = (
                f"{requirement[:1].upper()}{requirement[1:]} proficiency: {level}" if level else requirement
            )
            ref = cell("ref")
            return f"{text} ({ref})" if ref else text

        self.findings.add(
            "warning",
            "requirement_table",
            "no 'expectation' column: this is a requirement table (competency -> required proficiency), so each "
            "expectation was made from required_level_name and requirement; for the full text use a ladder with an "
            "'expectation' column",
            1,
            "expectation",
        )
        return self._long_rows(header, records, synthesize)

    def _long_rows(
        self,
        header: list[str],
        records: list[tuple[int, list[str]]],
        expectation_of: Callable[[list[str]], str],
    ) -> list[dict[str, str]]:
        index = {name: i for i, name in enumerate(header) if name}
        use_track = "track" in index and any(rec[index["track"]] for _, rec in records)
        rows: list[dict[str, str]] = []
        for number, record in records:
            row = {name: record[i] for name, i in index.items()}
            row["track"] = self._track_of(header, record, number, use_track)
            for column in ("level", "competency"):
                if not row[column]:
                    self.findings.add(
                        "error",
                        f"empty_{column}",
                        f"column '{column}' is empty; every row needs a {column}",
                        number,
                        column,
                    )
            expectation = expectation_of(record)
            if not expectation:
                self.findings.add(
                    "warning",
                    "empty_expectation",
                    "the expectation is empty, so this row is skipped; write the expectation or delete the row",
                    number,
                    "expectation",
                )
                continue
            row["expectation"] = expectation
            row["source_row"] = str(number)
            rows.append(row)
        return rows

    def _from_wide_competency_rows(
        self, header: list[str], records: list[tuple[int, list[str]]]
    ) -> list[dict[str, str]]:
        attributes = {"track", "competency_area"}
        first = header[0] or "competency"
        use_track = "track" in header and any(rec[header.index("track")] for _, rec in records)
        level_columns = [i for i, name in enumerate(header) if i > 0 and name not in attributes]
        rows: list[dict[str, str]] = []
        for i in level_columns:
            if not header[i] and any(rec[i] for _, rec in records):
                self.findings.add(
                    "error",
                    "empty_level",
                    f"column {_letter(i)} has cells but no level in its header; put the level name in row 1",
                    1,
                )
        for number, record in records:
            competency = record[0]
            cells = [(i, record[i]) for i in level_columns if record[i] and header[i]]
            if not competency:
                if cells:
                    self.findings.add(
                        "error",
                        "empty_competency",
                        "the competency is empty; every row needs a competency",
                        number,
                        first,
                    )
                continue
            area = record[header.index("competency_area")] if "competency_area" in header else ""
            track = self._track_of(header, record, number, use_track)
            for i, text in cells:
                level, level_name = _split_level_label(header[i])
                rows.append(
                    {
                        "track": track,
                        "level": level,
                        "level_name": level_name,
                        "competency_area": area,
                        "competency": competency,
                        "expectation": text,
                        "source_row": str(number),
                        "source_column": header[i],
                    }
                )
        # Levels are columns here; keep the file's column order as ladder order.
        rows.sort(key=lambda r: (level_columns.index(header.index(r["source_column"])), int(r["source_row"])))
        for row in rows:
            del row["source_column"]
        return rows

    def _from_wide_level_rows(
        self, header: list[str], records: list[tuple[int, list[str]]]
    ) -> list[dict[str, str]]:
        attributes = {"track", "level_name", "level_order"}
        first = header[0] or "level"
        use_track = "track" in header and any(rec[header.index("track")] for _, rec in records)
        competency_columns = [i for i, name in enumerate(header) if i > 0 and name not in attributes]
        for i in competency_columns:
            if not header[i] and any(rec[i] for _, rec in records):
                self.findings.add(
                    "error",
                    "empty_competency",
                    f"column {_letter(i)} has cells but no competency in its header; put the competency name in row 1",
                    1,
                )
        rows: list[dict[str, str]] = []
        for number, record in records:
            label = record[0]
            cells = [(i, record[i]) for i in competency_columns if record[i] and header[i]]
            if not label:
                if cells:
                    self.findings.add(
                        "error", "empty_level", "the level is empty; every row needs a level", number, first
                    )
                continue
            level, level_name = _split_level_label(label)
            if "level_name" in header and record[header.index("level_name")]:
                level_name = record[header.index("level_name")]
            track = self._track_of(header, record, number, use_track)
            for i, text in cells:
                row = {
                    "track": track,
                    "level": level,
                    "level_name": level_name,
                    "competency_area": "",
                    "competency": header[i],
                    "expectation": text,
                    "source_row": str(number),
                }
                if "level_order" in header:
                    row["level_order"] = record[header.index("level_order")]
                rows.append(row)
        return rows

    # cleaning --------------------------------------------------------------------------------------
    def _drop_duplicates(self, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        first_seen: dict[tuple[tuple[str, str], ...], str] = {}
        kept = []
        for row in rows:
            key = tuple(sorted((k, v) for k, v in row.items() if k != "source_row"))
            if key in first_seen:
                self.findings.add(
                    "warning",
                    "duplicate_row",
                    f"this row repeats row {first_seen[key]} exactly, so it is ignored; delete one of them",
                    int(row["source_row"]),
                )
                continue
            first_seen[key] = row["source_row"]
            kept.append(row)
        return kept

    def _to_frame(self, header: list[str], rows: list[dict[str, str]]) -> pd.DataFrame:
        extras = [
            c
            for c in dict.fromkeys(k for row in rows for k in row)
            if c not in _FRAME_KEYS and c != "source_row"
        ]
        columns = _FRAME_KEYS + extras + ["source_row"]
        import pandas as pd

        frame = pd.DataFrame([[row.get(c, "") for c in columns] for row in rows], columns=columns, dtype=str)
        frame["source_row"] = frame["source_row"].astype(int)
        return frame

    def _apply_level_order(self, frame: pd.DataFrame) -> pd.DataFrame | None:
        if "level_order" not in frame.columns or not (frame["level_order"] != "").any():
            return frame
        values: dict[tuple[str, str], tuple[float, int]] = {}
        for track, level, raw, number in zip(
            frame["track"], frame["level"], frame["level_order"], frame["source_row"], strict=True
        ):
            if not raw:
                continue
            try:
                value = float(raw)
            except ValueError:
                self.findings.add(
                    "error",
                    "bad_level_order",
                    f"level_order '{raw}' is not a number; use 1, 2, 3 ...",
                    number,
                    "level_order",
                )
                continue
            if math.isnan(value):
                self.findings.add(
                    "error", "bad_level_order", "level_order is not a number", number, "level_order"
                )
                continue
            known = values.setdefault((track, level), (value, number))
            if known[0] != value:
                self.findings.add(
                    "error",
                    "bad_level_order",
                    f"level '{level}' has level_order {raw} here but {known[0]:g} on row {known[1]}; give each level one order",
                    number,
                    "level_order",
                )
        for track, level, number in zip(frame["track"], frame["level"], frame["source_row"], strict=True):
            if (track, level) not in values and level.casefold() not in BASELINE_LEVEL_KEYS:
                self.findings.add(
                    "error",
                    "bad_level_order",
                    f"level '{level}' has no level_order on any row; fill it in",
                    number,
                    "level_order",
                )
                values[(track, level)] = (math.inf, number)
        if self.findings.has_errors:
            return None
        return frame


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
            given: dict[str, float] = {}
            for level, raw in zip(rows["level"], rows["level_order"], strict=True):
                if raw and level not in given:
                    given[level] = float(raw)
            rungs.sort(key=lambda lv: given.get(lv, math.inf))  # stable: ties keep file order
        order[str(track)] = rungs
        baseline[str(track)] = base
    return order, baseline


# --------------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------------


def _clean_cell(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def _normalise_header(name: str) -> str:
    text = name.replace("\ufeff", "").strip()
    key = re.sub(r"[\s\-]+", "_", text.casefold())
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *REQUIREMENT_COLUMNS)
    return key if key in known else text


def _split_level_label(label: str) -> tuple[str, str]:
    """``"6 (internal promotion only)"`` -> ("6", the label); anything else is its own key."""
    match = re.fullmatch(r"(\d+)\s*\((.*)\)", label)
    if match:
        return match.group(1), label
    return label, label


def _letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _names(items: Iterable[str], quote: bool = False, limit: int = 30) -> str:
    items = list(items)
    shown = [f"'{i}'" if quote else i for i in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(shown) + more


def _guess_delimiter(line: str) -> str:
    counts = {d: _count_outside_quotes(line, d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def _binary_kind(data: bytes) -> str | None:
    head = data[:8192]
    if head.startswith(b"PK\x03\x04"):
        return "a zip file (an Excel or OpenDocument workbook?)"
    if head.startswith(b"%PDF"):
        return "a PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel/Word file"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    if b"\x00" in head:
        return "a binary file"
    return None


def _text_kind(text: str, suffix: str) -> str | None:
    """Name the format of a text file that is not CSV (JSON, YAML, Markdown, HTML), else None."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0].strip()
    if stripped.startswith(("{", "[")):
        try:
            json.loads(stripped)
            return "JSON"
        except ValueError:
            if stripped.startswith("{"):
                return "JSON"
    if first == "---" or first.startswith("%YAML"):
        return "Markdown with YAML front matter" if suffix in {".md", ".markdown"} else "YAML"
    if stripped[:1] == "<":
        return "HTML or XML"
    if first.startswith("#") or (first.startswith("|") and first.endswith("|")):
        return "Markdown"
    if suffix in _NOT_CSV_SUFFIXES:
        delimiters = sum(_count_outside_quotes(first, d) for d in (",", ";", "\t"))
        looks_yaml = bool(re.match(r"^[\w\- ]+:(\s|$)", first))
        if not delimiters or looks_yaml:
            return _NOT_CSV_SUFFIXES[suffix]
    if not any(_count_outside_quotes(first, d) for d in (",", ";", "\t")) and re.match(
        r"^[\w\- ]+:(\s|$)", first
    ):
        return "YAML"
    return None


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
        f"track '{track}' is not in {source or 'this ladder'}; use one of the known tracks: {_names(tracks)}"
    )


# --------------------------------------------------------------------------------------------------
# Goal text -> competencies
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A competency that a goal or key result seems to draw on; ``score`` is 0..1, higher is closer."""

    competency: str
    score: float


# A small concept map, written for this project: for each concept, words and phrases ("|" between
# them) that people use in goals and ladders. Each concept becomes an extra token in both the goal and
# the competency text, so "give a talk at the all-hands" meets "communication" with no word shared.
CONCEPTS: dict[str, str] = {
    "communication": (
        "communication | communicate | present | presentation | talk | demo | slides | explain | "
        "write | writing | written | document | documentation | doc | update | status | email | "
        "newsletter | report | audience | story | articulate | listen | summary | plain language | "
        "message | inform | walk through | show and tell | speak | chair | meeting | description"
    ),
    "stakeholder": (
        "stakeholder | partner | client | customer | expectation | executive | leadership | sponsor | "
        "buy-in | requester | marketing | finance | sales | agency | business partner"
    ),
    "mentoring": (
        "mentor | mentee | mentorship | coach | teach | onboard | onboarding | junior | intern | "
        "new hire | newcomer | graduate | grow | sponsor | one-to-one | 1:1 | guide | buddy | "
        "less experienced | develop people | career | next level | team lead | learning opportunity"
    ),
    "hiring": (
        "interview | hire | hiring | candidate | recruit | recruiting | panel | referral | refer | "
        "pipeline of candidates | take-home | open role | talent"
    ),
    "design": (
        "design | architecture | architect | system | service | api | component | scalable | "
        "scalability | data model | schema | interface | contract | distributed | rfc | subsystem | "
        "failure mode | trade-off | technical debt | tech debt | platform"
    ),
    "code": (
        "code | coding | refactor | pull request | pr | review | lint | naming | library | package | "
        "repository | repo | git | commit | version control | python | sql | codebase | readable | "
        "maintainable | style guide | clean code | module | branch | merge"
    ),
    "reliability": (
        "test | testing | flaky | on-call | incident | outage | alert | alerting | monitor | "
        "monitoring | slo | sla | reliability | reliable | runbook | post-mortem | postmortem | "
        "uptime | observability | error budget | production | robust | dashboard alert | coverage"
    ),
    "delivery": (
        "deliver | delivery | ship | deadline | milestone | schedule | on time | launch | release | "
        "ticket | sprint | epic | complete | finish | land | end to end | to completion | "
        "start to finish | slip | date | output | throughput"
    ),
    "planning": (
        "plan | planning | estimate | estimation | organise | organize | task | break down | "
        "break into | milestone | roadmap | size | backlog | sequence | ceremony"
    ),
    "prioritization": (
        "prioritise | prioritize | prioritization | priority | rank | ranked | backlog | trade-off | "
        "say no | push back | focus | request | ad hoc | low-value | effort | triage"
    ),
    "business": (
        "business | domain | revenue | cost | market | product | funnel | finance | economics | "
        "dollar | money | pricing | customer | user | pain point | support ticket | value | "
        "commercial | strategy | strategic | company goal | objective | okr | impact"
    ),
    "modeling": (
        "model | modeling | modelling | regression | forecast | classifier | clustering | neural | "
        "gradient boosting | feature | experiment | a/b | ab test | causal | evaluation | drift | "
        "statistics | statistical | power analysis | machine learning | ml | method | analytic | "
        "uplift | ranking | baseline | validate"
    ),
    "influence": (
        "convince | persuade | influence | align | alignment | agreement | agree | adopt | adoption | "
        "cross-team | other teams | buy-in | consensus | champion | advocate | "
        "get leadership on board | shape | change how"
    ),
    "data_engineering": (
        "pipeline | etl | clean | pre-process | preprocess | warehouse | dag | ingest | table | "
        "data quality | data validation | orchestrate | cron | raw data | analysis-ready | dataset | "
        "data platform | transform"
    ),
    "privacy": (
        "privacy | pii | anonymize | anonymise | personal identifier | gdpr | sensitive | redact | "
        "de-identify | confidential | health record | patient"
    ),
    "visualization": (
        "chart | dashboard | plot | visual | visualize | visualise | visualization | narrative | "
        "graph | infographic | tell the story | story"
    ),
    "learning": (
        "learn | course | curiosity | curious | self-awareness | reflect | feedback on my | read | "
        "book | study | new language | strengths | area to develop | areas to develop | growth | "
        "certification | training"
    ),
    "teamwork": (
        "teammate | colleague | pair | pairing | unblock | stuck | blocker | help | team meeting | "
        "support | share knowledge | together | collaborate | collaboration | team"
    ),
    "wellbeing": (
        "burnout | wellbeing | well-being | health | happy | morale | stress | coping | "
        "psychological safety | workload"
    ),
    "community": (
        "inclusive | inclusion | culture | welcome | community | lunch | belonging | connectedness | "
        "diversity | social | event"
    ),
    "security": (
        "security | secure | vulnerability | certificate | auth | authentication | encryption | tls | "
        "threat | access control | secret | cve"
    ),
    "networking": "network | networking | tcp | dns | proxy | osi | http | latency | packet | udp",
    "tooling": "build | compiler | tooling | toolchain | build speed | tool | bazel | make | linker",
    "performance": (
        "performance | memory | data structure | algorithm | cpu | optimize | optimise | fast | "
        "speed up | efficient | complexity"
    ),
    "initiative": (
        "initiative | own | ownership | proactive | proactively | without waiting | "
        "without being asked | self-motivated | self-motivation | volunteer | step up | drive | "
        "example for"
    ),
    "independence": (
        "independently | independent | alone | without hand-holding | on my own | autonomy | "
        "little guidance | little supervision | when to ask | ask for help"
    ),
    "evangelism": (
        "meetup | conference | blog | external | externally | public | open source | publication | speak at"
    ),
    "process": (
        "process | retro | retrospective | ceremony | agile | kanban | workflow | way of working | "
        "how we run | practice"
    ),
    "problem_solving": (
        "problem | bug | debug | investigate | root cause | fix | issue | solution | troubleshoot | "
        "decision | decide | option | breaks"
    ),
    "technology": "technology | framework | react | language | tool | stack | expert | go-to",
    "persistence": (
        "persevere | persist | resistance | obstacle | keep going | extra | responsibility | "
        "go the extra mile | resilient"
    ),
    "mobile": "ios | android | mobile | app | swift | kotlin | screen",
    "web": "web | frontend | front-end | browser | javascript | css | web client",
    "server": "server | backend | back-end | api framework | server side | database",
    "people_management": (
        "delegate | team lead | manage | manager | report | performance review | develop engineer | "
        "hand off | brief"
    ),
}

# Words that say nothing about which competency a goal draws on.
_GENERIC_WORDS = frozenset(
    "improve better get make use using new year quarter month week weekly monthly least sure every each "
    "times two three five six one first next day goal aim become able well good enough just way".split()
)
# Longest first: the stemmer strips the first suffix that matches.
_SUFFIXES = tuple(
    "izations isations ization isation ational ations ation ements ement ments ment nesses ness ships ship "
    "ities ity ings ing ives ive ised ized ises izes ise ize ates ated ate ers er ied ies ed es ly al s".split()
)


def _stem(word: str) -> str:
    """A light suffix stripper (English): communicate/communication -> communic, mentoring -> mentor."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                if suffix == "s" and word[-2] in "sui":
                    continue
                word = word[: -len(suffix)]
                break
        else:
            break
    if len(word) > 4 and word[-1] in "ey":
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _plain(text).casefold().replace("&", " and "))


class _Vocabulary:
    """Stems, stop words and concept tokens shared by the suggester's analyzers."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        self.stop = frozenset(ENGLISH_STOP_WORDS) | _GENERIC_WORDS
        self.single: dict[str, set[str]] = {}
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        for concept, terms in CONCEPTS.items():
            for term in terms.split("|"):
                stems = tuple(_stem(w) for w in _words(term))
                if len(stems) == 1:
                    self.single.setdefault(stems[0], set()).add(concept)
                elif stems:
                    self.phrases.append((stems, concept))

    def stems(self, text: str) -> list[str]:
        return [_stem(w) for w in _words(text) if w not in self.stop or w in {"no", "own"}]

    def concepts(self, text: str) -> list[str]:
        all_stems = [_stem(w) for w in _words(text)]
        found: list[str] = []
        for s in all_stems:
            found.extend(sorted(self.single.get(s, ())))
        joined = f" {' '.join(all_stems)} "
        for stems, concept in self.phrases:
            if f" {' '.join(stems)} " in joined:
                found.append(concept)
        return [f"zzconcept{c}" for c in found]

    def analyze(self, text: str) -> list[str]:
        stems = self.stems(text)
        bigrams = [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]
        return stems + bigrams + self.concepts(text)


# Weights of the blended score: equal. A grid search on the "dev" goals of tests/data/ladder_goals.csv
# found a plateau (0.89-0.92 top-1) around equal weights, so the least-tuned choice was kept.
_WEIGHTS = {"word_doc": 0.2, "word_max": 0.2, "char_doc": 0.2, "char_max": 0.2, "name": 0.2}


class _Suggester:
    """Vectorizers fitted once per (ladder, track): word stems + concepts, char n-grams, name overlap."""

    def __init__(
        self, competencies: list[str], texts: list[list[str]], weights: Mapping[str, float] | None = None
    ) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.np = np
        self.names = competencies
        self.weights = dict(weights or _WEIGHTS)
        self.vocab = _vocabulary()
        # One document per expectation row, and one for the name itself (repeated: names carry the most signal).
        rows: list[str] = []
        owner: list[int] = []
        for index, (name, expectations) in enumerate(zip(competencies, texts, strict=True)):
            plain_name = _plain(name)
            rows.append(f"{plain_name}. {plain_name}")
            owner.append(index)
            for text in expectations:
                rows.append(text)
                owner.append(index)
        self.owner = np.array(owner)
        self.word = TfidfVectorizer(analyzer=self.vocab.analyze, sublinear_tf=True)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
        plain_rows = [_plain(r) for r in rows]
        self.word_rows = self.word.fit_transform(rows)
        self.char_rows = self.char.fit_transform(plain_rows)
        self.word_docs = self._centroids(self.word_rows)
        self.char_docs = self._centroids(self.char_rows)
        self.name_stems = [set(self.vocab.stems(_plain(n))) for n in competencies]
        self.name_concepts = [set(self.vocab.concepts(_plain(n))) for n in competencies]

    def _centroids(self, matrix):  # type: ignore[no-untyped-def]
        np = self.np
        dense = np.zeros((len(self.names), matrix.shape[1]))
        for index in range(len(self.names)):
            dense[index] = np.asarray(matrix[self.owner == index].sum(axis=0)).ravel()
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return dense / norms

    def _per_competency_max(self, similarities):  # type: ignore[no-untyped-def]
        np = self.np
        out = np.zeros(len(self.names))
        np.maximum.at(out, self.owner, similarities)
        return out

    def score(self, text: str):  # type: ignore[no-untyped-def]
        np = self.np
        word_query = self.word.transform([text])
        char_query = self.char.transform([_plain(text)])
        parts = {
            "word_doc": np.asarray(word_query @ self.word_docs.T).ravel(),
            "word_max": self._per_competency_max((self.word_rows @ word_query.T).toarray().ravel()),
            "char_doc": np.asarray(char_query @ self.char_docs.T).ravel(),
            "char_max": self._per_competency_max((self.char_rows @ char_query.T).toarray().ravel()),
        }
        stems = set(self.vocab.stems(text))
        concepts = set(self.vocab.concepts(text))
        name_scores = []
        for name_stems, name_concepts in zip(self.name_stems, self.name_concepts, strict=True):
            hits = len(stems & name_stems) + 0.5 * len(concepts & name_concepts)
            total = len(name_stems) + 0.5 * len(name_concepts)
            name_scores.append(min(1.0, hits / max(1.0, total) * 1.5) if total else 0.0)
        parts["name"] = np.array(name_scores)
        return sum(self.weights[k] * parts[k] for k in self.weights)


class _BaselineSuggester:
    """The plain baseline: one TF-IDF document per competency (name + expectations), cosine similarity."""

    def __init__(self, competencies: list[str], texts: list[list[str]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.names = competencies
        self.vectorizer = TfidfVectorizer(stop_words="english")
        docs = [" ".join([_plain(n), *t]) for n, t in zip(competencies, texts, strict=True)]
        self.docs = self.vectorizer.fit_transform(docs)

    def score(self, text: str):  # type: ignore[no-untyped-def]
        return (self.docs @ self.vectorizer.transform([text]).T).toarray().ravel()


_VOCABULARY: _Vocabulary | None = None


def _vocabulary() -> _Vocabulary:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = _Vocabulary()
    return _VOCABULARY


_LADDERS_BY_PATH: dict[tuple[str, int, int], Ladder] = {}


def _as_ladder(ladder: Ladder | str | Path) -> Ladder:
    if isinstance(ladder, Ladder):
        return ladder
    path = resolve_ladder_path(ladder)
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _LADDERS_BY_PATH:
        _LADDERS_BY_PATH[key] = load_ladder(path)
    return _LADDERS_BY_PATH[key]


def _suggester(ladder: Ladder, track: str | None, method: str):  # type: ignore[no-untyped-def]
    name = ladder.resolve_track(track) if (track is not None or len(ladder.tracks) == 1) else None
    key = ("suggester", name, method)
    if key not in ladder._cache:
        rows = ladder.frame if name is None else ladder.frame[ladder.frame["track"] == name]
        texts: dict[str, list[str]] = {}
        for competency, text in zip(rows["competency"], rows["expectation"], strict=True):
            texts.setdefault(competency, []).append(text)
        names = list(texts)
        values = [list(dict.fromkeys(texts[n])) for n in names]  # repeated text adds nothing
        cls = _BaselineSuggester if method == "tfidf" else _Suggester
        ladder._cache[key] = cls(names, values)
    return ladder._cache[key]


def suggest_competencies(
    text: str, ladder: Ladder | str | Path, *, track: str | None = None, top: int = 3, method: str = "blend"
) -> list[Suggestion]:
    """Rank the ladder's competencies by how close ``text`` (a goal or key result) is to each one's
    name and expectations; best first, at most ``top``, only scores above zero.

    ``ladder`` may be a Ladder or a path. ``track`` None uses every track's competencies.
    ``method="tfidf"`` is the plain baseline; the default blends word stems with a concept map,
    character n-grams and name overlap. The fitted vectorizers are cached on the Ladder.
    Raises LadderError for an unknown track or an unusable ladder file.
    """
    if method not in {"blend", "tfidf"}:
        raise LadderError(f"method '{method}' is not known; use 'blend' or 'tfidf'")
    loaded = _as_ladder(ladder)
    if not text or not text.strip():
        return []
    engine = _suggester(loaded, track, method)
    scores = engine.score(text)
    ranked = sorted(range(len(engine.names)), key=lambda i: (-scores[i], i))
    return [
        Suggestion(engine.names[i], round(float(scores[i]), 4))
        for i in ranked[: max(0, top)]
        if scores[i] > 0
    ]


# --------------------------------------------------------------------------------------------------
# Explicit tags and the ladder share of a growth plan
# --------------------------------------------------------------------------------------------------


def match_competency(tag: str, ladder: Ladder | str | Path, track: str | None = None) -> str | None:
    """The ladder's spelling of a competency tag (case-insensitive, emoji and punctuation ignored), or None."""
    loaded = _as_ladder(ladder)
    names = (
        loaded.competencies(track)
        if (track is not None or len(loaded.tracks) == 1)
        else list(dict.fromkeys(loaded.frame["competency"]))
    )
    return _match_name(tag.strip(), names)


def validate_tags(
    tags: Iterable[str], ladder: Ladder | str | Path, track: str | None = None
) -> list[LadderFinding]:
    """Findings for explicit competency tags: an error for each tag that is not a competency of
    ``track``, naming the closest competencies. An empty list means every tag matches.

    Raises LadderError for an unknown track or an unusable ladder file.
    """
    loaded = _as_ladder(ladder)
    name = loaded.resolve_track(track) if (track is not None or len(loaded.tracks) == 1) else None
    names = loaded.competencies(name) if name else list(dict.fromkeys(loaded.frame["competency"]))
    findings: list[LadderFinding] = []
    for tag in tags:
        if _match_name(str(tag).strip(), names) is not None:
            continue
        closest = _closest(str(tag), names)
        hint = (
            f"did you mean {_names(closest, quote=True)}?"
            if closest
            else f"use one of: {_names(names, quote=True)}"
        )
        where = f"track '{name}'" if name else "this ladder"
        findings.append(
            LadderFinding(
                "error",
                "unknown_competency",
                f"'{tag}' is not a competency on {where}; {hint}",
                loaded.source,
                column="competency",
            )
        )
    return findings


def _closest(tag: str, names: Sequence[str], count: int = 3) -> list[str]:
    key = _fold(tag)
    folded = {_fold(n): n for n in names}
    found = [folded[k] for k in difflib.get_close_matches(key, list(folded), n=count, cutoff=0.5)]
    words = set(key.split())
    for n in names:  # "comms" or "stakeholders" should still find "Communication & stakeholder management"
        if n not in found and any(
            nw.startswith(w[:4]) for w in words if len(w) >= 4 for nw in _fold(n).split()
        ):
            found.append(n)
    return found[:count]


@dataclass(frozen=True)
class Share:
    """How many of a person's goals draw on the ladder, against the seeds' 50-75%.

    ``basis`` says what counted: "tags" (explicit competency tags, the rule) or "suggestions"
    (tags, or else a strong text suggestion). ``flag`` is None inside the range, else a sentence.
    """

    on_ladder: int
    total: int
    basis: Literal["tags", "suggestions"] = "tags"
    low: float = LADDER_SHARE_RANGE[0]
    high: float = LADDER_SHARE_RANGE[1]

    @property
    def ratio(self) -> float | None:
        return self.on_ladder / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        return None if self.ratio is None else round(self.ratio * 100)

    @property
    def within(self) -> bool:
        return self.ratio is not None and self.low <= self.ratio <= self.high

    @property
    def text(self) -> str:
        if not self.total:
            return "no goals yet"
        goals = "goal" if self.total == 1 else "goals"
        verb = "draws" if self.on_ladder == 1 and self.total == 1 else "draw"
        return f"{self.on_ladder} of {self.total} {goals} ({self.percent}%) {verb} on the ladder"

    @property
    def flag(self) -> str | None:
        if not self.total or self.within:
            return None
        span = f"{round(self.low * 100)}-{round(self.high * 100)}%"
        assert self.ratio is not None
        if self.ratio < self.low:
            return f"only {self.text}; the seeds suggest {span}"
        return (
            f"{self.text}; the seeds suggest {span} for experienced people: fine for someone junior, "
            "otherwise leave room for a personal goal"
        )

    def __str__(self) -> str:
        return self.flag or self.text


def ladder_share(
    goal_tags: Sequence[Sequence[str]], *, ladder: Ladder | str | Path | None = None, track: str | None = None
) -> Share:
    """Count goals with at least one ladder competency tag, out of all goals (one tag list per goal).

    With ``ladder``, only tags that match a competency of ``track`` count; without it, any
    non-blank tag counts (the tags are assumed validated already).
    """
    on = 0
    for tags in goal_tags:
        cleaned = [t for t in tags if t and str(t).strip()]
        if ladder is not None:
            cleaned = [t for t in cleaned if match_competency(t, ladder, track) is not None]
        on += bool(cleaned)
    return Share(on, len(goal_tags), "tags")


def suggested_ladder_share(
    goal_texts: Sequence[str],
    ladder: Ladder | str | Path,
    *,
    track: str | None = None,
    goal_tags: Sequence[Sequence[str]] | None = None,
    threshold: float = STRONG_SUGGESTION,
) -> Share:
    """Like ``ladder_share`` but a goal without a valid tag also counts when its best suggestion
    scores at least ``threshold``: a hint for the conversation, not the rule.
    """
    tags = list(goal_tags) if goal_tags is not None else [[] for _ in goal_texts]
    on = 0
    for index, text in enumerate(goal_texts):
        own = tags[index] if index < len(tags) else []
        if any(match_competency(t, ladder, track) for t in own if t):
            on += 1
            continue
        best = suggest_competencies(text, ladder, track=track, top=1)
        on += bool(best and best[0].score >= threshold)
    return Share(on, len(goal_texts), "suggestions")


# --------------------------------------------------------------------------------------------------
# Next-level gaps
# --------------------------------------------------------------------------------------------------


def next_level_gaps(
    ladder: Ladder | str | Path,
    track: str | None,
    level: str | int,
    covered: Iterable[str] | Mapping[str, str | Iterable[str]],
    *,
    person: str | None = None,
) -> pd.DataFrame:
    """One row per competency expected at the level after ``level`` (baseline ones included):
    competency, competency_area, next_level, expectations (joined with newlines), covered, covered_by.

    ``covered`` is a set of competency tags, or a mapping tag -> goal(s) covering it (then
    ``covered_by`` names the goals). At the top of the ladder the frame is empty. ``frame.attrs``
    keeps track, level, next_level, next_level_name and person for ``plot_gaps``.
    Raises LadderError for an unknown track or level.
    """
    loaded = _as_ladder(ladder)
    name = loaded.resolve_track(track)
    key = loaded.resolve_level(name, level)
    upcoming = loaded.next_level(name, key)
    by_competency: dict[str, list[str]] = {}
    pairs = covered.items() if isinstance(covered, Mapping) else ((tag, tag) for tag in covered)
    for tag, goals in pairs:
        matched = _match_name(str(tag).strip(), loaded.competencies(name))
        if matched is None:
            continue
        goal_list = [goals] if isinstance(goals, str) else list(goals)
        by_competency.setdefault(matched, []).extend(str(g) for g in goal_list if str(g).strip())
    rows = []
    if upcoming is not None:
        for competency, texts in loaded.expectations(name, upcoming).items():
            covering = list(dict.fromkeys(by_competency.get(competency, [])))
            rows.append(
                {
                    "competency": competency,
                    "competency_area": loaded.competency_area(name, competency),
                    "next_level": upcoming,
                    "expectations": "\n".join(texts),
                    "covered": competency in by_competency,
                    "covered_by": "; ".join(covering),
                }
            )
    import pandas as pd

    frame = pd.DataFrame(rows, columns=_GAP_COLUMNS)
    frame["covered"] = frame["covered"].astype(bool)
    frame.attrs.update(
        {
            "track": name,
            "level": key,
            "next_level": upcoming,
            "next_level_name": loaded.level_name(name, upcoming) if upcoming else None,
            "person": person,
        }
    )
    return frame


def plot_gaps(
    gaps: pd.DataFrame | Mapping[str, pd.DataFrame] | Sequence[pd.DataFrame], *, title: str | None = None
) -> Figure:
    """A coverage chart of next-level competencies: one row per person, one column per competency;
    covered, gap, or not expected at that person's next level. Returns a matplotlib Figure (no pyplot,
    safe under the Agg backend; a notebook shows it as the cell's value).
    """
    import pandas as pd
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if isinstance(gaps, pd.DataFrame):
        people = [(gaps.attrs.get("person") or _gap_label(gaps), gaps)]
    elif isinstance(gaps, Mapping):
        people = [(str(k), v) for k, v in gaps.items()]
    else:
        people = [(f.attrs.get("person") or f"person {i + 1}", f) for i, f in enumerate(gaps)]
    columns = list(dict.fromkeys(c for _, f in people for c in f["competency"]))
    values = [[math.nan] * len(columns) for _ in people]
    for r, (_, frame) in enumerate(people):
        for competency, is_covered in zip(frame["competency"], frame["covered"], strict=True):
            values[r][columns.index(competency)] = 1.0 if bool(is_covered) else 0.0

    import numpy as np

    grid = np.ma.masked_invalid(np.array(values, dtype=float).reshape(len(people), len(columns)))
    width = max(6.0, 1.1 * len(columns) + 2.5)
    height = max(2.4, 0.55 * len(people) + 2.2)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    colours = ListedColormap(["#f4a261", "#2a9d8f"]).with_extremes(bad="#e9ecef")
    ax.imshow(grid, cmap=colours, norm=BoundaryNorm([-0.5, 0.5, 1.5], 2), aspect="auto")
    for r in range(len(people)):
        for c in range(len(columns)):
            value = values[r][c]
            label = "-" if math.isnan(value) else ("covered" if value else "gap")
            ax.text(c, r, label, ha="center", va="center", fontsize=8, color="#212529")
    import textwrap

    ax.set_xticks(range(len(columns)), [textwrap.fill(_plain(c), 16) for c in columns], fontsize=8)
    ax.set_yticks(range(len(people)), [_plain(label) for label, _ in people], fontsize=9)
    ax.tick_params(axis="x", labelrotation=0, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(people)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.legend(
        handles=[
            Patch(color="#2a9d8f", label="covered by a goal"),
            Patch(color="#f4a261", label="gap"),
            Patch(color="#e9ecef", label="not expected at next level"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.02),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    ax.set_title(title or "Next-level competencies covered by this year's goals", fontsize=11)
    return fig


def _gap_label(frame: pd.DataFrame) -> str:
    attrs = frame.attrs
    if attrs.get("next_level"):
        return f"{attrs.get('track', '')} {attrs.get('level', '')} → {attrs.get('next_level_name') or attrs['next_level']}"
    return "top of the ladder"


# --------------------------------------------------------------------------------------------------
# Text for the command line
# --------------------------------------------------------------------------------------------------


def format_check_report(report: LadderReport) -> str:
    """The text ``workbook ladder check`` prints: per track the levels in order and the
    competencies (with the level each starts at when later than the first), then every finding
    and a last line saying OK or how many errors there are.
    """
    lines: list[str] = []
    ladder = report.ladder
    if ladder is not None:
        lines.append(
            f"{report.path}: {ladder.form} form, {len(ladder.frame)} expectations, {len(ladder.tracks)} "
            f"track{'s' if len(ladder.tracks) != 1 else ''}"
        )
        for track in ladder.tracks:
            levels = ladder.levels(track)
            competencies = ladder.competencies(track)
            lines.append(f"{track}: {len(levels)} levels, {len(competencies)} competencies")
            shown = []
            for level in levels:
                name = ladder.level_name(track, level)
                shown.append(level if name == level else f"{level} ({name})")
            lines.append("  levels: " + " -> ".join(shown))
            for base in ladder.baseline_levels(track):
                lines.append(f"  baseline: {base} (its expectations apply to every level)")
            described = []
            for competency in competencies:
                start = next((lv for lv in levels if competency in ladder.competencies(track, lv)), None)
                later = start is not None and levels and start != levels[0]
                described.append(f"{competency} (from {start})" if later else competency)
            lines.append("  competencies: " + "; ".join(described))
    else:
        lines.append(f"{report.path}: not usable")
    for finding in report.findings:
        lines.append(f"{finding.severity}: {finding}")
    errors, warnings = len(report.errors), len(report.warnings)
    tail = f"{warnings} warning{'s' if warnings != 1 else ''}"
    if report.ok:
        lines.append(f"OK ({tail})")
    else:
        lines.append(f"FAILED: {errors} error{'s' if errors != 1 else ''}, {tail}")
    return "\n".join(lines)


def format_suggestions(suggestions: Sequence[Suggestion], as_json: bool = False) -> str:
    """Suggestions best first: numbered lines with scores, or with ``as_json`` a JSON list of
    ``{"competency": ..., "score": ...}`` objects.
    """
    if as_json:
        return json.dumps(
            [{"competency": s.competency, "score": round(s.score, 3)} for s in suggestions],
            ensure_ascii=False,
        )
    if not suggestions:
        return "no competency on this ladder matches this text; try more words, or tag the goal yourself"
    width = max(len(s.competency) for s in suggestions)
    return "\n".join(f"{i}. {s.competency.ljust(width)}  {s.score:.2f}" for i, s in enumerate(suggestions, 1))
