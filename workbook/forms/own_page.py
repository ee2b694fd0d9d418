"""The report's own page (an app page, no code): what is agreed and shared with them, and their side with "share with my manager".

Each section of their side (their career in their own words, growth-goal drafts, objective pre-work, check-in
preparation, trial runs) has a "Save draft" button (only they see it) and a "Share with my manager" button. Everything is read and written
through the report's own Store: on an organisation database PostgreSQL decides what reaches the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..core import clock
from ..core.errors import WorkbookError
from ..render import own_page as render
from ..render.html import escape, heading_html, message_html
from ..stages import own_side
from ..stages.people import person_way_up_choices
from ..store import Store
from ..store.drafts import CAREER_TOPICS, PREP_STATUSES, WAY_UP_POSITION
from .base import form_style, prose_area

__all__ = ["MyPage", "SideSection"]

_STATE = {
    "new": ("#666", "not saved"),
    "draft": ("#1f5f8b", "draft: only you see it"),
    "shared": ("#2e7d32", "shared with your manager"),
    "changed": ("#8a5a00", "changed since you shared it: share again to show your manager"),
}


def _state_html(state: str) -> str:
    color, text = _STATE[state]
    return f'<span style="margin-left:12px"></span><span class="wb-state wb-state-{state}" style="font-size:12px;color:{color}">{escape(text)}</span>'


class SideSection:
    """One section of the report's side: items (a position and its widgets), "Save draft" and "Share with my
    manager". ``body_of`` turns an item's widgets into the draft's body (None: the item is empty, skipped).
    ``packed`` (goal drafts, one "text" field each): a new item written below a blank one is saved at the lowest
    free position and its words move up to that slot on the page, so the numbers the report sees are the ones
    their manager sees."""

    def __init__(self, store: Store, person_id: str, kind: str, period: str | int, title: str, note: str,
                 items: list[tuple[int, str, dict[str, widgets.Widget]]],
                 body_of: Callable[[dict[str, widgets.Widget]], dict[str, Any] | None], css: str, *,
                 packed: bool = False) -> None:
        self.store, self.person_id, self.kind, self.period = store, person_id, kind, str(period)
        self.items = items
        self.packed = packed  # a new item takes the lowest free position (own_side.packed_positions)
        self.body_of = body_of
        self.states = {pos: widgets.HTML(_state_html("new")) for pos, _label, _w in items}
        self.message = widgets.HTML("")
        self.message.add_class(f"wb-{css}-message")
        self.save_button = widgets.Button(description="Save draft", icon="save", tooltip="only you see a draft")
        self.share_button = widgets.Button(description="Share with my manager", button_style="primary", icon="share",
                                           layout=widgets.Layout(width="220px"))
        self.save_button.add_class(f"wb-save-{css}")
        self.share_button.add_class(f"wb-share-{css}")
        self.save_button.on_click(lambda _b: self.save())
        self.share_button.on_click(lambda _b: self.save(share=True))
        rows: list[widgets.Widget] = [widgets.HTML(heading_html(title, note))]
        for pos, label, fields in items:
            head = widgets.HTML(f"<b>{escape(label)}</b>")
            rows.append(widgets.VBox([widgets.HBox([head, self.states[pos]]),
                                      *fields.values()]))
        rows += [widgets.HBox([self.save_button, self.share_button]), self.message]
        self.box = widgets.VBox(rows)
        self.box.add_class(f"wb-side-{css}")
        self.refresh_states()

    def refresh_states(self) -> None:
        """Show, per item, whether it is a draft only the report sees, shared, or changed since shared."""
        known = {i.position: i for i in own_side.own_items(self.store, self.person_id, self.kind, self.period)}
        for pos, html in self.states.items():
            item = known.get(pos)
            html.value = _state_html("new" if item is None else "changed" if item.changed
                                     else "shared" if item.shared else "draft")

    def save(self, *, share: bool = False) -> bool:
        """Save every filled item that changed as a draft (and, with ``share``, share every item whose newest
        version the manager has not seen); True when something was saved or shared. An item whose words are
        what is stored already is left alone: saving a new goal beside shared ones must not turn those into
        drafts "changed since you shared it"."""
        known = {i.position: i for i in own_side.own_items(self.store, self.person_id, self.kind, self.period)}
        bodies = {pos: body for pos, _label, fields in self.items if (body := self.body_of(fields)) is not None}
        where = (own_side.packed_positions(list(bodies), set(known)) if self.packed else {p: p for p in bodies})
        labels = {pos: label for pos, label, _fields in self.items}
        done, filled = [], bool(bodies)
        try:
            with self.store.atomic():
                for slot, body in bodies.items():
                    pos, label = where[slot], labels[where[slot]]
                    item = known.get(pos)
                    same = item is not None and _meant(item.body) == _meant(body)
                    if same and (not share or (item.shared and not item.changed)):  # type: ignore[union-attr]
                        continue
                    if not same:
                        self.store.save_draft(self.person_id, self.kind, self.period, pos, body)
                    if share:
                        self.store.share_draft(self.person_id, self.kind, self.period, pos)
                    done.append(label)
        except WorkbookError as exc:
            self.message.value = message_html("error", f"{exc} (nothing was saved)")
            return False
        self._move_up(where)
        self.refresh_states()
        if not done:
            self.message.value = message_html("warning", "nothing changed since you last saved" if filled
                                              else "nothing to save yet: write something first")
        elif share:
            self.message.value = message_html("ok", f"shared with your manager: {', '.join(done)}")
        else:
            self.message.value = message_html("ok", f"saved as a draft only you see: {', '.join(done)}")
        return bool(done)


    def _move_up(self, where: dict[int, int]) -> None:
        """Show each item saved at a lower position than its slot in that position's slot (``where``: slot ->
        position), in slot order (a slot moved from is free for the next one)."""
        fields = {pos: f for pos, _label, f in self.items}
        for slot, pos in sorted(where.items()):
            if pos != slot:
                fields[pos]["text"].value, fields[slot]["text"].value = fields[slot]["text"].value, ""  # type: ignore[attr-defined]


def _meant(body: dict[str, Any]) -> dict[str, Any]:
    """A draft's body without its empty fields (what the store fills in by default), to compare versions."""
    return {k: v.strip() if isinstance(v, str) else v for k, v in body.items() if v not in ("", None, [], {})}


