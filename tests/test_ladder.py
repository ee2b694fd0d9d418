"""Ladder loading and checking: the project's own ladders, loader quirks, broken files, gaps, output text."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from workbook.coaching.ladders import (
    Ladder,
    check_ladder,
    format_check_report,
    format_suggestions,
    ladder_share,
    load_ladder,
    next_level_gaps,
    resolve_ladder_path,
    strong_suggestion,
    suggest_competencies,
    suggested_ladder_share,
    validate_tags,
)
from workbook.core.errors import LadderError
from workbook.render.charts import plot_gaps

ROOT = Path(__file__).resolve().parents[1]
OWN_LADDERS = {
    "ladders/data-science.csv": "Data Science",
    "ladders/software-engineering.csv": "Software Engineering",
}
HEADER = "track,level,level_name,competency_area,competency,expectation\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Two tracks with different ranges, a later-starting competency, two rows in one cell, a blank area."""
    return write(
        tmp_path,
        "small.csv",
        HEADER
        + "Dev,d1,Developer 1,Craft,Coding,Writes small changes\n"
        + "Dev,d1,Developer 1,,Talking,Gives status updates\n"
        + "Dev,d2,Developer 2,Craft,Coding,Writes bigger changes\n"
        + "Dev,d2,Developer 2,Craft,Coding,Reviews code\n"
        + 'Dev,d2,Developer 2,,Talking,"Presents work:\n1. to the team\n2. to partners"\n'
        + "Dev,d3,Developer 3,People,Mentoring,Mentors one person\n"
        + "Dev,d3,Developer 3,Craft,Coding,Designs systems\n"
        + "Lead,L5,Lead 5,,Direction,Sets direction\n"
        + "Lead,L6,Lead 6,,Direction,Sets company direction\n",
    )


# --------------------------------------------------------------------------------------------------
# The project's own ladders
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path,track", OWN_LADDERS.items())
def test_own_ladder_has_five_levels_and_six_competencies(path: str, track: str) -> None:
    report = check_ladder(path)
    assert report.ok and not report.findings, format_check_report(report)
    ladder = report.ladder
    assert ladder is not None
    assert ladder.tracks == [track]
    assert ladder.levels(track) == ["1", "2", "3", "4", "5"]
    assert list(ladder.frame.columns[:6]) == [
        "track",
        "level",
        "level_name",
        "competency_area",
        "competency",
        "expectation",
    ]
    assert len(ladder.competencies(track)) >= 6
    cells = ladder.frame.groupby(["level", "competency"]).size()
    assert cells.between(1, 3).all()
    assert all(ladder.level_name(track, level) != level for level in ladder.levels(track))
    # At least one competency starts after level 1 (mentoring), and it is there at the top.
    later = [c for c in ladder.competencies(track) if c not in ladder.competencies(track, "1")]
    assert later and all(c in ladder.competencies(track, "5") for c in later)


def test_own_ladders_cover_the_demo_team_levels() -> None:
    for path, track in OWN_LADDERS.items():
        ladder = load_ladder(path)
        for level in ["1", "2", "3", "4"]:
            assert ladder.next_level(track, level) == str(int(level) + 1)
            assert next_level_gaps(ladder, track, level, set()).shape[0] >= 6


# --------------------------------------------------------------------------------------------------
# Loader quirks
# --------------------------------------------------------------------------------------------------


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", ("\ufeff" + HEADER + "T,1,One,,Coding,Writes code\n").encode("utf-8"))
    ladder = load_ladder(path)
    assert list(ladder.frame.columns[:2]) == ["track", "level"]
    assert ladder.levels("T") == ["1"]


def test_blanks_stay_empty_text_not_nan(small: Path) -> None:
    ladder = load_ladder(small)
    frame = ladder.frame
    assert not frame.isna().any().any()
    assert (frame["competency_area"] == "").sum() == 4
    # group-by keeps the rows with a blank area instead of dropping them
    assert frame.groupby("competency_area").size().sum() == len(frame)
    assert all(pd.api.types.is_string_dtype(frame[c]) for c in ["level", "competency", "expectation"])


def test_line_breaks_inside_cells_are_kept(small: Path) -> None:
    ladder = load_ladder(small)
    talking = ladder.expectations("Dev", "d2")["Talking"]
    assert talking == ["Presents work:\n1. to the team\n2. to partners"]


def test_several_rows_per_level_and_competency(small: Path) -> None:
    ladder = load_ladder(small)
    assert ladder.expectations("Dev", "d2")["Coding"] == ["Writes bigger changes", "Reviews code"]


