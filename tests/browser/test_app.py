"""App mode end to end: Voila serves the OKR notebook as a form without code; what is typed reaches the workbook."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from workbook.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OKR_NOTEBOOK = "03_quarterly_okrs.ipynb"
OBJECTIVE = "Present the churn model to the partner team"
# Source lines of the notebook's code cells: none may reach the page in app mode.
CODE_SNIPPETS = ("open_stage(", "OKRForm(ctx.store", "from workbook")


def test_okr_app_shows_the_form_without_code_and_saves(
    start_voila, workbook, page, ui, keep_screenshot, request
):
    params = workbook.parameters(OKR_NOTEBOOK)
    server = start_voila(workbook.notebook(OKR_NOTEBOOK))

    t0 = time.monotonic()
    page.goto(server.url("/"), timeout=60_000)
    form = ui.wait_for_form(page, ".wb-form")
    ui.record_timing(request.node.name, "open + run + render (Voila)", time.monotonic() - t0)
    ui.assert_no_stderr(page)

    assert (
        page.locator(
            ".jp-CodeCell .jp-InputArea:visible, .jp-CodeMirrorEditor:visible, .cm-editor:visible"
        ).count()
        == 0
    ), "app mode shows code cells"
    html = page.content()
    shown = [s for s in CODE_SNIPPETS if s in html]
    assert not shown, f"app mode leaks notebook source into the page: {shown}"

    form.locator(".wb-objective-text :is(input, textarea)").first.fill(OBJECTIVE)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved at")
    keep_screenshot(page, "app-03_quarterly_okrs", form)
    keep_screenshot(page, "app-03_quarterly_okrs-window")

    with Store(workbook.db) as store:
        saved = store.okrs(str(params["person"]), str(params["period"]))
    assert saved is not None and saved.objectives[0].text == OBJECTIVE


def test_the_okr_support_row_fits_the_app_at_800_px(start_voila, workbook, page, ui, keep_screenshot):
    """In the app 800 px wide a key result's support row (who, what, by when, its status and the button that
    removes it) wraps or narrows to fit the output: the remove button does not stick out past the edge."""
    page.set_viewport_size({"width": 800, "height": 900})
    server = start_voila(workbook.notebook(OKR_NOTEBOOK))
    page.goto(server.url("/"), timeout=60_000)
    form = ui.wait_for_form(page, ".wb-form")
    form.locator(".wb-support-who").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    sticking_out = ui.sticking_out(form)
    if sticking_out:
        keep_screenshot(page, "app-03_quarterly_okrs-800")
    assert not sticking_out, "\n".join(sticking_out)


LOG_NOTEBOOK = "01_conversation_log.ipynb"


def test_switching_the_person_in_the_app_leaves_nothing_of_the_one_before(
    start_voila, workbook, page, ui, keep_screenshot
):
    """The log page opens on Priya; after the picker switches to Tomás, her notes and her name are gone from the
    page's HTML (not hidden: gone), except as an option of the picker, which lists the team."""
    import re

    with Store(workbook.db) as store:
        first = store.person(str(workbook.parameters(LOG_NOTEBOOK)["person"]))
        second = store.person("tomas")
        notes = [n.text for n in store.notes_of(first.id) if n.text]
    server = start_voila(workbook.notebook(LOG_NOTEBOOK))
    page.goto(server.url("/"), timeout=60_000)
    ui.wait_for_form(page, ".wb-form")
    expect(page.locator("body")).to_contain_text(f"Latest notes about {first.name}")
    shown = [t for t in notes if t in page.content()]
    assert shown, "the page does not show the first person's notes to start with"

    page.locator(".wb-person-picker select").select_option(label=f"{second.name} ({second.id})")
    expect(page.locator("body")).to_contain_text(f"Latest notes about {second.name}")
    # the reports below redraw one after the other (the chart last): give them time to, then look
    expect(page.locator(f'img[alt*="{second.name}"]')).to_have_count(1)
    page.wait_for_timeout(1000)
    keep_screenshot(page, "app-01_conversation_log-switched")
    html = page.content()
    without_picker = re.sub(r"<select\b.*?</select>", "", html, flags=re.S)
    assert first.name not in without_picker, "the page still names the person shown before the switch"
    left = [t for t in shown if t in html]
    assert not left, f"the page still holds the first person's notes: {left[:2]}"


