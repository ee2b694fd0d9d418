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
