"""The PDF worker process: one headless Chromium (JavaScript off, offline) printing pages sent on stdin.

Started by :class:`workbook.render.pdf.PdfPrinter` in a session of its own, so a Ctrl-C to the
terminal's process group never reaches it, its Playwright driver or its browser: the batch that owns
it decides when it stops (it closes stdin, or kills the session). Messages are frames: a 4-byte
big-endian length, then the bytes. A request is a JSON frame ``{"html": ..., "header": ...}``; the
answer is a JSON frame ``{"ok": true, "blocked": [...]}`` followed by a frame of PDF bytes, or
``{"ok": false, "error": "one line"}``. The first frame the worker sends says whether the browser started.
"""

from __future__ import annotations

import html
import json
import signal
import struct
import sys
from contextlib import suppress
from typing import IO, Any

__all__ = ["read_frame", "write_frame", "main", "PDF_MARGINS", "HEADER_FOOTER_STYLE", "FOOTER_TEMPLATE"]

PDF_MARGINS = {"top": "20mm", "right": "16mm", "bottom": "18mm", "left": "16mm"}
HEADER_FOOTER_STYLE = (
    "font-family:'Liberation Sans','DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#5b636d;"
    "width:100%;box-sizing:border-box;padding:0 16mm;margin:0;display:flex;justify-content:space-between;"
)
# The title (a person's name in it) is cut with an ellipsis on one line: a name of 175 letters with no space
# pushed "Page 1 of N" off the page, and a spaced one wrapped it to two lines
_TITLE_STYLE = "flex:1 1 auto;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;margin-right:4mm"
# Chromium fills the span classes itself, as text (a title with markup prints literally).
FOOTER_TEMPLATE = (
    f'<div style="{HEADER_FOOTER_STYLE}"><span class="title" style="{_TITLE_STYLE}"></span>'
    '<span style="white-space:nowrap;flex:none">Page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></span></div>'
)


def write_frame(stream: IO[bytes], data: bytes) -> None:
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> bytes | None:
    """One frame, or None at the end of the stream."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack(">I", head)
    data = stream.read(size)
    if len(data) < size:
        return None
    return data


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def main() -> None:  # pragma: no cover - runs in the worker process (tested through PdfPrinter)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the owner stops us; never a terminal's Ctrl-C
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the reply stream
    timeout_ms = float(sys.argv[1]) * 1000 if len(sys.argv) > 1 else 30_000
    blocked: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(url)
            r.abort("blockedbyclient")

    playwright = browser = None
    try:
        from playwright.sync_api import sync_playwright

        from .browser import launch_chromium

        try:
            playwright = sync_playwright().start()
        except Exception as exc:  # noqa: BLE001
            raise RuntimeError(f"could not start Playwright: {_first_line(exc)}") from exc
        browser = launch_chromium(playwright)
        context = browser.new_context(java_script_enabled=False, offline=True, service_workers="block",
                                      accept_downloads=False)
        context.set_default_timeout(timeout_ms)
        context.route("**/*", route)
        page = context.new_page()
    except BaseException as exc:  # noqa: BLE001 - reported to the owner as one line
        write_frame(replies, json.dumps({"ok": False, "error": _first_line(exc)}).encode())
        _stop(playwright, browser)
        return
    write_frame(replies, json.dumps({"ok": True}).encode())
    while (frame := read_frame(requests)) is not None:
        request = json.loads(frame)
        blocked.clear()
        try:
            if page is None:
                page = context.new_page()
            # one page reused across prints: set_content replaces the whole document (no script runs)
            page.set_content(request["html"], wait_until="load")
            header = (f'<div style="{HEADER_FOOTER_STYLE}"><span></span>'
                      f'<span>{html.escape(request.get("header", ""))}</span></div>')
            pdf = page.pdf(format="A4", margin=PDF_MARGINS, print_background=True, display_header_footer=True,
                           header_template=header, footer_template=FOOTER_TEMPLATE)
        except Exception as exc:  # noqa: BLE001
            with suppress(Exception):
                page.close()
            page = None  # a page that failed mid-print may be stuck; the next print starts clean
            write_frame(replies, json.dumps({"ok": False, "error": _first_line(exc)}).encode())
            continue
        write_frame(replies, json.dumps({"ok": True, "blocked": blocked}).encode())
        write_frame(replies, pdf)
    _stop(playwright, browser)


def _stop(playwright: Any, browser: Any) -> None:  # pragma: no cover - worker process
    if browser is not None:
        with suppress(Exception):
            browser.close()
    if playwright is not None:
        with suppress(Exception):
            playwright.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
