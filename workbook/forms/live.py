"""Live reports in a notebook: markup displayed once, and shown again, fresh, each time a form saves or its page switches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["Saves", "show_live"]


class Saves(Protocol):
    """Anything a live report can follow: a form, or a stage page (which also fires when the person or
    the date changes). Callbacks get the saved model, or None after a switch."""

    on_saved: list[Callable[[Any], None]]


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def show_live(render: Callable[[], str], form: Saves | None = None) -> None:
    """Display the trusted markup ``render()`` returns, and show it again, fresh, each time ``form`` saves.

    Output sent from a widget callback is dropped by JupyterLab and Voila, so the refresh goes into an
    HTML widget displayed just above the report. The report itself is plain HTML, so headless runs and
    exports (which drop widgets) show it; once the widget holds a fresher copy, a style rule in the
    widget hides the stale one below. A page with nobody to show yet (an empty workbook) displays nothing.
    """
    import uuid

    import ipywidgets as widgets
    from IPython.display import HTML

    key = f"wb-live-{uuid.uuid4().hex[:12]}"
    ready = bool(getattr(form, "ready", True))
    if form is not None:
        live = widgets.HTML(value="")

        def refresh(_saved: Any) -> None:
            # widget HTML inherits the widgets' tall line height; reset it so tables read like the output
            live.value = (f"<style>.{key} {{display: none !important}}</style>"
                          f'<div style="line-height:1.45">{render()}</div>')

        form.on_saved.append(refresh)
        _display(live)
    if ready:
        _display(HTML(f'<div class="{key}">{render()}</div>'))
