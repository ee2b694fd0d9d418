"""Append a labelled wave from a staging folder to the real-world corpora in tests/data, all or nothing.

    python tools/merge_wave.py STAGING [--resolutions FILE.json] [--data DIR]

STAGING holds `kr/` and/or `goals/`, as the wave's labellers leave them (docs/decisions/0009):

    kr/kr_new.csv            id,text,measurable,kind,source,rationale       (first pass)
    kr/kr_new_unlabelled.csv id,text
    kr/kr_new_pass2.csv      id,measurable,note                            (second pass, from the guide alone)
    kr/kr_new_sources.csv    source,title,where,kind,license,rows,notes
    goals/goals_new.csv      id,text,source,ladder,track,competency,second,rationale
    goals/goals_new_unlabelled.csv, goals/goals_new_pass2.csv (id,competency,second,note), goals/goals_new_sources.csv

Every row where the passes disagree needs a resolution, made by re-reading the guide, in the JSON file:
`{"kr": {"<id>": ["0 or 1", "why"]}, "goals": {"<id>": ["competency", "second or empty", "why"]}}`. The
resolved label replaces the first pass's, its rationale starts "resolved after two passes: ", and both
passes are kept in *_disagreements.csv. The wave's sources join the split as `final` (run
tools/kr_split.py and tools/goals_split.py afterwards: they move the older waves to `tune`).

Refuses, with one line and exit code 1 and nothing written, when the three files of a corpus do not list
the same ids in the same order, an id or source is already in the corpus, or a disagreement has no
resolution. Each file keeps its own line ends. Standard library only: it never runs either model.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"

KR_COLUMNS = {
    "kr_real.csv": ["id", "text", "measurable", "kind", "source", "rationale"],
    "kr_real_unlabelled.csv": ["id", "text"],
    "kr_real_pass2.csv": ["id", "measurable", "note"],
    "kr_sources.csv": ["source", "title", "where", "kind", "license", "rows", "notes"],
    "kr_real_split.csv": ["source", "group"],
    "kr_real_disagreements.csv": ["id", "pass1", "pass1_rationale", "pass2", "pass2_note", "resolved", "resolution"],
}
GOAL_COLUMNS = {
    "goals_real.csv": ["id", "text", "source", "ladder", "track", "competency", "second", "rationale"],
    "goals_real_unlabelled.csv": ["id", "text", "ladder", "track"],
    "goals_real_pass2.csv": ["id", "competency", "second", "note"],
    "goals_sources.csv": ["source", "title", "where", "kind", "rows", "notes"],
    "goals_real_split.csv": ["source", "group"],
    "goals_real_disagreements.csv": ["id", "pass1", "pass1_second", "pass1_rationale", "pass2", "pass2_second",
                                     "pass2_note", "resolved", "resolved_second", "resolution"],
}


class MergeError(Exception):
    """A wave that cannot be merged as it stands (one line: the file and what to fix)."""


def read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise MergeError(f"{path}: missing; the wave's labellers write it (see tools/merge_wave.py)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def line_end(path: Path) -> str:
    with path.open("rb") as handle:
        return "\r\n" if handle.readline().endswith(b"\r\n") else "\n"


def same_ids(*tables: tuple[str, list[dict[str, str]]]) -> None:
    (first_name, first), *rest = tables
    for name, rows in rest:
        if [r["id"] for r in rows] != [r["id"] for r in first]:
            raise MergeError(f"{name}: its ids differ from {first_name} (same ids, same order); fix the staging files")


def appended(path: Path, columns: list[str], rows: list[dict[str, str]]) -> str:
    """The file's text with ``rows`` appended (its header must be ``columns``)."""
    with path.open(encoding="utf-8", newline="") as handle:  # newline="": keep the file's own line ends
        text = handle.read()
    header = next(csv.reader(io.StringIO(text)))
    if header != columns:
        raise MergeError(f"{path}: header {header} is not {columns}; the corpus format changed, update this tool")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end(path))
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return text + out.getvalue()


# Per corpus: the staging file prefix, the corpus's files, and its label columns (the first decides agreement;
# a resolution gives a value for each, then why). The disagreements file names them pass1, pass1_second, ...
CORPORA = {
    "kr": {"prefix": "kr_new", "columns": KR_COLUMNS, "labels": ("measurable",),
           "hint": '["0 or 1", "why, by the guide"]'},
    "goals": {"prefix": "goals_new", "columns": GOAL_COLUMNS, "labels": ("competency", "second"),
              "hint": '["competency", "second or empty", "why, by the guide"]'},
}


