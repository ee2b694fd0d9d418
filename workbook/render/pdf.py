"""Print HTML to PDF with one kept-open headless Chromium: JavaScript off, every network request aborted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..core.errors import ExportError
from ..core.fileio import write_bytes_atomic
from ..core.paths import PROJECT_ROOT
from .export import notebook_to_html
from .pdf_worker import read_frame, write_frame

if TYPE_CHECKING:
    from collections.abc import Mapping

    import nbformat

__all__ = ["PdfPrinter", "html_to_pdf", "notebook_to_pdf"]


class PdfPrinter:
    """One headless Chromium kept open to print many HTML pages to PDF (about 0.1 s each, after a 1.4 s start).

    The browser context has JavaScript disabled, is offline, and aborts every request that is not a
    ``data:`` URL, so nothing in a page can run or fetch. The browser lives in a worker process
    (:mod:`workbook.render.pdf_worker`) in a session of its own: a Ctrl-C to the terminal stops the
    batch that owns the printer, which then closes it, instead of killing the browser mid-print. Use it
    as a context manager; it can be used from any thread (prints are served one at a time).

    ``header_text`` is printed, escaped, at the top right of every page; the footer carries the
    document title and "Page n of N".
    """

    def __init__(self, *, header_text: str = "Confidential", timeout_s: float = 30.0) -> None:
        self.header_text = header_text
        self.timeout_s = timeout_s
        self.blocked_urls: list[str] = []
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._ready: bool | None = None
        self._open_error: str | None = None

    def __enter__(self) -> PdfPrinter:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker and its browser in the background and return at once; the first print waits
        for it (and raises its start-up error, if there was one)."""
        if self._proc is None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "workbook.render.pdf_worker", str(self.timeout_s)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=None if os.environ.get("WORKBOOK_PDF_STDERR") else subprocess.DEVNULL,
                cwd=str(PROJECT_ROOT), start_new_session=True)
            self._ready = None

    def open(self) -> None:
        """Start Playwright and Chromium. Raises ExportError when no Chromium can be started."""
        self.start()
        with self._lock:
            self._wait_ready()

    def _wait_ready(self) -> None:
        if self._ready is None:
            assert self._proc is not None and self._proc.stdout is not None
            frame = read_frame(self._proc.stdout)
            hello = json.loads(frame) if frame else {"ok": False, "error": "the PDF worker exited at start"}
            self._ready = bool(hello.get("ok"))
            self._open_error = None if self._ready else str(hello.get("error"))
        if not self._ready:
            raise ExportError(f"could not start Chromium for PDFs: {self._open_error}")

    def close(self) -> None:
        """Stop the browser and its worker (at most a few seconds); safe to call twice."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # the worker closes its browser and exits
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:  # whatever is left in the worker's session (a stuck driver or browser) goes too
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        except OSError:
            proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    def render(self, html_text: str, label: str | os.PathLike[str] = "page") -> bytes:
        """The PDF of ``html_text`` (A4). Raises ExportError (naming ``label``) when the printer is closed
        or Chromium fails."""
        if self._proc is None:
            raise ExportError(f"{label}: the PdfPrinter is closed; use it inside 'with PdfPrinter() as printer:'")
        with self._lock:
            try:
                self._wait_ready()
            except ExportError as exc:
                raise ExportError(f"{label}: {exc}") from None
            proc = self._proc
            try:
                assert proc.stdin is not None and proc.stdout is not None
                write_frame(proc.stdin, json.dumps({"html": html_text, "header": self.header_text}).encode())
                answer = read_frame(proc.stdout)
                if answer is None:
                    raise EOFError("the browser process exited")
                reply = json.loads(answer)
                if not reply.get("ok"):
                    raise ExportError(f"{label}: Chromium could not print the page: {reply.get('error')}")
                pdf = read_frame(proc.stdout)
                if pdf is None:
                    raise EOFError("the browser process exited")
            except (OSError, EOFError, ValueError) as exc:
                self._ready = False
                self._open_error = f"the browser process stopped ({exc})"
                raise ExportError(f"{label}: Chromium could not print the page: {exc}") from None
            self.blocked_urls.extend(reply.get("blocked") or [])
            return pdf

    def print_html(self, html_text: str, out: str | os.PathLike[str]) -> Path:
        """Print ``html_text`` to the PDF file ``out`` (A4), replacing it atomically.

        Raises ExportError when the printer is closed or Chromium fails; then ``out`` is untouched
        (absent, or the previous file).
        """
        target = Path(out)
        if self._proc is not None and not target.parent.is_dir():
            raise ExportError(f"{target}: directory {target.parent} does not exist; create it first")
        pdf = self.render(html_text, target)
        try:
            return write_bytes_atomic(target, pdf)
        except OSError as exc:
            raise ExportError(f"{target}: could not write the PDF: {exc.strerror or exc}") from exc


def html_to_pdf(html_text: str, out: str | os.PathLike[str]) -> Path:
    """Print one HTML page to ``out`` with a Chromium started for it (about 1.5 s; batch with PdfPrinter)."""
    with PdfPrinter() as printer:
        return printer.print_html(html_text, out)


def notebook_to_pdf(
    nb_path: str | os.PathLike[str] | nbformat.NotebookNode,
    out: str | os.PathLike[str],
    printer: PdfPrinter | None = None,
    *,
    exclude_input: bool = True,
    provenance: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> Path:
    """Export a notebook as a shareable PDF at ``out``: :func:`notebook_to_html`, then print.

    Pass an open ``printer`` to reuse its browser across many notebooks. Raises ExportError.
    """
    page = notebook_to_html(nb_path, exclude_input=exclude_input, provenance=provenance, title=title)
    if printer is not None:
        return printer.print_html(page, out)
    return html_to_pdf(page, out)