def test_tracks_with_different_level_ranges(small: Path) -> None:
    ladder = load_ladder(small)
    assert ladder.tracks == ["Dev", "Lead"]
    assert ladder.levels("Dev") == ["d1", "d2", "d3"]
    assert ladder.levels("Lead") == ["L5", "L6"]
    assert ladder.next_level("Dev", "d1") == "d2"
    assert ladder.next_level("Lead", "L5") == "L6"
    assert ladder.next_level("Lead", "L6") is None
    with pytest.raises(LadderError, match=r"L5 \(Lead 5\), L6 \(Lead 6\)"):
        ladder.next_level("Lead", "d1")
    with pytest.raises(LadderError, match="2 tracks"):
        ladder.levels()


def test_levels_are_found_by_key_number_or_name(small: Path, tmp_path: Path) -> None:
    ladder = load_ladder(small)
    assert ladder.resolve_level("dev", "developer 2") == "d2"
    assert ladder.resolve_level("Dev", "D3") == "d3"
    numbered = load_ladder(write(tmp_path, "n.csv", HEADER + "T,1,One,,C,x\nT,2,Two,,C,y\n"))
    assert numbered.next_level("T", 1) == "2"


def test_competency_starting_at_a_later_level(small: Path) -> None:
    ladder = load_ladder(small)
    assert ladder.competencies("Dev") == ["Coding", "Talking", "Mentoring"]
    assert "Mentoring" not in ladder.competencies("Dev", "d2")
    gaps = next_level_gaps(ladder, "Dev", "d2", {"coding"})
    assert list(gaps["competency"]) == ["Mentoring", "Coding"]
    assert "(from d3)" in format_check_report(check_ladder(small))


def test_all_levels_is_a_baseline_not_a_rung(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "base.csv",
        HEADER
        + "IC,All Levels,,,Quality,Writes tests\n"
        + "IC,All Levels,,,Teamwork,Helps others\n"
        + "IC,IC1,,,Quality,Fixes bugs\n"
        + "IC,IC2,,,Quality,Owns a feature\n"
        + "IC,IC2,,,Scope,Works across a service\n",
    )
    ladder = load_ladder(path)
    assert ladder.levels("IC") == ["IC1", "IC2"]
    assert ladder.baseline_levels("IC") == ["All Levels"]
    assert ladder.next_level("IC", "IC1") == "IC2"
    expected = ladder.expectations("IC", "IC2")
    assert expected["Quality"] == ["Writes tests", "Owns a feature"]
    assert expected["Teamwork"] == ["Helps others"]
    gaps = next_level_gaps(ladder, "IC", "IC1", {"Scope"})
    assert set(gaps["competency"]) == {"Quality", "Teamwork", "Scope"}
    assert "baseline: All Levels" in format_check_report(check_ladder(path))


def test_level_order_column_wins_over_row_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ordered.csv",
        "track,level,competency,expectation,level_order,owner\n"
        + "T,Senior,Coding,Leads designs,3,ana\n"
        + "T,Associate,Coding,Learns the codebase,1,bo\n"
        + "T,Mid,Coding,Ships features,2,cy\n"
        + "T,Associate,Talking,Asks questions,,bo\n",
    )
    ladder = load_ladder(path)
    assert ladder.levels("T") == ["Associate", "Mid", "Senior"]
    assert ladder.next_level("T", "Mid") == "Senior"
    assert "owner" in ladder.frame.columns  # extra columns are kept
    assert ladder.frame.loc[ladder.frame["level"] == "Mid", "owner"].tolist() == ["cy"]


def test_level_order_must_be_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "bad-order.csv", "level,competency,expectation,level_order\nA,C,x,first\n")
    report = check_ladder(path)
    assert not report.ok
    finding = report.errors[0]
    assert (finding.row, finding.column) == (2, "level_order")
    assert "not a number" in finding.message


def test_file_without_track_column_gets_one_track(tmp_path: Path) -> None:
    ladder = load_ladder(
        write(tmp_path, "plain.csv", "Level,Competency,Expectation\n1,Coding,x\n2,Coding,y\n")
    )
    assert ladder.tracks == ["plain"]
    assert ladder.levels() == ["1", "2"]


def test_semicolon_separated_file_is_read(tmp_path: Path) -> None:
    ladder = load_ladder(
        write(tmp_path, "semi.csv", "level;competency;expectation\n1;Coding;Writes code, tests\n")
    )
    assert ladder.expectations(None, "1") == {"Coding": ["Writes code, tests"]}


