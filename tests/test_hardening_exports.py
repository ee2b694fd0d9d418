"""Hardening, exports (finding 7): a long unbroken token wraps inside the page, and no text a user typed is
ever read as math or markup in a chart (``$50k to $40k`` keeps its dollars, ``$\\input{...}$`` is text)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from matplotlib.text import Text

from workbook.core.model import KeyResult
from workbook.demo import DEMO_AS_OF, DEMO_QUARTER
from workbook.store import Store

DOLLARS = "Cut cloud spend from $50k to $40k a month"
TEX = r"$\input{/etc/passwd}$ and $\frac{1}{0}$ read aloud"
TOKEN = "x" * 3000


def _hostile_okrs(store: Store, person: str, *krs: str) -> None:
    """The first key result of each objective gets one of ``krs``; each objective's text a ``$...$`` too."""
    okrs = store.okrs(person, DEMO_QUARTER)
    assert okrs is not None and len(okrs.objectives) >= len(krs)
    for obj, text in zip(okrs.objectives, krs, strict=False):
        kr = obj.key_results[0]
        obj.key_results[0] = KeyResult(text=text, id=kr.id, target_date=kr.target_date, outcome=kr.outcome,
                                       support=kr.support)
        obj.text = f"Spend $less$ on {obj.text}"
    store.save_okrs(okrs)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool]]:
    """Every text matplotlib draws: (as given, as shown, read as math?)."""
    seen: list[tuple[str, str, bool]] = []
    original = Text.draw

    def draw(self: Text, renderer):  # type: ignore[no-untyped-def]
        given = self.get_text()
        shown, math = self._preprocess_math(given)
        seen.append((given, shown, bool(math)))
        return original(self, renderer)

    monkeypatch.setattr(Text, "draw", draw)
    return seen


def test_no_chart_reads_user_text_as_math(demo: Store, drawn: list[tuple[str, str, bool]]) -> None:
    from workbook.render.checkin import kr_status_timeline_html
    from workbook.render.close import year_outcomes_png
    from workbook.render.summary import summary_sections
    from workbook.render.team_overview import team_sections

    _hostile_okrs(demo, "priya", DOLLARS, TEX)
    sections = summary_sections(demo, "priya", DEMO_QUARTER, DEMO_AS_OF)  # failed on $\input{...}$ before
    assert any(s.charts for s in sections.values())
    team_sections(demo, DEMO_QUARTER, DEMO_AS_OF)
    assert "data:image/png" in kr_status_timeline_html(demo, "priya", DEMO_QUARTER)
    assert year_outcomes_png(demo, "priya", 2026)[:4] == b"\x89PNG"
    assert not [given for given, _shown, math in drawn if math]
    flat = [re.sub(r"\s+", " ", shown) for _given, shown, _math in drawn]
    assert any("$50k to $40k" in s for s in flat), [s for s in flat if "50k" in s]
    assert any(r"$\input{/etc/passwd}$" in s for s in flat)


def test_the_figure_sink_turns_math_off_even_for_a_label_that_skipped_plain(drawn: list[tuple[str, str, bool]]) -> None:
    from matplotlib.figure import Figure

    from workbook.render.charts import figure_png

    fig = Figure()
    ax = fig.add_subplot()
    ax.set_yticks([0, 1], [DOLLARS, TEX])
    ax.set_title("$x^2$ typed by hand")
    ax.text(0.5, 0.5, r"$\alpha$")
    assert figure_png(fig, tight=True)[:4] == b"\x89PNG"
    assert {s for _g, s, _m in drawn} >= {DOLLARS, TEX, "$x^2$ typed by hand", r"$\alpha$"}
    assert not any(math for _g, _s, math in drawn)


@pytest.mark.slow
def test_a_3000_character_token_wraps_inside_the_pdf_page(demo_master: Path, tmp_path: Path) -> None:
    from workbook.render.browser import find_chromium
    from workbook.run.summaries import make_summaries

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    try:
        find_chromium()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"no Chromium: {exc}")
    db = tmp_path / "demo.db"
    shutil.copy(demo_master, db)
    with Store(db) as store:
        _hostile_okrs(store, "priya", f"Write {TOKEN} then stop", DOLLARS)
    manifest = make_summaries(db, DEMO_QUARTER, people=["priya"], out_dir=tmp_path / "out", as_of=DEMO_AS_OF,
                              progress=False)
    assert manifest.counts() == {"ok": 1}, manifest.failed
    pdf = tmp_path / "out" / DEMO_QUARTER / "priya" / f"priya-{DEMO_QUARTER}.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    words = [(float(w), float(x0), float(x1), text) for w, _h, body in pages
             for x0, x1, text in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', body)]
    assert words
    off = [(text[:20], x1, width) for width, _x0, x1, text in words if x1 > width - 20]  # inside the right margin
    assert off == [], off
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "".join(text.split()).count("x" * 50) >= 1 and "$50k to $40k" in " ".join(text.split())
    for header in ("Objective", "Key result", "Target", "Status"):
        assert header in text


