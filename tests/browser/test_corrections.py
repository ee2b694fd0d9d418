"""JupyterLab end to end: correct a note and delete a check-in through the forms, as a manager would (issue 12)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from workbook.core.dates import quarter_of
from workbook.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOG_NOTEBOOK = "01_conversation_log.ipynb"
CHECK_IN_NOTEBOOK = "04_check_in.ipynb"
NEW_WORDS = "Corrected in the browser: wants to lead the pricing model review"


def test_edit_a_note_and_delete_a_check_in_in_jupyterlab(lab, workbook, page, ui, keep_screenshot, request):
    log = workbook.parameters(LOG_NOTEBOOK)
    person = str(log["person"])
    with Store(workbook.db) as store:
        newest = store.notes_frame(person, include_private=True).iloc[0]
    note_id, old_text, old_date = int(newest["id"]), str(newest["text"]), newest["date"]

    t0 = time.monotonic()
    ui.open_in_lab(lab, page, LOG_NOTEBOOK)
    ui.run_all_cells(page)
    form = ui.wait_for_form(page, ".wb-form")
    ui.assert_no_stderr(page)
    records = page.locator(".wb-records").first
    expect(records).to_contain_text("Your notes: correct or delete one")
    records.locator(".wb-record").first.locator(".wb-record-edit").click()
    expect(form.locator(".wb-editing")).to_contain_text(f"Editing the {newest['direction']} note of {old_date}")
    text = form.locator(".wb-note-text textarea")
    expect(text).to_have_value(old_text)
    text.fill(NEW_WORDS)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-findings")).to_contain_text("was changed; its old values are kept")
    expect(records.locator(".wb-record").first).to_contain_text("Corrected in the browser")
    keep_screenshot(page, "lab-01_conversation_log-edited", form)
    keep_screenshot(page, "lab-01_conversation_log-records", records)
    ui.record_timing(request.node.name, "edit a note", time.monotonic() - t0)
    with Store(workbook.db) as store:
        assert store.note(note_id).text == NEW_WORDS
        edit = [c for c in store.history(person) if c.record == "note" and c.action == "edit"][-1]
        assert {f.field: (f.old, f.new) for f in edit.fields}["text"] == (old_text, NEW_WORDS)

    check = workbook.parameters(CHECK_IN_NOTEBOOK)
    who, quarter = str(check["person"]), str(check["period"])
    with Store(workbook.db) as store:
        before = store.check_ins(who, quarter)
    newest_check_in = before[-1]
    t0 = time.monotonic()
    page = page.context.new_page()  # a tab of its own: the log's page stays as it was
    page.set_default_timeout(20_000)
    ui.open_in_lab(lab, page, CHECK_IN_NOTEBOOK)
    ui.run_all_cells(page)
    form = ui.wait_for_form(page, ".wb-form")
    ui.assert_no_stderr(page)
    listed = page.locator(".wb-records .wb-record")
    expect(listed).to_have_count(len(before))
    first = listed.first
    expect(first).to_contain_text(newest_check_in.date.isoformat())
    first.locator(".wb-record-delete").click()
    expect(first).to_contain_text("Delete the check-in of")
    keep_screenshot(page, "lab-04_check_in-delete-asks", first)
    first.locator(".wb-confirm-delete").click()
    expect(page.locator(".wb-records-status")).to_contain_text(f"Deleted the check-in of {newest_check_in.date}")
    expect(listed).to_have_count(len(before) - 1)
    keep_screenshot(page, "lab-04_check_in-deleted", page.locator(".wb-records").first)
    ui.record_timing(request.node.name, "delete a check-in", time.monotonic() - t0)
    with Store(workbook.db) as store:
        after = store.check_ins(who, quarter_of(newest_check_in.date))
        assert [c.id for c in after] == [c.id for c in before[:-1]]
        gone = [c for c in store.history(who) if c.record == "check_in" and c.action == "delete"]
        assert gone and gone[-1].label == f"check-in of {newest_check_in.date.isoformat()}"