def merge(kind: str, staging: Path, data: Path, resolutions: dict[str, list[str]]) -> tuple[dict[str, str], int]:
    """The corpus files of ``kind`` ("kr" or "goals") with the staged wave appended: (name -> text, disagreements)."""
    spec = CORPORA[kind]
    folder, prefix, labels = staging / kind, spec["prefix"], spec["labels"]
    names = list(spec["columns"])  # corpus, unlabelled, pass2, sources, split, disagreements
    corpus, sources_name = names[0], names[3]
    new, unlabelled = read(folder / f"{prefix}.csv"), read(folder / f"{prefix}_unlabelled.csv")
    second, sources = read(folder / f"{prefix}_pass2.csv"), read(folder / f"{prefix}_sources.csv")
    same_ids((f"{prefix}.csv", new), (f"{prefix}_unlabelled.csv", unlabelled), (f"{prefix}_pass2.csv", second))
    known = {r["id"] for r in read(data / corpus)}
    known_sources = {r["source"] for r in read(data / sources_name)}
    clash = sorted({r["id"] for r in new} & known) or sorted({s["source"] for s in sources} & known_sources)
    if clash:
        raise MergeError(f"{folder}: {', '.join(clash[:5])} already in the corpus; rename them in the staging files")
    disagreements = []
    for row, other in zip(new, second, strict=True):
        if row[labels[0]] == other[labels[0]]:
            continue
        if row["id"] not in resolutions:
            raise MergeError(f"{folder}: the passes disagree on {row['id']} and it has no resolution; add "
                             f'"{kind}": {{"{row["id"]}": {spec["hint"]}}} to the resolutions file')
        *resolved, why = resolutions[row["id"]]
        record = {"id": row["id"], "pass1_rationale": row["rationale"], "pass2_note": other["note"], "resolution": why}
        for label, value in zip(labels, resolved, strict=True):
            suffix = "" if label == labels[0] else "_second"
            record |= {f"pass1{suffix}": row[label], f"pass2{suffix}": other[label], f"resolved{suffix}": value}
            row[label] = value
        row["rationale"] = f"resolved after two passes: {why}"
        disagreements.append(record)
    appended_rows = [new, unlabelled, second, sources, [{"source": s["source"], "group": "final"} for s in sources],
                     disagreements]
    texts = {name: appended(data / name, spec["columns"][name], part)
             for name, part in zip(spec["columns"], appended_rows, strict=True)}
    return texts, len(disagreements)


def write_all(data: Path, texts: dict[str, str]) -> None:
    """Write every file through a temporary file beside it, then move them all into place."""
    staged = []
    try:
        for name, text in texts.items():
            handle, temp = tempfile.mkstemp(dir=data, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            staged.append((Path(temp), data / name))
    except OSError:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.replace(temp, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("staging", type=Path, help="the wave's staging folder (kr/ and/or goals/)")
    parser.add_argument("--resolutions", type=Path, help="JSON: the resolved label of every disagreement")
    parser.add_argument("--data", type=Path, default=DATA, help="the corpora folder (default tests/data)")
    args = parser.parse_args(argv)
    try:
        resolutions = json.loads(args.resolutions.read_text(encoding="utf-8")) if args.resolutions else {}
        texts: dict[str, str] = {}
        said = []
        for kind, label in (("kr", "key results"), ("goals", "goals")):
            if (args.staging / kind).is_dir():
                part, count = merge(kind, args.staging, args.data, resolutions.get(kind, {}))
                texts |= part
                rows = len(read(args.staging / kind / f"{CORPORA[kind]['prefix']}.csv"))
                said.append(f"{label}: {rows} rows, {count} disagreement(s)")
        if not texts:
            raise MergeError(f"{args.staging}: no kr/ or goals/ folder to merge")
        write_all(args.data, texts)
    except (MergeError, OSError, json.JSONDecodeError, ValueError) as exc:
        print(f"merge_wave: {exc}", file=sys.stderr)
        return 1
    print(f"merged into {args.data}: " + "; ".join(said) + ". Now run tools/kr_split.py and tools/goals_split.py.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
