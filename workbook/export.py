"""Turn notebooks into inert, offline HTML and PDF documents, and write every export file atomically.

A shareable summary holds career notes, so each export is built to be safe to open anywhere:

* no script: nbconvert renders with ``sanitize_html=True`` and this module's own allowlist
  (nbconvert's default one escapes tables, headings and images, which a summary needs), widget and
  JavaScript outputs are dropped, and a Content-Security-Policy forbids scripts in case something slips;
* offline: no CDN (MathJax, require.js, widget manager) and no external URL at all; images are
  ``data:`` URIs; every page is checked before it is returned (``ExportError`` otherwise);
* never half-written: files go to a temp file in the same directory, are fsynced, then renamed.

PDFs come from one kept-open headless Chromium (:class:`PdfPrinter`) with JavaScript disabled and
every network request aborted.
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import html
import os
import re
import threading
from collections.abc import Iterable, Mapping
from contextlib import suppress
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any

import bleach
import nbformat
import tinycss2
from bleach.css_sanitizer import CSSSanitizer
from bleach.html5lib_shim import Filter

from .browser import launch_chromium
from .errors import ExportError
from .fileio import write_bytes_atomic, write_text_atomic

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "PdfPrinter",
    "clean_html",
    "find_active_content",
    "html_to_pdf",
    "notebook_to_html",
    "notebook_to_pdf",
    "write_bytes_atomic",
    "write_text_atomic",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "summary"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_DROPPED_MIMETYPES = frozenset({WIDGET_VIEW, "application/javascript", "text/javascript"})

# What a document may contain. Anything else is escaped and shows as literal text, so an injected
# <script> is visible in the document rather than silently run or silently lost.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strong", "style", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
        "ul", "var",
    }
)  # fmt: skip
_GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "style", "data-mime-type"})
_TAG_ATTRIBUTES = {
    "img": frozenset({"alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "align", "valign"}),
    "th": frozenset({"colspan", "rowspan", "align", "valign", "scope"}),
    "col": frozenset({"span", "width"}),
    "colgroup": frozenset({"span", "width"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "table": frozenset({"border"}),
    "tr": frozenset({"align", "valign"}),
}
# Presentation only: none of these can take a url(), so inline CSS cannot fetch anything.
ALLOWED_CSS_PROPERTIES = frozenset(
    {
        "color", "background-color", "font-weight", "font-style", "font-size", "font-variant",
        "text-align", "text-decoration", "text-transform", "vertical-align", "white-space",
        "width", "min-width", "max-width", "height", "line-height", "padding", "padding-top",
        "padding-right", "padding-bottom", "padding-left", "border", "border-top", "border-right",
        "border-bottom", "border-left", "border-color", "border-style", "border-width",
        "border-collapse", "border-spacing",
    }
)  # fmt: skip
_DATA_IMAGE = re.compile(r"data:image/(png|jpe?g|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*\Z", re.I)
_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element"})


# --------------------------------------------------------------------------------------------------
# Atomic writes


# --------------------------------------------------------------------------------------------------
# HTML


def notebook_to_html(
    nb_or_path: nbformat.NotebookNode | str | os.PathLike[str],
    *,
    exclude_input: bool = True,
    provenance: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> str:
    """Render a notebook as one self-contained, script-free HTML page for sharing and printing.

    ``provenance`` (database, quarter, run time ...) is shown, escaped, in a block at the end.
    ``title`` defaults to the notebook's ``metadata.title``, then its first markdown heading.
    Widget and JavaScript outputs and stderr streams are dropped; cells tagged ``remove-cell``,
    ``remove-input`` or ``remove-output`` lose that part. The caller's notebook is not modified.

    Raises ExportError when the notebook cannot be read or the page would not be inert.
    """
    nb, name = _read_notebook(nb_or_path)
    nb = _document_cells(nb, keep_inputs=not exclude_input)
    doc_title = title or nb.metadata.get("title") or _first_heading(nb) or name or "Summary"
    exporter = _html_exporter(exclude_input)
    resources = {
        "metadata": {"name": str(doc_title)},
        "workbook": {
            "title": str(doc_title),
            "csp": CONTENT_SECURITY_POLICY,
            "provenance_html": render_provenance(provenance) if provenance else "",
        },
    }
    try:
        body, _ = exporter.from_notebook_node(nb, resources=resources)
    except Exception as exc:
        raise ExportError(f"{name or 'notebook'}: nbconvert could not render it: {exc}") from exc
    problems = find_active_content(body)
    if problems:
        raise ExportError(
            f"{name or 'notebook'}: refusing to export a page with active or external content "
            f"({'; '.join(problems[:3])}); remove that output or print it as text"
        )
    return body


def _html_exporter(exclude_input: bool) -> Any:
    # Compiling the templates is most of an export's time (0.09 of 0.11 s), so each thread keeps
    # one exporter per setting; exporters are not documented as safe to share between threads.
    cache: dict[bool, Any] = _EXPORTERS.__dict__.setdefault("by_exclude_input", {})
    if exclude_input not in cache:
        from nbconvert import HTMLExporter  # importing nbconvert costs about 1 s; only pay it here

        cache[exclude_input] = HTMLExporter(
            extra_template_basedirs=[str(TEMPLATE_DIR)],
            template_name=TEMPLATE_NAME,
            sanitize_html=True,
            exclude_input=exclude_input,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
            mathjax_url="",
            require_js_url="",
            filters={"clean_html": clean_html},
        )
    return cache[exclude_input]


_EXPORTERS = threading.local()


def render_provenance(provenance: Mapping[str, Any]) -> str:
    """Return the escaped "Source" block listing where a document came from."""
    rows = "\n".join(
        f"<tr><th>{html.escape(_label(key))}</th><td>{html.escape(_format_value(value))}</td></tr>"
        for key, value in provenance.items()
    )
    return f'<footer class="wb-provenance">\n<h2>Source</h2>\n<table>\n{rows}\n</table>\n</footer>'


def _label(key: object) -> str:
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _format_value(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_format_value(v) for v in value)
    return str(value)


def _read_notebook(
    nb_or_path: nbformat.NotebookNode | str | os.PathLike[str],
) -> tuple[nbformat.NotebookNode, str]:
    if isinstance(nb_or_path, nbformat.NotebookNode):
        return copy.deepcopy(nb_or_path), ""
    path = Path(nb_or_path)
    try:
        return nbformat.read(path, as_version=4), path.stem
    except FileNotFoundError as exc:
        raise ExportError(f"{path}: no such notebook; check the path") from exc
    except Exception as exc:  # nbformat raises several types for JSON and schema errors
        raise ExportError(f"{path}: not a readable notebook ({exc}); open and re-save it in Jupyter") from exc


def _document_cells(nb: nbformat.NotebookNode, *, keep_inputs: bool) -> nbformat.NotebookNode:
    """Keep what a reader of a document needs: no widgets, no scripts, no empty code cells."""
    nb.metadata.pop("widgets", None)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"remove-cell", "remove_cell"}:
            continue
        if cell.cell_type == "code":
            if tags & {"remove-output", "remove_output"}:
                cell.outputs = []
            if tags & {"remove-input", "remove_input"}:
                cell.source = ""
            cell.outputs = [out for out in map(_document_output, cell.outputs) if out is not None]
            if not cell.outputs and not (keep_inputs and cell.source.strip()):
                continue  # an empty code cell would print as a blank gap
        cells.append(cell)
    nb.cells = cells
    return nb


def _document_output(output: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    if output.output_type == "stream":
        return output if output.get("name") == "stdout" else None
    if output.output_type not in ("display_data", "execute_result"):
        return output  # errors stay visible: a summary should not hide that a cell failed
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        # A widget's text/plain is its repr ("IntSlider(value=3)"), not a value a reader wants;
        # the notebooks print widget values as text or tables for documents instead.
        return None
    for mimetype in _DROPPED_MIMETYPES & data.keys():
        del data[mimetype]
    # nbconvert would use these as the image src: a notebook must not point a document at a file or URL.
    output.get("metadata", {}).pop("filenames", None)
    output.pop("svg_filename", None)
    return output if data else None


def _first_heading(nb: nbformat.NotebookNode) -> str | None:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"[*_`]", "", line[2:]).strip() or None
    return None


# --------------------------------------------------------------------------------------------------
# Sanitizing


def clean_html(fragment: str | bytes) -> str:
    """Sanitize HTML from a notebook cell for a document (nbconvert's ``clean_html`` filter, widened).

    Tables, headings, lists and ``data:`` images stay; every other tag is escaped into visible text;
    event handlers, links off the page and CSS that could fetch anything are removed.
    """
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return _CLEANER.clean(text)


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "a" and name == "href":
        return value.startswith("#")
    if tag == "img" and name == "src":
        return bool(_DATA_IMAGE.match(value))
    return name in _GLOBAL_ATTRIBUTES or name in _TAG_ATTRIBUTES.get(tag, ())


class _DocumentFilter(Filter):  # type: ignore[misc]
    """Runs after bleach's attribute filtering: keep only presentation rules inside <style> (pandas
    Styler colours cells with them) and drop images left without a source (external or broken)."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        buffered: list[dict[str, Any]] | None = None
        for token in Filter.__iter__(self):
            kind, name = token.get("type"), token.get("name")
            if name == "img" and kind in ("StartTag", "EmptyTag") and not _has_attribute(token, "src"):
                continue
            if kind == "StartTag" and name == "style":
                buffered = []
            elif buffered is not None and kind == "EndTag" and name == "style":
                css = clean_stylesheet(
                    "".join(t.get("data", "") for t in buffered if "Characters" in t["type"])
                )
                buffered = None
                if css:
                    yield {
                        "type": "StartTag",
                        "name": "style",
                        "namespace": token.get("namespace"),
                        "data": {},
                    }
                    yield {"type": "Characters", "data": css}
                    yield token
            elif buffered is not None:
                buffered.append(token)
            else:
                yield token


