"""Print HTML to PDF with one kept-open headless Chromium: JavaScript off, every network request aborted."""

from __future__ import annotations

import concurrent.futures
import html
import os
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..core.errors import ExportError
from ..core.fileio import write_bytes_atomic
from .browser import launch_chromium
from .export import notebook_to_html

if TYPE_CHECKING:
    from collections.abc import Mapping

    import nbformat

__all__ = ["PdfPrinter", "html_to_pdf", "notebook_to_pdf"]

_PDF_MARGINS = {"top": "20mm", "right": "16mm", "bottom": "18mm", "left": "16mm"}
_HEADER_FOOTER_STYLE = (
    "font-family:'Liberation Sans','DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#5b636d;"
    "width:100%;margin:0 16mm;display:flex;justify-content:space-between;"
)


class PdfPrinter:
    """One headless Chromium kept open to print many HTML pages to PDF (about 0.1 s each, after a 1.4 s start).

    The browser context has JavaScript disabled, is offline, and aborts every request that is not a
    ``data:`` URL, so nothing in a page can run or fetch. Use it as a context manager. Playwright's
    sync API is bound to one thread and refuses to start inside a running asyncio loop (a Jupyter
    kernel, another Playwright session), so the printer keeps its browser on a thread of its own:
    it can be used from any thread, and calls from several threads are served one at a time.

    ``header_text`` is printed, escaped, at the top right of every page; the footer carries the
    document title and "Page n of N".
    """

    def __init__(self, *, header_text: str = "Confidential", timeout_s: float = 30.0) -> None:
        self.header_text = header_text
        self.timeout_s = timeout_s
        self.blocked_urls: list[str] = []
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._page: Any = None
        self._thread: concurrent.futures.ThreadPoolExecutor | None = None
        self._open_error: BaseException | None = None

    def _call(self, func: Any, *args: Any) -> Any:
        """Run ``func`` on the printer's own thread (the one Playwright was started on)."""
        if self._thread is None:
            self._thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-pdf")
        return self._thread.submit(func, *args).result()

    def __enter__(self) -> PdfPrinter:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Start Playwright and Chromium. Raises ExportError when no Chromium can be started."""
        self._call(self._open)

    def start(self) -> None:
        """Begin starting the browser in the background and return at once; prints queue behind it
        and raise the start-up error, if there was one."""
        if self._thread is None:
            self._thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-pdf")
        self._thread.submit(self._open_or_remember)

    def _open_or_remember(self) -> None:
        try:
            self._open()
        except BaseException as exc:  # noqa: BLE001 - re-raised by every print
            self._open_error = exc

    def _open(self) -> None:
        if self._context is not None:
            return
        from playwright.sync_api import sync_playwright

        try:
            self._playwright = sync_playwright().start()
        except Exception as exc:
            raise ExportError(f"could not start Playwright: {_first_line(exc)}") from exc
        try:
            self._browser = launch_chromium(self._playwright)
            self._context = self._browser.new_context(
                java_script_enabled=False, offline=True, service_workers="block", accept_downloads=False
            )
            self._context.set_default_timeout(self.timeout_s * 1000)
            self._context.route("**/*", self._route)
            self._page = self._context.new_page()
        except BaseException:
            self._close()
            raise

    def close(self) -> None:
        """Close the browser and Playwright; safe to call twice."""
        if self._thread is None:
            return
        self._call(self._close)
        self._thread.shutdown(wait=True)
        self._thread = None

    def _close(self) -> None:
        self._discard_page()
        for closer in (self._context, self._browser):
            if closer is not None:
                with suppress(Exception):
                    closer.close()
        if self._playwright is not None:
            with suppress(Exception):
                self._playwright.stop()
        self._playwright = self._browser = self._context = None

    def _discard_page(self) -> None:
        if self._page is not None:
            with suppress(Exception):
                self._page.close()
        self._page = None

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("data:"):
            route.continue_()
        else:
            self.blocked_urls.append(url)
            route.abort("blockedbyclient")

    def print_html(self, html_text: str, out: str | os.PathLike[str]) -> Path:
        """Print ``html_text`` to the PDF file ``out`` (A4), replacing it atomically.

        Raises ExportError when the printer is closed or Chromium fails; then ``out`` is untouched
        (absent, or the previous file).
        """
        if self._thread is None:
            raise ExportError(f"{out}: the PdfPrinter is closed; use it inside 'with PdfPrinter() as printer:'")
        return self._call(self._print, html_text, Path(out))  # type: ignore[no-any-return]

    def _print(self, html_text: str, target: Path) -> Path:
        if self._open_error is not None:
            raise self._open_error
        if self._context is None:
            raise ExportError(
                f"{target}: the PdfPrinter is closed; use it inside 'with PdfPrinter() as printer:'"
            )
        if not target.parent.is_dir():
            raise ExportError(f"{target}: directory {target.parent} does not exist; create it first")
        try:
            if self._page is None:
                # One page reused across prints: a new page per print costs ~0.15 s more, and
                # set_content replaces the whole document (no script runs to keep any state).
                self._page = self._context.new_page()
            self._page.set_content(html_text, wait_until="load")
            pdf = self._page.pdf(
                format="A4",
                margin=_PDF_MARGINS,
                print_background=True,
                display_header_footer=True,
                header_template=self._header_template(),
                footer_template=_FOOTER_TEMPLATE,
            )
        except Exception as exc:
            self._discard_page()  # a page that failed mid-print may be stuck; the next print starts clean
            raise ExportError(f"{target}: Chromium could not print the page: {_first_line(exc)}") from exc
        try:
            return write_bytes_atomic(target, pdf)
        except OSError as exc:
            raise ExportError(f"{target}: could not write the PDF: {exc.strerror or exc}") from exc

    def _header_template(self) -> str:
        return (
            f'<div style="{_HEADER_FOOTER_STYLE}"><span></span>'
            f"<span>{html.escape(self.header_text)}</span></div>"
        )


# Chromium fills the span classes itself, as text (a title with markup prints literally).
_FOOTER_TEMPLATE = (
    f'<div style="{_HEADER_FOOTER_STYLE}"><span class="title"></span>'
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)


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


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
