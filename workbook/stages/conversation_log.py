"""Stage 1, push and pull: the puzzle for one report: what has been pulled, what has been pushed, and what to push next.

The seeds picture everything a manager knows about a report's career as a jigsaw puzzle. Each pull
topic is a region of it: *known* (pulled at least twice, recently), *thin* (one note), *stale* (last
pulled more than six months before the day the notebook looks from) or *missing*. Pushes are counted
per push topic. Suggested pushes are personalised from the pulls, each with its reason:

* an interest, learning topic, goal or value pulled in a field -> the mentors, career paths, learning,
  opportunities, role skills and work connections already recorded for that field, found by word overlap
  with push notes (this person's, private ones marked; other reports' only when shared);
* a next-level gap on the ladder -> the ladder's expectation (:func:`workbook.ladder.next_level_gaps`);
* a goal pulled with no "suggested goals" push since -> suggest goals;
* a self-assessment pulled with no observed strengths or feedback pushed since -> push what you see;
* below a fork of the ladder: a way up the report chose on their page and the manager has not recorded ->
  talk it through and record it; none chosen or recorded -> walk them through both ways up.

What the report shared on their own page about a pull topic (their career words) counts as pulled, dated the
day they shared it, with the setting "their page" (:func:`workbook.stages.own_side.own_words_pulls`).

Only notes dated on or before ``as_of`` count, so a notebook run "as of" a past day shows that day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..coaching.ladders import live_aim, next_level_gaps, set_ladder_hint, suggest_competencies
from ..core.dates import (
    months_before,
    to_date,
)
from ..core.errors import WorkbookError
from ..core.frames import keep_rows
from ..core.model import (
    PULL_TOPICS,
    PUSH_TOPICS,
    Note,
)
from .dated import person_on
from .own_side import THEIR_PAGE, way_up_wish, with_their_words

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from ..store import Store

__all__ = ["STALE_MONTHS", "PUZZLE_STATES", "STATE_LABELS", "PULL_QUESTIONS", "FIELD_PUSH_TOPICS", "content_words", "puzzle_frame", "pushes_given_frame", "suggest_pushes", "open_follow_ups", "follow_ups_due", "recent_notes_frame",
           "summaries_still_showing", "note_repeat"]


STALE_MONTHS = 6


FOLLOW_UP_HORIZON_DAYS = 14  # due within two weeks counts as due now: the next 1:1 or two


FOLLOW_UP_LOOKBACK_DAYS = 90  # older follow-ups are history, not a to-do


MAX_FIELD_SUGGESTIONS = 6


MAX_GAP_SUGGESTIONS = 3


CLOSE_TO_PULLS = 0.2  # a suggest_competencies score from which a gap is "close to what they said"


# State of a pull topic, in the order a manager should act on them.
PUZZLE_STATES = ("missing", "stale", "thin", "known")


STATE_LABELS = {
    "missing": "missing: never pulled",
    "stale": f"stale: last pulled over {STALE_MONTHS} months ago",
    "thin": "thin: one note",
    "known": "known",
}


# A question to open each pull topic with (the seeds' 1:1 example for goals).
PULL_QUESTIONS = {
    "goals": "What would you like to accomplish this year? And in two or three years?",
    "interests": "What has caught your interest lately, at work or outside it?",
    "values": "What gives you energy at work, and what drains it?",
    "history": "What did you do before this role that you miss, or are glad to leave behind?",
    "learning topics": "What would you like to learn next, and why now?",
    "self-assessment": "Where do you feel strongest right now, and where do you feel stretched?",
}


# Push topics that carry field knowledge worth reusing for someone who pulled an interest in that field.
FIELD_PUSH_TOPICS = ("mentors", "career paths", "learning", "opportunities", "role skills", "work connections")


# Pull topics that name a field (a subject, a direction), as opposed to history or a self-assessment.
FIELD_PULL_TOPICS = ("interests", "learning topics", "goals", "values")


# Words, and hyphenated compounds kept whole as well ("on-call", "difference-in-differences").
_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ0-9]+(?:-[a-zà-ÿ0-9]+)*")


# English function words plus the career-talk words every note shares: overlap on these says nothing. The
# last lines are the words a manager uses to say they pushed something ("Shared ...", "Introduced her to ...")
# and the practice's own vocabulary (the words both seed articles use about career conversations): on a
# sparse workbook, where every word is rare, one of these alone matched a pull to an unrelated push.
_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing done down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some such
than that the their theirs them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours yourself e g eg ie etc
one two three four five first next last new year years week weeks month months day days time times
want wants wanted like likes liked think thinks thought feel feels felt said says say told tell asked
ask asks suggested suggest suggests mentioned mention offered offer talked talk talking walked look
looks get gets got make makes made take takes took give gives gave keep keeps going way ways really
much many lot lots thing things something good great better best well able still already even maybe
work works worked working job role roles team teams people person level levels career careers goal goals
learn learning learned interest interests interested interesting help helps helped need needs needed
project projects area areas skill skills idea ideas plan plans use used using see seen show shows
her him she he they them data science scientist engineer engineering software manager report reports
actually end ends side call gap gaps course courses class book books reading read talk talks doc docs session sessions
online internal external weekend weekends minute minutes hour hours spare whether within before after
own owns owned owning review reviews growth grow annual without may might making open question questions
slow fast meet meeting cover covers covered expect expects expectation agree agreed small big case enjoy
enjoys beyond miss misses strong strength weak weakness pull pulled push pushed note notes noted
share shares shared sharing sent send sends sending forward forwarded pointed recommend recommends recommended
introduce introduces introduced intro intros connect connects connected connecting invite invites invited remind
reminded encourage encouraged explain explained brought bring put puts general generic everyone anyone someone
conversation conversations discuss discusses discussed discussing discussion discussions feedback promotion
promotions opportunity opportunities progress improve improving achieve personal practice example examples
different useful context approach member members direct term long-term setting find free final ever field fields
organization organisation information
""".split())


