"""Real-browser fixtures: a JupyterLab or Voila server of our own on loopback, headless Chromium, a temp workbook.

Every server is started here on 127.0.0.1 on a free port, in its own process group and with its own
settings, workspace, runtime and config folders, and is stopped here (that group only, bounded in time).
Notebooks are copied to a temp folder and pointed at a demo workbook built there, so the project's
outputs/demo.db is never touched. Pages are photographed on failure; every run keeps one screenshot per
notebook and prints where they are, with the timings, at the end of the run.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from workbook.app import copy_notebooks, set_notebook_parameters, voila_command
from workbook.run.batch import STAGES

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
HERE = Path(__file__).resolve().parent
REAL_DEMO_DB = ROOT / "outputs" / "demo.db"

SERVER_READY_S = 60  # start to /api/status answering
TEST_BUDGET_S = float(
    os.environ.get("WORKBOOK_BROWSER_BUDGET_S", "120")
)  # a watchdog stops the test's servers past this, so every wait ends soon after
RENDER_TIMEOUT_S = 60  # open + run all + the form drawn
ACTION_TIMEOUT_MS = 20_000

STDERR_OUTPUT = '[data-mime-type="application/vnd.jupyter.stderr"]'
WIDGET_ERROR = ".jupyter-widgets-error-widget"

_SCREENSHOTS: list[Path] = []
_TIMINGS: list[tuple[str, str, float]] = []


_DEADLINE = [float("inf")]  # monotonic time the running test must be done by (set by the servers fixture)


def record_timing(test: str, what: str, seconds: float) -> None:
    _TIMINGS.append((test, what, seconds))


def seconds_left(cap: float) -> float:
    """``cap``, or less when the test's budget runs out sooner (at least 1 s, so a wait can still report)."""
    return max(1.0, min(cap, _DEADLINE[0] - time.monotonic()))


# -- reporting --------------------------------------------------------------------------------------------
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
    item.wb_seconds = getattr(item, "wb_seconds", 0.0) + report.duration
    if report.when == "teardown":
        record_timing(item.name, "total (setup, test, teardown)", item.wb_seconds)


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if not (_SCREENSHOTS or _TIMINGS):
        return
    tr = terminalreporter
    tr.section("browser tests")
    for test, what, seconds in _TIMINGS:
        tr.write_line(f"{seconds:7.2f} s  {what:<28} {test}")
    for shot in _SCREENSHOTS:
        tr.write_line(f"screenshot: {shot}")


# -- processes --------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _descendants(pid: int) -> list:  # type: ignore[type-arg]
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


