"""Read ladder files (long, wide, requirement tables) with findings per row and column; cache loaded ladders."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import LadderError
from ...core.paths import LADDERS_DIR, PROJECT_ROOT, unsafe_ladder_folder
from .model import (
    _ERROR_ROOM,
    _FRAME_KEYS,
    _MAX_FINDINGS_PER_CODE,
    _NOT_CSV_SUFFIXES,
    _SAVE_AS_CSV,
    BASELINE_LEVEL_KEYS,
    FORMS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    REQUIREMENT_COLUMNS,
    Ladder,
    LadderFinding,
    LadderReport,
    Severity,
    _ladder_named,
    _match_name,
    _names,
    _unknown_track_message,
)

if TYPE_CHECKING:
    import pandas as pd


# --------------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------------
__all__ = ["MAX_LADDER_BYTES", "resolve_ladder_path", "locate_person_ladder", "read_ladder_bytes", "load_ladder",
           "check_ladder", "cached_ladder", "preload_ladders", "format_check_report"]

# The largest public ladder we know is 0.4 MB; anything past this is not a ladder.
MAX_LADDER_BYTES = 4 * 2**20


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


def _did_you_mean(given: Path) -> str:
    """The fix for a ladder named without its folder ("data-science" for ladders/data-science.csv)."""
    stem = given.name.removesuffix(".csv").lower()
    try:
        shipped = sorted(p.name for p in LADDERS_DIR.glob("*.csv"))
    except OSError:
        shipped = []
    match = [n for n in shipped if n.removesuffix(".csv").lower() == stem]
    if match:
        return f"did you mean ladders/{match[0]}?"
    if shipped:
        return "check the name; the project's ladders are " + ", ".join(f"ladders/{n}" for n in shipped)
    return "check the name"


def _within(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _outside_message(ladder: str, folder: Path, allowed: Sequence[str | os.PathLike[str]]) -> str:
    """A ladder outside the allowed folders: the command that allows the file's folder (the folder named when the
    line has room for it), then where the project's own ladders/ folder is, then the other folders allowed. The
    fix comes first: a long line (an import's file and entry before it, a --db the command line adds to the
    advice) is cut at its end."""
    also = f" (also allowed: {', '.join(str(f) for f in allowed)})" if allowed else ""
    if why := unsafe_ladder_folder(folder):  # never suggest allowing /, ~ or /etc: the file itself is to be moved
        return (f"ladder '{ladder}' is outside the folders ladders may come from: copy the ladder into the project's "
                f"ladders/ folder ({_ladder_named(str(LADDERS_DIR))}) or a folder `workbook ladder folders` lists; its "
                f"folder {folder} {why}")
    # a folder that is not there cannot be allowed; a long one would push the command past the line's end
    head = f"ladder '{ladder}' is outside the folders ladders may come from; allow its folder: `workbook ladder folders --add "
    command = head + (f"{folder}`" if folder.is_dir() and len(head) + len(str(folder)) < _ERROR_ROOM else "DIR`")
    # a project cloned deep names its own folder shorter (relative to here, or its last two parts)
    ours = next((o for o in (str(LADDERS_DIR), _ladder_named(str(LADDERS_DIR)))
                 if len(command) + len(o) + 50 <= _ERROR_ROOM), _ladder_named(str(LADDERS_DIR)))
    return f"{command}, or copy it into the project's ladders/ folder ({ours})" + also


def locate_person_ladder(ladder: str, folders: Sequence[str | os.PathLike[str]] = (), *,
                         base_dirs: Iterable[str | os.PathLike[str]] = (), must_exist: bool = True) -> Path | None:
    """Where a person's ``ladder:`` file is, under the workbook's policy: a regular file of at most
    MAX_LADDER_BYTES, inside the project's ``ladders/`` folder or one of ``folders`` (the workbook's own
    folder and the folders its settings allow: ``Store.ladder_folders()``), symlinks resolved first.

    A relative path is looked up in ``folders``, then ``base_dirs`` (e.g. the import file's folder),
    then the project root. The file is never opened here (a FIFO or a device would hang a read).
    Returns None for an empty path, or for a missing file when not ``must_exist``; raises LadderError,
    naming only the path (never the file's content), when the file is missing, outside those folders,
    not a regular file or too large.
    """
    if not str(ladder).strip():
        return None
    roots = [Path(os.path.realpath(r)) for r in (LADDERS_DIR, *folders)]
    given = Path(ladder).expanduser()
    bases = [Path(b) for b in (*folders, *base_dirs, PROJECT_ROOT)]
    candidates = [given] if given.is_absolute() else [base / given for base in bases]
    found = next((c for c in candidates if os.path.lexists(c)), None)
    if found is None:
        if not any(_within(Path(os.path.realpath(c)), roots) for c in candidates):
            raise LadderError(_outside_message(ladder, Path(os.path.realpath(candidates[0])).parent, folders))
        if not must_exist:
            return None
        looked = ", ".join(dict.fromkeys(str(c.parent) for c in candidates))
        raise LadderError(f"ladder file '{ladder}' not found (looked in {looked}); {_did_you_mean(given)}")
    real = Path(os.path.realpath(found))
    if not _within(real, roots):
        raise LadderError(_outside_message(ladder, real.parent, folders))
    try:
        info = real.stat()
    except OSError as exc:
        raise LadderError(f"ladder '{ladder}' cannot be read ({exc.strerror or exc}); check the file") from None
    if not stat.S_ISREG(info.st_mode):
        raise LadderError(f"ladder '{ladder}' is not a regular file (a folder, device or pipe); give a CSV file")
    if info.st_size > MAX_LADDER_BYTES:
        raise LadderError(f"ladder '{ladder}' is {info.st_size / 2**20:.1f} MiB, over the limit of "
                          f"{MAX_LADDER_BYTES // 2**20} MiB for a ladder; give the ladder's CSV")
    return real


def read_ladder_bytes(path: str | os.PathLike[str], limit: int = MAX_LADDER_BYTES) -> bytes:
    """The bytes of a ladder file, read without ever hanging or filling memory: the file is opened
    non-blocking (a pipe cannot hang the open), must be a regular file, and at most ``limit`` bytes.
    Raises LadderError otherwise and OSError when it cannot be opened."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LadderError(f"{path}: not a regular file (a folder, device or pipe); give a CSV file")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise LadderError(f"{path}: over the limit of {limit // 2**20} MiB for a ladder; give the ladder's CSV")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


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
            ("is a folder; give a ladder CSV file in it" if resolved.is_dir() else
             "is not a regular file (a device, a pipe); give a ladder CSV file" if resolved.exists() else
             "no such file; check the path (relative paths are tried from the project root too)"),
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


# One loaded copy per file and version (path, modification time, size) in this process: suggestions,
# stage notebooks and summaries ask for the same few ladders over and over.
_LOADED: dict[tuple[str, int, int], Ladder] = {}


def cached_ladder(path: str | Path) -> Ladder:
    """The ladder at ``path``, loaded once per process and file version. Raises LadderError (see
    :func:`load_ladder`) and OSError for a file that cannot be read."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        _LOADED[key] = load_ladder(resolved)
    return _LOADED[key]


def preload_ladders(paths: Iterable[str | Path]) -> int:
    """Load ladder files into this process's cache (the kernel fork server does it once for every
    kernel it forks); returns how many loaded. Unusable files are skipped: a kernel reports them."""
    loaded = 0
    for path in paths:
        try:
            cached_ladder(path)
            loaded += 1
        except (LadderError, OSError):
            continue
    return loaded


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
            data = read_ladder_bytes(self.path)
        except LadderError as exc:
            self.findings.add("error", "unreadable", str(exc).split(": ", 1)[-1])
            return None
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
        opened = _unclosed_quote_line(text, delimiter)
        if opened is not None:
            self.findings.add("error", "bad_csv", f"row {opened}: a quote opens here and is never closed, so every row "
                                                  "after it would be read as one cell; close the quote (or remove it)")
            return None
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
        if len(header) < 2:  # every form has two columns or more; /etc/passwd's or a log's first line is not echoed
            self.findings.add("error", "not_csv", f"its first line has no comma, semicolon or tab: this is not a CSV "
                                                  f"ladder; {_SAVE_AS_CSV}", header_row)
            return None
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
            f"{_found(header)}; add {'them' if len(missing) > 1 else 'it'} "
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
                f"{_found(header)}; add "
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
            for rank in ladder.ranks(track):  # levels side by side (a fork) joined by " | "
                named = [(lv, ladder.level_name(track, lv)) for lv in rank]
                shown.append(" | ".join(lv if name == lv else f"{lv} ({name})" for lv, name in named))
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


def _unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """The line on which a quoted cell starts that the file never closes (Python's lenient reader would take the
    rest of the file as that one cell), or None."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _record in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        return start if "unexpected end of data" in str(exc) else None
    return None


def _found(header: list[str]) -> str:
    """The header cells an error may quote (a CSV's: :meth:`_LadderReader._parse_csv` refuses a one-cell first line
    without quoting it), each cut short."""
    return f"(found: {_names([h if len(h) <= 40 else h[:39] + '…' for h in header if h], quote=True, limit=12)})"


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