# A word of at most this many letters is evidence of a field only when written in capitals (an acronym).
SHORT_WORD = 3


_ACRONYM = re.compile(rf"(?<![A-Za-z])[A-Z][A-Z0-9]{{1,{SHORT_WORD - 1}}}(?![A-Za-z])")


_SUFFIXES = ("ations", "ation", "ings", "ing", "ally", "ers", "er", "al", "ed", "es", "s", "ly", "e")


def note_repeat(store: Store, note: Note) -> int | None:
    """Before ``note`` is added from the command line: the id of one of the person's notes that says word for word what
    it says (day, direction, topic, setting, words, visibility and follow-up: the same command run twice), or None.
    A private note this reader cannot open is never found; nothing is, for a reader who may not write the person's
    records (their add is refused by their rights)."""
    from ..exchange.present import PresentRecords

    return PresentRecords(store).note(note) if store.allowed("write", note.person) else None


def _stem(word: str) -> str:
    """A light stemmer, enough for overlap: "causal"/"cause", "queues"/"queue", "forecasting"/"forecast"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in _WORD.findall(str(text or "").lower().replace("\u2019", "'")):
        out.append(token)
        if "-" in token:
            out.extend(token.split("-"))
    return [t for t in out if len(t) >= 3 and t not in _STOPWORDS]


def content_words(text: str) -> set[str]:
    """The stems of a note's words that can name a field: lower-case, no stopwords, hyphenated
    compounds kept whole and split ("on-call" gives "on-call" and "call")."""
    return {_stem(t) for t in _tokens(text)} - _STOPWORDS


def _capitals(text: str) -> set[str]:
    """The short words ``text`` writes in capitals (an acronym such as "SQL" or "SLO" names a field), lower-cased."""
    return {w.lower() for w in _ACRONYM.findall(str(text or ""))}


def _spelled(text: str, stems: set[str]) -> list[str]:
    """The words of ``text`` behind ``stems``, as written (for a reason a manager reads)."""
    out: dict[str, None] = {}
    for token in _tokens(text):
        if _stem(token) in stems:
            out[token] = None
    return list(out)


def _notes(store: Store, person_id: str | None, as_of: dt.date, *, include_private: bool = True) -> pd.DataFrame:
    """Notes on or before ``as_of`` (newest first) with ``date`` and ``follow_up_due`` as dates."""
    frame = store.notes_frame(person_id, include_private=include_private)
    if "visibility" not in frame.columns:  # the shareable view has no visibility column: all shared
        frame["visibility"] = "shared"
    frame["date"] = [to_date(v) for v in frame["date"]]
    frame["follow_up_due"] = [to_date(v) for v in frame["follow_up_due"]]
    frame["follow_up"] = frame["follow_up"].fillna("").astype(str)
    return keep_rows(frame, (d is not None and d <= as_of for d in frame["date"])).reset_index(drop=True)


def _marked(text: str, visibility: str) -> str:
    """Note text as a manager-facing notebook shows it: private notes say so first (a sealed one that cannot be
    opened here, as in a batch, already says "[private note: ...]": not "[private] [private note: ...]")."""
    if visibility != "private" or str(text).startswith("[private note:"):
        return str(text)
    return f"[private] {text}"


def _pulls(store: Store, person_id: str, notes: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The pull notes among ``notes`` and the pull topics the report wrote about on their page, newest first."""
    return with_their_words(store, person_id, notes[notes["direction"] == "pull"], as_of)