def test_wide_competency_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "grid.csv",
        "competency,Junior,Mid (Individual Contributor),Senior\n"
        + 'Coding,"Writes code\nwith tests",Reviews code,Sets standards\n'
        + "Mentoring,,,Mentors juniors\n",
    )
    report = check_ladder(path)
    assert report.form == "wide-competency-rows" and report.ok
    ladder = report.ladder
    assert ladder is not None
    assert ladder.levels() == ["Junior", "Mid (Individual Contributor)", "Senior"]
    assert ladder.competencies(None, "Junior") == ["Coding"]
    assert ladder.expectations(None, "Junior")["Coding"] == ["Writes code\nwith tests"]
    assert ladder.competencies(None, "Senior") == ["Coding", "Mentoring"]


def test_wide_level_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "levels.csv",
        "Level/Skill,Coding,Security\n1,Writes code,\n2,Reviews code,Knows OWASP\n3 (by invitation),Sets standards,Leads audits\n",
    )
    report = check_ladder(path)
    assert report.form == "wide-level-rows" and report.ok
    ladder = report.ladder
    assert ladder is not None
    assert ladder.levels() == ["1", "2", "3"]
    assert ladder.level_name(None, "3") == "3 (by invitation)"
    assert ladder.competencies(None, "1") == ["Coding"]  # the empty cell adds nothing
    assert ladder.next_level(None, "2") == "3"


def test_form_can_be_chosen(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", "Grid,A,B\nCoding,x,y\n")
    assert check_ladder(path).errors[0].code == "missing_column"
    ladder = load_ladder(path, form="wide-competency-rows")
    assert ladder.levels() == ["A", "B"]
    flipped = load_ladder(path, form="wide-level-rows")
    assert flipped.levels() == ["Coding"] and flipped.competencies() == ["A", "B"]
    with pytest.raises(LadderError, match="wide-level-rows"):
        load_ladder(path, form="sideways")


def test_requirement_table_gets_synthesized_expectations(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "req.csv",
        "track,level,level_name,requirement,competency_area,competency,required_level,required_level_name,ref\n"
        + "Eng,junior,Junior,required,Core,Talking,1,Novice,core/talking/1\n"
        + "Eng,senior,Senior,optional,Core,Talking,3,Expert,core/talking/3\n",
    )
    report = check_ladder(path)
    assert report.ok and report.form == "requirement-table"
    assert [f.code for f in report.warnings] == ["requirement_table"]
    ladder = report.ladder
    assert ladder is not None
    assert ladder.levels("Eng") == ["junior", "senior"]
    assert ladder.expectations("Eng", "senior")["Talking"] == [
        "Optional proficiency: Expert (core/talking/3)"
    ]


def test_track_filter(small: Path) -> None:
    ladder = load_ladder(small, track="lead")
    assert ladder.tracks == ["Lead"]
    assert ladder.levels() == ["L5", "L6"]


# --------------------------------------------------------------------------------------------------
# Broken files: findings name file, row, column and the fix
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("ladder.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "zip"),
        ("ladder.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("ladder.json", '{"levels": [{"id": "junior"}]}', "JSON"),
        ("ladder.csv", '[{"level": "1"}]', "JSON"),
        ("ladder.yml", "name: Engineering\nlevels:\n  - id: junior\n", "YAML"),
        ("ladder.md", "# Developer ladder\n\n* **Adopts**: learns things\n", "Markdown"),
        ("ladder.md", "---\nlevels: 6\n---\n# Data\n", "Markdown"),
        ("ladder.csv", "| level | competency |\n|---|---|\n", "Markdown"),
    ],
)
def test_not_csv_is_an_error(tmp_path: Path, name: str, content: str | bytes, kind: str) -> None:
    path = write(tmp_path, name, content)
    report = check_ladder(path)
    assert not report.ok
    finding = report.errors[0]
    assert finding.code == "not_csv"
    assert kind in finding.message and "CSV UTF-8" in finding.message
    assert str(path) in str(finding)
    with pytest.raises(LadderError, match="not a CSV"):
        load_ladder(path)


def test_a_quote_never_closed_is_an_error_naming_its_row_not_a_giant_cell(tmp_path: Path) -> None:
    """An unclosed quote made Python's lenient CSV reader take the rest of the file as one expectation: `ladder
    check` said OK with levels 2 and 3 and a competency gone. A quoted cell over several lines still reads."""
    path = write(tmp_path, "bad.csv", 'level,competency,expectation\n1,Coding,"Writes tests\n1,Design,Draws diagrams\n'
                                      "2,Coding,Reviews code\n3,Coding,Sets standards\n")
    report = check_ladder(path)
    assert not report.ok and [(f.code, f.message[:38]) for f in report.errors] == [
        ("bad_csv", "row 2: a quote opens here and is never")]
    with pytest.raises(LadderError, match="close the quote"):
        load_ladder(path)
    fine = write(tmp_path, "fine.csv", 'level,competency,expectation\n1,Coding,"Writes tests,\nand ""reviews"" them"\n'
                                       "2,Coding,Reviews code\n")
    assert load_ladder(fine).expectations(None, "1")["Coding"] == ['Writes tests,\nand "reviews" them']


@pytest.mark.parametrize("content", ["", "\n\n  \n", "\ufeff", ",,,\n,,,\n"])
def test_empty_file_is_an_error(tmp_path: Path, content: str) -> None:
    report = check_ladder(write(tmp_path, "empty.csv", content))
    assert [f.code for f in report.errors] == ["empty"]


def test_header_without_rows_is_an_error(tmp_path: Path) -> None:
    report = check_ladder(write(tmp_path, "header.csv", HEADER))
    assert report.errors[0].code == "empty" and report.errors[0].row == 1


def test_missing_required_column(tmp_path: Path) -> None:
    path = write(tmp_path, "nocol.csv", "track,level,competency,description\nT,1,Coding,Writes code\n")
    report = check_ladder(path)
    finding = report.errors[0]
    assert finding.code == "missing_column" and finding.row == 1
    assert "'expectation'" in finding.message and "add it to the header row" in finding.message
    with pytest.raises(LadderError) as caught:
        load_ladder(path)
    assert str(caught.value) == str(finding)
    assert "\n" not in str(caught.value)
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)


