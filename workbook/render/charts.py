"""Charts: the one way a matplotlib figure becomes PNG bytes or an inline image, shared colours, the gaps chart.

Figures are built with the object API (``matplotlib.figure.Figure``, no pyplot state), so they draw the
same in a kernel, papermill, a batch thread and tests. Every figure becomes pixels in :func:`figure_png`,
which turns matplotlib's math parsing off for every text in it: a key result "$50k to $40k" shows its
dollars, and "$\\input{...}$" is text, never TeX. Text a user typed also goes through :func:`plain`
before it becomes a label (no emoji the fonts cannot draw, no line breaks).
"""

from __future__ import annotations

import base64
import functools
import io
import math
import textwrap
import unicodedata
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .html import escape

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

P = ParamSpec("P")
R = TypeVar("R")

__all__ = ["chart_fonts", "text_width_em", "STATUS_COLORS", "NO_STATUS_COLOR", "COVERED_COLOR", "GAP_COLOR", "NOT_EXPECTED_COLOR", "PENDING_COLOR", "figure_png", "figure_html", "png_html", "plain", "plot_gaps", "without_math"]

# Colour-blind-safe-ish and readable in print; every cell also carries its label as text.
STATUS_COLORS = {"on_track": "#7fbf7b", "at_risk": "#f6c85f", "blocked": "#e06666", "done": "#6fa8dc"}
NO_STATUS_COLOR = "#f2f2f2"
# next-level coverage: covered by a goal, a gap, not expected at that level; a gap a plan not yet agreed tags
COVERED_COLOR, GAP_COLOR, NOT_EXPECTED_COLOR = "#2a9d8f", "#f4a261", "#e9ecef"
PENDING_COLOR = "#a8dadc"


# Where DejaVu Sans (matplotlib's own font) has no glyph, the first of these that is installed draws it:
# fonts-noto-cjk, which setup installs for the PDFs, so a key result typed in Chinese, Japanese or Korean is
# drawn in a chart as it is printed beside it, not as a row of boxes.
_FALLBACK_FONTS = ("Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK KR", "Noto Sans CJK TC")