def _pulled(pull: Any) -> str:
    """How a reason names where a pull came from: a note's day and topic, or the day they wrote it on their page."""
    if pull.setting == THEIR_PAGE:
        return f"they wrote on their page on {pull.date} ({pull.topic})"
    return f"pulled {pull.date} ({pull.topic})"


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def puzzle_frame(store: Store, person_id: str, as_of: dt.date) -> pd.DataFrame:
    """One row per pull topic, in the model's order: topic, notes, last_pulled, months_since, state
    (missing, stale, thin, known), latest (the newest note's text, "[private] " first when private)
    and ask (a question to open the topic with, for anything but known).

    Raises NotFound for an unknown person.
    """
    import pandas as pd

    store.person(person_id)
    notes = _notes(store, person_id, as_of)
    pulls = _pulls(store, person_id, notes, as_of)
    stale_before = months_before(as_of, STALE_MONTHS)
    rows = []
    for topic in PULL_TOPICS:
        mine = pulls[pulls["topic"] == topic]  # newest first
        count = len(mine)
        last: dt.date | None = mine["date"].iloc[0] if count else None
        if last is None:
            state = "missing"
        elif last < stale_before:
            state = "stale"
        elif count == 1:
            state = "thin"
        else:
            state = "known"
        rows.append({
            "topic": topic,
            "notes": count,
            "last_pulled": last,
            "months_since": round((as_of - last).days / 30.44, 1) if last else None,
            "state": state,
            "latest": (f"[{THEIR_PAGE}] " if count and mine["setting"].iloc[0] == THEIR_PAGE else "")
                      + (_marked(mine["text"].iloc[0], mine["visibility"].iloc[0]) if count else ""),
            "ask": "" if state == "known" else PULL_QUESTIONS[topic],
        })
    return pd.DataFrame(rows, columns=["topic", "notes", "last_pulled", "months_since", "state", "latest", "ask"])


def pushes_given_frame(store: Store, person_id: str, as_of: dt.date) -> pd.DataFrame:
    """One row per push topic, in the model's order: topic, pushes (count), last_pushed (date or None).

    Raises NotFound for an unknown person.
    """
    import pandas as pd

    store.person(person_id)
    notes = _notes(store, person_id, as_of)
    pushes = notes[notes["direction"] == "push"]
    rows = []
    for topic in PUSH_TOPICS:
        mine = pushes[pushes["topic"] == topic]
        rows.append({"topic": topic, "pushes": len(mine), "last_pushed": mine["date"].iloc[0] if len(mine) else None})
    return pd.DataFrame(rows, columns=["topic", "pushes", "last_pushed"])


_SUGGESTION_COLUMNS = ["push", "suggestion", "reason", "basis", "status"]