@dataclass
class Server:
    """A server process we started, in a process group of its own."""

    name: str
    proc: subprocess.Popen  # type: ignore[type-arg]
    base_url: str
    log: Path
    token: str = ""
    ready_s: float = 0.0
    _children: list = field(default_factory=list)  # type: ignore[type-arg]

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}" + (f"{sep}token={self.token}" if self.token else "")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def wait_ready(self, probe: str, timeout: float = SERVER_READY_S) -> float:
        """Poll ``probe`` until it answers 200; fail with the server's log when it exits or the time is up."""
        start = time.monotonic()
        last = ""
        while time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                pytest.fail(
                    f"{self.name} exited with code {self.proc.returncode} before it was ready:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(self.url(probe), timeout=2) as resp:
                    if resp.status == 200:
                        self.ready_s = time.monotonic() - start
                        return self.ready_s
            except (urllib.error.URLError, OSError) as exc:
                last = str(exc)
            time.sleep(0.2)
        pytest.fail(
            f"{self.name} did not answer {probe} within {timeout:.0f} s (last: {last}):\n{self.log_tail()}"
        )

    def remember_children(self) -> None:
        """Kernels run in sessions of their own; note them so that stop() can make sure they are gone."""
        seen = {p.pid for p in self._children}
        self._children += [p for p in _descendants(self.proc.pid) if p.pid not in seen]

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM our process group (the server shuts its kernels down), SIGKILL it if still there after
        ``timeout``, then kill any kernel it started that outlived it. Touches no other process."""
        import psutil

        self.remember_children()
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        gone, alive = psutil.wait_procs(self._children, timeout=5)
        for child in alive:  # the same process objects noted above, so a reused pid is never hit
            try:
                child.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(alive, timeout=5)


def start_server(
    name: str, cmd: list[str], *, log: Path, env: dict[str, str], cwd: Path, base_url: str, token: str = ""
) -> Server:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    return Server(name=name, proc=proc, base_url=base_url, log=log, token=token)


@pytest.fixture
def servers(request, chromium) -> Iterator[list[Server]]:  # type: ignore[no-untyped-def]
    """Every server a test starts goes in this list; all are stopped at teardown. A watchdog stops them
    when the test runs past TEST_BUDGET_S, so a hung page wait fails within one action timeout."""
    started: list[Server] = []
    overrun = threading.Event()

    def stop_all() -> None:
        overrun.set()
        for s in started:
            s.stop(timeout=5)

    watchdog = threading.Timer(TEST_BUDGET_S, stop_all)
    watchdog.daemon = True
    _DEADLINE[0] = time.monotonic() + TEST_BUDGET_S
    watchdog.start()
    try:
        yield started
    finally:
        watchdog.cancel()
        _DEADLINE[0] = float("inf")
        for s in started:
            s.stop()
        if overrun.is_set():
            pytest.fail(
                f"{request.node.name} ran past its budget of {TEST_BUDGET_S} s; its servers were stopped"
            )


# -- the workbook -----------------------------------------------------------------------------------------
@dataclass
class Workbook:
    """A temp demo workbook and a copy of notebooks/ pointed at it."""

    db: Path
    notebooks: Path
    pointed: list[Path]

    def notebook(self, name: str) -> Path:
        path = self.notebooks / name
        if path not in self.pointed:
            pytest.fail(
                f"{name} is missing or was not pointed at the temp workbook (its parameters cell needs `db = ...`)"
            )
        return path

    def parameters(self, name: str) -> dict[str, object]:
        """The values the notebook's parameters cell assigns (literals only)."""
        import ast

        nb = json.loads(self.notebook(name).read_text())
        cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
        out: dict[str, object] = {}
        for node in ast.parse("".join(cell["source"])).body:
            target = getattr(node, "target", None) or (
                node.targets[0] if isinstance(node, ast.Assign) else None
            )
            if isinstance(target, ast.Name) and getattr(node, "value", None) is not None:
                try:
                    out[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
        return out


def _stat(path: Path) -> tuple[float, int] | None:
    return (path.stat().st_mtime, path.stat().st_size) if path.exists() else None


@pytest.fixture
def workbook(tmp_path: Path) -> Iterator[Workbook]:
    from workbook.demo import build_demo_db

    before = _stat(REAL_DEMO_DB)
    db = build_demo_db(tmp_path / "workbook" / "demo.db")
    root = tmp_path / "notebooks"
    pointed = copy_notebooks(NOTEBOOKS, root, db) if NOTEBOOKS.is_dir() else []
    for stage, name in STAGES.items():  # the demo person and day these tests were written for
        person = "priya" if stage in ("log", "goals") else "tomas"
        set_notebook_parameters(root / name, root / name, person=person, period="2026Q4", as_of="2026-12-18")
    pointed.append(
        set_notebook_parameters(HERE / "tiny.ipynb", root / "tiny.ipynb", db=str(tmp_path / "tiny.db"))
    )
    yield Workbook(db=db, notebooks=root, pointed=pointed)
    assert _stat(REAL_DEMO_DB) == before, (
        f"{REAL_DEMO_DB} changed during a browser test; the notebooks must use the temp workbook"
    )


# -- servers ----------------------------------------------------------------------------------------------
@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short runtime folder: kernels talk over IPC sockets there, and a socket path has at most 107 bytes
    (pytest's tmp_path is too long for that)."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="wb-rt-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _isolated_env(base: Path, runtime: Path) -> dict[str, str]:
    """Settings, workspaces, runtime and config of this run only; the news pop-up is off in its settings."""
    dirs = {
        k: base / k.lower()
        for k in ("JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "JUPYTER_CONFIG_DIR")
    }
    dirs["JUPYTER_RUNTIME_DIR"] = runtime
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    notification = (
        dirs["JUPYTERLAB_SETTINGS_DIR"]
        / "@jupyterlab"
        / "apputils-extension"
        / "notification.jupyterlab-settings"
    )
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"checkForUpdates": False, "fetchNews": "false"}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update({k: str(v) for k, v in dirs.items()})
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture
def lab(workbook: Workbook, start_lab) -> Server:  # type: ignore[no-untyped-def]
    """JupyterLab on 127.0.0.1, a random token, root_dir = the temp notebooks, ready to open."""
    return start_lab(workbook.notebooks)


@pytest.fixture
def start_lab(servers: list[Server], tmp_path: Path, runtime_dir: Path, request) -> Callable[[Path], Server]:  # type: ignore[no-untyped-def]
    """Start JupyterLab (127.0.0.1, a random token) on a folder of notebooks; returns the ready server."""

    def start(root: Path) -> Server:
        return _start_lab(root, servers, tmp_path, runtime_dir, request)

    return start


def _start_lab(root: Path, servers: list[Server], tmp_path: Path, runtime_dir: Path, request) -> Server:  # type: ignore[no-untyped-def]
    port, token = free_port(), secrets.token_urlsafe(24)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--KernelManager.transport=ipc",
    ]
    server = start_server(
        "JupyterLab",
        cmd,
        log=tmp_path / "jupyterlab.log",
        env=_isolated_env(tmp_path / "lab", runtime_dir),
        cwd=root,
        base_url=f"http://127.0.0.1:{port}",
        token=token,
    )
    servers.append(server)
    record_timing(request.node.name, "JupyterLab start-to-ready", server.wait_ready("/api/status"))
    return server


@pytest.fixture
def start_voila(
    workbook: Workbook, servers: list[Server], tmp_path: Path, runtime_dir: Path, request
) -> Callable[[Path], Server]:  # type: ignore[no-untyped-def]
    """Start Voila (the command `workbook app` runs) on one notebook; returns the ready server. ``cull_after``:
    seconds before the kernel of a page left is stopped (as `workbook app` does after 10 minutes)."""

    def start(notebook: Path, **options: int) -> Server:
        port = free_port()
        server = start_server(
            "Voila",
            voila_command(notebook, port, **options),
            log=tmp_path / "voila.log",
            env=_isolated_env(tmp_path / "voila", runtime_dir),
            cwd=notebook.parent,
            base_url=f"http://127.0.0.1:{port}",
        )
        servers.append(server)
        # A static file: asking for "/" would already run the notebook in a kernel.
        record_timing(
            request.node.name, "Voila start-to-ready", server.wait_ready("/voila/static/favicon.ico")
        )
        return server

    return start


# -- the browser ------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium() -> str | None:
    from workbook.core.errors import ExportError
    from workbook.render.browser import find_chromium

    try:
        return find_chromium()
    except ExportError as exc:
        pytest.skip(f"browser tests need Chromium and none was found: {exc}")


@pytest.fixture(scope="session")
def browser(chromium):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    from workbook.render.browser import launch_chromium

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def page(browser, request, screenshot_dir: Path):  # type: ignore[no-untyped-def]
    """A fresh page 1400x1000; photographed (full page) into screenshot_dir when the test failed."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    pg = context.new_page()
    console: list[str] = []
    pg.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None)
    pg.console_errors = console  # type: ignore[attr-defined]
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        shot = screenshot_dir / f"FAILED-{request.node.name}.png"
        try:
            pg.screenshot(path=str(shot), full_page=True, timeout=10_000)
            _SCREENSHOTS.append(shot)
        except Exception as exc:  # the page may be gone; the failure itself matters more
            print(f"could not take a failure screenshot: {exc}")
    context.close()


@pytest.fixture
def keep_screenshot(screenshot_dir: Path) -> Callable[..., Path]:
    """Keep one screenshot of a page (every run, pass or fail) and list it in the summary."""

    def keep(pg, name: str, locator=None) -> Path:  # type: ignore[no-untyped-def]
        """The whole of ``locator`` (e.g. the form) when given, else the full page."""
        shot = screenshot_dir / f"{name}.png"
        if locator is not None:
            # JupyterLab and Voila scroll inside a panel that clips a tall element: make the window tall
            # enough for the whole form, photograph it, then put the window back.
            size = pg.viewport_size or {"width": 1400, "height": 1000}
            box = locator.bounding_box() or {"height": 0}
            if box["height"] + 200 > size["height"]:
                pg.set_viewport_size({"width": size["width"], "height": min(int(box["height"]) + 400, 8000)})
                pg.wait_for_timeout(500)
            try:
                locator.screenshot(path=str(shot))
            finally:
                pg.set_viewport_size(size)
        else:
            pg.screenshot(path=str(shot), full_page=True)
        _SCREENSHOTS.append(shot)
        print(f"screenshot: {shot}")
        return shot

    return keep


# -- what a user sees -------------------------------------------------------------------------------------
def describe_outputs(pg) -> str:  # type: ignore[no-untyped-def]
    """The outputs on the page, for a failure message: mime type and the start of the text."""
    items = pg.eval_on_selector_all(
        ".jp-OutputArea-output",
        "els => els.map(e => (e.getAttribute('data-mime-type') || '?') + ': ' + e.innerText.slice(0, 300))",
    )
    return "\n".join(items) or "(no outputs)"


def wait_for_form(pg, selector: str, *, timeout: float = RENDER_TIMEOUT_S):  # type: ignore[no-untyped-def]
    """Wait until the widget view ``selector`` is visible; fail at once on a stderr output or a widget error,
    and at the deadline say what was shown instead (e.g. a plain-text 'VBox(...)' when the widget frontend
    is missing, or 'Loading widget...')."""
    timeout = seconds_left(timeout)
    deadline = time.monotonic() + timeout
    form = pg.locator(selector).first
    while time.monotonic() < deadline:
        if pg.locator(STDERR_OUTPUT).count():
            pytest.fail(
                f"a cell wrote to stderr (a traceback or a warning):\n{pg.locator(STDERR_OUTPUT).first.inner_text()}"
            )
        broken = pg.locator(WIDGET_ERROR)
        if broken.count():  # the widget manager drew its error view (e.g. a widget module it cannot load)
            broken.first.click()  # reveals the JavaScript error
            pytest.fail(
                f"a widget failed to display:\n{broken.first.inner_text()[:800]}\n{describe_outputs(pg)}"
            )
        if form.count() and form.is_visible() and not pg.locator(WIDGET_ERROR).count():
            return form
        pg.wait_for_timeout(250)
    pytest.fail(
        f"the form {selector} did not render within {timeout:.0f} s; the page shows:\n{describe_outputs(pg)}\n"
        f"console errors: {getattr(pg, 'console_errors', [])[-5:]}"
    )


_STICKING_OUT = """form => {
    const output = form.closest('.jp-OutputArea-output');
    const edge = output.getBoundingClientRect().right;
    const name = e => `${e.tagName.toLowerCase()} "${(e.value || e.placeholder || e.innerText).trim().slice(0, 40)}"`;
    const said = [];
    for (const e of form.querySelectorAll('input, textarea, select, button')) {
        const box = e.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.right > edge + 1) {
            said.push(`${name(e)} ends ${Math.round(box.right - edge)} px past the output's edge`);
            continue;
        }
        // a box between it and the output that clips what overflows it (ipywidgets' containers scroll) hides its end
        for (let up = e.parentElement; up && up !== output; up = up.parentElement) {
            const style = getComputedStyle(up);
            if (style.overflowX !== 'visible' && box.right > up.getBoundingClientRect().right + 1) {
                said.push(`${name(e)} ends ${Math.round(box.right - up.getBoundingClientRect().right)} px past `
                          + `the box around it, which cuts its right side off`);
                break;
            }
        }
        // a button too narrow for its words shows them cut to "..."
        if (e.tagName === 'BUTTON' && e.scrollWidth > e.clientWidth + 1)
            said.push(`${name(e)} is ${e.scrollWidth - e.clientWidth} px too narrow: its label is cut to "..."`);
    }
    return said;
}"""


def sticking_out(form) -> list[str]:  # type: ignore[no-untyped-def]
    """Every input, textarea, select or button of ``form`` that is not wholly shown, said as a failure message line:
    one that ends past its output's right edge or past a box around it that clips it (where its border, handle or
    label is cut off), and a button whose label is cut to "..." because the row left it too little room."""
    return list(form.evaluate(_STICKING_OUT))


def assert_no_stderr(pg) -> None:  # type: ignore[no-untyped-def]
    stderr = pg.locator(STDERR_OUTPUT)
    assert stderr.count() == 0, f"a cell wrote to stderr:\n{stderr.first.inner_text()}"


def open_in_lab(server: Server, pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open notebook ``name`` in JupyterLab and wait until its kernel is idle (accepting a kernel dialog)."""
    pg.goto(server.url(f"/lab/tree/{name}"))
    wait_for_kernel(server, pg, name)


