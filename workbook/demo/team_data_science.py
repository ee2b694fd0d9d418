"""The demo's data scientists: Priya, Amara and Farah, a year each of notes, goals, OKRs and check-ins."""

from __future__ import annotations

from .cast import _KR, DS, DS_LADDER, _Member, _o, _Special, _Trial, d

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