class _ShortCellFilter(Filter):  # type: ignore[misc]
    """Mark table cells holding one short word ("2027-03-31", "100%") so print keeps them on one line.

    Without it a long neighbouring column squeezes dates into "2027-03-" / "31"; CSS alone cannot
    tell a short cell from a long one.
    """

    def __iter__(self):  # type: ignore[no-untyped-def]
        cell: list[dict[str, Any]] | None = None
        for token in Filter.__iter__(self):
            kind, name = token.get("type"), token.get("name")
            if kind == "StartTag" and name in ("td", "th"):
                if cell:
                    yield from cell
                cell = [token]
            elif cell is not None and kind in ("Characters", "SpaceCharacters"):
                cell.append(token)
            elif cell is not None and kind == "EndTag" and name == cell[0]["name"]:
                text = "".join(t["data"] for t in cell[1:]).strip()
                if text and len(text) <= _SHORT_CELL and not any(c.isspace() for c in text):
                    _add_class(cell[0], "wb-nowrap")
                yield from cell
                yield token
                cell = None
            else:
                if cell:
                    yield from cell
                cell = None
                yield token
        if cell:
            yield from cell


_SHORT_CELL = 24


def _add_class(token: dict[str, Any], name: str) -> None:
    attrs = token.setdefault("data", {})
    key = next((k for k in attrs if (k[1] if isinstance(k, tuple) else k) == "class"), (None, "class"))
    attrs[key] = f"{attrs.get(key, '')} {name}".strip()