def suggest_pushes(store: Store, person_id: str, as_of: dt.date, *, year: int | None = None) -> pd.DataFrame:
    """Pushes personalised from what was pulled, each with its reason. Columns: push (a push topic),
    suggestion, reason, basis ("field", "ladder gap", "ladder fork", "their page", "goal pulled", "self-assessment") and status
    ("new", or "follow up" when this person already had that push). ``frame.attrs["notes"]`` lists
    why a source gave nothing (no ladder, top of the ladder ...). ``year`` picks the growth plan whose
    competency tags count as covered (default: the year of ``as_of``; the conversation log's page passes the year
    the goals page opens on, :func:`workbook.stages.due.period_to_open`, so the two judge gaps by the same plan).

    Raises NotFound for an unknown person.
    """
    import pandas as pd

    person = person_on(store, person_id, as_of)  # their level that day, not a promotion entered ahead
    notes = _notes(store, person_id, as_of)
    pulls = _pulls(store, person_id, notes, as_of)
    pushes = notes[notes["direction"] == "push"]
    rows: list[dict[str, Any]] = []
    remarks: list[str] = []

    rows.extend(_field_suggestions(store, person_id, as_of, pulls, pushes))
    rows.extend(_goal_suggestions(pulls, pushes))
    rows.extend(_strength_suggestions(pulls, pushes))
    gap_rows, gap_remark = _gap_suggestions(store, person, pulls, pushes, year or as_of.year, as_of)
    rows.extend(gap_rows)
    if gap_remark:
        remarks.append(gap_remark)
    frame = pd.DataFrame(rows, columns=_SUGGESTION_COLUMNS)
    frame.attrs["notes"] = remarks
    return frame


def _names_someone(text: str, name_words: set[str]) -> bool:
    """Whether ``text`` names a person of the workbook (a word of a name, or a name with 's)."""
    return any(w in name_words or w.removesuffix("'s") in name_words for w in content_words(text))


def _field_suggestions(store: Store, person_id: str, as_of: dt.date, pulls: pd.DataFrame,
                       pushes: pd.DataFrame) -> list[dict[str, Any]]:
    """Push notes about the same field as a pulled interest: this person's (any visibility) and other
    reports' (shared only: another report's private note never travels into this notebook).

    A shared word counts fully when it is rare in the workbook (in at most ``max(3, 10%)`` of all notes)
    and half when it is common, and a match needs a score of at least 1: one rare word ("causal",
    "queue") or two common ones. Another report's push that names a person of the workbook is theirs, never suggested. A three-letter word counts half too unless either note writes it in
    capitals ("SQL", "NLP"): lower case, it is mostly a generic word ("fun", "big"). Stopwords, among them
    the words a manager says they pushed with ("shared", "introduced"), and people's names never count.
    """
    others = _notes(store, None, as_of, include_private=False)
    others = others[(others["person_id"] != person_id) & (others["direction"] == "push")]
    people = store.people()
    names = {p.id: p.name for p in people}
    name_words = {w for p in people for w in content_words(p.name)} | {_stem(p.id) for p in people}
    every = store.notes_frame(include_private=True)["text"]
    frequency: dict[str, int] = {}
    for text in every:
        for word in content_words(text):
            frequency[word] = frequency.get(word, 0) + 1
    rare = max(3, round(0.1 * len(every)))

    def words(text: str) -> set[str]:
        return {w for w in content_words(text) if w not in name_words and w.removesuffix("'s") not in name_words}

    def score(shared: set[str], capitals: set[str]) -> float:
        return sum(1.0 if frequency.get(w, 0) <= rare and (len(w) > SHORT_WORD or w in capitals) else 0.5
                   for w in shared)

    candidates = [(True, n._asdict()) for n in pushes[pushes["topic"].isin(FIELD_PUSH_TOPICS)].itertuples()]
    candidates += [(False, n._asdict()) for n in others[others["topic"].isin(FIELD_PUSH_TOPICS)].itertuples()]
    field_pulls = [(p, words(p.text)) for p in pulls[pulls["topic"].isin(FIELD_PULL_TOPICS)].itertuples()]
    found: list[tuple[tuple[float, int, int], dict[str, Any]]] = []
    for own, push in candidates:
        push_words, push_capitals = words(push["text"]), _capitals(push["text"])
        if not own and _names_someone(push["text"], name_words):
            # about people by name: a manager was offered, for Jun, Tomás's promotion case ("... Lucía's on-call
            # readiness counts") on the one word "design" (a helper, on the demo); an opening or a course names nobody
            continue
        best = None  # the pull this push answers best: most in common, then the newest
        for pull, pull_words in field_pulls:  # newest first
            shared = pull_words & push_words
            points = score(shared, push_capitals | _capitals(pull.text)) if shared else 0.0
            if points >= 1.0 and (best is None or points > best[0]):
                best = (points, pull, shared)
        if best is None:
            continue
        points, pull, shared = best
        common = ", ".join(_spelled(pull.text, shared)[:4])
        pulled = f"{_pulled(pull)}: \"{_short(_marked(pull.text, pull.visibility), 70)}\""
        if own:
            row = {"push": push["topic"], "suggestion": _marked(push["text"], push["visibility"]),
                   "reason": f"{pulled}; you pushed this on {push['date']} (in common: {common}): follow up on it",
                   "basis": "field", "status": "follow up"}
        else:
            who = names.get(push["person_id"], push["person_id"])
            row = {"push": push["topic"], "suggestion": push["text"],
                   "reason": f"{pulled}; you pushed this to {who} on {push['date']} (in common: {common})",
                   "basis": "field", "status": "new"}
        found.append(((-points, int(own), (as_of - pull.date).days), row))
    found.sort(key=lambda r: r[0])
    return [row for _, row in found[:MAX_FIELD_SUGGESTIONS]]


