"""Two actors on a real JupyterHub and PostgreSQL: the report drafts and shares, the manager answers and agrees, HR summarises.

One hub for this module (deploy/jupyterhub/jupyterhub_config.py, SharedPasswordAuthenticator, the demo
organisation on the session's PostgreSQL), started and stopped here; each actor logs in in a browser context
of their own (the hub's OAuth cookie flow), as a person would. The tests run in order: each acts on what
the one before left. Noor Aziz is the report, Kofi Mensah her manager, Priya another manager's report.
"""

from __future__ import annotations

import re
import secrets
import time

import pytest
from playwright.sync_api import expect

from workbook.core import clock
from workbook.hub import HubState, build_demo_hub, hub_command

from .conftest import ACTION_TIMEOUT_MS, NOTEBOOKS, free_port, record_timing, start_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GOAL_1 = "Hub-goal-ALPHA: run the retry service's on-call rota for a quarter"
GOAL_2 = "Hub-goal-BRAVO: give one internal talk on incident write-ups"
FEEDBACK = "Hub-feedback-CHARLIE: name the talk's audience and month"
PRIVATE = "Hub-private-DELTA: asked about moving teams if on call stays heavy"
CAREER = "Hub-career-ECHO: I want to stay hands-on and go deep on reliability"
YEAR = 2027
LOGIN_S = 90  # login to the user's server answering (spawn included)


@pytest.fixture(scope="module")
def hub(pg_server, tmp_path_factory, chromium):  # type: ignore[no-untyped-def]
    """A JupyterHub of this module's own on 127.0.0.1, with the demo organisation's users; stopped afterwards."""
    from workbook.hub import find_proxy

    if find_proxy() is None:
        pytest.fail("configurable-http-proxy is missing: `make proxy` (or .ci/run) installs it with npm")
    base = tmp_path_factory.mktemp("hub")
    state = HubState(base / "state")
    state.folder.mkdir(mode=0o700)
    owner_url = pg_server.create_database("wb_hub_org", template="wb_template")
    password = secrets.token_urlsafe(12)
    landings = build_demo_hub(state, owner_url, password)
    port = free_port()
    cmd, env = hub_command(state, port, internal_ports=(free_port(), free_port()))
    env["WORKBOOK_HUB_TEMPLATES"] = str(NOTEBOOKS)
    server = start_server("jupyterhub", cmd, log=base / "hub.log", env=env, cwd=state.folder,
                          base_url=f"http://127.0.0.1:{port}")
    try:
        ready = server.wait_ready("/hub/login", timeout=90)
        record_timing("hub", "hub start to login page", ready)
        yield {"server": server, "state": state, "password": password, "landings": landings,
               "base": f"http://127.0.0.1:{port}", "owner_url": owner_url}
    finally:
        server.stop(timeout=30)


