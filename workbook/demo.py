"""Build the demo team: one manager's 2026 of career conversations, written through the Store in one transaction.

Maya Chen manages six reports on two tracks (Data Science and Software Engineering). For each of them
the demo holds what a year of the practice leaves behind:

* the annual review feedback (push notes, setting "review") and the report's own draft growth goals
  kept beside the agreed wording and the manager's feedback, at most three, tagged with ladder
  competencies for roughly half to three quarters of the goals;
* four quarters of personal OKRs (at most two objectives of at most two key results), each with the
  report's pre-work, the manager's supplement, the work that gives the chance to practise, the support
  needed and, for Q1-Q3, the outcome at quarter close;
* bi-weekly check-ins, mostly a two-minute status pass, sometimes a longer unblocking conversation about
  a mental obstacle with a trial run and actions;
* push and pull notes in every setting, some private, that connect (an interest pulled at the water
  cooler becomes a mentor pushed a week later).

Some things are left imperfect on purpose so the workbook's checks have something to show:

* three key results are not measurable (``WEAK_KEY_RESULTS``);
* Tomás's goals lean on his ladder for only one goal in three (``LADDER_OUTLIER``);
* Jun has had no check-in and no note since mid-October (``QUIET_PERSON``);
* one support request in Q4 is overdue and still "requested" (``OVERDUE_SUPPORT``);
* Farah's plan is back "in_discussion" after she started weighing another role.

Everything is fictional and deterministic: the only randomness is a ``random.Random`` with a fixed seed,
so two builds on fresh databases write identical rows (action ``created_on`` is the check-in date).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .model import (
    Action,
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Note,
    Objective,
    Obstacle,
    Person,
    QuarterOKRs,
    Support,
    TrialRun,
    quarter_of,
)
from .store import Store

__all__ = [
    "DEMO_YEAR",
    "DEMO_AS_OF",
    "DEMO_QUARTER",
    "DEMO_MANAGER",
    "DEMO_SEED",
    "LADDER_OUTLIER",
    "QUIET_PERSON",
    "PLAN_IN_DISCUSSION",
    "WEAK_KEY_RESULTS",
    "OVERDUE_SUPPORT",
    "build_demo",
]

DEMO_YEAR = 2026
DEMO_AS_OF = datetime.date(2026, 12, 18)
DEMO_QUARTER = "2026Q4"
DEMO_MANAGER = "Maya Chen"
DEMO_SEED = 2026

LADDER_OUTLIER = "tomas"  # 1 of 3 goals tagged with ladder competencies: below the 50-75% band
QUIET_PERSON = "jun"  # no check-in and no note after 2026-10-16
PLAN_IN_DISCUSSION = "farah"
WEAK_KEY_RESULTS = (
    "Improve communication with stakeholders",
    "Write better code reviews",
    "Get more comfortable with on-call",
)
OVERDUE_SUPPORT = ("tomas", "2026Q4", "ask the platform director for a 30-minute slot at the architecture forum")

_KRState = Literal["on_track", "at_risk", "blocked", "done"]

DS_LADDER = "ladders/data-science.csv"
SE_LADDER = "ladders/software-engineering.csv"

_FIRST_MONDAY = datetime.date(2026, 1, 5)
_SLOTS = 25  # 2026-01-05 + 14 days * 24 = 2026-12-07 (the last fortnight before DEMO_AS_OF)
_TEAM_SKIPS = frozenset({12, 23})  # midsummer week and the late-November holiday week
_FIRST_TRACKED_SLOT = 2  # January is for the review and the goals; Q1 OKRs are agreed in early February


def d(month_day: str, year: int = DEMO_YEAR) -> datetime.date:
    """``d("03-27")`` is 27 March of the demo year."""
    return datetime.date.fromisoformat(f"{year}-{month_day}")


# --------------------------------------------------------------------------------------------------
# Declarative data
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _KR:
    text: str
    target: datetime.date
    support: tuple[tuple[str, str, str, datetime.date | None], ...] = ()  # who, what, final status, due
    outcome: str | None = None
    note: str = ""
    steps: tuple[str, ...] = ()  # short status notes in the order the work moves
    trend: str | None = None  # done / on_track / at_risk / blocked; default derived from the outcome


@dataclass(frozen=True)
class _Obj:
    text: str
    goal: int
    understanding: str
    supplement: str
    aligned_work: str
    krs: tuple[_KR, ...]


def _o(text: str, goal: int, understanding: str, supplement: str, aligned: str, *krs: _KR) -> _Obj:
    return _Obj(text, goal, understanding, supplement, aligned, tuple(krs))


@dataclass(frozen=True)
class _Trial:
    text: str
    follow_up_on: datetime.date
    debrief_slot: int
    debrief: str


@dataclass
class _Special:
    """A check-in that is more than the generated status pass."""

    summary: str = ""
    mode: Literal["status", "unblock"] = "status"
    obstacles: tuple[tuple[str, str], ...] = ()  # kind, text
    trials: tuple[_Trial, ...] = ()
    actions: tuple[tuple[str, str, datetime.date, bool], ...] = ()  # text, owner, due, done
    force: dict[tuple[int, int], tuple[_KRState, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Member:
    id: str
    name: str
    track: str
    level: str
    ladder: str
    motivations: str
    started: datetime.date
    weekday: int  # 0 = Monday: the day of their 1:1
    skips: frozenset[int]  # personal leave fortnights
    last_slot: int  # the last fortnight with a check-in
    plan_status: Literal["draft", "in_discussion", "agreed"]
    goals: tuple[tuple[str, str, int, tuple[str, ...], str], ...]  # text, draft, priority, competencies, feedback
    okrs: dict[str, tuple[_Obj, ...]]
    specials: dict[int, _Special]
    notes: tuple[tuple[Any, ...], ...]  # date, direction, topic, setting, visibility, text[, follow_up, due]


DS, SE = "Data Science", "Software Engineering"

PRIYA = _Member(
    id="priya", name="Priya Raman", track=DS, level="2", ladder=DS_LADDER, started=d("03-13", 2023), weekday=0,
    motivations=("Wants her analyses to change decisions, not just answer tickets. Long term: a senior individual "
                 "contributor path around experimentation; curious whether campaigns really cause what they claim. "
                 "Values calm focus time and being trusted to say what the data cannot tell."),
    skips=frozenset({15}), last_slot=24, plan_status="agreed",
    goals=(
        ("Prioritize and manage stakeholder requests so I focus on high-impact work",
         "Get better at multitasking and be more productive", 1,
         ("Prioritization & execution", "Communication & stakeholder management"),
         "The overload is real, but juggling more at once will not fix it. The lever is deciding what not to do "
         "and saying so clearly to partners, with a reason and an alternative. Let's make that the goal."),
        ("Measure the impact of retention campaigns with sound causal methods (holdouts, difference-in-differences) "
         "and explain their limits to partners",
         "Learn causal inference", 2, ("Technical depth (modeling)",),
         "Great fit with the retention roadmap. Tie the learning to real campaign readouts so it sticks, and get a "
         "reviewer who does this every day."),
        ("Make campaign analysis reusable: a documented template the team can run without me",
         "Help the team more", 3, (),
         "Good instinct, but 'help more' is hard to check at the end of the year. A template someone else runs "
         "without you is concrete and multiplies your impact."),
    ),
    okrs={
        "2026Q1": (
            _o("Take control of incoming requests from lifecycle marketing", 1,
               "Prioritizing means keeping a list and working top-down; I should reply faster so nobody waits.",
               "Also: agree the ranking with the requester's lead, say 'not now' with a reason and a date, and offer a "
               "self-serve option. Saying no politely is part of the job at level 2.",
               "Retention analytics requests from lifecycle marketing (about eight a week in January)",
               _KR("Publish a request intake form and a ranked backlog, reviewed with the lifecycle marketing lead "
                   "by 2026-02-27", d("02-27"),
                   support=(("manager", "introduce the intake process at the marketing leads' sync", "done", d("02-20")),),
                   outcome="met", note="Form live on 24 Feb; backlog reviewed with Dana (marketing lead) on 26 Feb.",
                   steps=("form drafted", "form shared with Dana", "backlog review booked")),
               _KR("Decline or defer at least 3 low-value requests by 2026-03-31, each with a reason and a self-serve "
                   "alternative, drafts shared with the manager before sending", d("03-31"),
                   outcome="partly_met",
                   note="Two deferrals sent; the third became a yes after the requester escalated. Habit carried "
                        "into Q2.",
                   steps=("none sent yet", "first deferral drafted", "two sent, third escalated"))),
            _o("Build a working foundation in causal inference", 2,
               "Read a textbook and do the exercises.",
               "Reading alone fades. Apply one method to a campaign we already ran and have someone who does this "
               "daily check the write-up.",
               "January win-back campaign readout",
               _KR("Re-analyse the January win-back campaign with a holdout comparison and get the write-up reviewed "
                   "by Kwame Mensah (pricing data science) by 2026-03-27", d("03-27"),
                   support=(("Kwame Mensah (pricing data science)", "review the holdout analysis write-up", "done",
                             d("03-20")),),
                   outcome="met", note="Reviewed by Kwame on 24 Mar; his main comment was on the pre-period length.",
                   steps=("reading the holdout design", "analysis running", "write-up with Kwame"))),
        ),
        "2026Q2": (
            _o("Hold priorities under pressure during the Q2 retention push", 1,
               "Keep the backlog and say no more often.",
               "The backlog only helps if the marketing lead shares the ranking. Make the review a standing meeting "
               "so the trade-offs are decided together, not by you alone.",
               "Q2 retention push with lifecycle marketing",
               _KR("Run a fortnightly prioritisation review with the lifecycle marketing lead from April to June "
                   "(6 sessions), with every decision logged in the backlog", d("06-26"),
                   outcome="met", note="6 of 6 held; Dana now brings her own ranking.",
                   steps=("first two sessions held", "four held", "five held, last booked")),
               _KR("Improve communication with stakeholders", d("06-30"),
                   outcome="partly_met",
                   note="Hard to call: we never said what 'improved' would look like. Rewritten as a concrete KR "
                        "in Q3.")),
            _o("Apply causal methods to a live campaign", 2,
               "Use the same holdout as last quarter on a new campaign.",
               "Design it before launch this time: pre-register the metric, size the holdout with a power "
               "calculation, and have it signed off before the campaign goes out.",
               "Summer loyalty campaign",
               _KR("Design the holdout for the summer loyalty campaign with a pre-registered success metric and a "
                   "power calculation, signed off by Kwame Mensah by 2026-05-15", d("05-15"),
                   support=(("Kwame Mensah (pricing data science)", "sign off the holdout design", "done", d("05-13")),),
                   outcome="met", note="Signed off on 12 May; holdout of 8% agreed with marketing.",
                   steps=("power calculation drafted", "design with Kwame"))),
        ),
        "2026Q3": (
            _o("Own the loyalty campaign readout", 2,
               "Present the numbers clearly.",
               "At the next level you also own the caveats: state the assumptions (parallel trends), what would "
               "change the conclusion, and what the partner should do next.",
               "Summer loyalty campaign readout",
               _KR("Present the loyalty-campaign uplift analysis (difference-in-differences, with caveats) at the "
                   "growth review on 2026-08-27, with feedback from the manager and two teammates before and after",
                   d("08-27"),
                   support=(("Farah Haddad", "dry-run feedback on the slides", "done", d("08-20")),
                            ("manager", "book the growth review slot", "done", d("08-07"))),
                   outcome="met", note="Presented on 27 Aug; growth lead asked to extend the campaign to two cities.",
                   steps=("analysis in progress", "slides drafted", "dry run with Farah"))),
            _o("Make campaign analysis reusable", 3,
               "Clean up my notebook and put it on the wiki.",
               "Reusable means someone else gets the same answer without asking you. Test that by watching a "
               "teammate run it.",
               "Campaign readouts for lifecycle marketing",
               _KR("Publish a campaign-analysis template (notebook and README) that a teammate runs on a new campaign "
                   "without my help by 2026-09-25", d("09-25"),
                   support=(("Amara Okafor", "run the template on the September email test and list every question",
                             "done", d("09-18")),),
                   outcome="carried_over",
                   note="Template published; Amara's run slipped to October because of the forecasting release.",
                   steps=("template skeleton", "README written", "waiting on Amara's run"))),
        ),
        "2026Q4": (
            _o("Get the template adopted", 3,
               "Others use the template when they can.",
               "Adoption needs a nudge: pick the next two readouts together with their owners now.",
               "Holiday campaign readouts",
               _KR("Two campaign readouts in Q4 produced with the template by someone other than me, by 2026-12-11",
                   d("12-11"),
                   support=(("Amara Okafor", "use the template for the holiday email readout", "done", d("11-27")),),
                   steps=("two readouts picked", "first readout done by Amara", "second waiting on data"),
                   trend="at_risk")),
            _o("Plan 2027 capacity with marketing", 1,
               "Collect everything marketing wants next year.",
               "A wish list is not a plan: cap it, rank it with Dana, and write down what is not on it.",
               "2027 planning with lifecycle marketing",
               _KR("Agree a Q1 2027 analysis roadmap of at most 5 items with the lifecycle marketing lead, signed off "
                   "by 2026-12-16", d("12-16"),
                   steps=("requests collected", "draft ranked"))),
        ),
    },
    specials={
        0: _Special("Annual review today (see the review notes). Asked Priya to draft up to three 2026 growth goals "
                    "within two weeks.",
                    actions=(("Draft 2026 growth goals (at most three)", "employee", d("01-16"), True),)),
        1: _Special("Went through her draft goals: reframed 'multitask better' into prioritising requests, kept causal "
                    "inference tied to a real campaign. Offered an intro to Kwame in pricing.",
                    actions=(("Send the intro email to Kwame Mensah", "manager", d("01-23"), True),
                             ("Rewrite the goals with the feedback", "employee", d("01-30"), True))),
        4: _Special("Unblock (15 min): the marketing team asked for a new dashboard that duplicates the churn report. "
                    "Priya wants to say 'not now' but worries she will look unhelpful. Talked through why pushing back "
                    "is professional, not personal, and agreed a trial run.",
                    mode="unblock",
                    obstacles=(("pushing back on stakeholders",
                                "Wants to be seen as helpful by marketing; saying 'not now' feels like letting Dana "
                                "down."),),
                    trials=(_Trial("Draft reply to the marketing team's request for a new dashboard, shared with "
                                   "manager before sending", d("03-04"), 5,
                                   "Sent on 4 Mar with the reason and a link to the existing churn report; Dana "
                                   "replied 'makes sense, thanks'. Priya: much less dramatic than she feared."),),
                    actions=(("Send the reply to marketing after the manager's comments", "employee", d("03-04"), True),
                             ("Tell Dana that we are ranking requests this quarter", "manager", d("03-03"), True)),
                    force={(1, 2): ("at_risk", "first deferral is the hard one; trial run agreed")}),
        5: _Special("Debriefed the dashboard reply (went well). Quick pass on the rest."),
        9: _Special("Status pass; Dana's director escalated a deferred request, we agreed Maya raises the fortnightly "
                    "review with him.",
                    actions=(("Align with the marketing director on the fortnightly prioritisation review", "manager",
                              d("05-15"), True),)),
        16: _Special("Status pass before the growth review; Farah will give slide feedback.",
                     actions=(("Dry-run feedback on the growth review slides", "Farah Haddad", d("08-20"), True),)),
        24: _Special("Last check-in of the year: template nearly adopted, roadmap draft ready for Dana.",
                     actions=(("Send the draft 2027 roadmap to Dana", "employee", d("12-14"), False),
                              ("Draft 2027 growth goals (at most three) after the annual review", "employee",
                               d("01-15", 2027), False))),
    },
    notes=(
        (d("01-05"), "push", "feedback", "review", "shared",
         "Annual review: the strongest analyses on the team this year (the churn-driver study changed the Q4 roadmap). "
         "Growth area: says yes to every small request and gets pulled in many directions; the next level needs her to "
         "own priorities with partners."),
        (d("01-05"), "pull", "self-assessment", "review", "shared",
         "Asked how that landed: agrees about the requests; feels 'slow' because she switches context all day and "
         "thinks the fix is to multitask better."),
        (d("01-14"), "pull", "interests", "water cooler", "shared",
         "Over coffee: has been working through an online course on difference-in-differences at weekends. Lit up "
         "talking about 'did the campaign actually cause it'.",
         "Think of who does causal work here", d("01-19")),
        (d("01-19"), "push", "mentors", "1:1", "shared",
         "Suggested Kwame Mensah in pricing, who runs their holdout experiments, as a mentor for causal methods; "
         "offered an intro. Priya keen.",
         "Send the intro email to Kwame", d("01-23")),
        (d("01-19"), "push", "suggested goals", "1:1", "shared",
         "Reframed her draft 'get better at multitasking' as prioritising and managing stakeholder requests; she agreed "
         "after we looked at her request log together (31 requests in December)."),
        (d("03-18"), "pull", "values", "project discussion", "private",
         "On the win-back re-analysis: energised by rigour, drained by 'just pull the numbers' asks. Wants to be trusted "
         "to say what the data cannot tell."),
        (d("04-20"), "pull", "goals", "1:1", "shared",
         "Asked where she sees herself in three years: senior individual contributor focused on experimentation; "
         "not management, 'for now'."),
        (d("05-11"), "push", "career paths", "1:1", "shared",
         "Walked through the senior data scientist expectations: ambiguous problems that need non-standard methods "
         "(causal inference is named) and how the loyalty holdout maps onto them."),
        (d("06-03"), "pull", "goals", "1:1", "private",
         "Asked whether her pay is in line with the DS II band after a friend received an outside offer. Said I would "
         "check her position in the band with HR.",
         "Check her band position with HR and report back", d("06-17")),
        (d("07-15"), "push", "opportunities", "water cooler", "shared",
         "Mentioned the experimentation guild needs a co-organiser for the autumn reading group; she could bring the "
         "causal inference angle."),
        (d("08-28"), "push", "observed strengths", "project discussion", "shared",
         "After the growth review: the way she stated the limits of the difference-in-differences (parallel trends "
         "check, one-city caveat) is the senior-level judgement the ladder describes."),
        (d("10-12"), "push", "gaps", "1:1", "shared",
         "For senior: show impact beyond her own analyses, e.g. the template used without her. That is the Q4 "
         "objective."),
        (d("12-07"), "pull", "learning topics", "1:1", "shared",
         "Wants to learn synthetic control methods in 2027; suggested she puts it in her draft goals for next year."),
    ),
)

AMARA = _Member(
    id="amara", name="Amara Okafor", track=DS, level="1", ladder=DS_LADDER, started=d("08-04", 2025), weekday=1,
    motivations=("First industry role after a master's in statistics. Wants to become the person the team trusts "
                 "with modelling; enjoys teaching (tutored undergraduates for three years); nervous about presenting."),
    skips=frozenset(), last_slot=24, plan_status="agreed",
    goals=(
        ("Write clear, reproducible analysis: documented notebooks, tested feature code and pull requests the team "
         "can review",
         "Learn deep learning and transformers for forecasting", 1, ("Coding & architecture",),
         "Deep learning can come later. Right now what holds your work back is that others cannot rerun or review it; "
         "solid code and documentation pay off in every project. Modelling stays as goal 2, grounded in real work."),
        ("Own the delivery-time features end to end, from the data question to an offline evaluation the forecasting "
         "lead signs off",
         "Build more advanced models", 2, ("Technical depth (modeling)", "Business understanding / domain expertise"),
         "Better models start with the business question and a baseline. Practise on the delivery-time project so "
         "the learning and the project help each other."),
        ("Share my results with confidence: present my own work at team and cross-functional meetings",
         "Present more", 3, (),
         "Yes. Start small (team demo), rehearse once, and build up to the ops weekly."),
    ),
    okrs={
        "2026Q1": (
            _o("Make my analysis code reviewable and rerunnable", 1,
               "Good code means it runs without errors.",
               "Also that a teammate can rerun it from a fresh checkout, the feature logic has tests, and each pull "
               "request is small enough to review in one sitting.",
               "Delivery-time feature pipeline (with Farah)",
               _KR("Refactor the delivery-time exploration notebook into a package with unit tests for the 5 core "
                   "features, merged after review by Farah by 2026-03-20", d("03-20"),
                   support=(("Farah Haddad", "review the refactor pull requests within two working days", "done",
                             d("03-20")),),
                   outcome="met", note="Merged on 19 Mar; Farah reran it from a fresh checkout.",
                   steps=("package skeleton", "3 of 5 features tested", "last review round")),
               _KR("Open at least 8 pull requests of under 300 changed lines each between 2026-02-01 and 2026-03-31",
                   d("03-31"), outcome="met", note="11 pull requests, median 140 lines.",
                   steps=("3 opened", "7 opened"))),
            _o("Present my own work to the team", 3,
               "Present when I am asked to.",
               "Volunteer a slot instead of waiting, rehearse once with a friendly audience, and ask for two pieces of "
               "written feedback.",
               "Monthly team demo",
               _KR("Present the delivery-time data audit at the team demo on 2026-03-26 (10 minutes), after a rehearsal "
                   "with the manager, and collect written feedback from two teammates", d("03-26"),
                   support=(("manager", "15-minute rehearsal the day before", "done", d("03-25")),),
                   outcome="met", note="Presented on 26 Mar; feedback: clear charts, slow down on the caveats.",
                   steps=("slot booked", "slides drafted"))),
        ),
        "2026Q2": (
            _o("Deliver the first delivery-time model end to end", 2,
               "Train the best model I can.",
               "End to end means: agree the metric with operations, set a baseline, evaluate offline against it and "
               "document the decision. The model does not need to be fancy.",
               "Delivery-time estimate v1 for the operations team",
               _KR("Write the model design doc (problem, metric, baseline, evaluation plan) with the team template and "
                   "get a detailed review from Farah by 2026-05-08", d("05-08"),
                   support=(("Farah Haddad", "detailed design review", "done", d("05-06")),),
                   outcome="met", note="Reviewed on 6 May; metric changed from RMSE to MAE after ops feedback.",
                   steps=("template filled in", "review with Farah")),
               _KR("Offline evaluation showing MAE at least 10% better than the rule-of-thumb baseline on the April "
                   "holdout, reviewed with Farah and the manager by 2026-06-19", d("06-19"),
                   outcome="partly_met",
                   note="7% better than baseline; gap traced to missing weather data, added to Q3.",
                   steps=("baseline computed", "first model 4% better", "7% better, weather missing"))),
            _o("Present to a cross-functional audience", 3,
               "Present the model at the ops weekly.",
               "Ask for feedback before (dry run) and after; decide beforehand the one message ops should remember.",
               "Ops weekly meeting",
               _KR("Present delivery-time model progress at the cross-functional ops weekly by 2026-06-26, asking the "
                   "manager and two teammates for feedback before and after", d("06-26"),
                   support=(("Priya Raman", "dry-run audience and feedback", "done", d("06-19")),),
                   outcome="not_met",
                   note="Dry run with Priya done, but she handed the ops slot to Farah on 24 Jun. Talked about it; "
                        "retry in Q3 with a trial run.",
                   steps=("slides drafted", "dry run booked"))),
        ),
        "2026Q3": (
            _o("Present to the operations team", 3,
               "Get through the presentation without freezing.",
               "Prepare for the two hardest questions the ops lead might ask; that is where the nerves come from.",
               "Ops weekly meeting",
               _KR("Present the delivery-time model results at the ops weekly on 2026-07-23, after a trial run with the "
                   "manager on 2026-07-21", d("07-23"),
                   support=(("manager", "trial run with the two hardest questions", "done", d("07-21")),),
                   outcome="met",
                   note="Presented on 23 Jul; the ops lead asked for a follow-up on rainy days. Amara: nerve-wracking "
                        "for two minutes, then fine.",
                   steps=("slot confirmed", "trial run booked"))),
            _o("Improve the model with the missing signal", 2,
               "Add weather data.",
               "Check the weather feed's delay before using it: a feature that arrives late in production is worth "
               "nothing offline.",
               "Delivery-time estimate v1",
               _KR("Add weather features and bring offline MAE to at least 10% better than the baseline by 2026-09-18, "
                   "signed off by Farah", d("09-18"),
                   outcome="met", note="12% better; weather feed latency checked with data platform.",
                   steps=("weather feed access", "features built", "evaluation with Farah")),
               _KR("Ship v1 behind a feature flag to one city with a monitoring dashboard by 2026-09-30", d("09-30"),
                   support=(("Jun Watanabe", "review the serving endpoint changes", "done", d("09-11")),),
                   outcome="carried_over",
                   note="Flag launch slipped behind the checkout freeze; launching early Q4.",
                   steps=("endpoint changes in review", "dashboard drafted", "waiting for the freeze to lift"))),
        ),
        "2026Q4": (
            _o("Launch and monitor the model", 2,
               "Turn the flag on.",
               "Launching is the start: agree beforehand what in the monitoring would make you roll back.",
               "Delivery-time estimate v1 launch",
               _KR("Launch delivery-time v1 in two cities and review the first 4 weeks of monitoring with Farah by "
                   "2026-12-11", d("12-11"),
                   support=(("Farah Haddad", "monitoring review session", "done", d("12-09")),),
                   steps=("first city live", "second city live", "4-week review booked"))),
            _o("Help the team reuse good code", 1,
               "Use the template.",
               "Your fresh eyes are the test: write down every step that was unclear so Priya can fix it.",
               "Holiday email campaign readout",
               _KR("Run Priya's campaign-analysis template on the holiday email test and file every unclear step as an "
                   "issue by 2026-11-27", d("11-27"),
                   support=(("Priya Raman", "answer questions within a day", "done", d("11-27")),),
                   steps=("data pulled", "template run, 4 issues filed"), trend="done")),
        ),
    },
    specials={
        0: _Special("Annual review today. Asked Amara to draft up to three 2026 growth goals within two weeks.",
                    actions=(("Draft 2026 growth goals (at most three)", "employee", d("01-16"), True),)),
        1: _Special("Draft goals: wants deep learning first. Reprioritised: reproducible code first, modelling on the "
                    "delivery-time project second, presenting third.",
                    actions=(("Set up weekly mentoring with Farah", "manager", d("01-30"), True),)),
        4: _Special("Unblock (12 min): asked to skip the March team demo because her results 'are not interesting "
                    "enough'. Agreed a rehearsal the day before.",
                    mode="unblock",
                    obstacles=(("fear of presenting",
                                "Worries the team will spot mistakes in front of everyone and judge her as the "
                                "junior."),),
                    trials=(_Trial("Rehearse the 10-minute data-audit talk with the manager the day before the team "
                                   "demo", d("03-25"), 6,
                                   "Rehearsed on 25 Mar, presented on 26 Mar. 'I talked too fast but nobody noticed "
                                   "the mistakes I was worried about.'"),),
                    force={(2, 1): ("at_risk", "wants to skip; rehearsal agreed")}),
        6: _Special("Debriefed the team demo; closing Q1 next time."),
        11: _Special("Unblock (15 min): the ops weekly is in two weeks and she is dreading the ops lead's questions.",
                     mode="unblock",
                     obstacles=(("fear of presenting", "The ops lead interrupts with rapid questions; she fears "
                                 "freezing."),),
                     trials=(_Trial("Dry run of the ops-weekly slides with Priya as the audience, asking her to "
                                    "interrupt like the ops lead", d("06-19"), 13,
                                    "Dry run went well, but she handed her ops slot to Farah on 24 Jun. We talked "
                                    "about what made her step back: the audience, not the content."),),
                     actions=(("Be the dry-run audience and interrupt", "Priya Raman", d("06-19"), True),),
                     force={(2, 1): ("at_risk", "dry run booked; nervous")}),
        13: _Special("Unblock (15 min): closed Q2 (the ops slot went to Farah). Retry in July with a trial run on the "
                     "hardest questions.",
                     mode="unblock",
                     obstacles=(("fear of presenting", "Stepped back from the ops weekly in June; afraid of questions "
                                 "she cannot answer on the spot."),),
                     trials=(_Trial("Run the ops-weekly slides with the manager on 21 Jul, including the two hardest "
                                    "questions the ops lead might ask", d("07-21"), 15,
                                    "Presented on 23 Jul. She answered the rainy-day question with 'I will check and "
                                    "come back', which worked fine. Next: the monitoring review in Q4."),),
                     actions=(("Write down the two hardest questions and a short answer to each", "employee",
                               d("07-20"), True),)),
        20: _Special("Launch prep for delivery-time v1.",
                     actions=(("Pair on the launch checklist", "Farah Haddad", d("10-20"), True),)),
        24: _Special("Status pass: both cities live, monitoring review on Thursday.",
                     actions=(("Send the monitoring summary before the 4-week review", "employee", d("12-10"), False),)),
    },
    notes=(
        (d("01-06"), "push", "feedback", "review", "shared",
         "Annual review (first five months): fast learner, strong statistics. Growth: code others can rerun and "
         "review, documentation, and speaking up in team meetings."),
        (d("01-06"), "pull", "self-assessment", "review", "shared",
         "She rates modelling as her weakness and sees code style as 'cosmetic'. Explored: she had not seen how often "
         "her notebooks broke for others."),
        (d("01-15"), "pull", "history", "water cooler", "private",
         "Tutored undergraduate statistics for three years during her master's; misses teaching."),
        (d("01-20"), "push", "suggested goals", "1:1", "shared",
         "Suggested reordering her goals: reproducible code and documentation first, modelling second, presenting "
         "third. She agreed, a bit reluctantly, to park deep learning."),
        (d("02-03"), "push", "mentors", "1:1", "shared",
         "Paired her with Farah as mentor for the delivery-time work: 30 minutes a week."),
        (d("03-31"), "pull", "self-assessment", "check-in", "shared",
         "After the team demo: 'I talked too fast but nobody noticed the mistakes I was worried about.'"),
        (d("04-22"), "pull", "values", "1:1", "private",
         "Her mother is visiting from Lagos from mid-May to late June; she prefers no meetings after 5 pm in that "
         "window.",
         "Move the Thursday ops sync earlier for May and June", d("05-08")),
        (d("06-24"), "pull", "self-assessment", "project discussion", "private",
         "Gave her ops weekly slot to Farah; admitted she froze at the idea of the ops lead's questions."),
        (d("07-29"), "push", "observed strengths", "1:1", "shared",
         "Presented on 23 Jul: a clear story and a calm answer to the rainy-day question. That is the level-1 "
         "expectation on presenting, done under pressure."),
        (d("09-09"), "push", "learning", "1:1", "shared",
         "Suggested the internal forecasting course in October: it covers the hierarchical models she was curious "
         "about, tied to the work."),
        (d("10-19"), "pull", "interests", "water cooler", "shared",
         "Volunteers at a weekend coding club for teenagers; enjoys explaining things."),
        (d("11-16"), "push", "career paths", "1:1", "shared",
         "Walked through what Data Scientist II looks like: her launch and the template work cover most of it; the "
         "gap is owning a small project end to end without a mentor."),
    ),
)

FARAH = _Member(
    id="farah", name="Farah Haddad", track=DS, level="3", ladder=DS_LADDER, started=d("10-18", 2021), weekday=2,
    motivations=("Wants to grow as a technical leader without managing people for now; cares about forecast quality "
                 "and about bringing more women into data roles. Considering the staff path."),
    skips=frozenset({18}), last_slot=24, plan_status="in_discussion",
    goals=(
        ("Set the evaluation and monitoring standard for the team's forecasting models and get it adopted by both "
         "forecasting squads",
         "Lead the forecasting roadmap", 1, ("Technical depth (modeling)", "Collaboration & influence"),
         "Agreed, this is staff-level scope. Adoption by the other squad is the real test, so make it part of the "
         "goal."),
        ("Grow others: mentor Amara through her first model launch and run the team's interview calibration",
         "Mentor juniors and make our hiring fairer", 2, (),
         "Both matter. Reopened in November: Farah is weighing the analytics-engineering lead role, so we will settle "
         "whether this goal changes before the 2027 cycle."),
    ),
    okrs={
        "2026Q1": (
            _o("Define what 'good' means for our forecasts", 1,
               "Write down the metrics we use.",
               "Staff scope: a standard the other squad adopts. Include drift monitoring and what happens when an "
               "alert fires, otherwise it stays a document.",
               "Weekly demand forecast refresh",
               _KR("Publish a forecast evaluation standard (metrics, backtest windows, drift thresholds) reviewed by "
                   "both forecasting squad leads by 2026-03-27", d("03-27"),
                   support=(("supply forecasting squad lead", "review the draft standard", "done", d("03-20")),),
                   outcome="met", note="Published on 25 Mar after two review rounds.",
                   steps=("draft outline", "draft with both leads", "second review round"))),
            _o("Set Amara up for her first model", 2,
               "Answer her questions when she has them.",
               "Agree a weekly 30-minute slot and review her design doc against the template; let her own the "
               "decisions.",
               "Delivery-time features",
               _KR("Hold 10 weekly mentoring sessions with Amara by 2026-03-31 and agree her Q2 modelling scope with "
                   "her", d("03-31"), outcome="met", note="10 sessions; Q2 scope agreed on 30 Mar.",
                   steps=("4 sessions", "8 sessions"))),
        ),
        "2026Q2": (
            _o("Get the standard adopted", 1,
               "Present the standard to the other squad.",
               "Adoption shows in their artefacts, not in a meeting: look for the format in their model reviews.",
               "May model reviews of both squads",
               _KR("Both forecasting squads report backtests in the new standard format in their May model reviews "
                   "(2026-05-29)", d("05-29"),
                   support=(("manager", "raise adoption at the data leads' sync", "done", d("04-24")),),
                   outcome="partly_met", note="Our squad yes; the supply squad adopted the metrics but not the drift "
                                              "thresholds.",
                   steps=("our squad on board", "supply squad: metrics only")),
               _KR("Drift alerts live for the weekly demand forecast with a runbook, by 2026-06-19", d("06-19"),
                   outcome="met", note="Live on 15 Jun; first alert handled with the runbook on 17 Jun.",
                   steps=("thresholds chosen", "alerts in staging"))),
            _o("Raise the team's hiring bar fairly", 2,
               "Share my interview questions.",
               "Calibration means interviewers score the same answer the same way; use last year's anonymised "
               "scores to show where they differ.",
               "Data science hiring for the two open roles",
               _KR("Run two interview calibration sessions with the 6 data science interviewers and publish the updated "
                   "rubric by 2026-06-26", d("06-26"),
                   support=(("recruiting partner", "share last year's interview scores, anonymised", "done",
                             d("05-15")),),
                   outcome="met", note="Both sessions held; rubric published on 22 Jun.",
                   steps=("data from recruiting", "first session held"))),
        ),
        "2026Q3": (
            _o("Close the adoption gap with the supply squad", 1,
               "Keep reminding them.",
               "Reminders have run their course. Offer to do part of the work with them, and if that fails, "
               "escalate early and respectfully.",
               "Supply squad's forecasting pipeline",
               _KR("Pair with the supply squad lead to add drift thresholds to their pipeline, live by 2026-09-11",
                   d("09-11"),
                   support=(("supply forecasting squad lead", "two pairing sessions", "dropped", d("08-14")),),
                   outcome="not_met",
                   note="Supply squad reprioritised to the warehouse launch and dropped the pairing. Escalated; the "
                        "answer was 'after October'. Agreed to stop pushing this quarter.",
                   steps=("pairing proposed", "waiting for the supply lead"), trend="blocked")),
            _o("Mentor Amara through launch", 2,
               "Review her launch plan.",
               "Ask her what could go wrong before telling her; she should leave with her own checklist.",
               "Delivery-time v1 launch",
               _KR("Review Amara's launch plan and monitoring dashboard before the 2026-09-30 flag launch", d("09-30"),
                   outcome="carried_over", note="Plan reviewed; the launch itself moved to Q4 with the checkout freeze.",
                   steps=("launch plan drafted by Amara", "plan reviewed"))),
        ),
        "2026Q4": (
            _o("Make the standard part of model reviews", 1,
               "Add a section to the review template.",
               "Make it a checklist the reviewer ticks, so the standard travels without you in the room.",
               "Q4 model reviews",
               _KR("Add the evaluation checklist to the model review template and use it in all 3 Q4 model reviews by "
                   "2026-12-11", d("12-11"),
                   steps=("checklist in the template", "2 of 3 reviews done"))),
            _o("Support Amara's launch", 2,
               "Be available.",
               "Co-run the monitoring review so she sees how you read the signals.",
               "Delivery-time v1 launch",
               _KR("Co-run the 4-week monitoring review of delivery-time v1 with Amara by 2026-12-11", d("12-11"),
                   support=(("Amara Okafor", "prepare the monitoring summary", "done", d("12-09")),),
                   steps=("launch done", "review booked"))),
        ),
    },
    specials={
        0: _Special("Annual review today. Asked Farah to draft up to three 2026 growth goals within two weeks.",
                    actions=(("Draft 2026 growth goals (at most three)", "employee", d("01-16"), True),)),
        1: _Special("Went through her two draft goals; sharpened goal 1 to adoption by both squads.",
                    actions=(("Ask the hiring lead whether Farah can own interview calibration", "manager", d("01-30"),
                              True),)),
        15: _Special("Unblock (15 min): the supply squad dropped the pairing. She does not want to go to their director: "
                     "'it will look like I cannot influence peers'. Talked about escalation as professional, not a "
                     "failure.",
                     mode="unblock",
                     obstacles=(("asking for help",
                                 "Reluctant to ask the supply squad's director for help; feels it would show she cannot "
                                 "influence peers."),),
                     trials=(_Trial("Short note to the supply squad's director on the drift-threshold gap, drafted and "
                                    "reviewed with the manager before sending", d("08-12"), 16,
                                    "Sent on 11 Aug. The director replied that the warehouse launch comes first until "
                                    "October. Farah: the answer was no, but the exchange was quick and respectful; "
                                    "she will ask earlier next time."),),
                     actions=(("Send the note to the supply squad's director", "employee", d("08-12"), True),),
                     force={(1, 1): ("blocked", "supply squad dropped the pairing")}),
        16: _Special("Debriefed the note to the supply director: a clear 'not before October'."),
        22: _Special("Farah is weighing the analytics-engineering lead role; goal 2 reopened and the plan is back in "
                     "discussion.",
                     actions=(("Set up a coffee with the analytics-engineering director", "manager", d("11-20"), True),
                              ("Write down what would make goal 2 change", "employee", d("12-04"), False))),
    },
    notes=(
        (d("01-07"), "push", "feedback", "review", "shared",
         "Annual review: the forecasting rebuild was excellent. Growth for staff: influence beyond our squad and "
         "standards others adopt."),
        (d("01-07"), "pull", "goals", "review", "shared",
         "Wants the staff path, not management, at least for the next two years."),
        (d("01-21"), "pull", "values", "water cooler", "private",
         "Co-organises a women-in-data meetup; wants our data science interviews to be fairer."),
        (d("02-04"), "push", "work connections", "1:1", "shared",
         "Connected her interview-fairness interest to the data science interview calibration, which needs an owner."),
        (d("03-18"), "push", "observed strengths", "project discussion", "shared",
         "In the evaluation standard review she handled the supply squad's objections without getting defensive."),
        (d("05-06"), "pull", "self-assessment", "1:1", "shared",
         "Feels she is 'nagging' the supply squad about drift thresholds."),
        (d("06-17"), "push", "role skills", "1:1", "shared",
         "Staff-level influence includes knowing when to escalate and to whom; escalation is not failure."),
        (d("08-19"), "pull", "goals", "project discussion", "private",
         "Worried about the re-org rumour: the forecasting squads may move under supply chain and she would lose the "
         "roadmap she built.",
         "Ask my director what is decided and share what I can", d("09-02")),
        (d("09-02"), "push", "opportunities", "1:1", "private",
         "Shared what I could: no re-org decision before November. Mentioned the analytics-engineering lead opening in "
         "case she wants to weigh options."),
        (d("11-11"), "pull", "goals", "1:1", "shared",
         "Weighing the analytics-engineering lead role; wants to reopen goal 2 before committing for 2027."),
        (d("12-02"), "push", "gaps", "1:1", "shared",
         "For staff: the supply squad adoption gap remains. Suggested making the model-review checklist the lever "
         "rather than more meetings."),
    ),
)

TOMAS = _Member(
    id="tomas", name="Tomás Herrera", track=SE, level="4", ladder=SE_LADDER, started=d("06-03", 2019), weekday=3,
    motivations=("Built much of the ingestion platform. Wants to shape architecture across teams, stay hands-on, and "
                 "speak at a conference. Maintains an open-source library in his spare time."),
    skips=frozenset({7}), last_slot=24, plan_status="agreed",
    goals=(
        ("Lead the event-ingestion migration to streaming across the three consuming teams, with a design all of them "
         "sign off",
         "Drive the streaming migration", 1, ("System design & architecture",),
         "Yes. At staff level the sign-off from the other teams is as much the goal as the design."),
        ("Give an external talk on what we learned from the migration (meetup or conference) by Q4",
         "Speak at a conference", 2, (),
         "Good for visibility and for hiring. The ladder weighs influence inside the company more than talks; "
         "consider pairing it with an internal session."),
        ("Keep my open-source maintainer role sustainable: hand over release duties to a co-maintainer",
         "Do less open-source release work at weekends", 3, (),
         "Personal and valid, but outside the ladder. With one goal in three on the ladder, the staff expectations on "
         "mentoring and technical leadership are not covered; let's revisit in Q2."),
    ),
    okrs={
        "2026Q1": (
            _o("Get a migration design all three consuming teams sign off", 1,
               "Write the design doc and present it.",
               "At staff level the design is half the job; the other half is the sign-off: find each team's concern "
               "early, write down the trade-offs, and name who decides.",
               "Event-ingestion migration to streaming",
               _KR("Design doc for the streaming ingestion migration signed off by the leads of checkout, notifications "
                   "and data platform by 2026-03-13", d("03-13"),
                   support=(("data platform lead", "design review of the draft", "done", d("02-27")),),
                   outcome="met", note="All three signed off on 11 Mar.",
                   steps=("draft written", "review with data platform", "checkout's concerns addressed")),
               _KR("Run a failure-mode review (game day) of the prototype with the on-call engineers by 2026-03-27 and "
                   "publish the findings", d("03-27"),
                   outcome="met", note="Game day on 24 Mar; 2 bugs found before production.",
                   steps=("scenarios written", "game day booked"))),
            _o("Find a stage for the migration story", 2,
               "Submit to a big conference.",
               "Widen the net: two submissions, one of them a local meetup, so there is a realistic yes.",
               "Migration design work",
               _KR("Submit a talk proposal to two meetups or conferences by 2026-03-31", d("03-31"),
                   outcome="met", note="Submitted to the city data-engineering meetup and one conference.",
                   steps=("abstract drafted",))),
        ),
        "2026Q2": (
            _o("Migrate the first consumer", 1,
               "Switch notifications over.",
               "Pick success criteria everyone can check (lost events, lag) before the switch.",
               "Notifications service migration",
               _KR("Notifications service consuming from the stream in production with zero lost events over 14 days, "
                   "by 2026-06-12", d("06-12"),
                   support=(("Lucía Fernández", "update the notification runbooks for the new consumer", "done",
                             d("06-05")),),
                   outcome="met", note="Cut over on 26 May; zero lost events in 14 days.",
                   steps=("consumer in staging", "shadow traffic", "cut over"))),
            _o("Hand over open-source release duty", 3,
               "Teach my co-maintainer the release steps.",
               "Let them run it while you only review; the second release is the real test.",
               "Open-source schema-registry client",
               _KR("Co-maintainer cuts the next two library releases with me only reviewing, by 2026-06-30",
                   d("06-30"), outcome="partly_met",
                   note="One release done; the second slipped when the co-maintainer changed jobs.",
                   steps=("release checklist written", "first release cut"))),
        ),
        "2026Q3": (
            _o("Migrate checkout, the riskiest consumer", 1,
               "Move checkout like notifications.",
               "Checkout has stricter latency; load test first and agree a rollback trigger with the checkout lead.",
               "Checkout migration",
               _KR("Checkout consuming from the stream with p99 end-to-end lag under 2 s for 14 days by 2026-09-18",
                   d("09-18"),
                   support=(("Jun Watanabe", "load test the checkout consumer", "done", d("08-28")),),
                   outcome="carried_over",
                   note="Lag target met in staging; the production cutover moved after the checkout freeze.",
                   steps=("load test plan", "staging lag 1.4 s", "waiting for the freeze"))),
            _o("Prepare the talk", 2,
               "Write the slides.",
               "A dry run in front of colleagues gives you feedback and is the internal session the ladder values.",
               "Accepted meetup talk (12 Nov)",
               _KR("Give a 20-minute dry run of the accepted meetup talk at the engineering all-hands by 2026-09-24 "
                   "and collect written feedback from 3 people", d("09-24"),
                   support=(("manager", "get the all-hands slot", "done", d("09-04")),),
                   outcome="met", note="Dry run on 24 Sep; 5 written responses.",
                   steps=("outline", "slides drafted"))),
        ),
        "2026Q4": (
            _o("Finish the migration", 1,
               "Cut over checkout and switch the old job off.",
               "Close the loop in public: a retrospective at the architecture forum spreads what you learned beyond "
               "our teams.",
               "Checkout migration and legacy ingestion shutdown",
               _KR("Checkout cutover in production and the legacy ingestion job switched off by 2026-12-04", d("12-04"),
                   steps=("cutover scheduled", "checkout on the stream", "legacy job off"), trend="done"),
               _KR("Present the migration retrospective at the architecture forum by 2026-12-16", d("12-16"),
                   support=(("manager", OVERDUE_SUPPORT[2], "requested", d("11-20")),),
                   steps=("retrospective drafted", "no forum slot yet"), trend="blocked")),
            _o("Give the talk", 2,
               "Give the talk.",
               "Publish it too: the blog post reaches candidates who were not in the room.",
               "City data-engineering meetup (12 Nov)",
               _KR("Deliver the talk at the city data-engineering meetup on 2026-11-12 and publish the slides on the "
                   "engineering blog by 2026-11-30", d("11-30"),
                   support=(("developer relations", "edit the blog post", "done", d("11-25")),),
                   steps=("slides final", "rehearsed with the team", "talk given, blog post published"), trend="done")),
        ),
    },
    specials={
        0: _Special("Annual review today. Asked Tomás to draft up to three 2026 growth goals within two weeks.",
                    actions=(("Draft 2026 growth goals (at most three)", "employee", d("01-16"), True),)),
        1: _Special("Draft goals: migration, a talk, and open-source relief. Pointed out that only the first maps to "
                    "the ladder; he keeps the other two this year, revisit in Q2."),
        8: _Special("Unblock (12 min): the checkout team wants three extra event fields in the migration. He sees the "
                    "scope creep but saying no feels like blocking them.",
                    mode="unblock",
                    obstacles=(("pushing back on stakeholders",
                                "Saying no to the checkout lead feels like blocking a team he depends on."),),
                    trials=(_Trial("Scope note to the checkout lead proposing the extra fields as a follow-up after the "
                                   "migration, shared with the manager first", d("05-06"), 9,
                                   "Sent on 5 May; the checkout lead agreed to a follow-up ticket. Tomás: 'I expected "
                                   "an argument and got a thumbs-up.'"),),
                    force={(1, 1): ("at_risk", "scope creep from checkout")}),
        9: _Special("Debriefed the scope note; cutover date holds."),
        21: _Special("Status pass: cutover date set, talk slides final. I will ask the platform director for a forum "
                     "slot.",
                     actions=(("Ask the platform director for a 30-minute architecture forum slot", "manager",
                               d("11-20"), False),)),
        24: _Special("Status pass: migration done, talk given. The forum slot is still not booked; that is on me.",
                     actions=(("Email the platform director about the architecture forum slot", "manager", d("12-14"),
                               False),),
                     force={(1, 2): ("blocked", "waiting on the manager's request for a forum slot")}),
    },
    notes=(
        (d("01-08"), "push", "feedback", "review", "shared",
         "Annual review: the technical anchor of the platform. Growth for staff: cross-team influence and growing "
         "other engineers."),
        (d("01-08"), "pull", "self-assessment", "review", "shared",
         "Agrees on cross-team influence, less on mentoring: 'I help people all the time'. True, but informally and "
         "invisibly."),
        (d("01-22"), "pull", "interests", "water cooler", "shared",
         "Maintains an open-source schema-registry client; release duty eats his weekends."),
        (d("02-05"), "push", "gaps", "1:1", "shared",
         "Only one of his three goals maps to the ladder; the staff expectations on mentoring are not covered. He chose "
         "to keep the talk and open-source goals this year.",
         "Revisit the ladder coverage of his goals", d("04-09")),
        (d("03-12"), "pull", "values", "1:1", "private",
         "Turned down a recruiter; says he would stay if the staff scope is real. Owning architecture matters more to "
         "him than money."),
        (d("04-09"), "push", "suggested goals", "1:1", "shared",
         "Revisited: suggested making mentoring explicit (e.g. Lucía's on-call readiness). He prefers to keep it "
         "informal; noted as his call."),
        (d("06-11"), "push", "observed strengths", "project discussion", "shared",
         "Notifications consumer: zero lost events; his game-day findings prevented two production bugs."),
        (d("07-16"), "push", "opportunities", "1:1", "shared",
         "His talk was accepted at the city data-engineering meetup (12 Nov)."),
        (d("10-01"), "pull", "self-assessment", "check-in", "shared",
         "After the all-hands dry run on 24 Sep: wants to cut the slides in half and lead with the failure stories."),
        (d("10-21"), "push", "career paths", "1:1", "shared",
         "Staff promotion case for 2027: design leadership is strong; the case needs evidence of growing others "
         "(Lucía's on-call readiness counts if written down)."),
        (d("12-10"), "push", "feedback", "1:1", "shared",
         "The forum slot is still not booked: my miss. Told him I will raise it with the platform director this week.",
         "Email the platform director about the forum slot", d("12-14")),
    ),
)

JUN = _Member(
    id="jun", name="Jun Watanabe", track=SE, level="2", ladder=SE_LADDER, started=d("01-15", 2024), weekday=4,
    motivations=("Came from a game studio; loves performance work. Wants to own a service end to end and be "
                 "recognised for quality. Quiet in large meetings."),
    skips=frozenset(), last_slot=20, plan_status="agreed",
    goals=(
        ("Ship smaller pull requests more often: good enough to review, not perfect before anyone sees it",
         "Write perfect code", 1, ("Code quality & craft", "Delivery & execution"),
         "Your quality bar is an asset; the cost is that reviews come late and big. Smaller, earlier pull requests "
         "keep the quality and cut the rework."),
        ("Own checkout latency: set a latency budget, add the dashboards and alerts, and bring p95 under target",
         "Become the performance expert", 2, ("Testing, operations & reliability",),
         "Yes, and make it ownership: a budget, alerts and the numbers, not just profiling sessions."),
        ("Make my work visible: demo finished work at the sprint review and write short design notes before building",
         "Talk more in meetings", 3, (),
         "Talking more is not the goal; being understood is. Demos and written notes play to your strengths."),
    ),
    okrs={
        "2026Q1": (
            _o("Get feedback earlier on my code", 1,
               "Polish each pull request before anyone sees it, so reviewers do not waste time.",
               "Reviewers' time is better spent early on direction than late on 900 lines. Draft pull requests and a "
               "300-line guideline are normal here.",
               "Checkout service latency work",
               _KR("Median pull request size under 300 changed lines across February and March (repo stats on "
                   "2026-03-31)", d("03-31"),
                   outcome="partly_met", note="Median 340 lines, down from 900 in Q4 2025.",
                   steps=("median 610", "median 420", "median 340")),
               _KR("Write better code reviews", d("03-31"),
                   outcome="partly_met",
                   note="No bar was set, so we cannot say. Replaced by a measurable KR in Q2.")),
        ),
        "2026Q2": (
            _o("Set a latency budget for checkout", 2,
               "Make checkout faster.",
               "A budget agreed with product turns 'faster' into a number everyone defends; alerts make it stick.",
               "Checkout service",
               _KR("Agree a p95 latency budget of 400 ms for checkout with the product manager and publish a dashboard "
                   "with alerts by 2026-05-15", d("05-15"),
                   support=(("Tomás Herrera", "review the alert thresholds", "done", d("05-08")),),
                   outcome="met", note="Budget agreed on 28 Apr; dashboard and alerts live on 12 May.",
                   steps=("budget proposed", "dashboard drafted")),
               _KR("Bring checkout p95 under 400 ms for 4 consecutive weeks by 2026-06-26", d("06-26"),
                   outcome="met", note="p95 at 360-380 ms for the last 5 weeks of the quarter.",
                   steps=("p95 at 520 ms", "cache fix shipped, 430 ms", "under 400 ms for 3 weeks"))),
            _o("Review others' code helpfully", 1,
               "Write better reviews.",
               "Make it checkable: count reviews with a concrete suggestion and sample a few with a senior.",
               "Team code reviews",
               _KR("Give 20 reviews between April and June where at least half include a concrete suggestion, checked "
                   "on a sample of 5 with Tomás by 2026-06-30", d("06-30"),
                   outcome="met", note="24 reviews; Tomás found 4 of 5 sampled ones specific and kind.",
                   steps=("8 reviews", "17 reviews"))),
        ),
        "2026Q3": (
            _o("Make my work visible", 3,
               "Speak up more at the sprint review.",
               "Show, don't talk: a short demo and a written note reach more people than speaking up.",
               "Sprint reviews and the checkout retry change",
               _KR("Demo the latency work at two sprint reviews (July and September) and ask the product manager for "
                   "one piece of feedback each time", d("09-25"),
                   outcome="met", note="Demos on 22 Jul and 23 Sep.",
                   steps=("July demo prepared", "July demo done", "September demo booked")),
               _KR("Write a one-page design note before starting the checkout retry change and get comments from 2 "
                   "engineers by 2026-08-14", d("08-14"),
                   outcome="met", note="Note reviewed by Tomás and Lucía on 12 Aug.",
                   steps=("note drafted",))),
            _o("Hold the budget through the freeze", 2,
               "Keep an eye on the dashboard.",
               "Check the alert routes before the freeze; during it, changes are slow, so prevention beats reaction.",
               "Checkout freeze (September)",
               _KR("Keep checkout p95 under 400 ms during the checkout freeze (2026-09-01 to 2026-09-30) with no "
                   "latency incident", d("09-30"),
                   outcome="not_met",
                   note="One incident on 17 Sep (p95 620 ms for three hours, a cache misconfiguration); Jun led the "
                        "post-mortem.",
                   steps=("alert routes checked", "incident on 17 Sep"))),
        ),
        "2026Q4": (
            _o("Lead a small design", 3,
               "Write the retry design.",
               "Author and present it at the design review yourself; Tomás reviews the draft, you run the meeting.",
               "Checkout retry change",
               _KR("Write and present the design for checkout retries at the team design review by 2026-11-13",
                   d("11-13"),
                   support=(("Tomás Herrera", "design review of the draft", "done", d("11-06")),),
                   steps=("draft outline",))),
            _o("Learn from the incident", 2,
               "Fix the cache config.",
               "Ship all the post-mortem actions, not only the obvious one.",
               "Checkout service",
               _KR("Ship the 3 post-mortem actions from the September incident by 2026-11-27", d("11-27"),
                   steps=("1 of 3 shipped",))),
        ),
    },
    specials={
        0: _Special("Annual review today. Asked Jun to draft up to three 2026 growth goals within two weeks.",
                    actions=(("Draft 2026 growth goals (at most three)", "employee", d("01-16"), True),)),
        1: _Special("Draft goals: 'write perfect code' reframed as smaller, earlier pull requests; latency ownership "
                    "agreed."),
        3: _Special("Unblock (15 min): a 900-line pull request sat for two weeks because he wanted it clean first.",
                    mode="unblock",
                    obstacles=(("perfectionism",
                                "Holds pull requests until they feel perfect; fears reviewers will judge unfinished "
                                "work."),),
                    trials=(_Trial("Open the next retry-logic pull request as a draft at about 150 lines and ask Tomás "
                                   "for early direction", d("02-27"), 4,
                                   "Tomás caught a wrong assumption on day one. Jun: 'that would have cost me a "
                                   "week'."),),
                    actions=(("Look at Jun's draft pull request within a day", "Tomás Herrera", d("02-26"), True),),
                    force={(1, 1): ("at_risk", "one huge PR open for two weeks")}),
        4: _Special("Debriefed the draft pull request: early feedback saved a week."),
        13: _Special("Unblock (12 min): sprint review demo on 22 Jul. Worried his English is not polished enough.",
                     mode="unblock",
                     obstacles=(("fear of presenting",
                                 "Worried that his spoken English will distract from the work in front of the product "
                                 "managers."),),
                     trials=(_Trial("Record a 3-minute walkthrough of the latency dashboard and watch it with the manager "
                                    "before the sprint review", d("07-20"), 14,
                                    "Watched it together on 20 Jul; the recording was clear. Demo on 22 Jul went "
                                    "well; the PM asked him to show it to the sales engineers."),),
                     actions=(("Record the walkthrough", "employee", d("07-17"), True),)),
        14: _Special("Debriefed the sprint review demo: clear and short."),
        19: _Special("Q3 closed (the freeze incident). Q4 OKRs set; Jun may need to travel to Osaka in November.",
                     actions=(("Send Jun the leave policy and line up cover for the retry design review", "manager",
                               d("10-09"), False),)),
    },
    notes=(
        (d("01-09"), "push", "feedback", "review", "shared",
         "Annual review: the highest code quality on the team. Growth: big pull requests slow reviews, and his work is "
         "not visible outside the team."),
        (d("01-09"), "pull", "self-assessment", "review", "shared",
         "He thinks reviews are slow because reviewers need time for big changes, not because the changes are big."),
        (d("02-13"), "pull", "history", "water cooler", "shared",
         "Worked four years on a game engine team; loves profiling and frame budgets."),
        (d("02-27"), "push", "observed strengths", "1:1", "shared",
         "His profiling skills map directly onto checkout latency; suggested he own a latency budget, like a frame "
         "budget."),
        (d("04-24"), "push", "learning", "1:1", "shared",
         "Suggested the internal reliability course on service level objectives."),
        (d("06-05"), "pull", "goals", "1:1", "shared",
         "Wants to own a service end to end within two years."),
        (d("07-24"), "push", "feedback", "check-in", "shared",
         "The sprint review demo on 22 Jul was clear and short; the product manager asked him to show it to the sales "
         "engineers."),
        (d("09-18"), "push", "observed strengths", "project discussion", "shared",
         "Led the post-mortem for the 17 Sep incident calmly and without blame."),
        (d("09-25"), "pull", "history", "1:1", "private",
         "His father's health is worse; he may need to travel to Osaka for several weeks in November.",
         "Send him the leave policy and check cover for the retry design", d("10-02")),
        (d("10-16"), "pull", "goals", "check-in", "shared",
         "For Q4 he wants the retry design to be his first design review as author."),
    ),
)

LUCIA = _Member(
    id="lucia", name="Lucía Fernández", track=SE, level="1", ladder=SE_LADDER, started=d("02-10", 2025), weekday=0,
    motivations=("Career changer: six years as a pharmacy technician, then a coding bootcamp. Wants solid fundamentals "
                 "and to join the on-call rotation; motivated by user-facing work."),
    skips=frozenset({17}), last_slot=24, plan_status="agreed",
    goals=(
        ("Join the on-call rotation as primary by Q3, able to handle common notification-service incidents with the "
         "runbooks",
         "Learn everything about our systems", 1, ("Testing, operations & reliability",),
         "'Everything' has no finish line. On-call gives you a reason to learn the systems that matter most, in "
         "order."),
        ("Ask for help earlier and learn in the open: pair with a teammate weekly and share what I learn at stand-up",
         "Write better code", 2, (),
         "Your code improves through review already. What slows you down most is staying stuck alone for days; "
         "let's work on that."),
    ),
    okrs={
        "2026Q1": (
            _o("Stop staying stuck alone", 2,
               "Ask when I am completely stuck.",
               "Use a timebox: after an hour of real effort, post the question with what you tried. At level 1 "
               "asking early is expected and saves the team time.",
               "Notification templates migration",
               _KR("Use a 60-minute timebox and post at least 2 questions a week in the team channel with what I tried, "
                   "from February to March (tracked in a weekly note)", d("03-31"),
                   outcome="partly_met", note="Hit the target in 6 of 8 weeks.",
                   steps=("1 question a week", "2 a week since the trial run")),
               _KR("Pair with Jun for one hour every week from February to March (8 sessions)", d("03-27"),
                   support=(("Jun Watanabe", "one hour of pairing a week", "done", d("03-27")),),
                   outcome="met", note="8 of 8 sessions.",
                   steps=("3 sessions", "6 sessions"))),
            _o("Learn the notification service's failure modes", 1,
               "Read the runbooks.",
               "Shadow real on-call weeks and write one incident timeline; reading alone will not stick.",
               "Notification service on-call",
               _KR("Shadow 2 on-call weeks and write up one incident timeline, reviewed by Tomás by 2026-03-27",
                   d("03-27"),
                   support=(("Tomás Herrera", "review the incident write-up", "done", d("03-27")),),
                   outcome="met", note="Timeline of the 9 Mar delay incident reviewed on 25 Mar.",
                   steps=("first shadow week", "second shadow week", "timeline drafted"))),
        ),
        "2026Q2": (
            _o("Get ready for primary on-call", 1,
               "Feel ready.",
               "Readiness can be shown: fix what confused you in the runbooks.",
               "Notification service on-call",
               _KR("Get more comfortable with on-call", d("06-30"),
                   outcome="partly_met",
                   note="She feels more comfortable, but we had no way to check. The Q3 KR says exactly what 'ready' "
                        "means."),
               _KR("Fix 3 stale runbook pages found during shadow shifts, reviewed by the on-call lead by 2026-06-19",
                   d("06-19"), outcome="met", note="4 pages fixed.",
                   steps=("1 page fixed", "3 pages in review"))),
            _o("Learn in the open", 2,
               "Share more.",
               "Pick a rhythm: every other stand-up, one thing learned, two minutes.",
               "Team stand-ups",
               _KR("Share one thing I learned at stand-up every other week from April to June (6 shares)", d("06-26"),
                   outcome="met", note="6 shares; two teammates asked follow-up questions.",
                   steps=("2 shares", "4 shares"))),
        ),
        "2026Q3": (
            _o("Take primary on-call", 1,
               "Do my on-call weeks.",
               "With a senior as secondary, resolve at least one alert yourself end to end.",
               "Notification service on-call",
               _KR("Complete 2 primary on-call weeks with Tomás as secondary by 2026-09-25 and resolve at least one "
                   "alert end to end with the runbook", d("09-25"),
                   support=(("Tomás Herrera", "be secondary on-call for both weeks", "done", d("09-25")),),
                   outcome="met", note="Two weeks done; resolved the delivery-delay alert on 15 Sep herself.",
                   steps=("weeks booked", "first week done", "second week done"))),
        ),
        "2026Q4": (
            _o("Be on call with a regular secondary", 1,
               "Do another on-call week.",
               "Write the follow-up actions for every page; that is what turns on-call into learning.",
               "Notification service on-call",
               _KR("Take a primary on-call week with a regular secondary and write the follow-up actions for every page "
                   "by 2026-12-11", d("12-11"),
                   steps=("week booked", "on-call week done"), trend="done")),
            _o("Help the next new joiner", 2,
               "Be friendly to the new person.",
               "Write down what you wished you had known, and have someone test it from a fresh laptop.",
               "January new hire onboarding",
               _KR("Write the notification-service setup guide for the January new hire and have it tested end to end "
                   "on a fresh laptop by 2026-12-18", d("12-18"),
                   support=(("Tomás Herrera", "test the setup guide from a fresh laptop", "committed", d("12-21")),),
                   steps=("outline", "guide drafted", "tester changed: Jun away"), trend="at_risk")),
        ),
    },
    specials={
        0: _Special("Annual review today. Asked Lucía to draft up to three 2026 growth goals within two weeks.",
                    actions=(("Draft 2026 growth goals (at most three)", "employee", d("01-16"), True),)),
        1: _Special("Draft goals: 'learn everything' focused on on-call; 'write better code' replaced by asking for "
                    "help earlier.",
                    actions=(("Ask Jun whether he would pair with Lucía weekly", "manager", d("01-23"), True),)),
        3: _Special("Unblock (15 min): spent three days on a failing template test before asking. 'Everyone is busy "
                    "and I should know this by now.'",
                    mode="unblock",
                    obstacles=(("asking for help",
                                "Feels asking questions exposes that she has no CS degree; stays stuck alone for "
                                "days."),),
                    trials=(_Trial("Post the next blocking question in the team channel after 60 minutes, with what she "
                                   "tried, and bring the thread to the next 1:1", d("02-27"), 4,
                                   "Got an answer from Jun in 12 minutes; two others said they had wondered the same "
                                   "thing."),),
                    force={(1, 1): ("at_risk", "three days stuck before asking")}),
        4: _Special("Debriefed the first timeboxed question: answered in 12 minutes."),
        14: _Special("Status pass: ready for primary on-call in September.",
                     actions=(("Add Lucía as primary on the September rotation", "Tomás Herrera", d("07-31"), True),)),
        24: _Special("Status pass: on-call week done; setup guide needs a new tester while Jun is away.",
                     actions=(("Send the setup guide to Tomás to test", "employee", d("12-11"), False),)),
    },
    notes=(
        (d("01-05"), "push", "feedback", "review", "shared",
         "Annual review (first year): strong work ethic, careful with customer data. Growth: stays stuck alone too "
         "long; ready to learn on-call."),
        (d("01-05"), "pull", "self-assessment", "review", "shared",
         "Believes she has to 'catch up' with people who have CS degrees and that questions expose it."),
        (d("01-22"), "pull", "history", "1:1", "private",
         "First in her family to work in tech; her younger brother is thinking about a bootcamp and she feels she has "
         "to prove it works."),
        (d("02-02"), "push", "mentors", "1:1", "shared",
         "Set up weekly pairing with Jun, who offered."),
        (d("03-02"), "push", "role skills", "check-in", "shared",
         "At level 1, asking after a reasonable attempt is an expectation of the role, not a weakness."),
        (d("04-15"), "pull", "interests", "water cooler", "shared",
         "Enjoys the customer side: reads support tickets about late notifications in her spare minutes."),
        (d("05-20"), "push", "work connections", "1:1", "shared",
         "Connected her support-ticket habit to the runbook fixes: she knows which failures customers actually feel."),
        (d("07-08"), "pull", "learning topics", "1:1", "shared",
         "Wants to learn how the message queue works under the hood before primary on-call."),
        (d("08-12"), "push", "learning", "1:1", "shared",
         "Suggested Tomás's streaming migration design doc and the game-day notes as reading for the queue."),
        (d("10-12"), "push", "observed strengths", "check-in", "shared",
         "First primary on-call weeks: resolved the delivery-delay alert with the runbook and wrote clean follow-ups."),
        (d("11-18"), "pull", "goals", "1:1", "shared",
         "Asked when Software Engineer II could be realistic. Walked through the gap: delivering a feature with little "
         "guidance."),
        (d("12-09"), "push", "career paths", "1:1", "shared",
         "Suggested a 2027 goal around owning one notification feature end to end: the clearest step towards SE II."),
    ),
)

TEAM: tuple[_Member, ...] = (PRIYA, AMARA, FARAH, TOMAS, JUN, LUCIA)

_OPENERS = ("Quick OKR pass", "Two-minute status check", "Status pass", "Short check on the OKRs", "OKR check")
_ON_TRACK = ("on schedule", "moving; nothing needed from me", "progressing", "on track after a busy week", "")
_AT_RISK = ("slipping: project work took the fortnight", "behind; agreed to cut scope",
            "at risk; next step agreed in the 1:1")
_BLOCKED = ("stuck on another team's priorities", "blocked; needs a conversation")


# --------------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------------
def _schedule(member: _Member) -> list[tuple[int, datetime.date]]:
    """The member's bi-weekly check-in dates: (slot, date), skipping holidays and personal leave."""
    out = []
    for slot in range(min(_SLOTS, member.last_slot + 1)):
        if slot in _TEAM_SKIPS or slot in member.skips:
            continue
        out.append((slot, _FIRST_MONDAY + datetime.timedelta(days=member.weekday + 14 * slot)))
    return out


