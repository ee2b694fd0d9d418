"""The command shape the refit tools share: refit, then either write the model file or, with `--check`,
compare the refit with the committed file and exit 1 naming what differs (the test suite runs the checks).

Used by tools/fit_kr_model.py and tools/fit_goal_concepts.py; each supplies how to refit and how to compare.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A refit on another BLAS may move a number in its last rounded digit, never more.
TOLERANCE = 0.002


@dataclass(frozen=True)
class Refit:
    """One refit: the text to write, the same as parsed JSON (to compare), and a summary ("1,234 rows, ...")."""

    text: str
    data: dict
    summary: str


def run(tool: str, doc: str, target: Path, refit: Callable[[], Refit | str],
        differences: Callable[[dict, dict], list[str]], argv: Sequence[str] | None = None) -> int:
    """Parse ``--check``; refit; write ``target`` or compare it with the refit. Returns the exit code.

    ``refit`` returns a sentence instead of a :class:`Refit` when it cannot refit here (data absent): the
    sentence is printed and the exit code is 1, or 0 with ``--check`` (nothing to compare is not a difference).
    """
    parser = argparse.ArgumentParser(prog=tool, description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare a refit with the committed file; write nothing")
    args = parser.parse_args(argv)
    fitted = refit()
    if isinstance(fitted, str):
        print(fitted)
        return 0 if args.check else 1
    name = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    if not args.check:
        target.write_text(fitted.text, encoding="utf-8")
        print(f"wrote {name}: {fitted.summary}, {len(fitted.text) // 1024} KB")
        return 0
    diff = differences(json.loads(target.read_text(encoding="utf-8")), fitted.data)
    if diff:
        print(f"{name} differs from a refit; run python tools/{tool}")
        print("\n".join("  " + d for d in diff))
        return 1
    print(f"{name} equals a refit ({fitted.summary})")
    return 0


def worst_difference(pairs: Sequence[tuple[Sequence[float], Sequence[float]]]) -> float:
    """The largest absolute difference between paired numbers (0.0 when there are none)."""
    return max((abs(a - b) for x, y in pairs for a, b in zip(x, y, strict=True)), default=0.0)