def test_every_chart_builder_makes_its_texts_without_math() -> None:
    import importlib
    import inspect
    import pkgutil

    import workbook.render

    builders = []
    for info in pkgutil.iter_modules(workbook.render.__path__):
        module = importlib.import_module(f"workbook.render.{info.name}")
        builders += [(f"{info.name}.{name}", fn) for name, fn in inspect.getmembers(module, inspect.isfunction)
                     if name.startswith("plot_") and fn.__module__ == module.__name__]
    assert len(builders) >= 9
    assert [name for name, fn in builders if not getattr(fn, "without_math", False)] == []


def test_only_long_words_get_break_points_and_the_page_stays_inert() -> None:
    import nbformat
    import pandas as pd

    from workbook.render.export import find_active_content, notebook_to_html
    from workbook.render.html import table_html

    frame = pd.DataFrame({"kr": [f"Write {TOKEN[:45]} then stop"], "note": ["Check-in 7 Dec. waiting on data"]})
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": table_html(frame, document=True)})]
    nb.cells = [cell]
    page = notebook_to_html(nb)
    assert "x" * 20 + "<wbr/>" + "x" * 20 + "<wbr/>" + "x" * 5 in page
    assert "Check-in 7 Dec. waiting on data" in page  # ordinary words keep their width
    assert find_active_content(page) == []


def test_two_threads_sanitize_at_once_and_each_gets_its_own_page() -> None:
    """A batch prints two summaries at once (run_pool's threads), and both sanitize their cells' HTML.
    bleach's Cleaner is not thread-safe; one shared by the threads failed a summary in CI with "pop from empty
    list". Each thread now has its own: many overlapping calls give what one thread alone gives."""
    from concurrent.futures import ThreadPoolExecutor

    from workbook.render.export import clean_html

    rows = "".join(f"<tr><td>2027-03-{i % 28 + 1:02d}</td><td style='color: red'>row {i} " + "word " * 40
                   + "</td></tr>" for i in range(150))
    pages = [f"<h2>Page {n}</h2><table>{rows}</table><p>{'x' * 40}</p><script>bad()</script>" for n in range(8)]
    alone = [clean_html(page) for page in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(clean_html, pages)) == alone


def test_a_chart_with_an_emoji_in_a_name_draws_without_a_warning_in_the_notebook() -> None:
    """Zoë 🚀's log and goals notebooks had a stderr block ("Glyph 128640 ... missing from font"): the chart font
    has no emoji. The box is drawn and nothing is written to stderr."""
    import warnings

    from matplotlib.figure import Figure

    from workbook.render.charts import figure_png

    fig = Figure()
    fig.subplots().set_title("Zoë 🚀: career puzzle")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert figure_png(fig).startswith(b"\x89PNG")


def test_on_screen_a_long_word_breaks_and_its_characters_stay_escaped() -> None:
    """In the app a pasted URL in a follow-up ran under its Done button and pushed table columns out of view (found
    by a helper): words of 30 characters or more get break points in tables, notes and messages, cut between
    characters, never inside an escaped one; ordinary words keep their width."""
    import pandas as pd

    from workbook.render.html import breakable, message_html, table_html

    url = "https://example.org/a?b=1&c=<2>&d=" + "y" * 40
    marked = breakable(f"see {url} then Check-in")
    assert marked.replace("<wbr>", "") == "see https://example.org/a?b=1&amp;c=&lt;2&gt;&amp;d=" + "y" * 40 + " then Check-in"
    assert marked.count("<wbr>") == (len(url) - 1) // 20 and "Check-in" in marked
    assert breakable("Check-in 7 Dec. waiting") == "Check-in 7 Dec. waiting"
    cells = table_html(pd.DataFrame({"follow up": [url], "when": ["2026-12-04"]}))
    assert "<wbr>" in cells and "<script" not in cells and "&lt;2&gt;" in cells.replace("<wbr>", "")
    assert "<wbr>" in message_html("info", url)
