"""Shareable exports are inert (nothing a user typed runs), offline, and never half-written."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import http.server
import os
import re
import shutil
import signal
import stat
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest

from workbook.core.errors import ExportError
from workbook.core.fileio import write_bytes_atomic, write_text_atomic
from workbook.render.export import CONTENT_SECURITY_POLICY, notebook_to_html
from workbook.render.pdf import PdfPrinter, notebook_to_pdf

SCRIPT = "<script>alert(1)</script>"
IMG_ONERROR = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">x</a>'
IFRAME = '<iframe src="https://evil.example/frame"></iframe>'
ONLOAD = '<div onload="alert(1)">loaded</div>'
HOSTILE = " ".join([SCRIPT, IMG_ONERROR, JS_LINK, IFRAME, ONLOAD])
CODE_MARKER = "secret_code_marker = 42"
# 1x1 PNG
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def hostile_notebook() -> nbformat.NotebookNode:
    """A notebook whose outputs carry what a user might type into a note, in every output kind."""
    nb = nbformat.v4.new_notebook()

    def code(*outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
        return nbformat.v4.new_code_cell(CODE_MARKER, execution_count=1, outputs=list(outputs))

    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Quarterly summary — Ana Souza — 2027Q1\n\n"
            f"Note typed by a user: {HOSTILE}\n\n"
            "![tracker](https://evil.example/pixel.png) [docs](https://evil.example/docs)"
        ),
        code(
            nbformat.v4.new_output(
                "display_data",
                data={
                    "text/html": f"<table><tr><th>Note</th></tr><tr><td>{HOSTILE}</td></tr></table>"
                    '<p style="background-image:url(https://evil.example/bg.png)">styled</p>'
                    "<style>@import url(https://evil.example/x.css); td { color: #333; }</style>"
                    '<link rel="stylesheet" href="https://cdn.example/x.css">',
                    "text/plain": "table",
                },
            )
        ),
        code(nbformat.v4.new_output("stream", name="stdout", text=f"plain: {SCRIPT}\n")),
        code(
            nbformat.v4.new_output(
                "execute_result", data={"text/plain": f"'{IMG_ONERROR}'"}, execution_count=1
            )
        ),
        code(nbformat.v4.new_output("display_data", data={"text/markdown": f"**md output** {SCRIPT}"})),
        code(nbformat.v4.new_output("display_data", data={"text/vnd.mermaid": SCRIPT})),
        code(nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"})),
        code(
            nbformat.v4.new_output(
                "display_data",
                data={
                    "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2},
                    "text/plain": "IntSlider(value=3)",
                },
            )
        ),
        code(nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})),
        code(nbformat.v4.new_output("stream", name="stderr", text="DeprecationWarning: noise\n")),
        code(),  # the papermill parameters cell: no output, must leave no blank gap
    ]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.ipynb"
    nbformat.write(hostile_notebook(), path)
    return path


@pytest.fixture
def page(hostile_path: Path) -> str:
    return notebook_to_html(hostile_path, provenance={"database": "team.db", "quarter": "2027Q1"})


class Markup(HTMLParser):
    """Collects elements and attributes as a browser's parser would see them (text stays text)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# --------------------------------------------------------------------------------------------------
# HTML


def test_user_text_never_becomes_script_or_handler(page: str) -> None:
    markup = Markup(page)
    tag_names = {tag for tag, _ in markup.tags}
    assert not tag_names & {"script", "iframe", "object", "embed", "link", "base", "form"}
    for tag, attrs in markup.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            assert not attrs.get(name, "").lower().strip().startswith("javascript:"), (tag, attrs)
    assert not re.search(r"<[^>]*\son\w+\s*=", page, re.I), "an event handler survived as markup"
    assert not re.search(r"<[^>]*javascript:", page, re.I)
    # The typed text is still there for the reader, as text.
    text = "".join(markup.text)
    assert "<script>alert(1)</script>" in text
    assert "plain: <script>alert(1)</script>" in text