def _latest_after(pushes: pd.DataFrame, topics: Iterable[str], day: dt.date) -> pd.DataFrame:
    topics = tuple(topics)
    mask = [t in topics and d is not None and d >= day for t, d in zip(pushes["topic"], pushes["date"], strict=True)]
    return pushes[mask]


def _goal_suggestions(pulls: pd.DataFrame, pushes: pd.DataFrame) -> list[dict[str, Any]]:
    goals = pulls[pulls["topic"] == "goals"]
    if goals.empty:
        return []
    latest = goals.iloc[0]
    since = _latest_after(pushes, ["suggested goals"], latest["date"])
    if len(since):
        return []
    return [{
        "push": "suggested goals",
        "suggestion": "Suggest one or two goals that would help them make progress towards: "
                      f"\"{_short(_marked(latest['text'], latest['visibility']), 90)}\"",
        "reason": (f"they wrote about their goals on their page on {latest['date']}" if latest["setting"] == THEIR_PAGE
                   else f"goal pulled on {latest['date']} ({latest['setting']})") + "; no goals suggested since",
        "basis": "goal pulled",
        "status": "new",
    }]


def _strength_suggestions(pulls: pd.DataFrame, pushes: pd.DataFrame) -> list[dict[str, Any]]:
    selfs = pulls[pulls["topic"] == "self-assessment"]
    if selfs.empty:
        return []
    latest = selfs.iloc[0]
    if len(_latest_after(pushes, ["observed strengths", "feedback"], latest["date"])):
        return []
    return [{
        "push": "observed strengths",
        "suggestion": "Tell them a strength you have seen them display and how it relates to their goals",
        "reason": ("their self-assessment, on their page on" if latest["setting"] == THEIR_PAGE
                   else "self-assessment pulled on") + f" {latest['date']}: "
                  f"\"{_short(_marked(latest['text'], latest['visibility']), 70)}\"; "
                  "no observed strengths or feedback pushed since",
        "basis": "self-assessment",
        "status": "new",
    }]


def _fork_suggestion(person: Any, gaps: pd.DataFrame, pushes: pd.DataFrame, as_of: dt.date,
                     wish: Any = None) -> list[dict[str, Any]]:
    """The way up where the ladder forks. A way up the report chose on their page (``wish``, still above them)
    that is not the one recorded: talk it through and record it. Else, below a fork with no way up recorded and
    no career path pushed in the last STALE_MONTHS: push both paths and ask which they want (the practice's
    "career paths" push)."""
    wanted = live_aim(person.ladder, person.track or None, person.level, wish.body.get("toward")) if wish else None
    if wanted and wanted != gaps.attrs.get("aim"):
        recorded = gaps.attrs.get("aim_name") or gaps.attrs.get("aim")
        return [{
            "push": "career paths",
            "suggestion": f"They chose a way up on their page: {wish.text}. Talk it through (what it expects and what "
                          "the work is like), then record it",
            "reason": f"shared on their page on {wish.updated_at[:10]}; "
                      + (f"the way up recorded for them is {recorded}" if recorded else "no way up is recorded for them")
                      + f" (record it with the My team form's Way up or `workbook person edit {person.id} --toward "
                        f"{wanted}`, and every page follows it)",
            "basis": "their page",
            "status": "new",
        }]
    if not gaps.attrs.get("choose_way_up") or gaps.attrs.get("aim"):
        return []
    if len(_latest_after(pushes, ["career paths"], months_before(as_of, STALE_MONTHS))):
        return []
    ways = [str(gaps.attrs.get("next_level_name") or gaps.attrs.get("next_level"))]
    ways += [name for _, name in gaps.attrs.get("other_next_levels") or []]
    return [{
        "push": "career paths",
        "suggestion": f"Walk them through both ways up from here, {' and '.join(ways)}: what each expects and what "
                      "the work is like, then ask which they want",
        "reason": f"the ladder forks above their level and no way up is recorded for them (once they choose, record it "
                  f"with the My team form's Way up or `workbook person edit {person.id} --toward LEVEL`, and every "
                  "page follows it); no career path pushed in the last "
                  f"{STALE_MONTHS} months",
        "basis": "ladder fork",
        "status": "new",
    }]