def _trend(kr: _KR) -> str:
    if kr.trend:
        return kr.trend
    return {"met": "done", "partly_met": "at_risk", "carried_over": "at_risk", "not_met": "at_risk"}.get(
        kr.outcome or "", "on_track")


def _status(kr: _KR, i: int, n: int, day: datetime.date, rng: random.Random) -> _KRState:
    trend = _trend(kr)
    if trend == "done":
        near = day >= kr.target - datetime.timedelta(days=7)
        closed = kr.outcome is not None and i == n - 1
        return "done" if near or closed else "on_track"
    if trend == "at_risk":
        return "on_track" if i < 0.4 * n else "at_risk"
    if trend == "blocked":
        return "on_track" if i < 0.34 * n else ("at_risk" if i < 0.67 * n else "blocked")
    return "at_risk" if rng.random() < 0.12 else "on_track"


def _okr_models(member: _Member) -> list[QuarterOKRs]:
    out = []
    for quarter, objectives in member.okrs.items():
        objs = []
        for obj in objectives:
            krs = [KeyResult(text=kr.text, target_date=kr.target,
                             support=[Support(who=w, what=t, status="requested", due=due) for w, t, _, due in kr.support])
                   for kr in obj.krs]
            objs.append(Objective(text=obj.text, goal=obj.goal, understanding=obj.understanding,
                                  supplement=obj.supplement, aligned_work=obj.aligned_work, key_results=krs))
        out.append(QuarterOKRs(person=member.id, quarter=quarter, objectives=objs))
    return out