def test_empty_level_names_row_and_column(tmp_path: Path) -> None:
    # Row 2 has a line break inside a quoted cell: row numbers count records, as a spreadsheet does.
    path = write(
        tmp_path,
        "holes.csv",
        HEADER + 'T,1,One,,Coding,"Writes\ncode"\nT,,One,,Coding,Reviews code\nT,2,Two,,,Leads\n',
    )
    report = check_ladder(path)
    found = [(f.code, f.row, f.column) for f in report.errors]
    assert found == [("empty_level", 3, "level"), ("empty_competency", 4, "competency")]
    assert (
        str(report.errors[0])
        == f"{path} row 3, column 'level': column 'level' is empty; every row needs a level"
    )


def test_duplicate_rows_are_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "dups.csv", HEADER + "T,1,,,Coding,x\nT,1,,,Talking,y\nT,1,,,Coding,x\n")
    report = check_ladder(path)
    assert report.ok
    assert [(f.severity, f.code, f.row) for f in report.findings] == [("warning", "duplicate_row", 4)]
    assert "repeats row 2" in report.findings[0].message
    assert report.ladder is not None and len(report.ladder.frame) == 2
    assert "OK (1 warning)" in format_check_report(report)


def test_many_duplicates_are_summarised(tmp_path: Path) -> None:
    path = write(tmp_path, "many.csv", HEADER + "T,1,,,Coding,x\n" * 40)
    report = check_ladder(path)
    assert len(report.findings) == 21
    assert "19 more rows" in report.findings[-1].message


def test_unknown_track_names_the_known_ones(small: Path) -> None:
    report = check_ladder(small, track="Data")
    assert report.errors[0].code == "unknown_track"
    assert "Dev, Lead" in report.errors[0].message
    with pytest.raises(LadderError, match="known tracks: Dev, Lead"):
        load_ladder(small, track="Data")
    with pytest.raises(LadderError, match="known tracks"):
        load_ladder(small).levels("Data")


def test_ragged_row_is_an_error(tmp_path: Path) -> None:
    report = check_ladder(
        write(tmp_path, "ragged.csv", "level,competency,expectation\n1,Coding,Writes code, tests\n")
    )
    finding = report.errors[0]
    assert (finding.code, finding.row) == ("too_many_cells", 2)
    assert "quotes" in finding.message


def test_duplicate_column_is_an_error(tmp_path: Path) -> None:
    report = check_ladder(write(tmp_path, "twice.csv", "level,competency,expectation,Level\n1,C,x,2\n"))
    assert report.errors[0].code == "duplicate_column"
    assert "columns A and D" in report.errors[0].message


def test_empty_expectation_is_a_warning(tmp_path: Path) -> None:
    report = check_ladder(write(tmp_path, "blank.csv", HEADER + "T,1,,,Coding,\nT,1,,,Talking,Talks\n"))
    assert report.ok
    assert [(f.code, f.row, f.column) for f in report.warnings] == [("empty_expectation", 2, "expectation")]