@functools.cache
def chart_fonts() -> tuple[str, ...]:
    """The font families a chart's texts are drawn with, in order: DejaVu Sans, then a CJK font when one is
    installed (matplotlib falls back glyph by glyph)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *[name for name in _FALLBACK_FONTS if name in installed][:1])


def text_width_em(line: str) -> float:
    """About how wide ``line`` prints, in ems: DejaVu Sans averages ~0.55 em a character, and a wide
    character (Chinese, Japanese, Korean: drawn by the fallback font) takes a full em."""
    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.55 for c in line)


def without_math(builder: Callable[P, R]) -> Callable[P, R]:
    """Decorate a chart builder (every ``plot_*`` here): the texts it makes are never read as math or
    TeX, even while it lays the figure out (``tight_layout`` measures every label), and are drawn with
    :func:`chart_fonts`."""

    @functools.wraps(builder)
    def build(*args: P.args, **kwargs: P.kwargs) -> R:
        from matplotlib import rc_context

        with rc_context({"text.parse_math": False, "text.usetex": False, "font.family": list(chart_fonts())}):
            return builder(*args, **kwargs)

    build.without_math = True  # type: ignore[attr-defined]
    return build


def figure_png(fig: Figure, *, dpi: int = 110, tight: bool = False) -> bytes:
    """The figure as PNG bytes on a white background; the figure is cleared afterwards (its memory freed).

    Nothing in the figure is read as math or TeX: every text has math parsing off, and texts matplotlib
    creates while drawing (tick labels) are made with it off too."""
    from matplotlib import rc_context
    from matplotlib.text import Text

    buf = io.BytesIO()
    extra: dict[str, Any] = {"bbox_inches": "tight"} if tight else {}
    with rc_context({"text.parse_math": False, "text.usetex": False}), warnings.catch_warnings():
        # a name or competency with an emoji ("Zoë 🚀", public ladders' "🛠️ Mastery") has no glyph in the chart's
        # font: it is drawn as a box, and the warning would land in a stage notebook's output as a stderr block
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from", category=UserWarning)
        for text in fig.findobj(Text):
            text.set_parse_math(False)
            text.set_usetex(False)
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white", **extra)
    fig.clear()
    return buf.getvalue()


def png_html(png: bytes, alt: str, width: int | None = None) -> str:
    """PNG bytes as an inline ``data:`` image (offline, and refreshable inside an HTML widget)."""
    data = base64.b64encode(png).decode("ascii")
    size = f' width="{int(width)}"' if width else ' style="max-width:100%"'
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}"{size}>'


def figure_html(fig: Figure, alt: str, *, dpi: int = 110, tight: bool = False) -> str:
    """A figure as an inline ``data:`` PNG image."""
    return png_html(figure_png(fig, dpi=dpi, tight=tight), alt)


def plain(text: object) -> str:
    """User text for a matplotlib label: emoji and invisible characters dropped (the fonts have no glyphs
    for them) and whitespace collapsed. ``$`` stays as typed: :func:`figure_png` never reads it as math."""
    kept = [c for c in str(text) if unicodedata.category(c) not in {"So", "Sk", "Cf", "Cs", "Co"} and c != "\ufe0f"]
    return " ".join("".join(kept).split())
@without_math
def plot_gaps(
    gaps: pd.DataFrame | Mapping[str, pd.DataFrame] | Sequence[pd.DataFrame], *, title: str | None = None
) -> Figure:
    """A coverage chart of next-level competencies: one row per person, one column per competency;
    covered, gap, or not expected at that person's next level. Returns a matplotlib Figure (no pyplot,
    safe under the Agg backend; a notebook shows it as the cell's value).
    """
    import pandas as pd
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if isinstance(gaps, pd.DataFrame):
        people = [(gaps.attrs.get("person") or _gap_label(gaps), gaps)]
    elif isinstance(gaps, Mapping):
        people = [(str(k), v) for k, v in gaps.items()]
    else:
        people = [(f.attrs.get("person") or f"person {i + 1}", f) for i, f in enumerate(gaps)]
    columns = list(dict.fromkeys(c for _, f in people for c in f["competency"]))
    values = [[math.nan] * len(columns) for _ in people]
    for r, (_, frame) in enumerate(people):
        for competency, is_covered in zip(frame["competency"], frame["covered"], strict=True):
            values[r][columns.index(competency)] = 1.0 if bool(is_covered) else 0.0

    import numpy as np

    grid = np.ma.masked_invalid(np.array(values, dtype=float).reshape(len(people), len(columns)))
    width = max(6.0, 1.1 * len(columns) + 2.5)
    height = max(2.4, 0.55 * len(people) + 2.2)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    colours = ListedColormap([GAP_COLOR, COVERED_COLOR]).with_extremes(bad=NOT_EXPECTED_COLOR)
    ax.imshow(grid, cmap=colours, norm=BoundaryNorm([-0.5, 0.5, 1.5], 2), aspect="auto")
    for r in range(len(people)):
        for c in range(len(columns)):
            value = values[r][c]
            label = "-" if math.isnan(value) else ("covered" if value else "gap")
            ax.text(c, r, label, ha="center", va="center", fontsize=8, color="#212529")
    ax.set_xticks(range(len(columns)), [textwrap.fill(plain(c), 16) for c in columns], fontsize=8)
    ax.set_yticks(range(len(people)), [plain(label) for label, _ in people], fontsize=9)
    ax.tick_params(axis="x", labelrotation=0, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(people)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.legend(
        handles=[
            Patch(color=COVERED_COLOR, label="covered by a goal"),
            Patch(color=GAP_COLOR, label="gap"),
            Patch(color=NOT_EXPECTED_COLOR, label="not expected at next level"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.02),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    ax.set_title(title or "Next-level competencies covered by this year's goals", fontsize=11)
    return fig


def _gap_label(frame: pd.DataFrame) -> str:
    attrs = frame.attrs
    if attrs.get("next_level"):
        return f"{attrs.get('track', '')} {attrs.get('level', '')} → {attrs.get('next_level_name') or attrs['next_level']}"
    return "top of the ladder"

