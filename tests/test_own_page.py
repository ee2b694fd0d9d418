"""The report's page and the report's side in the manager's stages, driven in Python (widgets set, buttons clicked).

From an empty workbook with a brand-new person, with sparse data (goals but no OKRs), on the demo
organisation, and on PostgreSQL as the report and their manager, where the database decides what reaches
each page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import widget_values

from workbook.core import clock
from workbook.core.model import Goal, GrowthPlan, Person
from workbook.demo.org import build_demo_org
from workbook.exchange.importer import import_data
from workbook.forms.own_page import MyPage
from workbook.forms.report_side import GoalsSidePanel
from workbook.notebook import open_my_page
from workbook.stages import own_side
from workbook.stages.context import StageContext
from workbook.store import Store
from workbook.store.backend import parse_url

DAY = dt.date(2026, 12, 1)


def _page(store: Store, pid: str, quarter: str = "2026Q4") -> MyPage:
    return MyPage(store, pid, int(quarter[:4]), quarter, DAY)


def _html(page: MyPage) -> str:
    return widget_values(page.box)


def test_a_brand_new_person_gets_a_page_with_every_section_empty_and_can_draft(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim Lee"))
    page = _page(store, "kim")
    html = _html(page)
    assert "no growth goals for 2026 yet" in html and "no OKRs for 2026Q4 yet" in html
    assert "nothing shared with you yet" in html and "no motivations recorded yet" in html
    # no ladder yet: the page says what the report can do, not the manager's "set one to see ..."
    assert "ask your manager which one your role follows" in html and "set one to see" not in html
    goals = page.sections["goal"]
    goals.items[0][2]["text"].value = "Run the team's incident review twice"
    assert goals.save()
    assert "draft: only you see it" in goals.states[1].value and "not saved" in goals.states[2].value
    assert goals.save(share=True)
    assert "shared with your manager" in goals.states[1].value
    # objectives are not written yet: pre-work still has a place per objective the limit allows
    assert len(page.sections["prework"].items) == store.limits().max_objectives
    prep = page.sections["prep"]
    prep.items[0][2]["topics"].value = "Conference budget"
    assert prep.save(share=True)
    assert own_side.check_in_prep(store, "kim", "2026Q4", DAY).body["topics"] == "Conference budget"


def test_a_new_person_writes_about_their_career_and_their_manager_reads_it_where_it_informs(store: Store) -> None:
    """The pull topics in the report's own words: a draft reaches nobody; once shared, the manager's puzzle counts
    it as pulled (on the day shared, "[their page]"), "In their own words" lists it, the goals page's context
    holds it, and the pushes suggested from it say where it came from. No ladder: no way up to choose."""
    from workbook.render.conversation_log import puzzle_html
    from workbook.stages.conversation_log import puzzle_frame, suggest_pushes
    from workbook.stages.goals import goal_pulls_frame

    today = clock.today()
    store.add_person(Person(id="kim", name="Kim Lee"))
    page = _page(store, "kim")
    career = page.sections["career"]
    assert [label for _pos, label, _f in career.items] == [
        "Where you want your career to go", "What interests you", "What matters to you at work",
        "What you have done so far", "What you want to learn", "Your strengths, and what you want to get better at"]
    career.items[1][2]["text"].value = "Distributed tracing, and teaching what I learn"
    career.items[5][2]["text"].value = "I explain things well; I avoid conflict in reviews"
    assert career.save()
    assert own_side.career_words_frame(store, "kim", today).empty  # a draft is theirs alone
    assert puzzle_frame(store, "kim", today).set_index("topic").loc["interests", "state"] == "missing"
    assert career.save(share=True) and "shared with your manager" in career.states[2].value
    career.items[3][2]["text"].value = "Five years of support engineering before this"  # kept as a draft
    assert career.save()

    words = own_side.career_words_frame(store, "kim", today)
    assert words[["topic", "their words"]].values.tolist() == [
        ["interests", "Distributed tracing, and teaching what I learn"],
        ["self-assessment", "I explain things well; I avoid conflict in reviews"]]
    assert own_side.career_words_frame(store, "kim", today - dt.timedelta(days=1)).empty  # as of before they shared
    puzzle = puzzle_frame(store, "kim", today).set_index("topic")
    assert (puzzle.loc["interests", "state"], puzzle.loc["interests", "notes"]) == ("thin", 1)
    assert puzzle.loc["interests", "latest"] == "[their page] Distributed tracing, and teaching what I learn"
    assert puzzle.loc["history", "state"] == "missing"
    html = puzzle_html(store, "kim", today)
    assert "In their own words" in html and "I avoid conflict in reviews" in html and "support engineering" not in html
    strengths = suggest_pushes(store, "kim", today).query("basis == 'self-assessment'")
    assert strengths["reason"].str.startswith(f"their self-assessment, on their page on {today}").all()
    assert len(strengths) == 1
    from workbook.stages.people import person_card

    card = person_card(store, "kim").splitlines()
    assert f"  in their own words (their page): interests, self-assessment (last shared {today})" in card
    assert "  in the workbook: 3 items on their side" in card  # shared ones too: not "drafts"
    context = goal_pulls_frame(store, "kim", today)
    assert context[["topic", "setting"]].values.tolist() == [["interests", "their page"],
                                                             ["self-assessment", "their page"]]
    assert "way up" not in _html(_page(store, "kim")).lower() and len(career.items) == 6
    reopened = _page(store, "kim").sections["career"]
    assert reopened.items[3][2]["text"].value == "Five years of support engineering before this"
    assert "draft: only you see it" in reopened.states[4].value and "shared with your" in reopened.states[2].value


def test_the_way_up_they_choose_on_their_page_reaches_their_manager_to_record(store: Store, tmp_path) -> None:
    """Below a fork the page asks which way up they want; once shared, the manager's log asks to talk it through
    and record it (with the command), instead of the generic "walk them through both"; recorded, it goes quiet."""
    from test_ladder import FORK

    from workbook.stages.conversation_log import suggest_pushes

    today = clock.today()
    (tmp_path / "fork.csv").write_text(FORK, encoding="utf-8")
    store.add_person(Person(id="kim", name="Kim Lee", track="Eng", level="e2", ladder=str(tmp_path / "fork.csv")))
    forks = suggest_pushes(store, "kim", today).query("basis in ('ladder fork', 'their page')")
    assert forks["basis"].tolist() == ["ladder fork"]  # nothing chosen yet: walk them through both
    career = _page(store, "kim").sections["career"]
    pos, label, fields = career.items[-1]
    assert pos == 7 and label.startswith("The way up you want")
    way = fields["toward"]
    assert [k for _label, k in way.options] == ["", "e3-ic", "e3-m", "e4-ic", "e4-m", "e5"]
    way.value = "e4-m"
    assert career.save(share=True)
    assert own_side.way_up_wish(store, "kim").body == {"text": "Principal Engineer (Manager)", "toward": "e4-m"}
    wish = suggest_pushes(store, "kim", today).query("basis in ('ladder fork', 'their page')")
    assert wish["basis"].tolist() == ["their page"]
    assert wish.iloc[0]["suggestion"].startswith("They chose a way up on their page: Principal Engineer (Manager).")
    assert "no way up is recorded" in wish.iloc[0]["reason"]
    from workbook.stages.people import person_card

    assert (f"  way up they chose on their page: Principal Engineer (Manager) (e4-m), shared {today}; record it with "
            "`workbook person edit kim --toward e4-m`") in person_card(store, "kim").splitlines()
    assert "`workbook person edit kim --toward e4-m`" in wish.iloc[0]["reason"]
    store.edit_person("kim", toward="e3-ic")  # recorded otherwise: the page's choice still asks to talk
    assert "recorded for them is Staff Engineer (Individual Contributor)" in suggest_pushes(
        store, "kim", today).query("basis == 'their page'").iloc[0]["reason"]
    store.edit_person("kim", toward="e4-m")
    assert suggest_pushes(store, "kim", today).query("basis in ('ladder fork', 'their page')").empty
    assert "on their page" not in person_card(store, "kim")
    assert _page(store, "kim").sections["career"].items[-1][2]["toward"].value == "e4-m"
    store.edit_person("kim", level="e5", toward="")  # at the top: no way up to choose, and a stale wish is quiet
    assert len(_page(store, "kim").sections["career"].items) == 6
    assert suggest_pushes(store, "kim", today).query("basis in ('ladder fork', 'their page')").empty


def test_after_agreement_the_goal_slots_are_for_proposing_a_change(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim Lee"))
    assert "Drafting your growth goals for 2026" in _html(_page(store, "kim"))
    store.save_plan(GrowthPlan(person="kim", year=2026, status="agreed", goals=[Goal(text="Lead the on-call rota")]))
    html = _html(_page(store, "kim"))
    assert "Proposing a change to your 2026 growth goals" in html and "Drafting your growth goals" not in html


def test_in_december_the_page_turns_to_next_year_s_goals_and_back(store: Store) -> None:
    """Kim's 2026 goals are agreed: in December her page offered only "Proposing a change to your 2026 growth
    goals" and no way to draft 2027's. It now says the quarter ends and opens 2027Q1, where she drafts."""
    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_plan(GrowthPlan(person="kim", year=2026, status="agreed", goals=[Goal(text="Lead the on-call rota")]))
    turn = own_side.period_turn(store, "kim", "2026Q4", DAY)
    assert turn == own_side.Turn("2027Q1", "2026Q4 ends this month: you can start on your growth goals for 2027 and "
                                           "pre-work for 2027Q1 now.")
    in_app = _html(MyPage(store, "kim", 2026, "2026Q4", DAY, in_app=True))
    assert 'href="10_my_page.ipynb?person=kim&amp;period=2027Q1&amp;as_of=2026-12-01"' in in_app
    assert 'period = "2027Q1"' in _html(_page(store, "kim"))  # in JupyterLab: the parameter to set
    ahead = MyPage(store, "kim", 2027, "2027Q1", DAY, in_app=True)
    html = _html(ahead)
    assert "Drafting your growth goals for 2027" in html and "This page shows 2027Q1, ahead of today&#x27;s 2026Q4" in html
    assert "period=2026Q4" in html
    goals = ahead.sections["goal"]
    goals.items[0][2]["text"].value = "Speak at one conference in 2027"
    assert goals.save(share=True)
    assert [(d.period, d.state) for d in store.side_drafts("kim", "goal")] == [("2027", "shared")]
    # mid-quarter nothing turns; in September only the next quarter's pre-work; 2027 agreed: pre-work only
    assert own_side.period_turn(store, "kim", "2026Q4", dt.date(2026, 11, 30)) is None
    assert own_side.period_turn(store, "kim", "2026Q3", dt.date(2026, 9, 3)) == own_side.Turn(
        "2026Q4", "2026Q3 ends this month: you can start on pre-work for 2026Q4 now.")
    store.save_plan(GrowthPlan(person="kim", year=2027, status="agreed", goals=[Goal(text="Speak at a conference")]))
    assert own_side.period_turn(store, "kim", "2026Q4", DAY).sentence.endswith("start on pre-work for 2027Q1 now.")  # type: ignore[union-attr]