def _has_attribute(token: dict[str, Any], name: str) -> bool:
    # html5lib keys attributes by (namespace, name)
    return any(key[1] == name if isinstance(key, tuple) else key == name for key in token.get("data", {}))


def clean_stylesheet(css: str) -> str:
    """Return the plain style rules of ``css`` with allowed properties only; no at-rules, no url()."""
    kept = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or not _tokens_are_inert(rule.prelude):
            continue
        declarations = _clean_declarations(rule.content)
        selector = tinycss2.serialize(rule.prelude).strip()
        text = f"{selector} {{ {declarations} }}"
        if declarations and "<" not in text:
            kept.append(text)
    return "\n".join(kept)


def _clean_declarations(tokens: Iterable[Any]) -> str:
    parts = []
    for decl in tinycss2.parse_declaration_list(list(tokens), skip_comments=True, skip_whitespace=True):
        if decl.type != "declaration" or decl.lower_name not in ALLOWED_CSS_PROPERTIES:
            continue
        if not _tokens_are_inert(decl.value):
            continue
        important = " !important" if decl.important else ""
        parts.append(f"{decl.lower_name}: {tinycss2.serialize(decl.value).strip()}{important};")
    return " ".join(parts)


def _tokens_are_inert(tokens: Iterable[Any]) -> bool:
    for token in tokens:
        if token.type == "url":
            return False
        if token.type == "function" and token.lower_name in _URL_FUNCTIONS:
            return False
        if token.type == "at-keyword":
            return False
        if hasattr(token, "arguments") and not _tokens_are_inert(token.arguments):
            return False
        if (
            hasattr(token, "content")
            and isinstance(token.content, list)
            and not _tokens_are_inert(token.content)
        ):
            return False
    return True


_CLEANER = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols={"data"},
    strip=False,
    strip_comments=True,
    filters=[_DocumentFilter, _ShortCellFilter],
    css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES),
)

_ACTIVE_TAGS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "base", "form",
        "input", "button", "textarea", "select", "noscript", "template", "svg", "math", "audio",
        "video", "source", "track", "portal", "canvas", "dialog",
    }
)  # fmt: skip
_URL_ATTRIBUTES = frozenset(
    {"src", "href", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href",
     "ping", "longdesc", "lowsrc", "dynsrc", "manifest", "codebase", "cite", "imagesrcset"}
)  # fmt: skip
_ALLOWED_META = ({"charset"}, {"http-equiv", "content"}, {"name", "content"})


class _ActiveContentFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and {name for name, _ in attrs} not in _ALLOWED_META:
            self.problems.append("<meta> other than charset/CSP/name")
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES and not _is_local_url(tag, name, value):
                self.problems.append(f"{name}={value[:40]!r} on <{tag}>")
            elif name == "style" and not _tokens_are_inert(tinycss2.parse_component_value_list(value)):
                self.problems.append(f"style with url() on <{tag}>")
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and not _tokens_are_inert_stylesheet(data):
            self.problems.append("stylesheet with url() or @import")


def _tokens_are_inert_stylesheet(css: str) -> bool:
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword != "page" and rule.lower_at_keyword != "media":
            return False
        for part in (rule.prelude or [], rule.content or []):
            if not _tokens_are_inert([t for t in part if t.type != "at-keyword"]):
                return False
    return True


def _is_local_url(tag: str, name: str, value: str) -> bool:
    if name == "href" and tag == "a":
        return value.startswith("#")
    if name == "src" and tag == "img":
        return bool(_DATA_IMAGE.match(value))
    return False


def find_active_content(page: str) -> list[str]:
    """List what in ``page`` could run or fetch (scripts, handlers, external URLs); empty means inert."""
    finder = _ActiveContentFinder()
    finder.feed(page)
    finder.close()
    return finder.problems


# --------------------------------------------------------------------------------------------------
# PDF


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