def test_the_kernel_of_a_page_left_is_stopped_and_an_open_page_keeps_its_own(start_voila, workbook, browser, ui):
    """Leaving a page did not stop its kernel (Voila's shutdown call is refused, voila#1458): every page opened
    kept a kernel for as long as the app ran. A kernel no page is connected to is stopped once idle; the kernel
    of a page still open is kept however long it idles."""
    import psutil

    server = start_voila(workbook.notebook(OKR_NOTEBOOK), cull_after=3)

    def kernels() -> list[psutil.Process]:
        alive = []
        for p in psutil.Process(server.proc.pid).children(recursive=True):
            try:  # a kernel just stopped can be a zombie for a moment, whose command line cannot be read
                if p.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(p.cmdline()):
                    alive.append(p)
            except psutil.Error:
                continue
        return alive

    kept, left = browser.new_page(), browser.new_page()
    for pg in (kept, left):
        pg.goto(server.url("/"), timeout=60_000)
        ui.wait_for_form(pg, ".wb-form")
    assert len(kernels()) == 2, server.log_tail()
    left.close()
    deadline = time.monotonic() + 60
    while len(kernels()) > 1 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert len(kernels()) == 1, f"the kernel of the page left still runs after 60 s:\n{server.log_tail()}"
    time.sleep(8)  # more than twice the idle time: the open page's kernel stays
    assert len(kernels()) == 1, server.log_tail()
    kept.locator(".wb-form .wb-objective-text :is(input, textarea)").first.fill(OBJECTIVE)
    kept.locator(".wb-form .wb-save").click()
    expect(kept.locator(".wb-form .wb-status")).to_contain_text("Saved at")  # and it still answers
    kept.close()


def test_a_switch_in_the_app_keeps_a_note_typed_and_not_saved(start_voila, workbook, page, ui, keep_screenshot):
    """A note half typed when the picker is changed stays in its box: the picker goes back to whom it is about and
    one line under it offers to keep editing or to discard the note and switch, which then switches."""
    words = "Wants to lead the pricing review next quarter"
    with Store(workbook.db) as store:
        first = store.person(str(workbook.parameters(LOG_NOTEBOOK)["person"]))
        second = store.person("tomas")
    server = start_voila(workbook.notebook(LOG_NOTEBOOK))
    page.goto(server.url("/"), timeout=60_000)
    form = ui.wait_for_form(page, ".wb-form")
    box = form.locator("textarea").first
    box.fill(words)
    box.blur()  # the box sends what was typed when it loses focus (or on a pause)
    page.wait_for_timeout(500)
    picker = page.locator(".wb-person-picker select")
    picker.select_option(label=f"{second.name} ({second.id})")
    unsaved = page.locator(".wb-unsaved")
    expect(unsaved).to_be_visible()
    expect(unsaved).to_contain_text("Not switched")
    expect(picker).to_have_value(f"{first.name} ({first.id})")
    expect(page.locator(".wb-form textarea").first).to_have_value(words)
    keep_screenshot(page, "app-01_conversation_log-held")
    unsaved.get_by_role("button", name="Discard and switch").click()
    expect(page.locator("body")).to_contain_text(f"Latest notes about {second.name}")
    expect(picker).to_have_value(f"{second.name} ({second.id})")
    expect(unsaved).to_be_hidden()
    expect(page.locator(".wb-form textarea").first).to_have_value("")


def test_a_page_whose_workbook_cannot_be_opened_says_why_on_the_page(start_voila, workbook, page, keep_screenshot):
    """A page whose workbook could not be opened (damaged, gone, not a workbook) showed only Voila's "There was an
    error when executing cell [2]. Please run Voilà with --show_tracebacks=True ..." (found by a helper): the
    workbook's own one line is now on the page; an error it did not expect says to open the notebook in the lab."""
    import nbformat

    from workbook.app import APP_ERROR_INSTRUCTION
    from workbook.workspace import set_notebook_parameters

    broken = workbook.notebooks.parent / "broken.db"
    broken.write_bytes(b"not a workbook, a file of something else " * 40)
    target = workbook.notebooks / "broken_okrs.ipynb"
    set_notebook_parameters(workbook.notebook(OKR_NOTEBOOK), target, db=str(broken))
    server = start_voila(target)
    page.goto(server.url("/"), timeout=60_000)
    said = page.locator(".wb-error[role=alert]")
    expect(said).to_be_visible(timeout=60_000)
    expect(said).to_have_text(f"{broken} is not a workbook database (not SQLite); give --db another file")
    keep_screenshot(page, "app-workbook-cannot-be-opened")
    assert "There was an error" not in page.content() and "Traceback" not in page.content()

    bug = nbformat.v4.new_notebook()  # what the workbook does not name: Voila's line, with what to do next
    bug.cells = [nbformat.v4.new_code_cell("import workbook.notebook"), nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(bug, workbook.notebooks / "bug.ipynb")
    page.goto(start_voila(workbook.notebooks / "bug.ipynb").url("/"), timeout=60_000)
    expect(page.get_by_text(APP_ERROR_INSTRUCTION, exact=False)).to_be_visible(timeout=60_000)
    assert "--show_tracebacks" not in page.content() and "ZeroDivisionError" not in page.content()
