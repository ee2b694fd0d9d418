"""Goal-to-competency suggestions: accuracy on our own goal set, ranking, caching, and no copied text."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from workbook.coaching.ladders import Ladder, load_ladder, suggest_competencies, validate_tags
from workbook.core.errors import LadderError

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT.parent / "shared" / "ladders-public"
GOALS = ROOT / "tests" / "data" / "ladder_goals.csv"
# Floors a little under what was measured (see benchmarks/ladder_suggest.py), so noise does not flake.
BLEND_TOP1, BLEND_TOP3 = 0.80, 0.95
OWN_TOP1, OWN_TOP3 = 0.80, 0.95
MIN_GAIN_OVER_BASELINE = 0.12


def locate(name: str) -> Path | None:
    for folder in (ROOT / "ladders", PUBLIC):
        if (folder / name).is_file():
            return folder / name
    return None


def read_goals() -> list[dict[str, str]]:
    with GOALS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def ladders() -> dict[str, Ladder]:
    return {}


def ladder_for(name: str, cache: dict[str, Ladder]) -> Ladder:
    if name not in cache:
        path = locate(name)
        assert path is not None
        cache[name] = load_ladder(path)
    return cache[name]


def accuracy(rows: list[dict[str, str]], method: str, cache: dict[str, Ladder]) -> tuple[float, float]:
    top1 = top3 = 0
    for row in rows:
        found = suggest_competencies(
            row["goal"], ladder_for(row["ladder"], cache), track=row["track"], method=method
        )
        names = [s.competency for s in found]
        top1 += names[:1] == [row["competency"]]
        top3 += row["competency"] in names
    return top1 / len(rows), top3 / len(rows)


def test_goal_set_is_well_formed() -> None:
    rows = read_goals()
    assert len(rows) >= 60
    assert list(rows[0]) == ["ladder", "track", "goal", "competency", "split"]
    assert {r["split"] for r in rows} == {"dev", "holdout"}
    assert len({r["goal"] for r in rows}) == len(rows)
    own = [r for r in rows if (ROOT / "ladders" / r["ladder"]).is_file()]
    assert len(own) >= 30
    assert {r["ladder"] for r in own} == {"data-science.csv", "software-engineering.csv"}


def test_expected_competencies_exist_on_their_tracks(ladders: dict[str, Ladder]) -> None:
    rows = [r for r in read_goals() if locate(r["ladder"]) is not None]
    for row in rows:
        ladder = ladder_for(row["ladder"], ladders)
        assert validate_tags([row["competency"]], ladder, row["track"]) == [], row
        assert row["competency"] in ladder.competencies(row["track"])


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent")
def test_goal_set_and_own_ladders_copy_no_public_text() -> None:
    """No five consecutive words of a goal or of our ladders appear in a public ladder."""
    import pandas as pd

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", text.lower())

    public = []
    for path in PUBLIC.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "expectation" in frame.columns:
            public.extend(frame["expectation"])
    haystack = " | ".join(" ".join(words(t)) for t in public)
    ours = [r["goal"] for r in read_goals()]
    for name in ("data-science.csv", "software-engineering.csv"):
        ours.extend(load_ladder(ROOT / "ladders" / name).frame["expectation"])
    for text in ours:
        w = words(text)
        for i in range(len(w) - 4):
            assert " ".join(w[i : i + 5]) not in haystack, text


def test_blend_beats_the_tfidf_baseline(ladders: dict[str, Ladder]) -> None:
    rows = [r for r in read_goals() if locate(r["ladder"]) is not None]
    base1, base3 = accuracy(rows, "tfidf", ladders)
    top1, top3 = accuracy(rows, "blend", ladders)
    assert top1 >= BLEND_TOP1 and top3 >= BLEND_TOP3, (top1, top3)
    assert top1 - base1 >= MIN_GAIN_OVER_BASELINE, (base1, top1)
    assert top3 >= base3


def test_blend_on_our_own_ladders(ladders: dict[str, Ladder]) -> None:
    rows = [r for r in read_goals() if (ROOT / "ladders" / r["ladder"]).is_file()]
    top1, top3 = accuracy(rows, "blend", ladders)
    assert top1 >= OWN_TOP1 and top3 >= OWN_TOP3, (top1, top3)


def test_suggestions_are_ranked_and_bounded() -> None:
    ladder = load_ladder(ROOT / "ladders" / "software-engineering.csv")
    found = suggest_competencies("Lead the post-mortem after the next outage and add alerting", ladder, top=5)
    assert len(found) == 5
    assert found[0].competency == "Testing, operations & reliability"
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert len(suggest_competencies("Mentor a new hire", ladder, top=1)) == 1
    assert suggest_competencies("", ladder) == []
    assert suggest_competencies("   ", ladder) == []


def test_concepts_bridge_words_the_ladder_does_not_use() -> None:
    ladder = load_ladder(ROOT / "ladders" / "data-science.csv")
    cases = {
        "Give a talk at the all-hands about our churn work": "Communication & stakeholder management",
        "Coach the intern through her first analysis": "Mentoring & citizenship",
        "Convince the sales leads to back our proposal": "Collaboration & influence",
    }
    for text, expected in cases.items():
        assert suggest_competencies(text, ladder, top=1)[0].competency == expected, text


def test_vectorizers_are_cached_per_ladder_and_track() -> None:
    ladder = load_ladder(ROOT / "ladders" / "data-science.csv")
    suggest_competencies("Write a model design document", ladder)
    cached = dict(ladder._cache)
    assert len(cached) == 1
    started = time.perf_counter()
    for _ in range(20):
        suggest_competencies("Write a model design document", ladder)
    assert (time.perf_counter() - started) / 20 < 0.05
    assert ladder._cache == cached


def test_path_and_track_arguments(tmp_path: Path) -> None:
    found = suggest_competencies(
        "Mentor two juniors", "ladders/data-science.csv", track="data science", top=1
    )
    assert found[0].competency == "Mentoring & citizenship"
    with pytest.raises(LadderError, match="known tracks: Data Science"):
        suggest_competencies("Mentor two juniors", "ladders/data-science.csv", track="Sales")
    with pytest.raises(LadderError, match="method"):
        suggest_competencies("x", "ladders/data-science.csv", method="magic")
    two = tmp_path / "two.csv"
    two.write_text(
        "track,level,competency,expectation\nA,1,Coding,Writes code\nB,1,Hiring,Interviews candidates\n",
        encoding="utf-8",
    )
    # Without a track every track's competencies compete.
    assert suggest_competencies("Sit on interview panels", two, top=1)[0].competency == "Hiring"
    assert [s.competency for s in suggest_competencies("Sit on interview panels", two, track="A")] in (
        [],
        ["Coding"],
    )


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent")
def test_suggestions_work_on_emoji_names_and_the_requirement_table() -> None:
    found = suggest_competencies(
        "Onboard and mentor the next new engineer", PUBLIC / "monzo-data-engineering.csv", top=3
    )
    assert any("Leadership" in s.competency for s in found)
    found = suggest_competencies(
        "Write clear pull requests and take part in code reviews",
        PUBLIC / "unidays-role-requirements.csv",
        track="👷 Software Engineer",
        top=8,
    )
    assert found  # names alone carry the signal when expectations are synthesized


# ---------------------------------------------------------------------------------------------- issue 14: real goals


def test_first_person_long_and_indirect_goals() -> None:
    ds = load_ladder(ROOT / "ladders" / "data-science.csv")
    se = load_ladder(ROOT / "ladders" / "software-engineering.csv")
    cases = [
        (ds, "I want to say no more often this year", "Prioritization & execution"),
        (ds, "My main goal for next year is to mentor the two new graduates who join in spring",
         "Mentoring & citizenship"),
        (se, "This year I would like to finally get comfortable presenting my work to the wider engineering "
             "org, because I tend to freeze up in front of large groups.", "Communication & collaboration"),
        (se, "I'd like to be the person people ask about our on-call runbooks and alerting",
         "Testing, operations & reliability"),
    ]
    for ladder, text, expected in cases:
        assert suggest_competencies(text, ladder, top=1)[0].competency == expected, text


def test_a_lead_in_about_wanting_the_goal_changes_nothing() -> None:
    ladder = load_ladder(ROOT / "ladders" / "data-science.csv")
    bare = suggest_competencies("mentor the two new graduates", ladder)
    for lead in ("I want to", "Professionally, I would like to", "My goal for this year is to", "I resolve to"):
        assert suggest_competencies(f"{lead} mentor the two new graduates", ladder) == bare, lead


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent")
def test_indirect_goals_on_public_ladders() -> None:
    medium = load_ladder(PUBLIC / "medium-snowflake.csv")
    found = suggest_competencies("become the go-to person for our login flow on Android", medium,
                                 track="Engineering", top=1)
    assert found[0].competency == "Mobile"
    ft = load_ladder(PUBLIC / "ft-engineering.csv")
    found = suggest_competencies("Professionally, I want to get much better at managing my time", ft,
                                 track="Engineering", top=3)
    assert "Independent Working" in [s.competency for s in found]


def test_notes_about_a_level_are_never_suggested(tmp_path: Path) -> None:
    ladder = tmp_path / "notes.csv"
    ladder.write_text(
        "track,level,competency,expectation\n"
        "M,M1,People,Holds one-to-ones with every report and helps them grow\n"
        "M,M1,Delivery,Ships the team's roadmap on time\n"
        "M,M1,Additional Notes/Key Points/Examples,Manages a team of five; holds one-to-ones weekly\n"
        "M,M2,Notes,Reports to a director; holds one-to-ones with managers\n",
        encoding="utf-8",
    )
    found = [s.competency for s in suggest_competencies("Hold weekly one-to-ones with my team", ladder, top=5)]
    assert found and found[0] == "People"
    assert not {"Additional Notes/Key Points/Examples", "Notes"} & set(found)
    only_notes = tmp_path / "only-notes.csv"
    only_notes.write_text("track,level,competency,expectation\nM,M1,Notes,Holds one-to-ones\n", encoding="utf-8")
    # A track with nothing but notes still answers rather than going silent.
    assert [s.competency for s in suggest_competencies("Hold one-to-ones", only_notes)] == ["Notes"]


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent")
def test_the_sourcegraph_level_notes_row_is_not_a_competency() -> None:
    ladder = load_ladder(PUBLIC / "sourcegraph-engineering.csv")
    for goal in ("Check-ins for each of the people I lead.", "Support the day-to-day.", "I want to help people to grow!"):
        found = [s.competency for s in suggest_competencies(goal, ladder, track="Management", top=5)]
        assert found and all("Notes" not in name for name in found), (goal, found)
