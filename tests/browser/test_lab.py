"""JupyterLab end to end: open a stage notebook, Run All Cells, use its form as a manager would, check the workbook."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbook.core.model import CheckIn, GrowthPlan, Person, QuarterOKRs
from workbook.store import Store
from workbook.workspace import prepare_workspace, set_notebook_parameters

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OKR_NOTEBOOK = "03_quarterly_okrs.ipynb"
CHECK_IN_NOTEBOOK = "04_check_in.ipynb"
OBJECTIVE = "Lead the design of the next churn model"
MEASURABLE_KR = (
    "Write a model design document using the template and get a detailed review from the tech lead "
    "by 2026-12-04"
)
VAGUE_KR = "Improve communication with partners"


def open_and_run(lab, page, ui, name: str, test: str):  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    ui.open_in_lab(lab, page, name)
    ui.run_all_cells(page)
    form = ui.wait_for_form(page, ".wb-form")
    ui.record_timing(test, "open + run all + render", time.monotonic() - t0)
    return form


def test_widget_frontend_renders_a_form(lab, workbook, page, ui, keep_screenshot, request):
    """The smallest form (tests/browser/tiny.ipynb): tells a broken widget frontend apart from a broken form."""
    form = open_and_run(lab, page, ui, "tiny.ipynb", request.node.name)
    page.locator(".wb-objective-text :is(input, textarea)").fill("hello from the browser")
    expect(page.locator(".wb-kr-feedback")).to_contain_text("22 characters")
    page.locator(".wb-save").click()
    expect(page.locator(".wb-status")).to_contain_text("Saved.")
    keep_screenshot(page, "lab-tiny", form)
    ui.assert_no_stderr(page)
    with sqlite3.connect(workbook.notebooks.parent / "tiny.db") as con:
        assert con.execute("SELECT text FROM saved").fetchall() == [("hello from the browser",)]


def test_okr_form_saves_what_the_manager_types(lab, workbook, page, ui, keep_screenshot, request):
    params = workbook.parameters(OKR_NOTEBOOK)
    form = open_and_run(lab, page, ui, OKR_NOTEBOOK, request.node.name)
    ui.assert_no_stderr(page)
    expect(form).not_to_contain_text("Loading widget")

    objective = form.locator(".wb-objective").first
    objective.locator(".wb-objective-text :is(input, textarea)").fill(OBJECTIVE)
    krs = objective.locator(".wb-kr-text :is(input, textarea)")
    while krs.count() < 2:
        before = krs.count()
        objective.locator(".wb-add-kr").click()
        expect(krs).to_have_count(before + 1)
    krs.nth(0).fill(MEASURABLE_KR)
    krs.nth(1).fill(VAGUE_KR)
    feedback = objective.locator(".wb-kr-feedback")
    expect(feedback.nth(0)).to_contain_text("Measurable: no doubt whether it is met.")
    expect(feedback.nth(1)).to_contain_text("Not measurable yet")
    expect(feedback.nth(1)).to_contain_text("Suggestion:")

    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved at")
    expect(form.locator(".wb-findings")).to_contain_text("key result 1.2 is saved but not measurable yet")
    expect(form.locator(".wb-findings")).not_to_contain_text("key result 1.1 is saved but not measurable")
    keep_screenshot(page, "lab-03_quarterly_okrs-window")
    keep_screenshot(page, "lab-03_quarterly_okrs", form)

    with Store(workbook.db) as store:
        saved = store.okrs(str(params["person"]), str(params["period"]))
    assert saved is not None
    first = saved.objectives[0]
    assert first.text == OBJECTIVE
    assert [kr.text for kr in first.key_results[:2]] == [MEASURABLE_KR, VAGUE_KR]


def test_check_in_carries_the_last_check_in_forward(lab, workbook, page, ui, keep_screenshot, request):
    params = workbook.parameters(CHECK_IN_NOTEBOOK)
    with Store(workbook.db) as store:
        last = store.last_check_in(str(params["person"]), before=dt.date.fromisoformat(str(params["as_of"])))
    assert last is not None, "the demo person of the check-in notebook should have check-ins"

    form = open_and_run(lab, page, ui, CHECK_IN_NOTEBOOK, request.node.name)
    ui.assert_no_stderr(page)
    carried = form.locator(".wb-carried-forward")
    expect(carried).to_be_visible()
    expect(carried).to_contain_text(f"Last check-in: {last.date.isoformat()}")
    keep_screenshot(page, "lab-04_check_in-window")
    keep_screenshot(page, "lab-04_check_in", form)


def test_switching_the_person_leaves_nothing_of_the_one_before_in_jupyterlab(lab, workbook, page, ui, request):
    """As in the app (test_app.py): after the picker switches from Priya to Tomás, no report of hers is left in
    the page, drawn or hidden, and JupyterLab's table of contents lists no heading of hers."""
    open_and_run(lab, page, ui, "01_conversation_log.ipynb", request.node.name)
    expect(page.locator("body")).to_contain_text("Latest notes about Priya Raman")
    page.locator(".wb-person-picker select").first.select_option(label="Tomás Herrera (tomas)")
    expect(page.locator("body")).to_contain_text("Latest notes about Tomás Herrera")
    expect(page.locator('img[alt*="Tomás Herrera"]')).to_have_count(1)  # the last report redrawn
    page.wait_for_timeout(1000)
    assert "Latest notes about Priya Raman" not in page.content()