def wait_for_kernel(server: Server, pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the notebook panel on show has an idle kernel (accepting a kernel dialog)."""
    panel = pg.locator(".jp-NotebookPanel:visible").first
    panel.wait_for(state="visible", timeout=seconds_left(RENDER_TIMEOUT_S) * 1000)
    deadline = time.monotonic() + seconds_left(RENDER_TIMEOUT_S)
    while time.monotonic() < deadline:
        dialog = pg.locator(".jp-Dialog")
        if dialog.count() and dialog.first.is_visible():
            text = dialog.first.inner_text()
            if "Select Kernel" not in text:  # e.g. "Error Starting Kernel"
                pytest.fail(f"JupyterLab showed a dialog opening {name}:\n{text}\n{server.log_tail()}")
            dialog.locator(".jp-mod-accept").first.click()  # the notebook names no kernel: take the default
        kernel = pg.locator(".jp-NotebookPanel:visible .jp-NotebookPanel-toolbar .jp-KernelName").first
        if (
            kernel.count()
            and "No Kernel" not in kernel.inner_text()
            and pg.locator(".jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator[data-status='idle']").count()
        ):
            return
        pg.wait_for_timeout(200)
    pytest.fail(f"the kernel of {name} was not idle within {RENDER_TIMEOUT_S} s:\n{server.log_tail()}")


_EXECUTION_STARTED = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-InputPrompt')]
    .some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))"""


def run_all_cells(pg) -> None:  # type: ignore[no-untyped-def]
    """Run > Run All Cells, as a user does; make sure cells started (a busy machine can swallow a click)."""
    for _attempt in range(3):
        # a "Select Kernel" dialog can come up after the kernel first showed idle (a loaded machine, CI at
        # 65 min): it takes every click, so accept it as wait_for_kernel does
        dialog = pg.locator(".jp-Dialog")
        if dialog.count() and dialog.first.is_visible() and "Select Kernel" in dialog.first.inner_text():
            dialog.locator(".jp-mod-accept").first.click()
            dialog.first.wait_for(state="hidden")
        try:
            pg.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click(timeout=8000)
        except Exception:  # Playwright's TimeoutError: a dialog took the click; look again
            continue
        item = pg.locator(".lm-Menu-item[data-command='runmenu:run-all']")
        item.wait_for(state="visible")
        if "lm-mod-disabled" in (item.get_attribute("class") or ""):
            pg.keyboard.press("Escape")
            pg.wait_for_timeout(1000)
            continue
        item.click()
        try:
            pg.wait_for_function(_EXECUTION_STARTED, timeout=seconds_left(15) * 1000)
            return
        except Exception:  # Playwright's TimeoutError: try the menu once more
            continue
    pytest.fail(f"Run > Run All Cells did not start any cell; the page shows:\n{describe_outputs(pg)}")


@pytest.fixture
def ui():  # type: ignore[no-untyped-def]
    """The page helpers, for the test modules (importing conftest directly is fragile)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        open_in_lab=open_in_lab,
        wait_for_kernel=wait_for_kernel,
        run_all_cells=run_all_cells,
        wait_for_form=wait_for_form,
        assert_no_stderr=assert_no_stderr,
        describe_outputs=describe_outputs,
        record_timing=record_timing,
        sticking_out=sticking_out,
    )
