"""tools/merge_wave.py: a labelled wave joins the corpora all or nothing, each disagreement resolved and recorded."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("merge_wave", ROOT / "tools" / "merge_wave.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(path: Path, rows: list[list[str]], end: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator=end).writerows(rows)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def corpora(tmp_path: Path) -> tuple[Path, Path]:
    """A corpora folder with one earlier row per corpus (key results in CRLF, goals in LF) and a staged wave whose
    two passes disagree on one key result and one goal."""
    tool = load_tool()
    data, staging = tmp_path / "data", tmp_path / "staging"
    for name, columns in tool.KR_COLUMNS.items():
        write(data / name, [columns], "\r\n")
    write(data / "kr_real.csv", [tool.KR_COLUMNS["kr_real.csv"], ["old-1", "Ship v1", "1", "team", "old", ""]], "\r\n")
    write(data / "kr_sources.csv", [tool.KR_COLUMNS["kr_sources.csv"], ["old", "t", "w", "team", "", "1", ""]], "\r\n")
    for name, columns in tool.GOAL_COLUMNS.items():
        write(data / name, [columns])
    write(staging / "kr" / "kr_new.csv", [["id", "text", "measurable", "kind", "source", "rationale"],
                                          ["new-1", "Publish 3 posts", "1", "growth", "new", ""],
                                          ["new-2", "Blog regularly, maybe", "1", "growth", "new", "a habit"]])
    write(staging / "kr" / "kr_new_unlabelled.csv", [["id", "text"], ["new-1", "Publish 3 posts"],
                                                     ["new-2", "Blog regularly, maybe"]])
    write(staging / "kr" / "kr_new_pass2.csv", [["id", "measurable", "note"], ["new-1", "1", "count"],
                                                ["new-2", "0", "vague frequency"]])
    write(staging / "kr" / "kr_new_sources.csv", [["source", "title", "where", "kind", "license", "rows", "notes"],
                                                  ["new", "A blog", "blog.example/okrs", "growth", "", "2", ""]])
    header = ["id", "text", "source", "ladder", "track", "competency", "second", "rationale"]
    write(staging / "goals" / "goals_new.csv", [header,
                                                ["z001", "Give a talk", "gsrc", "l.csv", "E", "Communication", "", ""],
                                                ["z002", "Learn Rust", "gsrc", "l.csv", "E", "Craft", "", ""]])
    write(staging / "goals" / "goals_new_unlabelled.csv", [["id", "text", "ladder", "track"],
                                                           ["z001", "Give a talk", "l.csv", "E"],
                                                           ["z002", "Learn Rust", "l.csv", "E"]])
    write(staging / "goals" / "goals_new_pass2.csv", [["id", "competency", "second", "note"],
                                                      ["z001", "Communication", "", "talk"],
                                                      ["z002", "Foundations", "", "language"]])
    write(staging / "goals" / "goals_new_sources.csv", [["source", "title", "where", "kind", "rows", "notes"],
                                                        ["gsrc", "Goals", "repo:goals.md", "blog", "2", ""]])
    return data, staging


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_wave_is_appended_with_its_disagreements_resolved_and_recorded(corpora, tmp_path: Path, capsys) -> None:
    data, staging = corpora
    resolutions = tmp_path / "res.json"
    resolutions.write_text(json.dumps({"kr": {"new-2": ["0", "'maybe' makes it a wish"]},
                                       "goals": {"z002": ["Foundations", "Craft", "a language is general practice"]}}))
    assert load_tool().main([str(staging), "--resolutions", str(resolutions), "--data", str(data)]) == 0
    assert "key results: 2 rows, 1 disagreement(s); goals: 2 rows, 1 disagreement(s)" in capsys.readouterr().out
    kr = {r["id"]: r for r in rows(data / "kr_real.csv")}
    assert list(kr) == ["old-1", "new-1", "new-2"]
    assert kr["new-2"]["measurable"] == "0" and kr["new-2"]["rationale"].startswith("resolved after two passes: ")
    assert rows(data / "kr_real_disagreements.csv") == [
        {"id": "new-2", "pass1": "1", "pass1_rationale": "a habit", "pass2": "0", "pass2_note": "vague frequency",
         "resolved": "0", "resolution": "'maybe' makes it a wish"}]
    assert rows(data / "kr_real_split.csv") == [{"source": "new", "group": "final"}]
    assert b"\n" not in (data / "kr_real.csv").read_bytes().replace(b"\r\n", b"")  # its CRLF ends kept
    assert b"\r" not in (data / "goals_real.csv").read_bytes()  # and the goals' LF
    goal = {r["id"]: r for r in rows(data / "goals_real.csv")}["z002"]
    assert (goal["competency"], goal["second"]) == ("Foundations", "Craft")
    assert [r["id"] for r in rows(data / "goals_real_pass2.csv")] == ["z001", "z002"]


def test_a_disagreement_without_a_resolution_writes_nothing(corpora, capsys) -> None:
    data, staging = corpora
    before = snapshot(data)
    assert load_tool().main([str(staging), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the passes disagree on new-2 and it has no resolution" in err
    assert snapshot(data) == before


def test_a_wave_whose_files_do_not_match_or_repeat_an_id_writes_nothing(corpora, tmp_path: Path, capsys) -> None:
    data, staging = corpora
    before = snapshot(data)
    write(staging / "kr" / "kr_new_pass2.csv", [["id", "measurable", "note"], ["new-2", "0", "x"], ["new-1", "1", "y"]])
    assert load_tool().main([str(staging), "--data", str(data)]) == 1
    assert "kr_new_pass2.csv: its ids differ from kr_new.csv" in capsys.readouterr().err
    write(staging / "kr" / "kr_new_pass2.csv", [["id", "measurable", "note"], ["new-1", "1", "x"], ["new-2", "1", "y"]])
    write(staging / "kr" / "kr_new_sources.csv", [["source", "title", "where", "kind", "license", "rows", "notes"],
                                                  ["old", "A blog", "blog.example/okrs", "growth", "", "2", ""]])
    assert load_tool().main([str(staging), "--data", str(data)]) == 1
    assert "old already in the corpus" in capsys.readouterr().err
    assert snapshot(data) == before