@pytest.fixture
def actor(browser, hub, screenshot_dir):  # type: ignore[no-untyped-def]
    """Log a hub user in, in a browser context of their own; returns (page, landing URL)."""
    contexts = []

    def login(name: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{hub['base']}/hub/login")
        page.fill("#username_input", name)
        page.fill("#password_input", hub["password"])
        page.click("#login_submit")
        page.wait_for_url(re.compile(rf"/user/{name}/(voila|lab)"), timeout=LOGIN_S * 1000)
        return page

    yield login
    for context in contexts:
        context.close()


def _voila(hub: dict, user: str, notebook: str, query: str = "") -> str:
    return f"{hub['base']}/user/{user}/voila/render/{notebook}" + (f"?{query}" if query else "")


def test_the_report_lands_on_their_page_drafts_two_goals_and_shares_them(hub, actor, keep_screenshot) -> None:
    assert hub["landings"]["noor"] == "report" and hub["landings"]["kofi"] == "manager"
    page = actor("noor")
    assert page.url.endswith("/user/noor/voila/render/10_my_page.ipynb")  # app mode, no code
    expect(page.locator(".wb-my-page")).to_be_visible(timeout=60_000)
    # the page load once the hub and her server are up: what she waits for each time she opens it
    start = time.monotonic()
    page.goto(_voila(hub, "noor", "10_my_page.ipynb", f"period={YEAR}Q1"))
    expect(page.locator(".wb-my-page")).to_be_visible(timeout=60_000)
    expect(page.locator(".wb-ladder-beside")).to_be_visible()
    loaded = time.monotonic() - start
    record_timing("hub", "report's page load (server up)", loaded)
    print(f"\nthe report's page loaded in {loaded:.2f} s")
    assert page.locator(".jp-InputArea-editor, .cm-editor, .CodeMirror").count() == 0  # no code on the page
    page.locator(".wb-goal-1 textarea").fill(GOAL_1)
    page.locator(".wb-goal-2 textarea").fill(GOAL_2)
    page.locator(".wb-save-goals").click()
    expect(page.locator(".wb-goals-message")).to_contain_text("draft only you see")
    page.locator(".wb-share-goals").click()
    expect(page.locator(".wb-goals-message")).to_contain_text("shared with your manager")
    expect(page.locator(".wb-state-shared")).to_have_count(2)
    # her career in her own words: what she wants, shared with Kofi
    page.locator(".wb-career-1 textarea").fill(CAREER)
    page.locator(".wb-share-career").click()
    expect(page.locator(".wb-career-message")).to_contain_text("shared with your manager: Where you want your career")
    expect(page.locator(".wb-state-shared")).to_have_count(3)
    keep_screenshot(page, "hub-report-page", page.locator(".wb-my-page"))


def test_the_manager_sees_the_drafts_gives_feedback_writes_a_private_note_and_agrees(hub, actor,
                                                                                      keep_screenshot) -> None:
    page = actor("kofi")
    assert "/user/kofi/lab" in page.url  # a manager lands in JupyterLab on the home page
    page.goto(_voila(hub, "kofi", "02_growth_goals.ipynb", f"person=noor&period={YEAR}"))
    side = page.locator(".wb-goals-side")
    expect(side).to_contain_text(GOAL_1, timeout=60_000)
    expect(side).to_contain_text(GOAL_2)
    page.locator(".wb-feedback-2 textarea").fill(FEEDBACK)
    page.locator(".wb-save-feedback").click()
    expect(page.locator(".wb-goals-side-message")).to_contain_text("they do not see it yet")
    keep_screenshot(page, "hub-manager-goals-stage", page.locator("body"))
    # a private note about her, in the conversation log, where her own words count as pulled
    page.goto(_voila(hub, "kofi", "01_conversation_log.ipynb", f"person=noor&as_of={clock.today().isoformat()}"))
    form = page.locator(".wb-form")
    expect(form).to_be_visible(timeout=60_000)
    expect(page.locator("body")).to_contain_text("In their own words")
    expect(page.locator("body")).to_contain_text(f"[their page] {CAREER}")
    form.locator(".wb-note-text textarea").fill(PRIVATE)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved", timeout=30_000)
    # agreement: in the conversation, recorded by the manager (the feedback typed is given with it)
    page.goto(_voila(hub, "kofi", "02_growth_goals.ipynb", f"person=noor&period={YEAR}"))
    expect(page.locator(".wb-goals-side")).to_contain_text(GOAL_1, timeout=60_000)
    page.locator(".wb-agree-goals").click()
    expect(page.locator(".wb-goals-side-message")).to_contain_text(f"the {YEAR} goals are agreed")


def test_the_report_sees_the_agreed_goals_and_the_feedback_but_not_the_private_note(hub, actor) -> None:
    page = actor("noor")
    page.goto(_voila(hub, "noor", "10_my_page.ipynb", f"period={YEAR}Q1"))
    mine = page.locator(".wb-my-page")
    expect(mine).to_contain_text(GOAL_1, timeout=60_000)
    expect(mine).to_contain_text(FEEDBACK)
    expect(mine).to_contain_text("agreed with your manager")
    assert PRIVATE not in page.content()
    assert "Worried that on call" not in page.content()  # the demo's private note about her, too
    # and at rest the manager's private note is sealed with his own key (issue 16): not even the owner reads it
    import psycopg

    from workbook.store.backend import parse_url

    owner = parse_url(hub["owner_url"])
    with psycopg.connect(host=owner.query["host"], dbname=owner.database, user=owner.username,
                         password=owner.password) as conn:
        texts = [r[0] for r in conn.execute(b"SELECT text FROM notes WHERE author_id = 'kofi'").fetchall()]
    assert texts and not any(PRIVATE in t for t in texts)


def test_the_report_is_refused_the_manager_s_url_and_another_report_s_page(hub, actor) -> None:
    page = actor("noor")
    for url in (f"{hub['base']}/user/kofi/lab", _voila(hub, "priya", "10_my_page.ipynb"),
                _voila(hub, "kofi", "02_growth_goals.ipynb", "person=noor")):
        response = page.goto(url)
        assert response is not None
        # JupyterHub never proxies her to another user's server: the hub answers (403 for a server that is
        # not hers), and she never reaches theirs
        print(f"\n{url} -> {response.status} {page.url}")
        assert response.status in (403, 404), (url, response.status, page.url)
        assert not page.url.startswith((f"{hub['base']}/user/kofi/", f"{hub['base']}/user/priya/"))
        assert "Your career conversations" not in page.content() and "growth goals" not in page.content()
    page.goto(_voila(hub, "noor", "10_my_page.ipynb", "person=priya"))
    expect(page.locator(".wb-refused")).to_contain_text("not yours to open", timeout=60_000)
    assert "Priya" not in page.locator("body").inner_text()


def test_hr_lands_in_jupyterlab_and_makes_the_quarter_s_summaries(hub, actor) -> None:
    page = actor("hr")
    assert "/user/hr/lab" in page.url
    # HR opens a terminal in their own server (their environment: their own login) and runs the batch
    expect(page.locator(".jp-NotebookPanel")).to_be_visible(timeout=60_000)  # the home page is open
    page.get_by_role("menuitem", name="File").first.click()
    page.locator(".lm-Menu-item", has_text="New").first.hover()
    page.locator(".lm-Menu-item", has_text="Terminal").first.click()
    page.locator(".lm-TabBar-tab", has_text="Terminal 1").click()
    terminal = page.locator(".jp-Terminal .xterm")
    terminal.wait_for(timeout=30_000)
    terminal.click()
    page.locator(".jp-Terminal textarea.xterm-helper-textarea").focus()
    # the terminal draws on a canvas: the batch's exit status goes to a file we can read
    page.keyboard.type("workbook summaries --no-pdf --quarter 2026Q4 --people noor --people priya --out summaries "
                       "> batch.log 2>&1; echo $? > batch.exit\n")
    exit_file = hub["state"].notebooks("hr") / "batch.exit"
    deadline = time.monotonic() + 240
    while not exit_file.is_file() and time.monotonic() < deadline:
        time.sleep(1)
    log = hub["state"].notebooks("hr") / "batch.log"
    assert exit_file.is_file() and exit_file.read_text().strip() == "0", log.read_text() if log.is_file() else "no log"
    out = hub["state"].notebooks("hr") / "summaries"
    made = [p for p in out.rglob("*") if p.is_file()]
    assert any("noor" in p.name for p in made) and any("priya" in p.name for p in made), made
    for p in made:
        text = p.read_text(errors="replace")
        assert PRIVATE not in text and "Worried that on call" not in text
