"""A manager's first week, in a real browser: on their own empty workbook, add a person on the home page, open their
conversation log from there, save a private note then a shared one, and see the toggle back on private; in
JupyterLab and in the app. The repository's `git status` is the same afterwards."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_workspace import git_status

from workbook.store import Store
from workbook.workspace import prepare_workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRIVATE_NOTE = "Father is ill; wants fewer late meetings for now"
SHARED_NOTE = "Presented the churn model well at the partner meeting"


@pytest.fixture
def own_workbook(tmp_path: Path) -> tuple[Path, Path]:
    """An empty workbook of the manager's own (as `workbook init` makes) and its working copies of the notebooks."""
    db = tmp_path / "career" / "workbook.db"
    db.parent.mkdir()
    Store(db).close()
    return db, prepare_workspace(db)


def add_kim(page, ui) -> None:  # type: ignore[no-untyped-def]
    form = ui.wait_for_form(page, ".wb-team-form")
    form.locator(".wb-team-name input").fill("Kim Lee")
    expect(form.locator(".wb-team-id input")).to_have_value("kim")
    expect(form.locator(".wb-team-level select")).to_have_value("1: Data Scientist I")  # the ladder's levels
    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved at")
    expect(page.locator(".wb-home-due")).to_contain_text("no check-in")
    page.locator(".wb-person-picker").first.scroll_into_view_if_needed()


def log_two_notes(page, ui, keep_screenshot, shot: str):  # type: ignore[no-untyped-def]
    form = ui.wait_for_form(page, ".wb-form:visible")
    picker = page.locator(".wb-picker:visible").first
    expect(picker.locator(".wb-person-picker select")).to_have_value("Kim Lee (kim)")
    picker.scroll_into_view_if_needed()
    keep_screenshot(page, f"{shot}-top")
    expect(form).to_contain_text("Log a career conversation with Kim Lee")
    toggle = form.locator(".wb-visibility button")
    expect(form.locator(".wb-visibility button.mod-active")).to_have_text("private")
    form.locator(".wb-note-text textarea").fill(PRIVATE_NOTE)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved at")
    toggle.filter(has_text="shared").click()
    expect(form).to_contain_text("shared: printed in their quarterly summary")
    form.locator(".wb-note-text textarea").fill(SHARED_NOTE)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-findings")).to_contain_text("saved, shared: it may appear in their quarterly summary")
    expect(form.locator(".wb-visibility button.mod-active")).to_have_text("private")  # back on private
    expect(form.locator(".wb-note-text textarea")).to_have_value("")
    keep_screenshot(page, shot)
    ui.assert_no_stderr(page)


def assert_saved(db: Path) -> None:
    with Store(db) as store:
        notes = store.notes_frame("kim", include_private=True).sort_values("id")
    assert list(zip(notes["text"], notes["visibility"], strict=True)) == [(PRIVATE_NOTE, "private"),
                                                                          (SHARED_NOTE, "shared")]


def test_first_week_in_jupyterlab(own_workbook, start_lab, page, ui, keep_screenshot, request) -> None:  # type: ignore[no-untyped-def]
    before = git_status()
    db, folder = own_workbook
    lab = start_lab(folder)
    t0 = time.monotonic()
    ui.open_in_lab(lab, page, "00_home.ipynb")
    ui.run_all_cells(page)
    add_kim(page, ui)
    ui.record_timing(request.node.name, "home: open, run, add a person", time.monotonic() - t0)
    keep_screenshot(page, "lab-00_home")
    # the plain links under the picker open the stage in a new tab, on the person picked (Kim, just added)
    page.locator(".jp-OutputArea-output a.wb-stage-log").click()
    expect(page.locator(".lm-TabBar-tab.jp-mod-current")).to_contain_text("01_conversation_log.ipynb")
    ui.wait_for_kernel(lab, page, "01_conversation_log.ipynb")
    ui.run_all_cells(page)
    log_two_notes(page, ui, keep_screenshot, "lab-01_conversation_log-pickers")
    assert_saved(db)
    assert git_status() == before


def test_first_week_in_the_app(own_workbook, start_voila, page, ui, keep_screenshot, request) -> None:  # type: ignore[no-untyped-def]
    before = git_status()
    db, folder = own_workbook
    server = start_voila(folder)
    t0 = time.monotonic()
    page.goto(server.url("/"), timeout=60_000)  # the app opens on the home page
    add_kim(page, ui)
    ui.record_timing(request.node.name, "home: open, render, add a person", time.monotonic() - t0)
    assert "/voila/render/00_home.ipynb" in page.url
    expect(page.locator(".wb-home-links")).to_contain_text("Open for Kim Lee")
    keep_screenshot(page, "app-00_home")
    page.locator(".wb-home-links a.wb-stage-log").click()
    page.wait_for_url("**/01_conversation_log.ipynb?person=kim*")
    log_two_notes(page, ui, keep_screenshot, "app-01_conversation_log")
    assert page.locator(".jp-CodeMirrorEditor:visible, .cm-editor:visible").count() == 0, "app mode shows code"
    page.locator(".wb-home-link").click()  # back to the team: Kim's due list no longer asks for a first talk
    expect(page.locator(".wb-home-due")).to_contain_text("Kim Lee")
    assert_saved(db)
    assert git_status() == before


def test_the_way_up_is_asked_in_the_app_only_where_the_ladder_forks(own_workbook, start_voila, page, ui,  # type: ignore[no-untyped-def]
                                                                      keep_screenshot) -> None:
    """A team on a ladder with a manager and an individual-contributor branch, in the app: the My team form asks
    which way up only once a level below the fork is chosen, and saves the choice on the person."""
    from test_ladder import FORK

    db, folder = own_workbook
    (db.parent / "fork.csv").write_text(FORK, encoding="utf-8")  # a ladder in the workbook's folder is offered
    server = start_voila(folder)
    page.goto(server.url("/"), timeout=60_000)
    form = ui.wait_for_form(page, ".wb-team-form")
    expect(form.locator(".wb-team-toward")).to_be_hidden()  # the project's data-science ladder has no fork
    form.locator(".wb-team-ladder select").select_option(label="fork.csv (career)")
    form.locator(".wb-team-level select").select_option(label="e2: Senior Engineer")
    toward = form.locator(".wb-team-toward select")
    expect(toward).to_be_visible()
    expect(toward.locator("option")).to_have_count(6)  # the levels above e2 (e1's list had e2 too), and "next up"
    toward.select_option(label="e4-m: Principal Engineer (Manager)")
    form.locator(".wb-team-name input").fill("Kim Lee")
    keep_screenshot(page, "app-00_home-way-up", form)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved at")
    ui.assert_no_stderr(page)
    with Store(db) as store:
        assert (store.person("kim").level, store.person("kim").toward) == ("e2", "e4-m")
