"""Turn notebooks into inert, offline HTML documents: an allowlist sanitizer, no scripts, no network.

A shareable summary holds career notes, so each export is built to be safe to open anywhere:

* no script: nbconvert renders with ``sanitize_html=True`` and this module's own allowlist
  (nbconvert's default one escapes tables, headings and images, which a summary needs), widget and
  JavaScript outputs are dropped, and a Content-Security-Policy forbids scripts in case something slips;
* offline: no CDN (MathJax, require.js, widget manager) and no external URL at all; images are
  ``data:`` URIs; every page is checked before it is returned (``ExportError`` otherwise);
* never half-written: files go to a temp file in the same directory, are fsynced, then renamed.

PDFs are printed from that HTML by :mod:`workbook.render.pdf`.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import os
import re
import threading
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import bleach
import nbformat
import tinycss2
from bleach.css_sanitizer import CSSSanitizer
from bleach.html5lib_shim import Filter

from ..core.errors import ExportError
from ..core.fileio import write_bytes_atomic, write_text_atomic
from ..core.paths import TEMPLATES_DIR
from .html import LONG_WORD, WORD_PIECE

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "clean_html",
    "find_active_content",
    "notebook_to_html",
    "write_bytes_atomic",
    "write_text_atomic",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)

TEMPLATE_DIR = TEMPLATES_DIR
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
        "ul", "var", "wbr",
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
        # the notebooks print widget values as text or tables for documents instead. A live report
        # (forms.live.LiveReport) carries its table as text/html beside the widget: that copy stays.
        if "text/html" not in data:
            return None
        output["data"] = data = {"text/html": data["text/html"]}
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
    return _cleaner().clean(text)


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


class _LongWordFilter(Filter):  # type: ignore[misc]
    """Let a word of 30 characters or more (a URL, a pasted hash, 3,000 x's typed without a space) break
    every 20 characters (``<wbr>``): in print it wraps inside its column instead of pushing the table's
    columns off the page, while ordinary words keep their width (CSS ``overflow-wrap: anywhere`` would
    also break "Check-in" in a narrow neighbouring column)."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        in_style = False
        for token in Filter.__iter__(self):
            kind, name = token.get("type"), token.get("name")
            if name == "style" and kind in ("StartTag", "EndTag"):
                in_style = kind == "StartTag"
            if kind != "Characters" or in_style or not LONG_WORD.search(token["data"]):
                yield token
                continue
            text, start = token["data"], 0
            for match in LONG_WORD.finditer(text):
                if match.start() > start:
                    yield {"type": "Characters", "data": text[start:match.start()]}
                word = match.group(0)
                for i in range(0, len(word), WORD_PIECE):
                    if i:
                        yield {"type": "EmptyTag", "name": "wbr", "data": {}}
                    yield {"type": "Characters", "data": word[i:i + WORD_PIECE]}
                start = match.end()
            if start < len(text):
                yield {"type": "Characters", "data": text[start:]}


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


def _cleaner() -> bleach.Cleaner:
    """This thread's cleaner. bleach's Cleaner keeps its HTML parser's state between calls and is not
    thread-safe (its docstring says so): a batch prints two summaries at once, and one shared cleaner
    failed a summary with "pop from empty list" when two threads sanitized at the same moment."""
    cleaner = getattr(_CLEANERS, "cleaner", None)
    if cleaner is None:
        cleaner = _CLEANERS.cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allow_attribute,
            protocols={"data"},
            strip=False,
            strip_comments=True,
            filters=[_DocumentFilter, _ShortCellFilter, _LongWordFilter],
            css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES),
        )
    return cleaner


_CLEANERS = threading.local()

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