def test_page_fetches_nothing_from_the_network(page: str) -> None:
    for tag, attrs in Markup(page).tags:
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            value = attrs.get(name, "")
            assert not re.match(r"\s*(https?:)?//", value, re.I), f"<{tag} {name}={value!r}>"
    assert not re.search(r"<[^>]*\s(src|href)\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
    assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", page, re.I)
    assert "@import" not in page
    lowered = page.lower()
    assert "mathjax" not in lowered
    assert "require.js" not in lowered and "requirejs" not in lowered


def test_content_security_policy_forbids_scripts(page: str) -> None:
    metas = [attrs for tag, attrs in Markup(page).tags if tag == "meta"]
    csp = [m for m in metas if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert [m["content"] for m in csp] == [CONTENT_SECURITY_POLICY]
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "script-src" not in CONTENT_SECURITY_POLICY
    head = page[: page.index("</head>")]
    assert head.index("Content-Security-Policy") < head.index("<style")


def test_shareable_page_shows_no_code_input(hostile_path: Path, page: str) -> None:
    assert CODE_MARKER not in page
    assert "In&nbsp;[" not in page and "Out[" not in page
    with_code = notebook_to_html(hostile_path, exclude_input=False)
    assert "secret_code_marker" in with_code


def test_widgets_scripts_and_stderr_are_dropped(page: str) -> None:
    assert "IntSlider" not in page
    assert "widget-state" not in page and "widget-view" not in page
    assert "alert(1)</script>" not in page  # no raw script anywhere, escaped text only
    assert "DeprecationWarning" not in page
    assert "jp-mod-noOutputs" not in page  # the empty parameters cell left no gap


def test_mermaid_output_is_escaped(page: str) -> None:
    # nbconvert 7.17.2's lab template inserts mermaid source unescaped, even with sanitize_html.
    assert '<pre class="mermaid">' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_tables_headings_and_data_images_survive_sanitizing(page: str) -> None:
    tags = Markup(page).tags
    names = [tag for tag, _ in tags]
    assert "h1" in names and "table" in names and "th" in names and "td" in names
    images = [attrs["src"] for tag, attrs in tags if tag == "img"]
    assert images == [f"data:image/png;base64,{PNG}"]


def test_provenance_is_escaped_in_a_source_block(hostile_path: Path) -> None:
    page = notebook_to_html(
        hostile_path, provenance={"database": f"team.db {SCRIPT}", "run_time": "2027-04-02"}
    )
    assert "wb-provenance" in page
    assert "team.db &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Run time" in page


def test_title_comes_from_the_first_heading_and_is_escaped(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Summary for <b>Ana</b>")]
    page = notebook_to_html(nb)
    assert "<title>Summary for &lt;b&gt;Ana&lt;/b&gt;</title>" in page


def test_exporter_reuse_does_not_leak_between_documents(hostile_path: Path) -> None:
    first = notebook_to_html(hostile_path, provenance={"person": "Ana Souza"})
    other = nbformat.v4.new_notebook()
    other.cells = [nbformat.v4.new_markdown_cell("# Bruno Lima")]
    second = notebook_to_html(other, provenance={"person": "Bruno Lima"})
    assert "Ana Souza" in first and "Ana Souza" not in second
    assert "<title>Bruno Lima</title>" in second


def test_callers_notebook_is_not_modified() -> None:
    nb = hostile_notebook()
    before = nbformat.writes(nb)
    notebook_to_html(nb)
    assert nbformat.writes(nb) == before


def test_unreadable_notebook_raises_export_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ExportError, match="broken.ipynb"):
        notebook_to_html(broken)
    with pytest.raises(ExportError, match="no such notebook"):
        notebook_to_html(tmp_path / "missing.ipynb")


# --------------------------------------------------------------------------------------------------
# Atomic writes


def test_atomic_write_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    write_text_atomic(target, "one\n")
    os.chmod(target, 0o640)
    write_text_atomic(target, "two\r\n")
    assert target.read_bytes() == b"two\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its permissions
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_new_files_are_private(tmp_path: Path) -> None:
    target = write_bytes_atomic(tmp_path / "summary.pdf", b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.ipynb"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.ipynb"]
    # a missing folder is created (outputs/<quarter>/ on a first run), the file still lands whole
    written = write_text_atomic(tmp_path / "missing-dir" / "x.json", "{}")
    assert written.read_text(encoding="utf-8") == "{}"
    assert [p.name for p in written.parent.iterdir()] == ["x.json"]


# --------------------------------------------------------------------------------------------------
# PDF in a real Chromium


def _chromium_or_skip() -> None:
    from workbook.render.browser import find_chromium

    try:
        find_chromium()
    except ExportError as exc:
        pytest.skip(f"no Chromium on this machine: {exc}")


def in_own_thread(func: Any, *args: Any) -> Any:
    """Run in a fresh thread: the module's open printer holds Playwright's event loop in this one,
    and Playwright's sync API will not start a second time inside a running loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func, *args).result()


@pytest.fixture(scope="module")
def printer():  # type: ignore[no-untyped-def]
    _chromium_or_skip()
    with PdfPrinter() as opened:
        yield opened


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.slow
def test_pdf_shows_user_text_literally(printer: PdfPrinter, page: str, tmp_path: Path) -> None:
    out = printer.print_html(page, tmp_path / "summary.pdf")
    text = pdf_text(out)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "Quarterly summary — Ana Souza — 2027Q1" in text
    assert "team.db" in text and "Page 1 of" in text
    assert CODE_MARKER not in text


@pytest.mark.slow
def test_pdf_draws_the_emoji_in_public_ladders_competency_names(printer: PdfPrinter, tmp_path: Path) -> None:
    """Two public ladders name competencies with an emoji ("🛠️ Mastery"); without a colour emoji font Chromium
    draws an empty box in its place. With Debian's fonts-noto-color-emoji (make setup and .ci/run install it)
    each emoji is a Type 3 glyph; a box is drawn from the text font and adds no Type 3 font."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    plain = printer.print_html("<html><body><p>closest: Mastery</p></body></html>", tmp_path / "plain.pdf")
    emoji = printer.print_html("<html><body><p>closest: 🛠️ Mastery, 📈 Mastery - Data Analytics</p></body></html>",
                               tmp_path / "emoji.pdf")

    def fonts(path: Path) -> str:
        return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout

    assert "Type 3" not in fonts(plain)
    assert "Type 3" in fonts(emoji), "no colour emoji font: apt-get install fonts-noto-color-emoji"
    assert "🛠" in pdf_text(emoji)


@pytest.mark.slow
def test_pdf_draws_chinese_names_and_key_results(printer: PdfPrinter, tmp_path: Path) -> None:
    """A name or key result in Chinese (the people list already aligns Chinese names) was drawn as empty boxes:
    no font on the machine had the glyphs. make setup and .ci/run install Debian's fonts-noto-cjk."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = printer.print_html("<html><body><p>陈梅: 给 10+ 线下展览投稿</p></body></html>", tmp_path / "cjk.pdf")
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    # Chromium embeds Noto CJK's glyphs as Type 3 fonts; a box is drawn from the text font and adds none
    assert "Type 3" in fonts, "no font with Chinese glyphs: apt-get install fonts-noto-cjk"
    assert "线下展览投稿" in pdf_text(out)


@pytest.mark.slow
def test_one_printer_prints_many_pdfs(printer: PdfPrinter, hostile_path: Path, tmp_path: Path) -> None:
    first = notebook_to_pdf(hostile_path, tmp_path / "a.pdf", printer, provenance={"person": "Ana Souza"})
    other = nbformat.v4.new_notebook()
    other.cells = [nbformat.v4.new_markdown_cell("# Quarterly summary — Bruno Lima — 2027Q1")]
    second = notebook_to_pdf(other, tmp_path / "b.pdf", printer)
    assert first.read_bytes()[:5] == second.read_bytes()[:5] == b"%PDF-"
    assert "Ana Souza" in pdf_text(first)
    assert "Bruno Lima" in pdf_text(second) and "Ana Souza" not in pdf_text(second)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["a.pdf", "b.pdf"]
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.slow
def test_printer_fetches_nothing_even_for_raw_html(printer: PdfPrinter, tmp_path: Path) -> None:
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    raw = (
        f'<html><head><link rel="stylesheet" href="{base}/x.css"><style>@import url({base}/i.css);</style>'
        f'</head><body style="background:url({base}/bg.png)"><img src="{base}/pixel.png">'
        f'<iframe src="{base}/frame"></iframe><script src="{base}/x.js"></script><p>raw page</p></body></html>'
    )
    try:
        out = printer.print_html(raw, tmp_path / "raw.pdf")
    finally:
        server.shutdown()
        server.server_close()
    assert "raw page" in pdf_text(out)
    assert hits == []


@pytest.mark.slow
def test_sanitizing_holds_without_csp_and_with_javascript_on(page: str) -> None:
    """Load the page as a permissive browser would (JS on, CSP removed): no dialog, no script, no handler."""
    _chromium_or_skip()
    no_csp = re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", page)
    assert not re.search(r"<meta[^>]*Content-Security-Policy", no_csp)
    in_own_thread(load_with_javascript_on, no_csp)


def load_with_javascript_on(no_csp: str) -> None:
    from playwright.sync_api import sync_playwright

    from workbook.render.browser import launch_chromium

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            context = browser.new_context(java_script_enabled=True, bypass_csp=True)
            context.route("**/*", lambda route: route.abort())
            tab = context.new_page()
            dialogs: list[str] = []
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            tab.set_content(f"<p>control</p>{SCRIPT}")  # the check itself can see a dialog
            assert dialogs == ["1"]
            dialogs.clear()

            tab.set_content(no_csp, wait_until="load")
            tab.wait_for_timeout(300)
            assert dialogs == []
            assert tab.evaluate("document.scripts.length") == 0
            assert tab.evaluate("document.querySelectorAll('iframe, object, embed').length") == 0
            handlers = tab.evaluate(
                "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                ".filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => a.name))"
            )
            assert handlers == []
        finally:
            browser.close()


@pytest.mark.slow
def test_failed_print_leaves_no_file(tmp_path: Path) -> None:
    _chromium_or_skip()
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"%PDF- previous quarter")

    def print_with_a_dead_browser() -> None:
        with PdfPrinter() as broken:
            assert broken._proc is not None
            os.killpg(broken._proc.pid, signal.SIGKILL)  # the browser (and its worker) die between prints
            broken._proc.wait()
            with pytest.raises(ExportError, match="new.pdf"):
                broken.print_html("<p>hello</p>", tmp_path / "new.pdf")
            with pytest.raises(ExportError, match="kept.pdf"):
                broken.print_html("<p>hello</p>", kept)

    in_own_thread(print_with_a_dead_browser)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.pdf"]
    assert kept.read_bytes() == b"%PDF- previous quarter"


@pytest.mark.slow
def test_print_into_a_missing_directory_names_it(printer: PdfPrinter, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        printer.print_html("<p>x</p>", tmp_path / "nope" / "x.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_notebook_to_pdf_works_inside_a_running_event_loop(hostile_path: Path, tmp_path: Path) -> None:
    """A Jupyter kernel runs asyncio; Playwright's sync API refuses to start there unless moved off it."""
    _chromium_or_skip()
    out = tmp_path / "from-kernel.pdf"

    async def in_kernel() -> Path:
        return notebook_to_pdf(hostile_path, out)

    assert in_own_thread(asyncio.run, in_kernel()) == out
    assert "Quarterly summary" in pdf_text(out)


def test_closed_printer_refuses_to_print(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="closed"):
        PdfPrinter().print_html("<p>x</p>", tmp_path / "x.pdf")


def test_png_fixture_is_a_png() -> None:
    assert base64.b64decode(PNG)[:4] == b"\x89PNG"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Rae" + "x" * 172, "Sam " + "Long Name With Many Words " * 6])
def test_a_long_name_in_the_footer_leaves_the_page_number_whole(printer: PdfPrinter, tmp_path: Path, name: str) -> None:
    """A name of 175 letters with no space pushed "Page 1 of N" off the page, and a long spaced one cut it at the
    edge (found by a helper); the title is now cut with an ellipsis on one line, the page number kept whole."""
    page = f"<html><head><title>Quarterly summary: {name}, 2026Q4</title></head><body><p>hello</p></body></html>"
    text = pdf_text(printer.print_html(page, tmp_path / "long.pdf"))
    footer = [line for line in text.splitlines() if "Quarterly summary:" in line]
    assert len(footer) == 1 and footer[0].rstrip().endswith("Page 1 of 1"), footer