def test_windows_1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path, "excel.csv", "level,competency,expectation\n1,Coding,Caf\xe9 code\n".encode("cp1252")
    )
    report = check_ladder(path)
    assert report.ok and report.warnings[0].code == "encoding"
    assert report.ladder is not None and report.ladder.frame["expectation"][0] == "Caf\xe9 code"


def test_missing_file(tmp_path: Path) -> None:
    report = check_ladder(tmp_path / "nope.csv")
    assert report.errors[0].code == "not_found"
    with pytest.raises(LadderError, match="nope.csv"):
        load_ladder("ladders/nope.csv")
    assert "no such file" in report.errors[0].message


def test_a_folder_or_a_device_is_said_as_such_not_as_missing(tmp_path: Path) -> None:
    """`ladder check /dev/zero` and `ladder check FOLDER` said "no such file": both exist."""
    assert check_ladder(tmp_path).errors[0].message == "is a folder; give a ladder CSV file in it"
    assert check_ladder("/dev/zero").errors[0].message.startswith("is not a regular file")


# --------------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------------


def test_resolve_ladder_path_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_ladder_path("ladders/data-science.csv") == ROOT / "ladders" / "data-science.csv"
    local = write(tmp_path, "mine.csv", HEADER)
    assert resolve_ladder_path("mine.csv") == local
    other = tmp_path / "other"
    other.mkdir()
    inside = write(other, "theirs.csv", HEADER)
    assert resolve_ladder_path("theirs.csv", base_dirs=[other]) == inside
    assert resolve_ladder_path(str(tmp_path / "absent.csv")) == tmp_path / "absent.csv"
    with pytest.raises(LadderError, match="not found"):
        resolve_ladder_path("absent.csv")
    assert load_ladder("ladders/software-engineering.csv").tracks == ["Software Engineering"]


# --------------------------------------------------------------------------------------------------
# Gaps and the chart
# --------------------------------------------------------------------------------------------------


def test_next_level_gaps_columns_and_coverage() -> None:
    ladder = load_ladder("ladders/data-science.csv")
    gaps = next_level_gaps(
        ladder,
        "Data Science",
        "2",
        {"coding & architecture": ["Ship the feature store"], "Mentoring & citizenship": "Mentor Sam"},
        person="ana",
    )
    assert list(gaps.columns) == [
        "competency",
        "competency_area",
        "next_level",
        "expectations",
        "covered",
        "covered_by",
        "headline",
    ]
    assert set(gaps["next_level"]) == {"3"}
    assert gaps["covered"].dtype == bool
    covered = gaps.set_index("competency")
    assert covered.loc["Coding & architecture", "covered_by"] == "Ship the feature store"
    assert covered.loc["Mentoring & citizenship", "covered"]
    assert not covered.loc["Collaboration & influence", "covered"]
    assert covered.loc["Collaboration & influence", "covered_by"] == ""
    assert gaps.attrs["next_level_name"] == "Senior Data Scientist"
    top = next_level_gaps(ladder, None, "5", {"Coding & architecture"})
    assert top.empty and top.attrs["next_level"] is None


