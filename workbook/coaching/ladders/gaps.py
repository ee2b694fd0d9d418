"""How goals cover a ladder: the share of goals that draw on it, and the next level's expectations not yet covered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ...core.errors import LadderError
from .model import _GAP_COLUMNS, LADDER_SHARE_RANGE, STRONG_SUGGESTION, Ladder, _match_name
from .suggest import _as_ladder, match_competency, suggest_competencies

if TYPE_CHECKING:
    import pandas as pd
__all__ = ["Share", "ladder_share", "strong_suggestion", "suggested_ladder_share", "next_level_gaps", "checked_aim", "live_aim",
           "fork_sentence"]


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
            return f"only {self.text}; the practice suggests {span}"
        return (
            f"{self.text}; the practice suggests {span} for experienced people: fine for someone junior, "
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


def strong_suggestion(text: str, ladder: Ladder | str | Path, *, track: str | None = None,
                      threshold: float = STRONG_SUGGESTION) -> str | None:
    """The competency ``text`` most plausibly draws on, when its best suggestion scores at least ``threshold``;
    else None. A hint for the conversation, never a tag."""
    best = suggest_competencies(text, ladder, track=track, top=1)
    return best[0].competency if best and best[0].score >= threshold else None


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
        on += strong_suggestion(text, ladder, track=track, threshold=threshold) is not None
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
    toward: str | int | None = None,
    aim: str | None = None,
) -> pd.DataFrame:
    """One row per competency expected at the level after ``level`` (baseline ones included), or at
    ``toward`` (any level above it, such as the other branch at a fork), or, without ``toward``, at the next
    level on the way up to ``aim`` (the level a person is heading for, :attr:`Person.toward`: at a fork it
    picks the branch; ignored once it is not above ``level`` or not on the ladder):
    competency, competency_area, next_level, expectations (joined with newlines), covered, covered_by.

    ``covered`` is a set of competency tags, or a mapping tag -> goal(s) covering it (then
    ``covered_by`` names the goals). At the top of the ladder the frame is empty. ``frame.attrs``
    keeps track, level, next_level, next_level_name and person for ``plot_gaps``, and ``other_next_levels``:
    the other levels of the next rank as (key, name) pairs, at a fork (the next one is not the only way up),
    and ``choose_way_up``: True at a fork when ``level`` is on no branch yet (the way up is still to choose).
    ``aim`` and ``aim_name`` name the aim when it steered the comparison (else None).
    Raises LadderError for an unknown track or level, or a ``toward`` that is not above ``level``.
    """
    loaded = _as_ladder(ladder)
    name = loaded.resolve_track(track)
    if not str(level).strip():  # a new person whose level is not set yet: no next level to point at
        raise LadderError(f"{person or 'this person'} has no level on track '{name}' yet, so there is no next level "
                          f"to show; set their level (one of: {', '.join(loaded.levels(name))}) with the person "
                          "form or `workbook person edit`")
    key = loaded.resolve_level(name, level)
    upcoming = loaded.next_level(name, key)
    explicit, heading = toward is not None and bool(str(toward).strip()), None
    if explicit:
        upcoming = checked_aim(loaded, name, key, toward, person=person)  # type: ignore[arg-type]
    elif (heading := live_aim(loaded, name, key, aim)) is not None:
        upcoming = loaded.way_toward(name, key, heading)
    others = [(k, loaded.level_name(name, k)) for k in loaded.next_levels(name, key) if k != upcoming]
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
        common = {c: set(t) for b in loaded.baseline_levels(name) for c, t in loaded.expectations(name, b).items()}
        for competency, texts in loaded.expectations(name, upcoming).items():
            covering = list(dict.fromkeys(by_competency.get(competency, [])))
            own = [t for t in texts if t not in common.get(competency, set())]  # not the "All Levels" line
            rows.append(
                {
                    "competency": competency,
                    "competency_area": loaded.competency_area(name, competency),
                    "next_level": upcoming,
                    "expectations": "\n".join(texts),
                    "covered": competency in by_competency,
                    "covered_by": "; ".join(covering),
                    # one line for a terminal or a suggestion: the level's own first expectation, not the baseline's
                    "headline": (own or texts)[0],
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
            "other_next_levels": others,
            # below a fork, on no branch yet: the way up is still theirs to choose
            "choose_way_up": bool(others) and not loaded.branch(name, key),
            "toward": toward is not None and bool(str(toward).strip()),
            "aim": heading if not explicit else None,
            "aim_name": loaded.level_name(name, heading) if heading and not explicit else None,
            "person": person,
        }
    )
    return frame


def checked_aim(ladder: Ladder | str | Path, track: str | None, level: str | int, aim: str | int, *,
                person: str | None = None) -> str:
    """The key of ``aim``, a level above ``level`` on ``track`` (at a fork, either branch). Raises LadderError
    naming the levels above for a level that is not above (or not on the ladder)."""
    loaded = _as_ladder(ladder)
    name = loaded.resolve_track(track)
    key, wanted = loaded.resolve_level(name, level), loaded.resolve_level(name, aim)
    above = [k for group in loaded.ranks_above(name, key) for k in group]
    if wanted not in above:
        raise LadderError(f"level '{aim}' is not above {person or 'this person'}'s level '{key}' on track "
                          f"'{name}'; choose one of: {', '.join(above) or 'none (the top of the ladder)'}")
    return wanted


def live_aim(ladder: Ladder | str | Path, track: str | None, level: str | int, aim: str | None) -> str | None:
    """The level key of ``aim`` (a person's stored ``toward``) while it still points up from ``level``; None when
    it is empty, reached or passed, or no longer on the ladder (a stored choice never breaks a page: `workbook
    check` lists a stale one)."""
    if not (aim or "").strip() or not str(level).strip():
        return None
    loaded = _as_ladder(ladder)
    try:
        name = loaded.resolve_track(track)
        key, target = loaded.resolve_level(name, level), loaded.resolve_level(name, str(aim))
    except LadderError:
        return None
    return target if any(target in group for group in loaded.ranks_above(name, key)) else None


def fork_sentence(gaps: pd.DataFrame) -> str:
    """At a fork of the ladder (an individual-contributor and a people-manager level side by side), a sentence
    (with a leading space) naming the other ways up, which a page comparing with ``gaps``' level does not show
    (and, when the person's stored way up picked the branch, saying so); else ""."""
    others = [name for _, name in gaps.attrs.get("other_next_levels") or []]
    if not others:
        return ""
    if gaps.attrs.get("aim"):  # the person's stored way up picked the branch
        return f" The ladder forks here: this page follows the chosen way up; the other is {' or '.join(others)}."
    return f" The ladder forks here: the other way up is {' or '.join(others)}, which this page does not show."