def test_the_okr_form_fits_a_laptop_screen_with_the_file_browser_open(lab, page, ui, keep_screenshot, request):
    """On a 1280 x 900 laptop with JupyterLab's file browser open the output area is about 800 px wide: the key
    results' text boxes and the pre-work columns narrow to fit, none runs past the right edge (where its border
    and resize handle would be cut off)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    form = open_and_run(lab, page, ui, OKR_NOTEBOOK, request.node.name)
    browser_panel = page.locator(".jp-FileBrowser")
    if not browser_panel.is_visible():
        page.locator(".jp-SideBar [data-id='filebrowser']").first.click()
    expect(browser_panel).to_be_visible()
    form.locator(".wb-kr-text").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert form.locator(".wb-kr-text").count() and form.locator(".wb-supplement").count()
    sticking_out = ui.sticking_out(form)
    if sticking_out:
        keep_screenshot(page, "lab-03_quarterly_okrs-1280")
    assert not sticking_out, "\n".join(sticking_out)


def test_a_new_check_in_action_fits_jupyterlab_at_1100_px(lab, page, ui, keep_screenshot, request):
    """In JupyterLab 1100 px wide a new action's row (the step, its owner, its day and the button that removes it)
    wraps or narrows to fit the output: the remove button is not cut at the edge."""
    page.set_viewport_size({"width": 1100, "height": 900})
    form = open_and_run(lab, page, ui, CHECK_IN_NOTEBOOK, request.node.name)
    actions = form.locator(".wb-action-text")
    before = actions.count()
    form.locator(".wb-add-action").first.click()
    expect(actions).to_have_count(before + 1)
    actions.last.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    sticking_out = ui.sticking_out(form)
    if sticking_out:
        keep_screenshot(page, "lab-04_check_in-1100")
    assert not sticking_out, "\n".join(sticking_out)


# -- a brand-new report's pages on a laptop -----------------------------------------------------------------------
NEW_PERSON_DAY = "2026-12-07"
LADDER = Path(__file__).resolve().parents[2] / "ladders" / "software-engineering.csv"


@pytest.fixture
def new_report_pages(tmp_path: Path) -> Path:
    """A manager's own workbook, empty but for one brand-new report on a public ladder and the little a first month
    leaves: one growth-goal draft, one objective with two key results, then one check-in with an action. Returns the
    working copies of the notebooks, opened on that report and day."""
    db = tmp_path / "career" / "workbook.db"
    db.parent.mkdir()
    day = dt.date.fromisoformat(NEW_PERSON_DAY)
    with Store(db) as store:
        store.add_person(Person(id="sam", name="Sam Okafor", ladder=str(LADDER), track="Software Engineering",
                                level="1"))
        store.save_plan(GrowthPlan(person="sam", year=2027, goals=[{
            "text": "Lead the design of one service end to end, from the design document to its first on-call week",
            "draft": "I want to own the design of a service, not only tickets",
            "competencies": ["System design & architecture"]}]))
        store.save_okrs(QuarterOKRs(person="sam", quarter="2026Q4", objectives=[{
            "text": "Own the design of the billing export service", "key_results": [
                {"text": "Write the billing export design document and get it reviewed by two senior engineers "
                         "by 2026-12-18"},
                {"text": "Ship the first version of the export behind a flag to 3 pilot customers by 2026-12-23"}]}]))
        store.add_check_in(CheckIn(person="sam", date=day, key_results=[
            {"objective": 1, "key_result": 1, "status": "on_track", "note": "first draft is with the tech lead"}],
            actions=[{"text": "Book a 30-minute design review with both senior engineers",
                      "due": day + dt.timedelta(days=7)}]))
    folder = prepare_workspace(db)
    set_notebook_parameters(folder / "00_home.ipynb", folder / "00_home.ipynb", as_of=NEW_PERSON_DAY)
    for name, period in (("02_growth_goals.ipynb", "2027"), (OKR_NOTEBOOK, "2026Q4"), (CHECK_IN_NOTEBOOK, "2026Q4")):
        set_notebook_parameters(folder / name, folder / name, person="sam", period=period, as_of=NEW_PERSON_DAY)
    return folder


def open_alone(lab, page, ui, name: str, test: str):  # type: ignore[no-untyped-def]
    """Open ``name`` as the only tab (a workspace of its own), Run All Cells, and return its form with the list under
    it (a stage page's form area), or the home page's due list, team form and team list."""
    t0 = time.monotonic()
    page.goto(lab.url(f"/lab/workspaces/{name.split('.')[0]}/tree/{name}?reset"))
    ui.wait_for_kernel(lab, page, name)
    ui.run_all_cells(page)
    ui.wait_for_form(page, ".wb-form-area .wb-form, .wb-home-rest")
    form = page.locator(".wb-form-area, .wb-home-rest").first
    ui.record_timing(test, f"{name}: open + run all + render", time.monotonic() - t0)
    return form


def assert_all_shown(page, ui, keep_screenshot, form, shot: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(500)
    sticking_out = ui.sticking_out(form)
    if sticking_out:
        keep_screenshot(page, shot, form)
    assert not sticking_out, f"{shot}:\n" + "\n".join(sticking_out)


def test_a_new_reports_home_and_check_in_pages_fit_jupyterlab_at_1100_px(  # type: ignore[no-untyped-def]
        new_report_pages, start_lab, page, ui, keep_screenshot, request):
    """In JupyterLab 1100 px wide (the file browser open), with a brand-new report's first check-in saved: the home
    page's team list keeps "Edit" and "Archive" whole, and the check-in page keeps its open action's "Mark done" and
    the list's "Edit" and "Delete" whole (the line's text wraps instead of the buttons being cut to "..."), and the
    key results' note boxes show their right border."""
    page.set_viewport_size({"width": 1100, "height": 900})
    lab = start_lab(new_report_pages)
    home = open_alone(lab, page, ui, "00_home.ipynb", request.node.name)
    expect(home.locator(".wb-record-delete")).to_have_count(1)
    home.locator(".wb-record-delete").scroll_into_view_if_needed()
    assert_all_shown(page, ui, keep_screenshot, home, "lab-00_home-new-report-1100")

    form = open_alone(lab, page, ui, CHECK_IN_NOTEBOOK, request.node.name)
    expect(form.locator(".wb-action-done")).to_have_count(1)
    expect(form.locator(".wb-record-edit")).to_have_count(1)
    form.locator(".wb-kr-note").first.scroll_into_view_if_needed()
    assert_all_shown(page, ui, keep_screenshot, form, "lab-04_check_in-new-report-1100")


def test_a_new_reports_goals_and_okr_pages_fit_jupyterlab_at_1100_px(  # type: ignore[no-untyped-def]
        new_report_pages, start_lab, page, ui, keep_screenshot, request):
    """In JupyterLab 1100 px wide, with a brand-new report's goal draft and first OKRs saved: the goals form keeps
    "Use their draft" whole beside the agreed goal, whose box narrows and shows its right border, and the OKR form's
    pre-work boxes (the report's understanding, the manager's supplement) show theirs."""
    page.set_viewport_size({"width": 1100, "height": 900})
    lab = start_lab(new_report_pages)
    form = open_alone(lab, page, ui, "02_growth_goals.ipynb", request.node.name)
    form.get_by_role("button", name="Use their draft").scroll_into_view_if_needed()
    assert_all_shown(page, ui, keep_screenshot, form, "lab-02_growth_goals-new-report-1100")

    form = open_alone(lab, page, ui, OKR_NOTEBOOK, request.node.name)
    expect(form.locator(".wb-supplement")).to_have_count(1)
    form.locator(".wb-supplement").scroll_into_view_if_needed()
    assert_all_shown(page, ui, keep_screenshot, form, "lab-03_quarterly_okrs-new-report-1100")
