"""Building blocks for the stage forms: labelled fields with an error slot, a findings panel, a save button.

A form collects widget values into a pydantic model, shows validation errors next to the field that
caused them, lets the store check the practice's rules inside one transaction, and reports refusals
in its findings panel. Nothing is saved unless everything is valid. Tests drive forms in Python:
set ``widget.value`` and call :meth:`Form.save` (or ``form.save_button.click()``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from ..core.errors import WorkbookError
from ..core.rules import Finding
from ..core.visibility import Audience, badge_label, field_audience
from ..render.html import escape, findings_html, message_html

__all__ = ["Form", "Field", "audience_badge", "field_badge", "findings_html", "escape", "FIT_WIDTH", "LABEL_WIDTH", "PROSE_CLASS",
           "message_html", "prose_area", "form_style", "typed_texts", "line_with_buttons"]

LABEL_WIDTH = "170px"
# The widest a text box may be and still show its right border in a narrow notebook: the box around it less the
# 2 px margin ipywidgets puts on each side of a widget. At "100%" it ends 2 px past that box, which clips it.
FIT_WIDTH = "calc(100% - 4px)"

# Textareas hold sentences (pre-work, summaries, notes), but ipywidgets draws them in a monospace font
# that reads like code. Every form renders this rule once; its selector outweighs the widgets' own.
PROSE_CLASS = "wb-prose"
_PROSE_CSS = (f".jupyter-widgets.{PROSE_CLASS} textarea, .widget-textarea.{PROSE_CLASS} textarea "
              "{font-family: var(--jp-ui-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif) "
              "!important; font-size: var(--jp-widgets-font-size, 13px) !important; line-height: 1.4 !important}")


class Field:
    """A labelled input with an error slot next to it (and an optional live hint below)."""

    def __init__(self, name: str, label: str, widget: widgets.Widget, help: str = "",
                 audience: Audience | None = None, *, field: str | None = None) -> None:
        """``field``: the classified field (core/visibility.py, e.g. ``"goal.draft"``) typed here, whose
        audience and badge it takes; else ``audience`` (a note's text follows its visibility toggle)."""
        self.name = name
        self.field = field
        audience = field_audience(field) if field is not None else audience
        self.widget = widget
        self.error = widgets.HTML(value="", layout=widgets.Layout(min_width="0"))
        self.hint = widgets.HTML(value="")
        self.label = label
        self.audience = audience
        self.title = widgets.HTML(layout=widgets.Layout(width=LABEL_WIDTH, min_width=LABEL_WIDTH))
        self.set_help(help)
        self.box = widgets.VBox([widgets.HBox([self.title, widget, self.error],
                                              layout=widgets.Layout(align_items="flex-start")),
                                 self.hint])
        self.box.add_class("wb-field")

    @property
    def value(self) -> Any:
        return self.widget.value

    @value.setter
    def value(self, v: Any) -> None:
        self.widget.value = v

    def set_error(self, message: str) -> None:
        self.error.value = message_html("error", message) if message else ""

    def set_hint(self, html_text: str) -> None:
        self.hint.value = html_text

    def set_help(self, help: str) -> None:
        """Replace the small grey text under the label (plain text; escaped)."""
        self.help = help
        self.title.value = ('<div style="line-height:1.3">' + f"<b>{escape(self.label)}</b>"
                            + (f"<br>{audience_badge(self.audience, self.field)}" if self.audience else "")
                            + (f'<br><small style="color:#555">{escape(help)}</small>' if help else "") + "</div>")

    def set_audience(self, audience: Audience) -> None:
        """Say who will read what is typed here (the badge under the label)."""
        self.audience = audience
        self.set_help(self.help)


def field_badge(field: str) -> str:
    """The badge of a classified field (e.g. ``"objective.supplement"``)."""
    return audience_badge(field_audience(field), field)


def audience_badge(audience: Audience, field: str | None = None) -> str:
    """A small badge saying who reads a field: private (blue: only you, or the 1:1's) or shared in the
    summary (amber)."""
    color, background = ("#1f5f8b", "#e8f1f8") if audience == "private" else ("#8a5a00", "#fdf3e1")
    return (f'<span class="wb-audience wb-audience-{audience}" style="display:inline-block;font-size:11px;'
            f'line-height:1.3;padding:0 5px;margin-top:2px;border-radius:3px;color:{color};background:{background}">'
            f"{escape(badge_label(audience, field))}</span>")


def prose_area(value: str = "", placeholder: str = "", *, width: str = "520px", rows: int = 3) -> widgets.Textarea:
    """A textarea for sentences: drawn in the notebook's text font (see :func:`form_style`), not monospace."""
    # min_width 0 and max_width 100%: in a narrow notebook (JupyterLab at 1280 px with the file browser open) the
    # area gives way instead of running past the output's right edge, where its border and resize handle are cut
    area = widgets.Textarea(value=value or "", placeholder=placeholder,
                            layout=widgets.Layout(width=width, height=f"{rows * 22 + 10}px", min_width="0",
                                                  max_width=FIT_WIDTH))
    area.add_class(PROSE_CLASS)
    return area


def line_with_buttons(text: widgets.Widget, buttons: list[widgets.Widget]) -> widgets.HBox:
    """A line of a list (a record, an open action) with its buttons at the end. In a narrow notebook (JupyterLab at
    1100 px with the file browser open) the text narrows and wraps, and the buttons keep their words: left to
    shrink, they would be cut to "Edit" -> "..."."""
    text.layout.min_width = "0"
    text.layout.flex = "0 1 auto"
    for button in buttons:
        button.layout.flex = "0 0 auto"
    return widgets.HBox([text, *buttons])


def typed_texts(*roots: widgets.Widget) -> Counter[str]:
    """The non-blank text in every text box and textarea under ``roots``, each value counted once per box. Boxes
    switched off are left out, as nobody can type in them, and so are comboboxes: they hold a choice (an action's
    owner, filled in as a new row appears), not words someone wrote."""
    seen: set[int] = set()
    texts: Counter[str] = Counter()

    def walk(w: Any) -> None:
        if id(w) in seen:
            return
        seen.add(id(w))
        if (isinstance(w, widgets.Text | widgets.Textarea) and not isinstance(w, widgets.Combobox) and not w.disabled
                and (w.value or "").strip()):
            texts[w.value.strip()] += 1
        for child in getattr(w, "children", ()) or ():
            walk(child)
    for root in roots:
        walk(root)
    return texts


def form_style() -> str:
    """The forms' small style block (prose textareas) as markup; every form's title carries it."""
    return f"<style>{_PROSE_CSS}</style>"


def text_field(name: str, label: str, value: str = "", *, area: bool = False, placeholder: str = "", help: str = "",
               width: str = "520px", rows: int = 3, audience: Audience | None = None, field: str | None = None) -> Field:
    if area:
        w: widgets.Widget = prose_area(value, placeholder, width=width, rows=rows)
    else:
        w = widgets.Text(value=value or "", placeholder=placeholder, layout=widgets.Layout(width=width))
    return Field(name, label, w, help, audience, field=field)


def choice_field(name: str, label: str, options: Iterable[Any], value: Any = None, *, toggle: bool = False,
                 help: str = "", width: str = "260px") -> Field:
    opts = list(options)
    # options may be plain values or (label, value) pairs; default to the first option's value
    first = (opts[0][1] if isinstance(opts[0], tuple) else opts[0]) if opts else None
    chosen = value if value is not None else first
    if toggle:
        w: widgets.Widget = widgets.ToggleButtons(options=opts, value=chosen)
    else:
        w = widgets.Dropdown(options=opts, value=chosen, layout=widgets.Layout(width=width))
    return Field(name, label, w, help)


def date_field(name: str, label: str, value: dt.date | None = None, help: str = "") -> Field:
    return Field(name, label, widgets.DatePicker(value=value, layout=widgets.Layout(width="180px")), help)


class Form:
    """Base class: subclasses build ``self.body`` (a list of widgets) and implement ``build_model`` and ``write``.

    ``save()`` returns True when saved. On a validation error the message is shown next to the field
    it names; on a rule violation the findings panel shows why and nothing is written.
    """

    title = "Form"
    save_label = "Save"

    def __init__(self) -> None:
        self.fields: dict[str, Field] = {}
        self.findings = widgets.HTML(value="")
        self.status_line = widgets.HTML(value="")
        self.save_button = widgets.Button(description=self.save_label, button_style="primary", icon="check",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.on_click(lambda _b: self.save())
        for widget, css in ((self.save_button, "wb-save"), (self.findings, "wb-findings"), (self.status_line, "wb-status")):
            widget.add_class(css)  # what the browser tests (and a user's eye) look for, on every form
        self.on_saved: list[Callable[[Any], None]] = []
        self.saved: Any = None
        self.body: list[widgets.Widget] = []
        self.widget = widgets.VBox([])
        self._clean_texts: Counter[str] = Counter()

    # -- building ----------------------------------------------------------------------------------
    def add(self, f: Field) -> Field:
        self.fields[f.name] = f
        return f

    def heading(self) -> widgets.HTML:
        """The form's title, first in every rendering; it carries the forms' style block."""
        return widgets.HTML(form_style() + f'<h3 style="margin:4px 0">{escape(self.title)}</h3>')

    def render(self) -> widgets.VBox:
        self.widget.children = [self.heading(), *self.body, self.findings,
                                widgets.HBox([self.save_button, self.status_line])]
        self.widget.add_class("wb-form")
        return self.widget

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in notebooks and the browser tests
        from IPython.display import display

        display(self.render() if not self.widget.children else self.widget)

    # -- what was typed and not saved ---------------------------------------------------------------------
    def _texts(self) -> Counter[str]:
        return typed_texts(self.widget, *(f.widget for f in self.fields.values()))

    def mark_clean(self) -> None:
        """Take what the form shows now as saved (it was just drawn from the store, loaded or saved)."""
        self._clean_texts = self._texts()

    def unsaved_text(self) -> list[str]:
        """The text typed into the form since it was drawn, loaded or saved, and not saved: what rebuilding the
        form would lose without a word (text only cleared, or a row removed, loses nothing typed)."""
        return list((self._texts() - self._clean_texts).elements())

    # -- saving ------------------------------------------------------------------------------------------
    def build_model(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def write(self, model: Any) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def field_for_error(self, loc: tuple[Any, ...]) -> Field | None:
        """Map a pydantic error location to the field that shows it (subclasses refine this)."""
        for part in reversed(loc):
            if isinstance(part, str) and part in self.fields:
                return self.fields[part]
        return None

    def clear_messages(self) -> None:
        for f in self.fields.values():
            f.set_error("")
        self.findings.value = ""
        self.status_line.value = ""

    def pre_check(self) -> list[Finding]:
        """Findings that block saving before the model is built (e.g. an empty required field)."""
        return []

    def save(self) -> bool:
        """Validate, write atomically, and show what happened. Returns True when saved."""
        self.clear_messages()
        blocking = [f for f in self.pre_check() if f.severity == "error"]
        if blocking:
            self.findings.value = findings_html(blocking)
            self.status_line.value = message_html("error", "Nothing saved: fix the items marked above.")
            return False
        try:
            model = self.build_model()
        except ValidationError as exc:
            unplaced = []
            for err in exc.errors():
                msg = err["msg"].removeprefix("Value error, ")
                if err["type"] in ("string_too_short", "missing"):
                    msg = "required: fill this in"
                target = self.field_for_error(tuple(err["loc"]))
                if target is not None:
                    target.set_error(msg)
                else:
                    unplaced.append(Finding("error", err["type"], f"{'.'.join(map(str, err['loc']))}: {msg}"))
            self.findings.value = findings_html(unplaced)
            self.status_line.value = message_html("error", "Nothing saved: fix the fields marked in red.")
            return False
        except WorkbookError as exc:
            self.findings.value = findings_html([Finding("error", "invalid", str(exc))])
            self.status_line.value = message_html("error", "Nothing saved.")
            return False
        try:
            warnings = self.write(model)
        except WorkbookError as exc:
            found = list(getattr(exc, "findings", ())) or [Finding("error", type(exc).__name__, str(exc))]
            self.findings.value = findings_html([f for f in found if f.severity == "error"] or found)
            self.status_line.value = message_html("error", "Nothing saved: the workbook refused this (see above).")
            return False
        self.saved = model
        self.mark_clean()
        self.findings.value = findings_html(warnings or [])
        self.status_line.value = message_html("ok", f"Saved at {dt.datetime.now().strftime('%H:%M:%S')}.")
        for callback in self.on_saved:
            callback(model)
        return True