def test_a_new_person_s_page_opens_on_the_year_and_quarter_their_manager_s_pages_open_on(tmp_path) -> None:
    """In December a brand-new person's page opened on 2026's goals while their manager's goals page opened on
    2027 (nothing for 2026 yet: next year is the plan to make), so the drafts went to a year the manager never
    looked at. Both sides now ask period_to_open: goals on the manager's year, pre-work on the quarter of the
    manager's OKR page (next quarter's in a quarter's last month), check-ins on the day's quarter as the
    check-in page; this year's goals stay one link away, and a link's period is kept as asked."""
    from workbook.notebook import open_page

    db = str(tmp_path / "w.db")
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
    december = "2026-12-06"
    mine = open_my_page(person="kim", db=db, as_of=december)
    assert mine.year == open_page("goals", person="kim", db=db, as_of=december).ctx.year == 2027
    assert mine.okr_quarter == open_page("okrs", person="kim", db=db, as_of=december).ctx.quarter == "2027Q1"
    assert mine.quarter == open_page("checkin", person="kim", db=db, as_of=december).ctx.quarter == "2026Q4"
    html = _html(mine)
    assert "Drafting your growth goals for 2027" in html and "Pre-work for 2027Q1" in html
    assert 'period = "2026Q4"' in html  # the way back to this year's goals
    # late in September the manager's OKR page opens on 2026Q4: so does the pre-work; the goals stay on 2026
    september = "2026-09-10"
    early = open_my_page(person="kim", db=db, as_of=september)
    assert early.okr_quarter == open_page("okrs", person="kim", db=db, as_of=september).ctx.quarter == "2026Q4"
    assert early.year == open_page("goals", person="kim", db=db, as_of=september).ctx.year == 2026
    assert "Pre-work for 2026Q4" in _html(early) and "Drafting your growth goals for 2026" in _html(early)
    # from October, with no goals for this year, the manager asks for next year's: so does the page
    assert open_my_page(person="kim", db=db, as_of="2026-11-06").year == open_page(
        "goals", person="kim", db=db, as_of="2026-11-06").ctx.year == 2027
    # mid-quarter, before October, everything is the day's own, as before
    middle = open_my_page(person="kim", db=db, as_of="2026-08-06")
    assert (middle.year, middle.okr_quarter, middle.quarter) == (2026, "2026Q3", "2026Q3")
    assert "wb-turn" not in _html(middle)
    goals = mine.sections["goal"]
    goals.items[0][2]["text"].value = "Speak at one conference in 2027"
    assert goals.save(share=True)
    with Store(db) as store:  # what the manager's goals page shows of their side
        assert own_side.goals_side_frame(store, "kim", 2027)["their draft"].tolist() == ["Speak at one conference in 2027"]
    # a link's day or period it cannot read is said, and the other is kept (a helper: a bad period threw away a good
    # day, and the page said nothing of either)
    odd = open_my_page(person="kim", period="2026Q9", db=db, as_of="2026-08-06")
    assert (odd.as_of, odd.quarter) == (dt.date(2026, 8, 6), "2026Q3") and "showing 2026Q3 instead" in _html(odd)
    undated = open_my_page(person="kim", db=db, as_of="2026-13-01")
    assert undated.as_of == clock.today() and "showing today instead" in _html(undated)
    asked = open_my_page(person="kim", period="2026Q4", db=db, as_of=december)
    assert (asked.year, asked.okr_quarter, asked.quarter) == (2026, "2026Q4", "2026Q4")
    assert "Drafting your growth goals for 2026" in _html(asked) and 'period = "2027Q1"' in _html(asked)


