"""The home page's markup: the due list as a table with a link into the stage for each item, and the stage links for one person."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ..core.labels import plural, track_level
from ..core.paths import STAGE_NOTEBOOKS
from .html import breakable, escape

if TYPE_CHECKING:
    import pandas as pd

    from ..core.model import Person

__all__ = ["STAGE_LABELS", "stage_href", "stage_links_html", "due_table_html", "KIND_COLORS"]

STAGE_LABELS = {"log": "Conversation log", "goals": "Growth goals", "okrs": "Quarterly OKRs", "checkin": "Check-in",
                "close": "Quarter close"}
KIND_COLORS = {"no manager": "#b00020", "check-in": "#1f5f8b", "follow-up": "#6b4fa0", "trial run": "#6b4fa0", "action": "#6b4fa0", "support": "#b00020",
               "growth goals": "#2f7d32", "OKRs": "#2f7d32", "close": "#8a5a00"}


def stage_href(stage: str, person_id: str, as_of: dt.date | None = None, period: str = "") -> str:
    """The relative link to a stage page for one person (``01_conversation_log.ipynb?person=kim``); the app
    hands the query string to the page's kernel. ``as_of`` is added when the page should not open on today,
    ``period`` (a year or a quarter) when it should not open on the day's own."""
    query = {"person": person_id, **({"as_of": as_of.isoformat()} if as_of else {}), **({"period": period} if period else {})}
    return f"{STAGE_NOTEBOOKS[stage]}?{urlencode(query)}"


def stage_links_html(person: Person | None, as_of: dt.date | None = None) -> str:
    """The row of stage links: for one person, with their id in each link ("Open for Kim Lee: ..."), or, with
    ``person`` None, plain links to the stage notebooks, which open on the person last picked."""
    def href(stage: str) -> str:
        return stage_href(stage, person.id, as_of) if person is not None else STAGE_NOTEBOOKS[stage]

    links = " ".join(
        f'<a class="wb-stage-link wb-stage-{s}" href="{escape(href(s))}" '
        f'style="display:inline-block;margin:2px 4px 2px 0;padding:3px 10px;border:1px solid #8fb3d9;border-radius:4px;'
        f'text-decoration:none;color:#1f5f8b;background:#f3f8fc">{escape(label)}</a>'
        for s, label in STAGE_LABELS.items())
    who = f"Open for <b>{escape(person.name)}</b>" if person is not None else "Open for the person picked above"
    return f'<div class="wb-stage-links" style="line-height:2">{who}: {links}</div>'


def _when(days_late: int) -> str:
    if days_late > 0:
        return f'<span style="color:#b00020">{plural(days_late, "day")} late</span>'
    if days_late == 0:
        return '<span style="color:#8a5a00">today</span>'
    return f'<span style="color:#555">in {plural(-days_late, "day")}</span>'


def due_table_html(due: pd.DataFrame, people: list[Person], *, links: bool, as_of: dt.date | None = None,
                   others: bool = False) -> str:
    """The team with what is due per person: one row per person (everyone, also those with nothing due),
    each item with its kind, what, and when; with ``links`` each item opens its stage for that person
    (the app), else the stage is named (JupyterLab: pick the person above, then open the stage). ``others``:
    the workbook holds people, none of them on this user's team (an organisation's user with no reports)."""
    if not people:
        if others:
            return ('<p class="wb-due-empty" style="color:#555"><i>Nobody reports to you in this workbook, so nothing '
                    "is yours to do here; your own records are on your page (10_my_page).</i></p>")
        return ('<p class="wb-due-empty" style="color:#555"><i>Nobody in this workbook yet. Add your first report with '
                "the form below.</i></p>")
    rows = []
    for p in people:
        mine = due[due["person"] == p.id] if len(due) else due
        items = []
        for r in mine.itertuples():
            kind = (f'<span style="display:inline-block;min-width:86px;font-weight:600;color:{KIND_COLORS.get(r.kind, "#333")}">'
                    f"{escape(r.kind)}</span>")
            if not r.stage:  # no stage page handles it (a person without a manager): the item says what to do
                items.append(f'<li style="margin:1px 0">{kind} {breakable(r.what)}</li>')
                continue
            target = STAGE_LABELS[r.stage]
            where = (f'<a href="{escape(stage_href(r.stage, p.id, as_of, r.period))}" style="color:#1f5f8b;text-decoration:underline">'
                     f"{escape(target)}</a>" if links
                     else f'<span style="color:#555">{escape(target)}</span>')
            items.append(f'<li style="margin:1px 0">{kind} {breakable(r.what)} &middot; {_when(int(r.days_late))} '
                         f"&middot; {where}</li>")
        body = (f'<ul style="margin:0;padding-left:16px;list-style:none">{"".join(items)}</ul>' if items
                else '<span style="color:#2f7d32">nothing due</span>')
        level = track_level(p.track, p.level)
        rows.append(f'<tr class="wb-due-row" data-person="{escape(p.id)}"><td style="vertical-align:top;padding:6px 10px 6px 0;'
                    f'white-space:nowrap"><b>{escape(p.name)}</b><br><small style="color:#555">{escape(p.id)}'
                    f'{" &middot; " + escape(level) if level else ""}</small></td>'
                    f'<td style="vertical-align:top;padding:6px 0;line-height:1.5">{body}</td></tr>')
    return (f'<table class="wb-due" style="border-collapse:collapse;width:100%;max-width:1100px">'
            f'<thead><tr><th style="text-align:left;border-bottom:1px solid #d0d7de;padding:4px 10px 4px 0">Person</th>'
            f'<th style="text-align:left;border-bottom:1px solid #d0d7de;padding:4px 0">What is due</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
