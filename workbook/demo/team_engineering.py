"""The demo's software engineers: Tomás, Jun and Lucía, a year each of notes, goals, OKRs and check-ins."""

from __future__ import annotations

from .cast import _KR, OVERDUE_SUPPORT, SE, SE_LADDER, _Member, _o, _Special, _Trial, d

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