def test_plot_gaps_for_one_person_and_a_team(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    ds = load_ladder("ladders/data-science.csv")
    se = load_ladder("ladders/software-engineering.csv")
    one = next_level_gaps(ds, None, "1", {"Coding & architecture"}, person="ana")
    fig = plot_gaps(one)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana"]
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("covered") == 1 and labels.count("gap") == len(one) - 1
    team = {
        "ana": one,
        "bo": next_level_gaps(ds, None, "3", {"Mentoring & citizenship", "Collaboration & influence"}),
        "cy": next_level_gaps(se, None, "2", set()),
    }
    fig = plot_gaps(team, title="Team coverage")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana", "bo", "cy"]
    assert ax.get_title() == "Team coverage"
    assert len(ax.get_xticklabels()) == len(set(ds.competencies()) | set(se.competencies()))
    out = tmp_path / "team.png"
    fig.savefig(out)
    assert out.stat().st_size > 1000


def test_importing_the_module_loads_no_heavy_library() -> None:
    code = (
        "import sys, workbook; before = set(sys.modules); import workbook.coaching.ladders; "
        "new = set(sys.modules) - before; "
        "print(sorted({m.split('.')[0] for m in new} & {'matplotlib', 'sklearn', 'pandas'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------------
# Tags and the ladder share
# --------------------------------------------------------------------------------------------------


def test_ladder_share_text_and_flag() -> None:
    inside = ladder_share([["Coding"], [], ["Talking"]])
    assert (inside.on_ladder, inside.total, inside.within, inside.flag) == (2, 3, True, None)
    assert str(inside) == "2 of 3 goals (67%) draw on the ladder"
    low = ladder_share([["Coding"], [], [" "]])
    assert low.flag == "only 1 of 3 goals (33%) draw on the ladder; the practice suggests 50-75%"
    high = ladder_share([["a"], ["b"]])
    assert high.flag is not None and high.flag.startswith(
        "2 of 2 goals (100%) draw on the ladder; the practice suggests 50-75%"
    )
    assert ladder_share([]).text == "no goals yet" and ladder_share([]).flag is None
    assert ladder_share([["a"], ["b"], [], []]).within  # 50% is inside


def test_ladder_share_with_a_ladder_counts_only_real_competencies() -> None:
    ladder = load_ladder("ladders/data-science.csv")
    share = ladder_share([["coding & ARCHITECTURE"], ["juggling"], []], ladder=ladder)
    assert share.on_ladder == 1


def test_suggested_share_is_separate_from_the_tag_rule() -> None:
    ladder = load_ladder("ladders/data-science.csv")
    goals = [
        "Present my churn analysis to the marketing team and send stakeholders a written summary",
        "Run a half marathon in under two hours",
        "Take a two week holiday in Japan",
    ]
    assert ladder_share([[], [], []]).on_ladder == 0
    share = suggested_ladder_share(goals, ladder)
    assert share.basis == "suggestions" and share.on_ladder == 1
    assert (
        suggested_ladder_share(goals, ladder, goal_tags=[[], ["Mentoring & citizenship"], []]).on_ladder == 2
    )


def test_a_strong_suggestion_names_the_competency_only_above_the_threshold() -> None:
    ladder = load_ladder("ladders/data-science.csv")
    text = "Present my churn analysis to the marketing team and send stakeholders a written summary"
    assert strong_suggestion(text, ladder) == suggest_competencies(text, ladder, top=1)[0].competency
    assert strong_suggestion("Run a half marathon in under two hours", ladder) is None
    assert strong_suggestion(text, ladder, threshold=1.01) is None


def test_validate_tags_suggests_close_names() -> None:
    ladder = load_ladder("ladders/data-science.csv")
    assert validate_tags(["mentoring & CITIZENSHIP", "Coding & architecture"], ladder, "Data Science") == []
    findings = validate_tags(["comms", "mentorship"], ladder, "Data Science")
    assert [f.code for f in findings] == ["unknown_competency", "unknown_competency"]
    assert "'Communication & stakeholder management'" in findings[0].message
    assert "'Mentoring & citizenship'" in findings[1].message
    assert "Collaboration" not in findings[1].message
    assert findings[0].severity == "error" and findings[0].column == "competency"


# --------------------------------------------------------------------------------------------------
# Output for the command line
# --------------------------------------------------------------------------------------------------


def test_format_check_report_lists_levels_in_order(small: Path) -> None:
    text = format_check_report(check_ladder(small))
    assert "Dev: 3 levels, 3 competencies" in text
    assert "levels: d1 (Developer 1) -> d2 (Developer 2) -> d3 (Developer 3)" in text
    assert "levels: L5 (Lead 5) -> L6 (Lead 6)" in text
    assert text.endswith("OK (0 warnings)")


def test_format_check_report_on_a_broken_file(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.csv", "level,competency\n1,Coding\n")
    text = format_check_report(check_ladder(path))
    assert "not usable" in text
    assert "error: " in text and "'expectation'" in text
    assert text.endswith("FAILED: 1 error, 0 warnings")


def test_format_suggestions_text_and_json() -> None:
    suggestions = suggest_competencies("Mentor the new intern every week", "ladders/data-science.csv")
    text = format_suggestions(suggestions)
    assert text.splitlines()[0].startswith("1. Mentoring & citizenship")
    data = json.loads(format_suggestions(suggestions, as_json=True))
    assert [set(d) for d in data] == [{"competency", "score"}] * len(suggestions)
    assert data[0]["competency"] == "Mentoring & citizenship"
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    assert json.loads(format_suggestions([], as_json=True)) == []
    assert "no competency" in format_suggestions([])


def test_ladder_is_a_dataclass_with_a_frame(small: Path) -> None:
    ladder = load_ladder(small)
    assert isinstance(ladder, Ladder) and isinstance(ladder.frame, pd.DataFrame)
    assert ladder.frame["source_row"].tolist()[:3] == [2, 3, 4]


FORK = (
    "track,level,level_name,competency,expectation\n"
    "Eng,e1,Engineer,Coding,Ships features\n"
    "Eng,e2,Senior Engineer,Coding,Leads features\n"
    "Eng,e3-ic,Staff Engineer (Individual Contributor),Coding,Sets technical direction\n"
    "Eng,e3-m,Staff Engineer (Manager),People,Runs a team\n"
    "Eng,e4-ic,Principal Engineer (Individual Contributor),Coding,Sets direction across teams\n"
    "Eng,e4-m,Principal Engineer (Manager),People,Runs a group\n"
    "Eng,e5,Director,People,Runs the department\n"
)


def test_a_fork_in_the_ladder_keeps_each_branch_on_its_own_way_up(tmp_path: Path) -> None:
    """Levels whose names differ only in brackets sit side by side: a manager's next level is the next manager
    level, not the individual contributor's level beside theirs or above it."""
    ladder = load_ladder(write(tmp_path, "fork.csv", FORK))
    assert ladder.levels("Eng") == ["e1", "e2", "e3-ic", "e3-m", "e4-ic", "e4-m", "e5"]  # the order is kept
    assert ladder.ranks("Eng") == [["e1"], ["e2"], ["e3-ic", "e3-m"], ["e4-ic", "e4-m"], ["e5"]]
    assert ladder.next_level("Eng", "e3-m") == "e4-m" and ladder.next_level("Eng", "e3-ic") == "e4-ic"
    assert ladder.next_level("Eng", "e2") == "e3-ic" and ladder.next_levels("Eng", "e2") == ["e3-ic", "e3-m"]
    assert ladder.next_level("Eng", "e4-m") == "e5" and ladder.next_level("Eng", "e5") is None
    assert ladder.branch("Eng", "e3-m") == "manager" and ladder.branch("Eng", "e2") == ""
    assert ladder.rank_of("Eng", "e4-ic") == ladder.rank_of("Eng", "e4-m") == 3
    # with a level_order, equal orders are the levels side by side
    tied = load_ladder(write(tmp_path, "tied.csv", "level,competency,expectation,level_order\n"
                             "A,C,x,1\nIC,C,y,2\nM,C,z,2\nB,C,w,3\n"))
    assert tied.ranks() == [["A"], ["IC", "M"], ["B"]] and tied.next_levels(None, "A") == ["IC", "M"]
    assert tied.next_level(None, "IC") == "B" and tied.next_level(None, "A") == "IC"
    # brackets on names that differ otherwise are not a fork
    plain = load_ladder(write(tmp_path, "plain.csv", "level,level_name,competency,expectation\n"
                              "L1,Engineer (junior),C,x\nL2,Senior Engineer (mid),C,y\nL3,Staff,C,z\n"))
    assert plain.ranks() == [["L1"], ["L2"], ["L3"]] and plain.next_level(None, "L1") == "L2"
    # the check shows the fork as it reads it, so a wrong reading is seen before anyone is on the ladder
    shown = format_check_report(check_ladder(tmp_path / "fork.csv"))
    assert ("levels: e1 (Engineer) -> e2 (Senior Engineer) -> e3-ic (Staff Engineer (Individual Contributor)) | "
            "e3-m (Staff Engineer (Manager)) -> e4-ic (Principal Engineer (Individual Contributor)) | "
            "e4-m (Principal Engineer (Manager)) -> e5 (Director)") in shown, shown


def test_gaps_at_a_fork_name_the_other_way_up_and_compare_with_it_when_asked(tmp_path: Path) -> None:
    from workbook.coaching.ladders import fork_sentence, next_level_gaps

    ladder = load_ladder(write(tmp_path, "fork.csv", FORK))
    first = next_level_gaps(ladder, "Eng", "e2", {"Coding": "goal 1"}, person="Kim")
    assert first.attrs["next_level"] == "e3-ic" and first["competency"].tolist() == ["Coding"]
    assert first.attrs["other_next_levels"] == [("e3-m", "Staff Engineer (Manager)")] and not first.attrs["toward"]
    assert fork_sentence(first) == (" The ladder forks here: the other way up is Staff Engineer (Manager), which "
                                    "this page does not show.")
    other = next_level_gaps(ladder, "Eng", "e2", {"Coding": "goal 1"}, person="Kim", toward="Staff Engineer (Manager)")
    assert other.attrs["next_level"] == "e3-m" and other["competency"].tolist() == ["People"] and other.attrs["toward"]
    assert other.attrs["other_next_levels"] == [("e3-ic", "Staff Engineer (Individual Contributor)")]
    assert next_level_gaps(ladder, "Eng", "e2", {}, toward="e5").attrs["next_level"] == "e5"  # any level above
    for sideways in ("e3-ic", "e1", "e2"):  # beside, below or the same: refused, naming the levels above
        with pytest.raises(LadderError, match=r"level '.*' is not above Kim's level 'e3-m' on track 'Eng'; "
                                              r"choose one of: e4-ic, e4-m, e5$"):
            next_level_gaps(ladder, "Eng", "e3-m", {}, person="Kim", toward=sideways)
    on_the_way = next_level_gaps(ladder, "Eng", "e3-m", {}, person="Kim")
    assert on_the_way.attrs["next_level"] == "e4-m" and fork_sentence(on_the_way).startswith(" The ladder forks")
    assert fork_sentence(next_level_gaps(ladder, "Eng", "e1", {})) == ""  # no fork: nothing said


def test_a_way_up_chosen_at_a_fork_picks_the_branch_on_every_step_and_lapses_once_reached(tmp_path: Path) -> None:
    """A person's stored way up (``Person.toward``): below the fork the comparison is with the next rank's level on
    its branch, not the first in the file; reached, passed, beside or unknown, it is ignored, never an error."""
    from workbook.coaching.ladders import fork_sentence, live_aim, next_level_gaps

    ladder = load_ladder(write(tmp_path, "fork.csv", FORK))
    assert ladder.way_toward("Eng", "e2", "e3-m") == "e3-m"  # one rank up: the aim itself
    assert ladder.way_toward("Eng", "e1", "e4-m") == "e2"  # below the fork: the only way
    assert ladder.way_toward("Eng", "e2", "Principal Engineer (Manager)") == "e3-m"  # its branch, by name too
    assert ladder.way_toward("Eng", "e2", "e5") == "e3-ic"  # no branch to follow: the first, as without an aim
    assert ladder.way_toward("Eng", "e3-m", "e3-m") is None and ladder.way_toward("Eng", "e4-m", "e3-ic") is None
    chosen = next_level_gaps(ladder, "Eng", "e2", {"People": "goal 1"}, person="Kim", aim="e4-m")
    assert chosen.attrs["next_level"] == "e3-m" and chosen["covered"].tolist() == [True]
    assert (chosen.attrs["aim"], chosen.attrs["aim_name"]) == ("e4-m", "Principal Engineer (Manager)")
    assert chosen.attrs["other_next_levels"] == [("e3-ic", "Staff Engineer (Individual Contributor)")]
    assert fork_sentence(chosen) == (" The ladder forks here: this page follows the chosen way up; the other is "
                                     "Staff Engineer (Individual Contributor).")
    for stale in ("e3-m", "e2", "e3-ic", "no-such-level", "", None):  # at, below, beside, unknown, none
        plain = next_level_gaps(ladder, "Eng", "e3-m", {}, aim=stale)
        assert plain.attrs["next_level"] == "e4-m" and plain.attrs["aim"] is None, stale
    assert live_aim(ladder, "Eng", "e3-m", "e5") == "e5" and live_aim(ladder, "Eng", "", "e5") is None
    asked = next_level_gaps(ladder, "Eng", "e2", {}, aim="e4-m", toward="e3-ic")  # asking wins over the stored aim
    assert asked.attrs["next_level"] == "e3-ic" and asked.attrs["toward"] and asked.attrs["aim"] is None


def test_a_gap_s_one_line_is_the_next_level_s_own_expectation_not_the_all_levels_one(tmp_path: Path) -> None:
    """On a ladder with a baseline level every next level's first expectation was the "All Levels" line, so
    `ladder gaps` and the log's gap pushes never showed what the next level adds, nor that there was more."""
    from workbook.stages.team import format_gaps

    path = write(tmp_path, "base.csv", "level,competency,expectation\n"
                                      "All Levels,Impact,Contributes to the company's goals\n"
                                      "IC2,Impact,Delivers well-defined projects\n"
                                      "IC3,Impact,Delivers open-ended projects\n"
                                      "IC3,Impact,Shapes the roadmap of their area\n"
                                      "All Levels,Teamwork,Is kind\n")
    gaps = next_level_gaps(load_ladder(path), None, "IC2", {}, person="ana")
    assert gaps.set_index("competency")["headline"].to_dict() == {"Impact": "Delivers open-ended projects",
                                                                  "Teamwork": "Is kind"}  # only the baseline: it
    assert format_gaps(gaps).splitlines()[1:] == ["- Impact [GAP]: Delivers open-ended projects (+2 more)",
                                                  "- Teamwork [GAP]: Is kind"]