# The report's page asks about each pull topic in their words: (heading, placeholder).
CAREER_PROMPTS = {
    "goals": ("Where you want your career to go", "in a year, in five: the work you want to be doing, the role you want"),
    "interests": ("What interests you", "at work or outside it: what has caught your interest lately"),
    "values": ("What matters to you at work", "what makes a good day, a good team, a good manager for you"),
    "history": ("What you have done so far", "roles, projects and moments you are proud of, here and before"),
    "learning topics": ("What you want to learn", "skills, subjects, tools; how you like to learn"),
    "self-assessment": ("Your strengths, and what you want to get better at", "as you see them"),
}


def _area(value: str, placeholder: str, css: str, rows: int = 3, width: str = "520px") -> widgets.Textarea:
    area = prose_area(value, placeholder, rows=rows, width=width)
    area.add_class(css)
    return area


def _text_of(fields: dict[str, widgets.Widget], key: str) -> str:
    return str(fields[key].value).strip()


class MyPage:
    """The report's page for one person, year (their growth goals) and quarter (what is agreed, check-ins, trial
    runs; and objective pre-work unless ``okr_quarter`` names another, as the manager's OKR page may open on the
    next quarter). ``refused``: a line shown instead of anything."""

    def __init__(self, store: Store, person_id: str | None, year: int, quarter: str, as_of: dt.date, *,
                 okr_quarter: str = "", refused: str = "", notices: list[str] | None = None,
                 in_app: bool = False) -> None:
        self.store, self.person_id, self.year, self.quarter, self.as_of = store, person_id, year, quarter, as_of
        self.okr_quarter = okr_quarter or quarter
        self.sections: dict[str, SideSection] = {}
        parts: list[widgets.Widget] = [widgets.HTML(form_style())]
        parts += [widgets.HTML(message_html("info", n)) for n in notices or []]
        if refused or person_id is None:
            parts.append(widgets.HTML(render.refused_html(refused or "nobody to show: this workbook has no people yet")))
            self.box = widgets.VBox(parts)
            return
        person = store.person(person_id)
        manager = store.manager_label(person)  # their name, also where the report may not read the manager's row
        parts.append(widgets.HTML(f"<h2 style='margin:4px 0'>{escape(person.name)}</h2>"
                                  f"<div class='wb-my-page-line' style='color:#555'>{escape(quarter)} · as of "
                                  f"{as_of.isoformat()} · "
                                  + (f"your manager: <b class='wb-my-manager'>{escape(manager)}</b> · " if manager else "")
                                  + "drafts are yours alone until you share them with your manager</div>"))
        turn = own_side.period_turn(store, person_id, quarter, as_of, year=year, okr_quarter=self.okr_quarter)
        parts.append(widgets.HTML(render.turn_html(turn, person_id, None if as_of == clock.today() else as_of,
                                                   in_app=in_app)))
        parts.append(widgets.HTML(render.agreed_html(store, person_id, year, quarter, self.okr_quarter)))
        parts.append(widgets.HTML(render.shared_html(store, person_id, quarter, as_of)))
        parts.append(widgets.HTML("<h3 style='margin:18px 0 2px'>Your side</h3>"))
        parts.append(self._career_section().box)
        goals = self._goals_section()
        beside = widgets.HTML(render.ladder_beside_html(store, person_id, year),
                              layout=widgets.Layout(max_width="520px", margin="0 0 0 24px"))
        beside.add_class("wb-ladder-beside")
        parts.append(widgets.HBox([goals.box, beside], layout=widgets.Layout(align_items="flex-start",
                                                                           flex_flow="row wrap")))
        for section in (self._prework_section(), self._prep_section(), self._trials_section()):
            parts.append(section.box)
        self.box = widgets.VBox(parts)
        self.box.add_class("wb-my-page")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)

    def _career_section(self) -> SideSection:
        pid = self.person_id
        assert pid is not None
        mine = {i.position: i for i in own_side.own_items(self.store, pid, "career", "")}
        items: list[tuple[int, str, dict[str, widgets.Widget]]] = []
        for pos, topic in enumerate(CAREER_TOPICS, 1):
            heading, placeholder = CAREER_PROMPTS[topic]
            items.append((pos, heading, {"text": _area(mine[pos].text if pos in mine else "", placeholder,
                                                       f"wb-career-{pos}", 2)}))
        choices = person_way_up_choices(self.store, pid)
        if choices:  # the ladder forks above them: which way they want is theirs to say
            chosen = mine[WAY_UP_POSITION].body.get("toward", "") if WAY_UP_POSITION in mine else ""
            way = widgets.Dropdown(options=[("(not chosen yet)", ""), *choices],
                                   value=chosen if any(chosen == k for _label, k in choices) else "",
                                   layout=widgets.Layout(width="520px"))
            way.add_class("wb-career-way-up")
            items.append((WAY_UP_POSITION, "The way up you want (your ladder forks above your level)", {"toward": way}))
        names = {key: label.split(": ", 1)[-1] for label, key in choices}  # "senior-2-pm: Senior Engineer 2 (...)"

        def body_of(f: dict[str, widgets.Widget]) -> dict[str, Any] | None:
            if "toward" in f:
                key = str(f["toward"].value or "")  # type: ignore[attr-defined]
                return {"text": names[key], "toward": key} if key in names else None
            return {"text": _text_of(f, "text")} if _text_of(f, "text") else None

        section = SideSection(self.store, pid, "career", "", "Your career, in your own words",
                              "what you want your manager to know: it informs your goals and what they bring you "
                              "(mentors, paths, opportunities); write what you like, share when you are ready",
                              items, body_of, "career")
        self.sections["career"] = section
        return section

    def _goals_section(self) -> SideSection:
        pid, year = self.person_id, self.year
        assert pid is not None
        mine = {i.position: i for i in own_side.own_items(self.store, pid, "goal", year)}
        items = [(n, f"Goal {n}", {"text": _area(mine[n].text if n in mine else "",
                                                 "a growth goal in your own words", f"wb-goal-{n}")})
                 for n in range(1, self.store.limits().max_goals + 1)]
        plan = self.store.plan(pid, year)
        agreed = plan is not None and plan.status == "agreed"  # then a draft here proposes a change, nothing more
        section = SideSection(self.store, pid, "goal", year,
                              f"Proposing a change to your {year} growth goals" if agreed
                              else f"Drafting your growth goals for {year}",
                              "they are agreed (above); a slot here is only for a goal that no longer fits, and your "
                              "manager sees it once you share it" if agreed else
                              f"at most {self.store.limits().max_goals}; you draft them, your manager gives feedback, "
                              "and you agree a final version together", items,
                              lambda f: {"text": _text_of(f, "text")} if _text_of(f, "text") else None, "goals",
                              packed=True)
        self.sections["goal"] = section
        return section

    def _prework_section(self) -> SideSection:
        pid, quarter = self.person_id, self.okr_quarter
        assert pid is not None
        mine = {i.position: i for i in own_side.own_items(self.store, pid, "prework", quarter)}
        okrs = self.store.okrs_frame(pid, quarter)
        objectives = dict.fromkeys((int(r.objective), str(r.objective_text)) for r in okrs.itertuples())
        labelled = [(pos, f"Objective {pos}: {text}") for pos, text in objectives] or [
            (n, f"Objective {n} (not written yet)") for n in range(1, self.store.limits().max_objectives + 1)]
        items = [(pos, label, {"understanding": _area(mine[pos].text if pos in mine else "",
                                                      "what achieving it means to you", f"wb-prework-{pos}")})
                 for pos, label in labelled]
        section = SideSection(self.store, pid, "prework", quarter, f"Pre-work for {quarter}",
                              "your understanding of each objective, before your manager supplements it", items,
                              lambda f: {"understanding": _text_of(f, "understanding")}
                              if _text_of(f, "understanding") else None, "prework")
        self.sections["prework"] = section
        return section

    def _prep_section(self) -> SideSection:
        pid, quarter = self.person_id, self.quarter
        assert pid is not None
        mine = {i.position: i for i in own_side.own_items(self.store, pid, "prep", quarter)}
        last = max(mine) if mine else 1
        body = mine[last].body if mine else {}
        labels = own_side.key_result_labels(self.store, pid, quarter)
        status = widgets.Dropdown(options=[("(pick one)", ""), *((s.replace("_", " "), s) for s in PREP_STATUSES)],
                                  value=body.get("status", "") if body.get("status", "") in PREP_STATUSES else "",
                                  description="Status", layout=widgets.Layout(width="260px"))
        status.add_class("wb-prep-status")
        fields: dict[str, widgets.Widget] = {"status": status}
        for key, text in labels.items():
            line = widgets.Text(value=body.get("key_results", {}).get(key, ""), placeholder="a line on it",
                                description=f"KR {key}", layout=widgets.Layout(width="520px"))
            line.tooltip = text
            line.add_class(f"wb-prep-kr-{key.replace('.', '-')}")
            fields[f"kr:{key}"] = widgets.VBox([widgets.HTML(f"<span style='color:#555'>{escape(text)}</span>"), line])
        fields["topics"] = _area(body.get("topics", ""), "topics you want to discuss", "wb-prep-topics", 2)
        fields["obstacles"] = _area(body.get("obstacles", ""), "obstacles, if you want help with them",
                                    "wb-prep-obstacles", 2)

        def body_of(f: dict[str, widgets.Widget]) -> dict[str, Any] | None:
            krs = {k[3:]: str(w.children[1].value).strip() for k, w in f.items() if k.startswith("kr:")}  # type: ignore[attr-defined]
            out = {"status": f["status"].value, "key_results": {k: v for k, v in krs.items() if v},  # type: ignore[attr-defined]
                   "topics": _text_of(f, "topics"), "obstacles": _text_of(f, "obstacles")}
            return out if any(out.values()) else None

        section = SideSection(self.store, pid, "prep", quarter, "Preparing your next check-in",
                              "a status, a line per key result, topics, and obstacles if you want help",
                              [(last, "Next check-in", fields)], body_of, "prep")
        self.sections["prep"] = section
        return section

    def _trials_section(self) -> SideSection:
        pid, quarter = self.person_id, self.quarter
        assert pid is not None
        mine = own_side.own_items(self.store, pid, "trial", quarter)
        positions = [i.position for i in mine] + [max([i.position for i in mine], default=0) + 1]
        by_pos = {i.position: i for i in mine}
        items = []
        for pos in positions:
            body = by_pos[pos].body if pos in by_pos else {}
            items.append((pos, f"Trial run {pos}" + ("" if pos in by_pos else " (new)"), {
                "draft": _area(body.get("draft", ""), "the reply you want to try out", f"wb-trial-{pos}"),
                "debrief": _area(body.get("debrief", ""), "afterwards: how did it go?", f"wb-trial-debrief-{pos}", 2)}))
        section = SideSection(self.store, pid, "trial", quarter, "Trial runs",
                              "a draft reply you want feedback on before you send it, and your debrief afterwards",
                              items, lambda f: {"draft": _text_of(f, "draft"), "debrief": _text_of(f, "debrief")}
                              if _text_of(f, "draft") else None, "trials")
        self.sections["trial"] = section
        return section
