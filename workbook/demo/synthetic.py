"""A synthetic team of any size as import YAML: a year of the practice per person, for scale benchmarks and tests."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

__all__ = ["synthetic_team_yaml", "synthetic_person_ids"]

_FIRST = ["Aisha", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Ivan", "Jasmine", "Kofi",
          "Leila", "Mateo", "Nadia", "Oskar", "Parisa", "Quentin", "Rosa", "Sanjay", "Tamsin", "Umar"]
_LAST = ["Abara", "Berg", "Castillo", "Dimitrov", "Eriksen", "Fontaine", "Gupta", "Hoffmann", "Ibrahim",
         "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Petrov", "Quispe"]
_COMPETENCIES = ["Technical depth (modeling)", "Coding & architecture", "Communication & stakeholder management"]
_GOALS = [
    "Establish myself as a trusted data science partner for the {area} team by the end of the year",
    "Enhance my coding and architecture skills to meet the next level's expectations in {area}",
    "Grow as a mentor: guide two newer colleagues through their first {area} project",
]
_KRS = [
    "Deliver a presentation on {area} at the cross-functional weekly meeting and ask the manager and two "
    "teammates for written feedback before and after it",
    "Write a design document for the {area} model using the team template and get a detailed review from the "
    "tech lead by week {week}",
    "Pair with a teammate on {n} pull requests in the {area} pipeline and have each merged within three days",
    "Run {n} office hours for {area} questions and record the questions asked in the team wiki",
]
_AREAS = ["pricing", "churn", "forecasting", "search ranking", "fraud", "supply planning", "marketing mix"]
_NOTE_TOPICS = [("pull", "interests"), ("pull", "goals"), ("pull", "learning topics"), ("push", "feedback"),
                ("push", "opportunities"), ("push", "observed strengths")]


def synthetic_person_ids(people: int) -> list[str]:
    """The ids :func:`synthetic_team_yaml` gives its people, in order."""
    return [f"p{i:04d}" for i in range(people)]


def synthetic_team_yaml(people: int, year: int = 2026, *, ladder: str = "ladders/data-science.csv") -> str:
    """Import YAML for ``people`` people, each with a year of the practice: a growth plan of three goals
    (tagged with ladder competencies), four quarters of two objectives with two key results and support,
    a check-in every two weeks with a status per key result, two notes a month and open actions.
    About 18 KB per person. Flow-style JSON lines (valid YAML), deterministic."""
    return "".join(_lines(people, year, ladder))


def _lines(people: int, year: int, ladder: str) -> Iterator[str]:
    ids = synthetic_person_ids(people)
    dump = json.dumps
    yield "people:\n"
    for i, pid in enumerate(ids):
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 7) % len(_LAST)]}"
        yield "  - " + dump({"id": pid, "name": name, "track": "Data Science", "level": str(1 + i % 4),
                             "ladder": ladder, "manager": "Morgan Lee",
                             "motivations": f"Wants to lead modeling work for {_AREAS[i % len(_AREAS)]}"}) + "\n"
    yield "growth_plans:\n"
    for i, pid in enumerate(ids):
        area = _AREAS[i % len(_AREAS)]
        goals = [{"text": g.format(area=area), "draft": g.format(area=area), "priority": n + 1,
                  "competencies": [_COMPETENCIES[n]], "feedback": "Agreed; let us make it concrete in the OKRs."}
                 for n, g in enumerate(_GOALS)]
        yield "  - " + dump({"person": pid, "year": year, "drafted_by": "employee", "status": "agreed",
                             "goals": goals}) + "\n"
    yield "okrs:\n"
    for i, pid in enumerate(ids):
        area = _AREAS[i % len(_AREAS)]
        for q in range(1, 5):
            objectives = []
            for o in range(2):
                krs = [{"text": _KRS[(o * 2 + k + q) % len(_KRS)].format(area=area, week=4 + q + k, n=2 + (i + k) % 9)
                        + f" (with squad {i % 89 + 1})",
                        "target_date": dt.date(year, 3 * q, 20).isoformat(),
                        "support": [{"who": "manager", "what": f"feedback on the {area} draft", "status": "committed"}]}
                       for k in range(2)]
                objectives.append({"text": f"Build credibility in {area} (objective {o + 1})", "goal": o + 1,
                                   "aligned_work": f"The {area} model refresh", "key_results": krs})
            yield "  - " + dump({"person": pid, "quarter": f"{year}Q{q}", "objectives": objectives}) + "\n"
    yield "check_ins:\n"
    start = dt.date(year, 1, 9)
    for pid in ids:
        for week in range(26):
            day = start + dt.timedelta(days=14 * week)
            if day.year != year:
                continue
            statuses = [{"objective": o, "key_result": k, "status": ("on_track", "at_risk", "done")[(week + o + k) % 3]}
                        for o in (1, 2) for k in (1, 2)]
            statuses[week % 4]["note"] = "Waiting on the data refresh; asked for help"
            entry = {"person": pid, "date": day.isoformat(), "mode": "unblock" if week % 3 == 0 else "status",
                     "key_results": statuses, "summary": "One blocker named, with an owner"}
            if week % 3 == 0:
                entry["obstacles"] = [{"text": "Worried the partners will not take the proposal seriously",
                                       "kind": "confidence"}]
                entry["actions"] = [{"text": "Send the draft to two teammates for comments", "owner": "employee",
                                     "due": (day + dt.timedelta(days=7)).isoformat(), "status": "done"}]
            yield "  - " + dump(entry) + "\n"
    yield "notes:\n"
    for i, pid in enumerate(ids):
        area = _AREAS[i % len(_AREAS)]
        for n in range(24):
            direction, topic = _NOTE_TOPICS[n % len(_NOTE_TOPICS)]
            day = dt.date(year, 1 + n // 2, 3 + 12 * (n % 2))
            yield "  - " + dump({"person": pid, "date": day.isoformat(), "direction": direction, "topic": topic,
                                 "setting": "1:1", "visibility": "private" if n % 4 else "shared",
                                 "text": f"Talked about {area}: what energises them and one thing to try"}) + "\n"
    yield "actions:\n"
    for pid in ids:
        for n in range(3):
            yield "  - " + dump({"person": pid, "text": f"Book a mentoring session ({n + 1} of 3)",
                                 "owner": "manager", "due": dt.date(year, 12, 1 + n).isoformat(),
                                 "status": "open"}) + "\n"
