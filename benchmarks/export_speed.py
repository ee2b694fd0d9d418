"""Print how long shareable exports take: browser launch, HTML per notebook, PDF per page with one browser.

    .venv/bin/python benchmarks/export_speed.py [--prints 20] [--keep DIR]

The page is a realistic quarterly summary: a title, two tables (goals, key results) and a matplotlib
chart embedded as a PNG. ``--keep DIR`` leaves the sample notebook, HTML and PDF there to look at.
"""

from __future__ import annotations

import argparse
import base64
import io
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402

from workbook.render.export import notebook_to_html  # noqa: E402
from workbook.render.pdf import PdfPrinter  # noqa: E402

GOALS = pd.DataFrame(
    {
        "Goal": [
            "Lead the design review for the billing service",
            "Mentor two new analysts through their first quarter",
            "Present the churn model to the leadership team",
        ],
        "Competency": ["Technical leadership", "People development", "Communication"],
        "Due": ["2027-06-30", "2027-03-31", "2027-05-15"],
        "Status": ["On track", "Done", "At risk"],
    }
)
KEY_RESULTS = pd.DataFrame(
    {
        "Objective": ["Ship reliable billing"] * 2 + ["Grow the team"] * 2,
        "Key result": [
            "Cut failed invoice runs from 12 to 2 per month",
            "p95 invoice latency under 800 ms",
            "Two analysts run a review on their own",
            "Write 4 onboarding guides",
        ],
        "Target": [2, 800, 2, 4],
        "Current": [5, 910, 1, 4],
        "Progress": ["70%", "55%", "50%", "100%"],
        "Status": ["On track", "At risk", "On track", "Done"],
    }
)


def chart_png() -> str:
    """Key-result progress as a horizontal bar chart, base64 PNG (what reports.py will emit)."""
    fig, ax = plt.subplots(figsize=(6.4, 2.4), dpi=100)
    progress = [70, 55, 50, 100]
    labels = ["Failed invoice runs", "p95 latency", "Analysts reviewing", "Onboarding guides"]
    ax.barh(labels, progress, color=["#4c78a8", "#e45756", "#4c78a8", "#54a24b"])
    ax.set_xlim(0, 100)
    ax.set_xlabel("Progress towards target (%)")
    ax.invert_yaxis()
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def build_sample_notebook() -> nbformat.NotebookNode:
    """An executed quarterly-summary notebook, outputs written directly (no kernel needed)."""
    nb = nbformat.v4.new_notebook()

    def code(source: str, *outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
        return nbformat.v4.new_code_cell(source, execution_count=1, outputs=list(outputs))

    def shown(data: dict[str, str]) -> nbformat.NotebookNode:
        return nbformat.v4.new_output("display_data", data=data)

    nb.cells = [
        code("person_id = 7\nquarter = '2027Q1'"),  # papermill parameters: no output
        nbformat.v4.new_markdown_cell(
            "# Quarterly summary — Ana Souza — 2027Q1\n\n"
            "Prepared for the end-of-quarter conversation. Goals are annual; key results are this quarter's."
        ),
        nbformat.v4.new_markdown_cell("## Growth goals"),
        code("show(goals)", shown({"text/html": GOALS.to_html(index=False), "text/plain": str(GOALS)})),
        nbformat.v4.new_markdown_cell("## Key results"),
        code(
            "show(krs)",
            shown({"text/html": KEY_RESULTS.to_html(index=False), "text/plain": str(KEY_RESULTS)}),
        ),
        code(
            "plot_progress(krs)",
            shown({"image/png": chart_png(), "text/plain": "<Figure size 640x240 with 1 Axes>"}),
        ),
        nbformat.v4.new_markdown_cell("## Notes from check-ins"),
        code(
            "print_notes(notes)",
            nbformat.v4.new_output(
                "stream",
                name="stdout",
                text="2027-02-03  Pull: asked for feedback on the design doc before the review.\n"
                "2027-03-10  Push: suggested pairing with Joana on the latency work.\n",
            ),
        ),
    ]
    nb.metadata["title"] = "Quarterly summary — Ana Souza — 2027Q1"
    return nb


PROVENANCE = {
    "database": "outputs/team.db",
    "person": "Ana Souza (id 7)",
    "quarter": "2027Q1",
    "ladder": "ladders/data-science.csv",
    "generated": "2027-04-02 14:05 UTC",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prints", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="directory to leave the sample .ipynb/.html/.pdf in")
    args = parser.parse_args()

    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="export-speed-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    nb_path = out_dir / "summary.ipynb"
    nbformat.write(build_sample_notebook(), nb_path)

    t0 = time.perf_counter()
    page = notebook_to_html(nb_path, provenance=PROVENANCE)
    first_html = time.perf_counter() - t0
    html_times = []
    for _ in range(10):
        t0 = time.perf_counter()
        page = notebook_to_html(nb_path, provenance=PROVENANCE)
        html_times.append(time.perf_counter() - t0)
    (out_dir / "summary.html").write_text(page, encoding="utf-8")

    t0 = time.perf_counter()
    with PdfPrinter() as printer:
        launch = time.perf_counter() - t0
        pdf_times = []
        for i in range(args.prints):
            t0 = time.perf_counter()
            printer.print_html(page, out_dir / f"summary-{i:02d}.pdf")
            pdf_times.append(time.perf_counter() - t0)
    (out_dir / "summary-00.pdf").replace(out_dir / "summary.pdf")
    for extra in out_dir.glob("summary-*.pdf"):
        extra.unlink()

    print(f"page: {len(page) / 1024:.0f} KiB of HTML (2 tables, 1 PNG chart)")
    print(f"HTML export, first in process (templates load): {first_html:.3f} s")
    print(f"HTML export per notebook, median of 10:         {statistics.median(html_times):.3f} s")
    print(f"browser launch (Playwright + Chromium + context): {launch:.3f} s")
    print(
        f"PDF per page, one kept-open browser, {args.prints} prints: "
        f"median {statistics.median(pdf_times):.3f} s, first {pdf_times[0]:.3f} s, "
        f"max {max(pdf_times):.3f} s, total {sum(pdf_times):.2f} s"
    )
    print(f"files in {out_dir}")


if __name__ == "__main__":
    main()
