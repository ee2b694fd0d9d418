"""Write the key-result corpus's split: the newest wave's sources are *final*, every other source is *tune*.

    python tools/kr_split.py [--check]

Waves are appended to tests/data/kr_sources.csv in the order they were collected; WAVE_STARTS names the
first source of each wave (tests/data/KR_CORPUS.md describes them). The sources from the newest wave's
first source to the end of the file are `final` (scored once, never tuned on); all others are `tune`.
Writes tests/data/kr_real_split.csv (CRLF line ends, as committed); `--check` compares instead and exits
1 when the committed file differs. Standard library only: it never runs or imports the checker.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SOURCES = DATA / "kr_sources.csv"
SPLIT = DATA / "kr_real_split.csv"
# Wave number -> its first source in kr_sources.csv. Wave 6 collected goals only (no new key results).
WAVE_STARTS = {1: "adam2392", 2: "vagov", 3: "mayadata", 4: "posthog", 5: "lunardao", 7: "hypha", 8: "jlbrooks", 9: "shichao", 10: "hackclub", 11: "alphaomega", 12: "monlamai", 13: "dxos", 14: "terralogic", 15: "liriansu", 16: "matthewpassmore", 17: "mui", 18: "enarx", 19: "chaossgmd", 20: "mshealthmadison", 21: "ukxgovswe", 22: "carbonlang", 23: "sfrefocus", 24: "citizenlabs", 25: "kairos"}


def read_sources(path: Path = SOURCES) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["source"] for row in csv.DictReader(handle)]


def split(sources: list[str]) -> list[tuple[str, str]]:
    """(source, group) in file order; raises ValueError when a wave's first source is missing or out of order."""
    starts = []
    for wave, first in sorted(WAVE_STARTS.items()):
        if first not in sources:
            raise ValueError(f"{SOURCES.name}: wave {wave} starts at '{first}', which is not a source; fix WAVE_STARTS")
        starts.append(sources.index(first))
    if starts != sorted(starts) or starts[0] != 0:
        raise ValueError(f"{SOURCES.name}: WAVE_STARTS are not in file order from the first row; fix WAVE_STARTS")
    if len(set(sources)) != len(sources):
        raise ValueError(f"{SOURCES.name}: a source is listed twice; each source once")
    newest = starts[-1]
    return [(source, "final" if index >= newest else "tune") for index, source in enumerate(sources)]


def render(rows: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["source", "group"])
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed split; write nothing")
    args = parser.parse_args(argv)
    try:
        text = render(split(read_sources()))
    except (OSError, ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    final = text.count(",final")
    if args.check:
        if SPLIT.read_bytes().decode("utf-8") != text:
            print(f"{SPLIT.relative_to(ROOT)} differs from the waves in {SOURCES.name}; run python tools/kr_split.py")
            return 1
        print(f"{SPLIT.relative_to(ROOT)} matches: {final} final sources (wave {max(WAVE_STARTS)})")
        return 0
    SPLIT.write_bytes(text.encode("utf-8"))
    print(f"wrote {SPLIT.relative_to(ROOT)}: {final} final sources (wave {max(WAVE_STARTS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