def _gap_suggestions(store: Store, person: Any, pulls: pd.DataFrame, pushes: pd.DataFrame, year: int,
                     as_of: dt.date) -> tuple[list[dict[str, Any]], str]:
    if not person.ladder or not person.level:
        return [], (f"{person.name} has no ladder or level in the workbook, so no next-level gaps are suggested: "
                    f"give them one ({set_ladder_hint(person)})")
    try:
        covered = _covered_competencies(store, person.id, year)
        gaps = next_level_gaps(person.ladder, person.track or None, person.level, covered, person=person.id,
                               aim=person.toward)
    except WorkbookError as exc:
        return [], f"next-level gaps unavailable: {exc}"
    if gaps.empty:
        return [], f"{person.name} is at the top of the {person.track or 'ladder'} ladder: no next level to push towards"
    fork = _fork_suggestion(person, gaps, pushes, as_of, way_up_wish(store, person.id, as_of))
    open_gaps = gaps[~gaps["covered"]]
    if open_gaps.empty:
        return fork, f"every next-level competency is covered by a {year} goal"
    # Personalise the order: gaps closest to what they said about themselves and their goals come first.
    said = " ".join(pulls[pulls["topic"].isin(("self-assessment", "goals", "learning topics"))]["text"])
    ranking: dict[str, float] = {}
    if said.strip():
        try:
            ranking = {s.competency: s.score for s in suggest_competencies(said, person.ladder, track=person.track or None,
                                                                          top=50)}
        except WorkbookError:
            ranking = {}
    order = sorted(range(len(open_gaps)), key=lambda i: (-ranking.get(open_gaps["competency"].iloc[i], 0.0), i))
    level_name = gaps.attrs.get("next_level_name") or gaps.attrs.get("next_level")
    best = max([ranking.get(c, 0.0) for c in open_gaps["competency"]] + [0.0])
    rows = []
    for i in order[:MAX_GAP_SUGGESTIONS]:
        gap = open_gaps.iloc[i]
        first = str(gap["headline"])
        reason = f"{level_name} expects this and no {year} goal is tagged '{gap['competency']}'"
        if best >= CLOSE_TO_PULLS and ranking.get(gap["competency"], 0.0) >= 0.8 * best:
            reason += "; closest to what they said about themselves and their goals"
        rows.append({"push": "gaps", "suggestion": f"{gap['competency']}: {first}", "reason": reason,
                     "basis": "ladder gap", "status": "new"})
    return fork + rows, ""


def _covered_competencies(store: Store, person_id: str, year: int) -> dict[str, list[str]]:
    goals = store.goals_frame(person_id, year)
    covered: dict[str, list[str]] = {}
    for text, comps in zip(goals.get("text", []), goals.get("competencies", []), strict=False):
        for comp in comps:
            covered.setdefault(comp, []).append(text)
    return covered


def open_follow_ups(store: Store, person_id: str, as_of: dt.date) -> pd.DataFrame:
    """Follow-ups written on notes that are due now: overdue or due within two weeks of ``as_of``
    (up to 90 days overdue), plus undated ones from notes of the last 90 days; soonest first.
    Columns: due, state (overdue, due soon, no date), follow_up, note_date, direction, topic, visibility.

    Follow-ups marked done (:meth:`Store.set_follow_up_done`) are left out; ``note_id`` names the note
    to mark. Raises NotFound.
    """
    store.person(person_id)
    return follow_ups_due(_notes(store, person_id, as_of), as_of)


