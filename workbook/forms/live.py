"""Live reports in a notebook: one widget that shows a report and is redrawn, fresh, each time a form saves or its page switches."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

import ipywidgets as widgets

__all__ = ["LiveReport", "Saves", "show_live"]

# what a notebook's text/plain says of a live report (never its content: a widget's repr would show its start)
LIVE_REPORT_PLAIN = "(a live report: it shows in JupyterLab and the app)"


class Saves(Protocol):
    """Anything a live report can follow: a form, or a stage page (which also fires when the person or
    the date changes). Callbacks get the saved model, or None after a switch."""

    on_saved: list[Callable[[Any], None]]


_HEADING = re.compile(r"<h([1-6])(?=[\s>])")


def _out_of_the_contents(markup: str) -> str:
    """``markup`` with its headings left out of JupyterLab's table of contents, which lists the headings of an
    output's HTML even where the output is drawn as a widget: a report's copy for headless runs must not keep
    the first person's headings ("Latest notes about ...") in the sidebar after a switch."""
    return _HEADING.sub(r'<h\1 class="jp-toc-ignore"', markup)


def _wrap(markup: str) -> str:
    # widget HTML inherits the widgets' tall line height; reset it so tables read like a cell's output
    return f'<div style="line-height:1.45">{markup}</div>' if markup else ""


class LiveReport(widgets.HTML):
    """A report in one HTML widget: its value is replaced as a whole, so after a switch nothing of the person
    shown before stays on the page (not even hidden).

    Headless runs and exports have no widgets, so the widget's output also carries the report as it was
    first drawn (``static``) as ``text/html``: JupyterLab and Voila draw the widget (the higher-ranked
    type) and only the widget; nbconvert, papermill's output and :func:`workbook.render.export.notebook_to_html`
    keep that copy."""

    def __init__(self, render: Callable[[], str], *, ready: bool = True) -> None:
        markup = render() if ready else ""
        super().__init__(value=_wrap(markup))
        self.render = render
        self.static = _out_of_the_contents(markup)
        self.add_class("wb-live-report")

    def refresh(self, _saved: Any = None) -> None:
        """Draw the report again (after a save, or for the page's new person, day or period)."""
        self.value = _wrap(self.render())

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle["text/plain"] = LIVE_REPORT_PLAIN
        if self.static:
            bundle["text/html"] = self.static
        return bundle


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def show_live(render: Callable[[], str], form: Saves | None = None) -> LiveReport | None:
    """Display the trusted markup ``render()`` returns and, with ``form``, draw it again in place each time
    ``form`` saves or switches (see :class:`LiveReport`); returns the widget.

    Output sent from a widget callback is dropped by JupyterLab and Voila, so the report is a widget whose
    value the callback replaces. Without ``form`` the report is plain HTML (nothing to follow). A page with
    nobody to show yet (an empty workbook) displays an empty widget.
    """
    if form is None:
        from IPython.display import HTML

        _display(HTML(render()))
        return None
    report = LiveReport(render, ready=bool(getattr(form, "ready", True)))
    form.on_saved.append(report.refresh)
    _display(report)
    return report