def test_an_empty_section_saves_nothing_and_says_so(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim Lee"))
    page = _page(store, "kim")
    assert page.sections["trial"].save() is False
    assert "write something first" in page.sections["trial"].message.value
    assert store.side_drafts("kim") == []


def test_saving_a_new_goal_beside_shared_ones_leaves_those_shared(store: Store) -> None:
    """Save draft used to save every filled slot again: a goal already shared became a draft "changed since you
    shared it" with the same words, and its manager's view said so too. Only what changed is saved now."""
    store.add_person(Person(id="kim", name="Kim Lee"))
    goals = _page(store, "kim").sections["goal"]
    goals.items[0][2]["text"].value = "Run the incident review"
    goals.items[1][2]["text"].value = "Give one internal talk"
    assert goals.save(share=True)
    goals.items[2][2]["text"].value = "Still thinking about this one"
    assert goals.save() and "saved as a draft only you see: Goal 3" in goals.message.value
    assert ["shared with your manager" in goals.states[n].value for n in (1, 2)] == [True, True]
    assert "draft: only you see it" in goals.states[3].value
    assert [(d.position, d.state) for d in store.side_drafts("kim", "goal")] == [(1, "shared"), (2, "shared"), (3, "draft")]
    assert not goals.save() and "nothing changed since you last saved" in goals.message.value
    assert goals.save(share=True) and "shared with your manager: Goal 3<" in goals.message.value  # only the new one
    goals.items[0][2]["text"].value = "Run the incident review, and write it up"
    assert goals.save() and "changed since you shared it" in goals.states[1].value
    assert goals.save(share=True) and "shared with your manager: Goal 1" in goals.message.value


def test_a_goal_left_blank_between_two_leaves_no_hole_and_every_side_numbers_them_alike(tmp_path) -> None:
    """Kim, new, wrote goals 1 and 3 and left 2 blank: the manager's panel said "Their goal 3", the plan form
    "Goal 2"; the form saved the feedback on it as goal 2's while the panel kept it on 3, and feedback given on
    3 never reached the plan's goal 2. Her third box is saved as goal 2 and shows there on her page now."""
    from workbook.forms.goals import GoalsForm

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        goals = _page(store, "kim").sections["goal"]
        goals.items[0][2]["text"].value = "Run the incident review"
        goals.items[2][2]["text"].value = "Give one internal talk"
        assert goals.save(share=True) and "shared with your manager: Goal 1, Goal 2<" in goals.message.value
        assert [goals.items[n][2]["text"].value for n in range(3)] == ["Run the incident review",
                                                                       "Give one internal talk", ""]
        assert "shared with your manager" in goals.states[2].value and "not saved" in goals.states[3].value
        assert not goals.save(share=True)  # nothing left to save twice
        assert [(d.position, d.text) for d in store.side_drafts("kim", "goal", 2026, state="shared")] == [
            (1, "Run the incident review"), (2, "Give one internal talk")]
        ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
        panel = GoalsSidePanel(ctx)
        assert "<b>Their goal 2:</b> Give one internal talk" in panel.box.children[2].children[0].value
        panel.feedback[2].value = "Which team, and by when?"
        assert panel.save()
        form = GoalsForm(store, "kim", 2026)
        assert [(r.draft.value, r.feedback.value) for r in form.rows] == [
            ("Run the incident review", ""), ("Give one internal talk", "Which team, and by when?")]
        assert "Goal 2" in form.rows[1].header.value and form.save()
        assert store.feedback_drafts("kim", 2026) == {2: "Which team, and by when?"}
        assert GoalsSidePanel(ctx).save(give=True)
        assert [g.feedback for g in store.plan("kim", 2026).goals] == ["", "Which team, and by when?"]
        assert own_side.shared_with_me_frame(store, "kim")["what"].tolist() == ["feedback on your 2026 goal draft 2"]
        # her page opened again shows them where they are; a third goal takes the free third place
        goals = _page(store, "kim").sections["goal"]
        assert [goals.items[n][2]["text"].value for n in range(3)] == ["Run the incident review",
                                                                       "Give one internal talk", ""]
        goals.items[2][2]["text"].value = "Pair with the SRE team"
        assert goals.save() and [d.position for d in store.side_drafts("kim", "goal", 2026, state="draft")] == [3]


def test_a_rule_breaking_save_writes_nothing_and_shows_one_line(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim Lee"))
    page = _page(store, "kim")
    goals = page.sections["goal"]
    goals.items[0][2]["text"].value = "fine"
    goals.items[1][2]["text"].value = "x" * 30_000
    assert goals.save() is False
    assert "nothing was saved" in goals.message.value and store.side_drafts("kim") == []


def test_the_demo_org_page_shows_what_is_agreed_and_shared_beside_the_ladder(tmp_path) -> None:
    with Store(tmp_path / "w.db") as store:
        build_demo_org(store)
        html = _html(_page(store, "noor"))
    assert "Own the payments retry service end to end" in html  # agreed goals
    assert "Take over the retry service" in html  # this quarter's OKRs
    assert "Suggested Tomás as a mentor" in html  # shared with her
    assert "Worried that on call" not in html  # a private note: never
    assert "Wants to own a service end to end" in html  # her motivations beside the goal drafts
    assert "The ladder&#x27;s next level" in html or "The ladder's next level" in html


def kim_shares_a_goal_draft(store: Store, text: str = "Lead the on-call rota") -> None:
    """Kim, a new report, drafts goal 1 for 2026 and shares it with her manager."""
    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_draft("kim", "goal", 2026, 1, {"text": text})
    store.share_draft("kim", "goal", 2026, 1)


def test_the_manager_sees_shared_drafts_gives_feedback_and_agrees(tmp_path) -> None:
    with Store(tmp_path / "w.db") as store:
        kim_shares_a_goal_draft(store)
        store.save_draft("kim", "goal", 2026, 2, {"text": "not shared yet"})
        ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
        panel = GoalsSidePanel(ctx)
        assert list(panel.feedback) == [1]  # only what was shared
        panel.feedback[1].value = "Name the service you will lead it for"
        assert panel.save()
        assert own_side.goals_side_frame(store, "kim", 2026)["feedback status"].tolist() == ["draft (not given)"]
        assert panel.agree()
        plan = store.plan("kim", 2026)
        assert plan.status == "agreed" and [(g.text, g.draft, g.feedback) for g in plan.goals] == [
            ("Lead the on-call rota", "Lead the on-call rota", "Name the service you will lead it for")]
        frame = own_side.goals_side_frame(store, "kim", 2026)
        assert frame["feedback status"].tolist() == ["given"] and frame["agreed"].tolist() == ["Lead the on-call rota"]


def test_feedback_written_before_the_draft_was_shared_again_says_so_on_both_sides(tmp_path) -> None:
    import sqlite3

    with Store(tmp_path / "w.db") as store:
        kim_shares_a_goal_draft(store)
        store.save_draft("kim", "feedback", 2026, 1, {"text": "Name the service you will lead it for"})
        store.give_feedback("kim", 2026, 1)
        assert own_side.goals_side_frame(store, "kim", 2026)["feedback status"].tolist() == ["given"]
        assert own_side.shared_with_me_frame(store, "kim")["what"].tolist() == ["feedback on your 2026 goal draft 1"]
        with sqlite3.connect(store.path) as conn:  # the feedback was given a minute before she rewrote her draft
            conn.execute("UPDATE side_drafts SET updated_at = '2026-11-30T09:00:00+00:00' WHERE kind = 'feedback'")
        store.save_draft("kim", "goal", 2026, 1, {"text": "Lead the on-call rota for the payments service"})
        store.share_draft("kim", "goal", 2026, 1)
        frame = own_side.goals_side_frame(store, "kim", 2026)
        assert frame["feedback status"].tolist() == ["given; their draft changed since"]
        assert frame["their draft"].tolist() == ["Lead the on-call rota for the payments service"]
        assert own_side.shared_with_me_frame(store, "kim")["what"].tolist() == [
            "feedback on your 2026 goal draft 1 (given on an earlier version of it)"]
        ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
        shown = GoalsSidePanel(ctx).box.children[1].children[0].value  # the manager's panel, above the feedback box
        assert "payments service" in shown and "(their draft changed since your feedback)" in shown
        store.save_draft("kim", "feedback", 2026, 1, {"text": "Good: now say by when"})  # newer than her draft
        assert own_side.goals_side_frame(store, "kim", 2026)["feedback status"].tolist() == ["draft (not given)"]


def test_the_plan_form_below_the_panel_reloads_after_giving_or_agreeing(tmp_path) -> None:
    from workbook.forms.page import StagePage

    with Store(tmp_path / "w.db") as store:
        kim_shares_a_goal_draft(store)
        ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
        page = StagePage("goals", ctx, store)
        panel = GoalsSidePanel(page.ctx, page)
        assert page.form is not None and page.form.rows[0].draft.value == "Lead the on-call rota"  # no plan yet: their
        assert page.form.rows[0].text.value == "" and store.plan("kim", 2026) is None   # shared draft, nothing saved
        shown = page.form_area.children[0]
        panel.feedback[1].value = "Name the service"
        assert panel.save(give=True)
        assert panel.agree()
        form = page.form
        assert form.plan_status.value == "agreed" and form.rows[0].draft.value == "Lead the on-call rota"
        assert form.rows[0].feedback.value == "Name the service" and form.rows[0].given == "Name the service"
        assert page.form_area.children[0] is not shown  # the new form is the one on the page
        # feedback drafted in the form shows in the panel above once the form saves
        form.rows[0].feedback.value = "Name the service and the month"
        assert form.save()
        assert panel.feedback[1].value == "Name the service and the month"
        assert store.plan("kim", 2026).goals[0].feedback == "Name the service"


def test_the_panel_says_the_goals_are_agreed_once_they_are_not_that_nothing_is_there_yet(store: Store) -> None:
    """A plan written with Kim in the form and agreed left the panel above it saying "Nothing to give feedback on
    yet: Kim drafts their goals on their own page ..." as if nothing had happened."""
    store.add_person(Person(id="kim", name="Kim Lee"))
    ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
    assert "Nothing to give feedback on yet" in widget_values(GoalsSidePanel(ctx).box)
    store.save_plan(GrowthPlan(person="kim", year=2026, status="agreed", goals=[Goal(text="Lead the on-call rota")]))
    shown = widget_values(GoalsSidePanel(ctx).box)
    assert "Nothing to give feedback on yet" not in shown
    assert "The 2026 goals are agreed" in shown and "Should Kim Lee propose a change on their own page" in shown


def test_agreeing_with_nothing_shared_is_refused_with_one_line(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim Lee"))
    ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
    panel = GoalsSidePanel(ctx)
    assert panel.agree() is False and "shared no growth-goal drafts" in panel.message.value
    assert store.plan("kim", 2026) is None


# -- on PostgreSQL: the report's own page, and the refusals --------------------------------------------------------


@pytest.fixture
def org_users(pg_url):
    users = {}
    with Store(pg_url) as s:
        build_demo_org(s)
        for name, person in (("noor", "noor"), ("kofi", "kofi"), ("priya", "priya")):
            u = s.add_user(name, person=person)
            users[name] = parse_url(u.url).set(password=u.password).render_as_string(hide_password=False)
    return users


def test_the_page_names_the_manager_on_sqlite(tmp_path) -> None:
    with Store(tmp_path / "w.db") as store:
        build_demo_org(store)
        html = _html(_page(store, "noor"))
        store.add_person(Person(id="kim", name="Kim Lee"))  # nobody's report: no manager line
        alone = _html(_page(store, "kim"))
    assert "your manager: <b class='wb-my-manager'>Kofi Mensah</b>" in html
    assert "your manager:" not in alone


def test_on_the_organisation_the_report_s_page_names_their_manager_and_reads_nothing_else_of_them(
        org_users, pg_url) -> None:
    """The report may not read their manager's person row; the database gives the name alone (wb_manager_name),
    for a person they may read and their manager of now: never another's manager, never for another role."""
    import sqlalchemy as sa

    page = open_my_page(db=org_users["noor"])
    html = _html(page)
    assert "your manager: <b class='wb-my-manager'>Kofi Mensah</b>" in html
    with Store(org_users["noor"]) as noor:
        me = noor.person("noor")
        assert noor.manager_label(me) == "Kofi Mensah"
        assert [p.id for p in noor.people()] == ["noor"]  # the manager's row stays out of reach
        assert noor.manager_label(me.model_copy(update={"manager": "sam"})) == "sam"  # not her manager (now)
        with noor.engine.connect() as conn:
            ask = "SELECT wb_manager_name(CAST(:r AS name), :pid, :mid)"
            mine = conn.execute(sa.text("SELECT current_user")).scalar()
            assert conn.execute(sa.text(ask), {"r": mine, "pid": "priya", "mid": "maya"}).scalar() is None
    with Store(pg_url) as owner, owner.engine.connect() as conn:
        kofi_role = conn.execute(sa.text("SELECT role FROM users WHERE person_id = 'kofi'")).scalar()
    with Store(org_users["noor"]) as noor, noor.engine.connect() as conn:  # asking as another role: nothing
        assert conn.execute(sa.text("SELECT wb_manager_name(CAST(:r AS name), 'noor', 'kofi')"),
                            {"r": kofi_role}).scalar() is None
    with Store(org_users["kofi"]) as kofi:  # a manager reads their own manager's name the same way
        assert kofi.manager_label(kofi.person("kofi")) == "Sam Rivera"


def test_on_the_organisation_the_page_is_always_the_user_s_own(org_users, monkeypatch) -> None:
    page = open_my_page(db=org_users["noor"])
    assert page.person_id == "noor" and "Noor Aziz" in _html(page)
    other = open_my_page(person="priya", db=org_users["noor"])
    assert other.person_id == "noor" and other.sections == {}
    assert "not yours to open" in _html(other) and "Priya" not in _html(other)
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5")
    monkeypatch.setenv("QUERY_STRING", "person=priya")
    assert "not yours to open" in _html(open_my_page(db=org_users["noor"]))


def test_the_two_sides_on_the_organisation(org_users) -> None:
    with Store(org_users["noor"]) as noor:
        page = _page(noor, "noor", "2027Q1")
        goals = page.sections["goal"]
        goals.items[0][2]["text"].value = "Own the retry service's on-call rota"
        goals.items[1][2]["text"].value = "Give one internal talk"
        goals.save(share=True)
        goals.items[2][2]["text"].value = "Still thinking about this one"
        goals.save()
    with Store(org_users["kofi"]) as kofi:
        ctx = StageContext(store=kofi, person=kofi.person("noor"), quarter="2026Q4", year=2027, as_of=DAY,
                           db=kofi.db)
        frame = own_side.goals_side_frame(kofi, "noor", 2027)
        assert frame["their draft"].tolist() == ["Own the retry service's on-call rota", "Give one internal talk"]
        panel = GoalsSidePanel(ctx)
        panel.feedback[2].value = "Which audience?"
        panel.save()
    with Store(org_users["noor"]) as noor:
        assert own_side.shared_with_me_frame(noor, "noor")["text"].tolist() == [
            "Suggested Tomás as a mentor for service ownership"]  # the draft feedback: not yet
    with Store(org_users["kofi"]) as kofi:
        ctx = StageContext(store=kofi, person=kofi.person("noor"), quarter="2026Q4", year=2027, as_of=DAY, db=kofi.db)
        assert GoalsSidePanel(ctx).agree()
    with Store(org_users["noor"]) as noor:
        assert "Which audience?" in own_side.shared_with_me_frame(noor, "noor")["text"].tolist()
        agreed = own_side.agreed_goals_frame(noor, "noor", 2027)
        assert agreed["goal"].tolist() == ["Own the retry service's on-call rota", "Give one internal talk"]
    with Store(org_users["priya"]) as priya:
        assert priya.side_drafts("noor") == [] and own_side.goals_side_frame(priya, "noor", 2027).empty


def test_career_words_on_the_organisation_reach_the_manager_once_shared_and_nobody_else(org_users) -> None:
    from workbook.stages.conversation_log import puzzle_frame

    today = clock.today()
    with Store(org_users["noor"]) as noor:
        career = _page(noor, "noor", "2027Q1").sections["career"]
        career.items[2][2]["text"].value = "Noor-values-SHARED: a team that writes things down"
        career.save(share=True)
        career.items[4][2]["text"].value = "Noor-learning-DRAFT: maybe product management"
        career.save()
    with Store(org_users["kofi"]) as kofi:
        assert own_side.career_words_frame(kofi, "noor", today)["their words"].tolist() == [
            "Noor-values-SHARED: a team that writes things down"]
        latest = puzzle_frame(kofi, "noor", today).set_index("topic")["latest"]
        assert latest["values"] == "[their page] Noor-values-SHARED: a team that writes things down"
        assert "DRAFT" not in " ".join(latest)
    with Store(org_users["priya"]) as priya:
        assert priya.side_drafts("noor", "career") == []


def test_goal_edit_feedback_on_the_command_line_is_given_and_the_report_reads_the_same(tmp_path, cli) -> None:
    db = tmp_path / "w.db"
    with Store(db) as store:
        kim_shares_a_goal_draft(store)
        store.save_draft("kim", "feedback", 2026, 1, {"text": "first thoughts"})
        store.give_feedback("kim", 2026, 1)  # no plan yet: given on her draft only
        import_data(store, {"growth_plans": [{"person": "kim", "year": 2026, "status": "agreed",
                                              "goals": [{"text": "Lead the on-call rota", "feedback": "first thoughts"}]}]})
        store.save_draft("kim", "feedback", 2026, 1, {"text": "an unsent draft"})
    done = cli("goal", "edit", "kim", "2026", "1", "--feedback", "Name the service you will lead it for", db=db)
    assert done.returncode == 0 and "feedback=(given)" in done.stdout, done.stderr
    with Store(db) as store:
        assert store.plan("kim", 2026).goals[0].feedback == "Name the service you will lead it for"
        assert [(d.state, d.text) for d in store.side_drafts("kim", "feedback")] == [
            ("shared", "Name the service you will lead it for")]  # what her page shows; the unsent draft is gone
        assert "Name the service you will lead it for" in own_side.shared_with_me_frame(store, "kim")["text"].tolist()
    withdrawn = cli("goal", "edit", "kim", "2026", "1", "--feedback", "", db=db)
    assert withdrawn.returncode == 0 and "feedback=(withdrawn)" in withdrawn.stdout, withdrawn.stderr
    with Store(db) as store:
        assert store.plan("kim", 2026).goals[0].feedback == "" and store.side_drafts("kim", "feedback") == []
    missing = cli("goal", "edit", "kim", "2026", "3", "--feedback", "x", db=db)
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    with Store(db) as store:
        assert store.side_drafts("kim", "feedback") == []  # nothing half-written for a goal that is not there


def test_the_report_reads_the_one_to_one_s_obstacles_and_trial_runs_on_their_page(store: Store) -> None:
    """The obstacle and trial run typed under "private to the 1:1: you and them" never reached the report's page,
    nor the status notes the summary prints: a report could not see the trial run they were to debrief (found by a
    helper in the app). The manager's own summary of the check-in stays theirs. A brand-new person, no goals."""
    from workbook.core.model import CheckIn, KRStatus, Obstacle, QuarterOKRs, TrialRun

    store.add_person(Person(id="eli", name="Eli Nour"))
    page = _html(_page(store, "eli"))
    assert "no check-ins this quarter yet" in page
    store.save_okrs(QuarterOKRs(person="eli", quarter="2026Q4", objectives=[
        {"text": "Own the rota", "key_results": [{"text": "Rota live for 4 teams by 2026-12-20"}]}]))
    store.add_check_in(CheckIn(person="eli", date=dt.date(2026, 11, 20), mode="unblock",
                               key_results=[KRStatus(objective=1, key_result=1, status="at_risk", note="waiting on ops")],
                               obstacles=[Obstacle(text="I am too junior to ask ops")],
                               trial_runs=[TrialRun(text="Draft the ask to ops")], summary="MANAGER-ONLY-SUMMARY"))
    trail = own_side.check_in_trail_frame(store, "eli", "2026Q4")
    assert trail.to_dict("records") == [{"date": "2026-11-20", "kind": "unblocking (10-15 min)",
                                         "key results": "1.1 at risk: waiting on ops",
                                         "obstacles": "I am too junior to ask ops",
                                         "trial runs": "Draft the ask to ops (to try)"}]
    page = _html(_page(store, "eli"))
    assert "Draft the ask to ops (to try)" in page and "MANAGER-ONLY-SUMMARY" not in page
    store.add_check_in(CheckIn(person="eli", date=dt.date(2026, 12, 4), mode="unblock",
                               obstacles=[Obstacle(text="Ops said no")]))  # about an obstacle, no key result
    assert own_side.check_in_trail_frame(store, "eli", "2026Q4")["key results"].tolist()[-1] == "none discussed"


def test_on_the_organisation_the_report_reads_the_one_to_one_and_not_the_manager_s_summary(org_users) -> None:
    from workbook.core.model import CheckIn, Obstacle, TrialRun

    with Store(org_users["kofi"]) as kofi:
        kofi.add_check_in(CheckIn(person="noor", date=dt.date(2026, 11, 20), obstacles=[Obstacle(text="OBST-PEAR")],
                                  trial_runs=[TrialRun(text="TRIAL-PLUM")], summary="SUMMARY-KIWI"))
    with Store(org_users["noor"]) as noor:
        trail = own_side.check_in_trail_frame(noor, "noor", "2026Q4")
        assert "OBST-PEAR" in trail["obstacles"].tolist() and "TRIAL-PLUM (to try)" in trail["trial runs"].tolist()
        assert "SUMMARY-KIWI" not in trail.to_string()
    with Store(org_users["priya"]) as priya:  # another manager: nothing of Noor's
        assert own_side.check_in_trail_frame(priya, "noor", "2026Q4").empty


def test_the_report_s_open_next_steps_say_you_and_name_their_manager_not_employee(store: Store) -> None:
    """A new report's page listed the next step agreed at their first check-in as owned by "employee" (the stored
    word; found by a helper walking an organisation as a new HR administrator): on their own page they are "you",
    their manager is named, and an owner typed in stays as typed."""
    from workbook.core.model import Action

    build_demo_org(store)
    store.add_person(Person(id="eli", name="Eli Nour", manager="kofi"))
    for owner, text in (("employee", "Draft a pitch"), ("manager", "Ask ops for time"), ("Sam Rivera", "Intro")):
        store.add_action(Action(person="eli", text=text, owner=owner, due=dt.date(2026, 12, 15)))
    steps = own_side.next_steps_frame(store, "eli", "2026Q4", DAY)
    assert dict(zip(steps["what"], steps["who"], strict=True)) == {
        "Draft a pitch": "you", "Ask ops for time": "Kofi Mensah", "Intro": "Sam Rivera"}
    assert "employee" not in _html(_page(store, "eli"))


def test_on_the_organisation_the_report_s_next_steps_name_their_manager(org_users) -> None:
    from workbook.core.model import Action

    with Store(org_users["kofi"]) as kofi:
        kofi.add_action(Action(person="noor", text="ACT-FIG", owner="employee"))
        kofi.add_action(Action(person="noor", text="ACT-LIME", owner="manager"))
    with Store(org_users["noor"]) as noor:
        steps = own_side.next_steps_frame(noor, "noor", "2026Q4", DAY)
    who = dict(zip(steps["what"], steps["who"], strict=True))
    assert who["ACT-FIG"] == "you" and who["ACT-LIME"] == "Kofi Mensah"


def test_on_the_organisation_the_report_s_people_list_names_their_manager(org_users, cli) -> None:
    """`workbook people` as a report showed their manager's id ("kofi") where the owner, HR and their manager see
    "Kofi Mensah": the report does not read the manager's row, and the list did not ask wb_manager_name (revision
    0016) as their page does."""
    shown = cli("people", "--db", org_users["noor"])
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[1].split()[-2:] == ["Kofi", "Mensah"], shown.stdout
    with Store(org_users["noor"]) as noor:
        assert noor.people_frame()["manager"].tolist() == ["Kofi Mensah"]
        assert noor.people_frame()["manager_id"].tolist() == ["kofi"]


def test_an_open_step_past_its_due_date_says_overdue_on_the_report_s_page(store: Store) -> None:
    """A new report's page listed a next step due a week before the page's day as "open", nothing more, where
    their manager's check-in page says "overdue" beside it; support promised and past its date likewise."""
    from workbook.core.model import Action, KeyResult, Objective, QuarterOKRs, Support

    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_okrs(QuarterOKRs(person="kim", quarter="2026Q4", objectives=[
        Objective(text="Ship the churn model", key_results=[KeyResult(text="Ship it by 2026-12-20")])]))
    store.add_action(Action(person="kim", text="LATE-STEP", due=DAY - dt.timedelta(days=7)))
    store.add_action(Action(person="kim", text="LATER-STEP", due=DAY + dt.timedelta(days=7)))
    store.add_action(Action(person="kim", text="UNDATED-STEP"))
    store.add_action(Action(person="kim", text="DONE-STEP", due=DAY - dt.timedelta(days=7), status="done"))
    store.add_support("kim", "2026Q4", 1, 1, Support(who="tech lead", what="LATE-HELP", due=DAY - dt.timedelta(days=1),
                                                   requested_on=DAY - dt.timedelta(days=20)))  # asked before its due day
    steps = own_side.next_steps_frame(store, "kim", "2026Q4", DAY)
    assert dict(zip(steps["what"], steps["late"], strict=True)) == {
        "LATE-STEP": "overdue", "LATER-STEP": "", "UNDATED-STEP": "", "LATE-HELP": "overdue"}
    html = _html(_page(store, "kim"))
    row = html[html.index("LATE-STEP"):]
    assert "overdue" in row[:row.index("</tr>")]
    assert "overdue" not in (row := html[html.index("LATER-STEP"):])[:row.index("</tr>")]


def test_the_line_for_no_okrs_names_the_quarter_the_pre_work_below_is_for(tmp_path) -> None:
    """In December Kim's page said "no OKRs for 2026Q4 yet ... what each objective means to you goes under
    'Pre-work' below", while the pre-work below was for 2027Q1 (in a quarter's last month it moves to the next
    quarter, as the manager's OKR page does; found by a helper walking an organisation as a report). The line now
    names the quarter the pre-work is for; mid-quarter both are the day's quarter."""
    db = str(tmp_path / "w.db")
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
    december = _html(open_my_page(person="kim", db=db, as_of="2026-12-06"))
    assert "Pre-work for 2027Q1" in december and "no OKRs for 2026Q4 yet" in december
    assert ("what each of 2027Q1&#x27;s objectives means to you goes under &#x27;Pre-work for 2027Q1&#x27; below"
            in december), december
    november = _html(open_my_page(person="kim", db=db, as_of="2026-11-16"))
    assert "what each objective means to you goes under &#x27;Pre-work for 2026Q4&#x27; below" in november
