"""Switching the person on a stage page leaves nothing of the person shown before on the page, not even hidden.

Each stage notebook runs here as the app runs it (its code cells, in order, with what they display kept), on the
demo team; then the picker switches to someone else. What the page holds afterwards (every output a cell left,
and the text of every widget reachable from them) must not name the first person or hold their notes, goals or
OKRs: the page is seen on shared screens and saved with the browser's "Save page as".
"""

from __future__ import annotations

import ast
import html
import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from workbook.core.paths import NOTEBOOKS_DIR
from workbook.run.batch import STAGES
from workbook.store import Store

DAY = "2026-12-18"  # the demo's own day
# whom each page opens on (the browser tests' demo people) and whom the picker then switches to
SWITCHES = {"log": ("priya", "tomas"), "goals": ("priya", "tomas"), "okrs": ("tomas", "priya"),
            "checkin": ("tomas", "priya"), "close": ("tomas", "priya")}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.demo import build_demo_db

    return build_demo_db(tmp_path_factory.mktemp("switch") / "demo.db")


def _run_notebook(name: str, params: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], list[Any]]:
    """Run the code cells of notebook ``name`` in this process as a kernel would (a cell's last expression is
    displayed); returns its namespace and every object it displayed, in order."""
    import IPython.display

    shown: list[Any] = []

    def display(*objs: Any, **_kw: Any) -> None:
        for obj in objs:
            if hasattr(obj, "_ipython_display_") and not isinstance(obj, widgets.Widget):
                obj._ipython_display_()  # e.g. the page: it displays its widgets
            else:
                shown.append(obj)

    monkeypatch.setattr(IPython.display, "display", display)
    nb = json.loads((NOTEBOOKS_DIR / name).read_text())
    ns: dict[str, Any] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            ns.update(params)
            continue
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, name, "exec"), ns)
        if last is not None and not source.rstrip().endswith(";"):
            value = eval(compile(ast.Expression(last.value), name, "eval"), ns)
            if value is not None:
                display(value)
    return ns, shown


def _widget_texts(w: widgets.Widget, seen: set[int]) -> list[str]:
    """The text a widget's view draws, and its children's: the picker's chosen label (its list of options
    is the team, on purpose), every other string of its state, an Output widget's outputs."""
    if id(w) in seen:
        return []
    seen.add(id(w))
    texts: list[str] = []
    if isinstance(w, widgets.Dropdown):
        texts.append(str(w.label or ""))
    else:
        for key, value in w.get_state().items():
            if key.startswith("_") or key in ("layout", "style", "children"):
                continue
            texts += [v for v in (value if isinstance(value, list | tuple) else [value]) if isinstance(v, str)]
    if isinstance(w, widgets.Output):
        texts += [json.dumps(o) for o in w.outputs]
    for child in getattr(w, "children", ()) or ():
        texts += _widget_texts(child, seen)
    return texts


def page_text(shown: list[Any]) -> str:
    """What the page holds: a widget output is drawn as its widget (and only that); any other output stays
    as it was first drawn."""
    seen: set[int] = set()
    parts: list[str] = []
    for obj in shown:
        if isinstance(obj, widgets.Widget):
            parts += _widget_texts(obj, seen)
        else:
            parts.append(str(getattr(obj, "data", obj)))
    return html.unescape("\n".join(parts))


def their_words(store: Store, person_id: str) -> list[str]:
    """What only this person's records say: their name and the text of their notes, goals, OKRs and check-ins."""
    words = [store.person(person_id).name]
    words += [n.text for n in store.notes_of(person_id) if n.text]
    for year in (2026, 2027):
        plan = store.plan(person_id, year)
        words += [g.text for g in plan.goals] if plan else []
    for quarter in ("2026Q3", "2026Q4", "2027Q1"):
        okrs = store.okrs(person_id, quarter)
        words += [t for o in okrs.objectives for t in (o.text, *(k.text for k in o.key_results))] if okrs else []
    words += [c.summary for c in store.check_ins(person_id) if c.summary]
    return [w for w in words if len(w) > 12 or w == words[0]]


@pytest.mark.parametrize("stage", list(STAGES))
def test_switching_the_person_leaves_nothing_of_the_one_before(stage: str, demo_db: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = SWITCHES[stage]
    params = {"person": first, "period": "", "db": str(demo_db), "as_of": DAY}
    ns, shown = _run_notebook(STAGES[stage], params, monkeypatch)
    page = ns["page"]
    with Store(demo_db) as store:
        words = their_words(store, first)
        second_name = store.person(second).name
    before = page_text(shown)
    assert [w for w in words if w in before], f"{stage}: the page never showed {first}'s records to start with"

    page.person_picker.value = second
    after = page_text(shown)
    assert second_name in after
    _ns, fresh_shown = _run_notebook(STAGES[stage], {**params, "person": second}, monkeypatch)
    fresh = page_text(fresh_shown)  # what the page shows when opened on the second person: words both share stay
    left = [w for w in words if w in after and w not in fresh]
    assert not left, f"{stage}: after switching from {first} to {second} the page still holds {left[:3]}"


def test_a_live_report_carries_its_first_drawing_for_headless_runs_and_exports(demo_db: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Headless runs and exports have no widgets: the report's output has it as text/html beside the widget,
    which the shareable export keeps (and nothing of the widget)."""
    import nbformat

    from workbook.forms.live import LiveReport
    from workbook.render.export import notebook_to_html

    _ns, shown = _run_notebook(STAGES["log"], {"person": "priya", "period": "", "db": str(demo_db), "as_of": DAY},
                               monkeypatch)
    reports = [w for w in shown if isinstance(w, LiveReport)]
    assert reports
    bundle = reports[0]._repr_mimebundle_()
    assert "Latest notes about Priya Raman" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle and "Priya" not in bundle["text/plain"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", data=bundle)])]
    page = notebook_to_html(nb)
    assert "Latest notes about Priya Raman" in page and "widget-view" not in page