def follow_ups_due(notes: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """:func:`open_follow_ups` of ``notes`` (one person's notes on or before ``as_of``, newest first, with
    id, date, direction, topic, follow_up, follow_up_due, visibility; dates as dates or ISO text): the due list reads
    a whole team's notes in one query and passes each person's here."""
    import pandas as pd

    horizon = as_of + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    oldest = as_of - dt.timedelta(days=FOLLOW_UP_LOOKBACK_DAYS)
    rows = []
    for n in notes.itertuples():
        if not str(n.follow_up).strip() or bool(getattr(n, "follow_up_done", False)):
            continue
        due, written = to_date(n.follow_up_due), to_date(n.date)
        if due is None:
            if written is None or written < oldest:
                continue
            state = "no date"
        elif oldest <= due < as_of:
            state = "overdue"
        elif as_of <= due <= horizon:
            state = "due soon"
        else:
            continue
        rows.append({"note_id": int(n.id), "due": due, "state": state, "follow_up": _marked(n.follow_up, n.visibility), "note_date": written,
                     "direction": n.direction, "topic": n.topic, "visibility": n.visibility})
    frame = pd.DataFrame(rows, columns=["note_id", "due", "state", "follow_up", "note_date", "direction", "topic",
                                        "visibility"])
    if len(frame):
        frame["_key"] = [(d is None, d or dt.date.max) for d in frame["due"]]
        frame = frame.sort_values("_key", kind="stable").drop(columns="_key").reset_index(drop=True)
    return frame


def recent_notes_frame(store: Store, person_id: str, as_of: dt.date, limit: int = 8) -> pd.DataFrame:
    """The newest ``limit`` notes on or before ``as_of``: date, direction, topic, setting, visibility, text
    ("[private] " first when private), follow_up (marked so too). Raises NotFound for an unknown person."""
    store.person(person_id)
    notes = _notes(store, person_id, as_of).head(limit).copy()
    notes["text"] = [_marked(t, v) for t, v in zip(notes["text"], notes["visibility"], strict=True)]
    # a private note's follow-up is as private as the note, and says so as the follow-ups due list does
    notes["follow_up"] = [_marked(f, v) if isinstance(f, str) and f.strip() else f
                          for f, v in zip(notes["follow_up"], notes["visibility"], strict=True)]
    return notes[["date", "direction", "topic", "setting", "visibility", "text", "follow_up"]].reset_index(drop=True)


def summaries_still_showing(store: Store, note_id: int) -> str:
    """After note ``note_id`` was made private: a warning naming the quarterly summaries on disk that may print it
    (its person's, of the quarter of its date: a summary shows the quarter's shared notes up to its day), with the
    command that makes the user's own again where they are (``--out`` their folder), and whose the others are
    (a skip-level's, HR's: theirs to make again); "" when there is none (or the note is shared). A summary is a
    file: making the note private changes the workbook, not what was already written."""
    import os
    import shlex
    from pathlib import Path

    from ..core.dates import quarter_of

    note = store.note(note_id)
    if note.visibility != "private":
        return ""
    quarter = quarter_of(note.date)
    files = [f for f in store.generated_files(note.person, kinds=("person", "person_pdf"))
             if f.period == quarter and os.path.lexists(f.path)]
    if not files:
        return ""
    actor = store.actor()
    me = None if actor.owner else actor.name
    mine = [f.path for f in files if f.made_by == me]
    others = sorted({str(f.made_by or "the administrator") for f in files if f.made_by != me})
    parts = []
    if mine:
        named = ", ".join(str(p) for p in mine[:2]) + (f" and {len(mine) - 2} more" if len(mine) > 2 else "")
        outs = dict.fromkeys(Path(p).parent.parent.parent for p in mine)  # OUT/QUARTER/<person>/<file>
        again = "; ".join(f"`workbook summaries {quarter} --people {note.person} --force --out {shlex.quote(str(o))}`"
                          for o in outs)
        them = "them" if len(mine) > 1 else "it"
        parts.append(f"{named}, made before, may still show it: make {them} again with {again} before you hand "
                     f"{them} on")
    if others:
        parts.append(f"{'summaries' if mine else 'the summaries'} of {quarter} about {note.person} that "
                     f"{', '.join(others)} made may show it too: theirs to make again")
    return "the note is private now, but " + "; ".join(parts)
