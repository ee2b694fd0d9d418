"""Real public ladders (../shared/ladders-public): every CSV loads, in the level order SOURCES.md gives.

The ladders are read where they are and never copied into the project; the tests skip without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.coaching.ladders import (
    check_ladder,
    format_check_report,
    load_ladder,
    next_level_gaps,
    validate_tags,
)
from workbook.core.errors import LadderError

PUBLIC = Path(__file__).resolve().parents[1].parent / "shared" / "ladders-public"
pytestmark = pytest.mark.skipif(not PUBLIC.is_dir(), reason=f"public ladders not found at {PUBLIC}")

FT_LEVELS = [
    "junior",
    "engineer",
    "senior-1",
    "senior-2-ic",
    "senior-2-pm",
    "principal-ic",
    "principal-pm",
    "tech-director",
]
TELEPORT_NUMBERED = ["1", "2", "3", "4", "5", "6"]
UNIDAYS_LEVELS = {
    "👩‍🔧 IT Support Analyst": ["1st-line-analyst", "2nd-line-analyst", "3rd-line-analyst", "it-manager"],
    "👷 Software Engineer": [
        "junior-software-engineer",
        "mid-level-software-engineer",
        "senior-software-engineer",
        "lead-software-engineer",
    ],
    "👨‍🎨 Front End Engineer": [
        "junior-front-end-engineer",
        "mid-level-front-end-engineer",
        "senior-front-end-engineer",
        "lead-front-end-engineer",
    ],
    "🕵️ Test Engineer": [
        "junior-test-engineer",
        "mid-level-test-engineer",
        "senior-test-engineer",
        "lead-test-engineer",
    ],
    "👨‍⚕️ Infrastructure Engineer": [
        "junior-infrastructure-engineer",
        "mid-level-infrastructure-engineer",
        "senior-infrastructure-engineer",
        "lead-infrastructure-engineer",
    ],
    "👨‍✈️ Software Architect": ["software-architect", "senior-software-architect"],
    "👮 Verification Engineer": ["senior-verification-engineer"],
    "👨‍💻 Solutions Engineer": ["solutions-engineer"],
    "🧜 Engineering Operations": ["engineering-operations-manager"],
    "👩‍🎨 UI/UX Designer": [
        "junior-ui-ux-designer",
        "mid-level-ui-ux-designer",
        "senior-ui-ux-designer",
        "lead-ui-ux-designer",
    ],
    "Senior Manager": ["head-of-engineering", "chief-technology-officer"],
    "🤵 Product Owner": ["product-owner"],
    "🕵️‍♀️ Business Analyst": ["business-analyst"],
    "👨‍💼 Product Manager": ["technical-product-manager", "senior-product-manager"],
    "🧝‍♀️ Head of Product": ["head-of-product"],
    "🧞 VP Product and Engineering": ["vp-product-engineering"],
    "👩‍🎨 Design": ["creative-strategist", "lead-ux-designer"],
}
# Level orders per file and track, as SOURCES.md states them (rungs only: "All Levels" is a baseline).
EXPECTED_LEVELS: dict[str, dict[str, list[str]]] = {
    "ft-engineering.csv": {"Engineering": FT_LEVELS},
    "ft-engineering-v1.csv": {"Engineering (Legacy)": ["junior", "engineer", "senior-1", "senior-2"]},
    "ft-engineering.wide.csv": {
        "ft-engineering": [
            "Junior Engineer",
            "Engineer",
            "Senior Engineer 1",
            "Senior Engineer 2 (Individual Contributor)",
            "Senior Engineer 2 (People Manager)",
            "Principal Engineer (Individual Contributor)",
            "Principal Engineer (People Manager)",
            "Technology Director",
        ]
    },
    "jorgef-engineeringladders.csv": {
        "Developer": ["1", "2", "3", "4", "5", "6", "7"],
        "Tech Lead": ["4", "5", "6", "7"],
        "Technical Program Manager": ["4", "5", "6", "7"],
        "Engineering Manager": ["5", "6", "7"],
    },
    "medium-snowflake.csv": {"Engineering": ["1", "2", "3", "4", "5"]},
    "monzo-data-engineering.csv": {"Data Engineering": ["1", "2", "3", "4", "5", "6"]},
    "skylight-data-scientist.csv": {
        "Data scientist": ["Associate", "I", "II", "Senior", "Staff", "Principal"]
    },
    "sourcegraph-engineering.csv": {
        "IC": ["IC1", "IC2", "IC3", "IC4", "IC5"],
        "Management": ["M3", "M4", "M5", "M6"],
    },
    "teleport-engineering-levels.csv": {
        "Systems Engineering": TELEPORT_NUMBERED,
        "Fullstack Engineering": TELEPORT_NUMBERED,
        "Site Reliability Engineering (SRE)": TELEPORT_NUMBERED,
        "Engineering Management": ["Team Lead", "Director of Engineering", "VP of Engineering"],
    },
    "teleport-sre.wide.csv": {"teleport-sre": TELEPORT_NUMBERED},
    "unidays-product-engineering.csv": UNIDAYS_LEVELS,
    "unidays-role-requirements.csv": UNIDAYS_LEVELS,
}
EXPECTED_FORMS = {
    "ft-engineering.wide.csv": "wide-competency-rows",
    "teleport-sre.wide.csv": "wide-level-rows",
    "unidays-role-requirements.csv": "requirement-table",
}


def public_csvs() -> list[str]:
    return sorted(p.name for p in PUBLIC.glob("*.csv")) if PUBLIC.is_dir() else []


def test_every_public_csv_is_listed_here() -> None:
    assert public_csvs() == sorted(EXPECTED_LEVELS)


@pytest.mark.parametrize("name", public_csvs())
def test_public_csv_checks_clean_with_levels_in_ladder_order(name: str) -> None:
    report = check_ladder(PUBLIC / name)
    assert report.ok, format_check_report(report)
    assert report.form == EXPECTED_FORMS.get(name, "long")
    ladder = report.ladder
    assert ladder is not None
    assert {t: ladder.levels(t) for t in ladder.tracks} == EXPECTED_LEVELS[name]
    assert not ladder.frame.isna().any().any()
    text = format_check_report(report)
    for track, levels in EXPECTED_LEVELS[name].items():
        assert f"{track}: {len(levels)} levels" in text
    assert text.splitlines()[-1].startswith("OK")


@pytest.mark.parametrize(
    "name", sorted(p.name for p in PUBLIC.glob("*") if p.suffix in {".md", ".json", ".yml"})
)
def test_raw_sources_next_to_the_csvs_are_not_csv(name: str) -> None:
    report = check_ladder(PUBLIC / name)
    assert [f.code for f in report.errors] == ["not_csv"]
    with pytest.raises(LadderError, match="not a CSV"):
        load_ladder(PUBLIC / name)


def test_ft_parallel_branches_stay_in_row_order_and_line_breaks_survive() -> None:
    ladder = load_ladder(PUBLIC / "ft-engineering.csv")
    assert ladder.next_level("Engineering", "senior-1") == "senior-2-ic"
    assert ladder.next_level("Engineering", "principal-pm") == "tech-director"
    # the two branches sit side by side: each goes up its own way, and the fork lists both
    assert ladder.ranks("Engineering")[3:5] == [["senior-2-ic", "senior-2-pm"], ["principal-ic", "principal-pm"]]
    assert ladder.next_level("Engineering", "senior-2-pm") == "principal-pm"  # was principal-ic
    assert ladder.next_level("Engineering", "senior-2-ic") == "principal-ic"  # was senior-2-pm, a step sideways
    assert ladder.next_levels("Engineering", "senior-1") == ["senior-2-ic", "senior-2-pm"]
    assert len(ladder.competencies("Engineering")) == 9
    assert ladder.frame["expectation"].str.contains("\n").sum() == 8
    assert (ladder.frame["competency_area"] == "").all()


def test_ft_wide_pivot_holds_the_same_cells_as_the_long_file() -> None:
    long = load_ladder(PUBLIC / "ft-engineering.csv")
    wide = load_ladder(PUBLIC / "ft-engineering.wide.csv")
    assert wide.competencies() == long.competencies("Engineering")
    for long_level, wide_level in zip(long.levels("Engineering"), wide.levels(), strict=True):
        assert long.level_name("Engineering", long_level) == wide_level
        assert long.expectations("Engineering", long_level) == wide.expectations(None, wide_level)


def test_teleport_sre_wide_pivot_matches_the_long_rows() -> None:
    long = load_ladder(PUBLIC / "teleport-engineering-levels.csv", track="Site Reliability Engineering (SRE)")
    wide = load_ladder(PUBLIC / "teleport-sre.wide.csv")
    assert wide.level_name(None, "6") == long.level_name(None, "6")
    for level in TELEPORT_NUMBERED:
        long_cells = {c: "\n".join(t) for c, t in long.expectations(None, level).items()}
        wide_cells = {c: t[0] for c, t in wide.expectations(None, level).items()}
        assert long_cells == wide_cells
    assert "Systems Engineering" not in wide.competencies(None, "1")


def test_teleport_empty_cells_mean_the_skill_stops() -> None:
    ladder = load_ladder(PUBLIC / "teleport-engineering-levels.csv")
    systems_6 = ladder.competencies("Systems Engineering", "6")
    for skill in ["Data structures/Performance", "Networking", "Systems Engineering", "Tooling"]:
        assert skill not in systems_6
    assert "Systems Engineering" not in ladder.competencies("Site Reliability Engineering (SRE)", "1")
    assert ladder.level_name("Site Reliability Engineering (SRE)", "6") != "6"
    gaps = next_level_gaps(ladder, "Systems Engineering", "5", set())
    assert "Networking" not in set(gaps["competency"])


def test_jorgef_tracks_start_at_different_levels() -> None:
    ladder = load_ladder(PUBLIC / "jorgef-engineeringladders.csv")
    assert ladder.next_level("Tech Lead", "4") == "5"
    assert ladder.next_level("Engineering Manager", "7") is None
    with pytest.raises(LadderError, match=r"4 \(TL4 - Tech Lead 4\), 5 .*, 7 \(TL7"):
        ladder.next_level("Tech Lead", "3")
    with pytest.raises(LadderError, match="Developer, Tech Lead"):
        ladder.levels("Designer")


def test_monzo_competencies_start_late_and_match_without_emoji() -> None:
    ladder = load_ladder(PUBLIC / "monzo-data-engineering.csv")
    track = "Data Engineering"

    def first_level(competency: str) -> str:
        return next(lv for lv in ladder.levels(track) if competency in ladder.competencies(track, lv))

    names = ladder.competencies(track)
    by_word = {n.split(" ", 1)[1]: n for n in names}
    assert first_level(by_word["Leadership"]) == "3"
    assert first_level(by_word["Mastery - Data Science"]) == "2"
    assert first_level(by_word["Mastery - Data Analytics"]) == "3"
    assert validate_tags(["leadership", "communication", "mastery"], ladder, track) == []
    assert (ladder.frame["level_name"] == "").all()


def test_sourcegraph_all_levels_is_a_baseline_for_every_ic_level() -> None:
    ladder = load_ladder(PUBLIC / "sourcegraph-engineering.csv")
    assert ladder.baseline_levels("IC") == ["All Levels"]
    assert ladder.baseline_levels("Management") == []
    frame = ladder.frame
    baseline_rows = ((frame["track"] == "IC") & (frame["level"] == "All Levels")).sum()
    for level in ladder.levels("IC"):
        own_rows = ((frame["track"] == "IC") & (frame["level"] == level)).sum()
        total = sum(len(t) for t in ladder.expectations("IC", level).values())
        assert total == baseline_rows + own_rows
    assert ladder.next_level("IC", "IC5") is None
    assert ladder.next_level("IC", "All Levels") == "IC1"
    assert ladder.competencies("Management") == [
        "Proficiency",
        "Execution",
        "Teamwork",
        "Additional Notes/Key Points/Examples",
    ]


def test_skylight_levels_do_not_sort() -> None:
    ladder = load_ladder(PUBLIC / "skylight-data-scientist.csv")
    assert ladder.next_level(None, "II") == "Senior"
    assert ladder.resolve_level(None, "data scientist ii") == "II"


def test_unidays_requirement_table_is_usable_with_a_warning() -> None:
    report = check_ladder(PUBLIC / "unidays-role-requirements.csv")
    assert report.ok
    assert [f.code for f in report.findings] == ["requirement_table"]
    ladder = report.ladder
    assert ladder is not None
    resolved = load_ladder(PUBLIC / "unidays-product-engineering.csv")
    assert ladder.tracks == resolved.tracks
    for track in ladder.tracks:
        assert set(ladder.competencies(track)) == set(resolved.competencies(track))
    assert "requirement" in ladder.frame.columns and "ref" in ladder.frame.columns


def test_unidays_tracks_match_with_or_without_emoji() -> None:
    ladder = load_ladder(PUBLIC / "unidays-product-engineering.csv", track="software engineer")
    assert ladder.tracks == ["👷 Software Engineer"]
    gaps = next_level_gaps(ladder, None, "junior-software-engineer", {"communication"})
    assert gaps["covered"].sum() == 1