def _close_summary(member: _Member, quarter: str) -> str:
    prev = {"2026Q2": "2026Q1", "2026Q3": "2026Q2", "2026Q4": "2026Q3"}.get(quarter)
    n_objs, n_krs = len(member.okrs[quarter]), sum(len(o.krs) for o in member.okrs[quarter])
    new = (f"agreed {quarter} OKRs ({n_objs} objective{'s' * (n_objs > 1)}, "
           f"{n_krs} key result{'s' * (n_krs > 1)})")
    if prev is None:
        return f"Growth plan talked through; {new}."
    counts: dict[str, int] = {}
    for obj in member.okrs[prev]:
        for kr in obj.krs:
            counts[kr.outcome or "open"] = counts.get(kr.outcome or "open", 0) + 1
    closed = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    return f"Closed {prev} ({closed}); {new}."


def _check_ins(member: _Member, rng: random.Random) -> list[tuple[int, CheckIn, tuple[bool, ...]]]:
    """The member's check-ins in date order, each with the done-flags of its actions."""
    schedule = _schedule(member)
    tracked: dict[str, list[int]] = {}
    for slot, day in schedule:
        if slot >= _FIRST_TRACKED_SLOT:
            tracked.setdefault(quarter_of(day), []).append(slot)
    done_krs: set[tuple[str, int, int]] = set()
    last_note: dict[tuple[str, int, int], str] = {}
    out = []
    for slot, day in schedule:
        quarter = quarter_of(day)
        special = member.specials.get(slot, _Special())
        statuses: list[KRStatus] = []
        if slot >= _FIRST_TRACKED_SLOT:
            slots = tracked[quarter]
            i, n = slots.index(slot), len(slots)
            for oi, obj in enumerate(member.okrs[quarter], 1):
                for ki, kr in enumerate(obj.krs, 1):
                    key = (quarter, oi, ki)
                    if key in done_krs:
                        continue
                    status = _status(kr, i, n, day, rng)
                    note = ""
                    step = ""
                    if kr.steps:
                        step = kr.steps[min(len(kr.steps) - 1, i * len(kr.steps) // n)]
                        note = step if step != last_note.get(key) else ""
                        last_note[key] = step
                    if (oi, ki) in special.force:
                        status, note = special.force[(oi, ki)]
                    if status == "done":
                        done_krs.add(key)
                        note = kr.steps[-1] if kr.steps and step == kr.steps[-1] else "done"
                    elif not note and status == "at_risk":
                        note = rng.choice(_AT_RISK)
                    elif not note and status == "blocked":
                        note = rng.choice(_BLOCKED)
                    elif not note:
                        note = rng.choice(_ON_TRACK)
                    statuses.append(KRStatus(objective=oi, key_result=ki, status=status, note=note))
        summary = special.summary
        if not summary and slot >= _FIRST_TRACKED_SLOT and tracked[quarter][0] == slot:
            summary = _close_summary(member, quarter)
        if not summary:
            counts = {s: sum(1 for st in statuses if st.status == s) for s in ("on_track", "at_risk", "blocked", "done")}
            parts = [f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v]
            summary = f"{rng.choice(_OPENERS)}: {', '.join(parts) or 'nothing to track yet'}."
        actions = [Action(text=t, owner=owner, due=due) for t, owner, due, _ in special.actions]
        ci = CheckIn(person=member.id, date=day, mode=special.mode, key_results=statuses,
                     obstacles=[Obstacle(kind=k, text=t) for k, t in special.obstacles],
                     trial_runs=[TrialRun(text=tr.text, follow_up_on=tr.follow_up_on) for tr in special.trials],
                     actions=actions, summary=summary)
        out.append((slot, ci, tuple(done for *_, done in special.actions)))
    return out


def _notes(member: _Member) -> Iterable[Note]:
    for row in member.notes:
        day, direction, topic, setting, visibility, text, *rest = row
        follow_up, due = (rest + ["", None])[:2]
        yield Note(person=member.id, date=day, direction=direction, topic=topic, setting=setting,
                   visibility=visibility, text=text, follow_up=follow_up, follow_up_due=due)


def build_demo(store: Store) -> dict[str, int]:
    """Write the demo team into ``store`` in one transaction and return counts of what was written.

    Raises (and writes nothing) when a demo person id already exists in the store.
    """
    rng = random.Random(DEMO_SEED)
    counts = dict.fromkeys(("people", "growth_plans", "goals", "okr_quarters", "objectives", "key_results",
                            "support", "check_ins", "kr_statuses", "obstacles", "trial_runs", "actions", "notes",
                            "private_notes", "outcomes"), 0)
    with store.atomic():
        for m in TEAM:
            store.add_person(Person(id=m.id, name=m.name, track=m.track, level=m.level, ladder=m.ladder,
                                    manager=DEMO_MANAGER, motivations=m.motivations, started=m.started))
            counts["people"] += 1
            goals = [Goal(text=t, draft=draft, priority=p, competencies=list(c), feedback=fb)
                     for t, draft, p, c, fb in m.goals]
            store.save_plan(GrowthPlan(person=m.id, year=DEMO_YEAR, drafted_by="employee", status=m.plan_status,
                                       goals=goals), replace=False)
            counts["growth_plans"] += 1
            counts["goals"] += len(goals)
            for okrs in _okr_models(m):
                store.save_okrs(okrs)
                counts["okr_quarters"] += 1
                counts["objectives"] += len(okrs.objectives)
                counts["key_results"] += sum(len(o.key_results) for o in okrs.objectives)
                counts["support"] += sum(len(k.support) for o in okrs.objectives for k in o.key_results)

        # Check-ins in calendar order across the team, as they happened.
        planned = [(ci.date, m.id, slot, ci, done, m) for m in TEAM for slot, ci, done in _check_ins(m, rng)]
        for _day, _pid, slot, ci, done_flags, m in sorted(planned, key=lambda r: (r[0], r[1])):
            cid = store.add_check_in(ci)
            counts["check_ins"] += 1
            counts["kr_statuses"] += len(ci.key_results)
            counts["obstacles"] += len(ci.obstacles)
            counts["trial_runs"] += len(ci.trial_runs)
            counts["actions"] += len(ci.actions)
            if any(done_flags):
                saved = next(c for c in store.check_ins(m.id, quarter_of(ci.date)) if c.id == cid)
                for action, is_done in zip(saved.actions, done_flags, strict=True):
                    if is_done:
                        store.set_action_status(action.id, "done")  # type: ignore[arg-type]
            for earlier in m.specials.values():
                for tr in earlier.trials:
                    if tr.debrief_slot == slot:
                        store.update_trial_run(m.id, tr.text, "debriefed", tr.debrief)

        notes = sorted(((n.date, n.person, n) for m in TEAM for n in _notes(m)), key=lambda r: (r[0], r[1]))
        for _day, _pid, note in notes:
            store.add_note(note)
            counts["notes"] += 1
            counts["private_notes"] += note.visibility == "private"

        # Quarter close: outcomes for Q1-Q3 (Q4 is still running), then the support commitments' statuses.
        for m in TEAM:
            for quarter, objectives in m.okrs.items():
                for oi, obj in enumerate(objectives, 1):
                    for ki, kr in enumerate(obj.krs, 1):
                        if kr.outcome is not None:
                            store.set_outcome(m.id, quarter, oi, ki, kr.outcome, kr.note)
                            counts["outcomes"] += 1
            for quarter, objectives in m.okrs.items():
                saved_okrs = store.okrs(m.id, quarter)
                assert saved_okrs is not None
                for obj, saved_obj in zip(objectives, saved_okrs.objectives, strict=True):
                    for kr, saved_kr in zip(obj.krs, saved_obj.key_results, strict=True):
                        for (_, _, status, _), sup in zip(kr.support, saved_kr.support, strict=True):
                            if status != "requested":
                                store.set_support_status(sup.id, status)  # type: ignore[arg-type]
    return counts
