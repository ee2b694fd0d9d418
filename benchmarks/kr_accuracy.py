"""Print how well the measurability checker agrees with labelled key results it was not fitted on, in one table.

Data (tests/data): our own 220 key results (kr_labels.csv) and the real-world ones of kr_real.csv, collected
in waves and split by source into a *tune* group and a *final* group, the newest wave (kr_real_split.csv).

- Tune sources: leave-one-source-out. For each tune source, the model is refitted on our own set plus the
  other tune sources, and scored on the source left out: the pooled accuracy, the mean over sources, the
  worst source, and growth and team key results separately.
- Our own set: the shipped model (it was fitted on it), and leave-one-split-out (dev, holdout, blind,
  fresh) so that own rows are scored by a model that did not see them.
- Final sources: the shipped model (fitted on own + all tune sources, never on a final row); the one-time score of each wave, by the model frozen before it was merged, is in the README.
- Key results not in English (kr_other_languages.csv): the shipped checker, per language, and how many of them it
  told the manager "could be read either way" (it reads English; docs/measurability.md, "Language").
- Baselines on the same rows: "has a digit" and "majority" (the majority label of the rows fitted on).

    .venv/bin/python benchmarks/kr_accuracy.py [--markdown] [--tune-only] [--misses tune|own] [--sweep]
        [--sweep-words] [--sweep-threshold]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from _folds import map_folds  # beside this script: run as benchmarks/<name>.py

from workbook.coaching import check_key_result
from workbook.coaching.kr_model import (
    REGULARIZATION,
    VERDICT_THRESHOLD,
    WORD_SCALE,
    fit_weights,
    load_weights,
    score_text,
    training_examples,
)
from workbook.coaching.language import language_identifier

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def has_digit(text: str) -> bool:
    """The naive baseline: a key result with a digit in it is measurable."""
    return bool(re.search(r"\d", text))


@dataclass
class Scored:
    """One labelled row with the checker's and the baselines' verdicts."""

    id: str
    text: str
    source: str
    kind: str
    label: bool
    checker: bool
    majority: bool
    probability: float = float("nan")  # the scoring model's (fitted at threshold 0.5: the fitted one), for --sweep-threshold

    @property
    def digit(self) -> bool:
        return has_digit(self.text)


def accuracy(rows: Sequence[Scored], verdict: Callable[[Scored], bool]) -> float:
    return sum(verdict(r) == r.label for r in rows) / len(rows) if rows else float("nan")


def majority_of(examples: Sequence[tuple[str, bool, float]]) -> bool:
    positive = sum(1 for _, label, _ in examples if label)
    return positive * 2 >= len(examples)


_FOLD: list[tuple[list[dict[str, str]], float, float, float]] = []  # (rows, c, word_scale, threshold) for the workers


def _left_out(source: str) -> list[Scored]:
    """The rows of ``source`` scored by a model fitted without it."""
    real, c, word_scale, threshold = _FOLD[0]
    examples = training_examples(DATA, leave_out=source)
    weights = fit_weights(examples, c=c, word_scale=word_scale, threshold=threshold)
    majority = majority_of(examples)
    out = []
    for r in real:
        if r["source"] == source:
            p = score_text(r["text"], weights)
            out.append(Scored(r["id"], r["text"], source, r["kind"], r["measurable"] == "1", p >= 0.5, majority, p))
    return out


def leave_one_source_out(real: list[dict[str, str]], groups: dict[str, str], c: float,
                         word_scale: float = WORD_SCALE, threshold: float = VERDICT_THRESHOLD) -> list[Scored]:
    """Each tune row scored by a model fitted without its source (``threshold`` built into its intercept). The
    folds are independent, so they run in one forked process per core, with the same numbers as in turn."""
    _FOLD[:] = [(real, c, word_scale, threshold)]
    sources = sorted({r["source"] for r in real if groups[r["source"]] == "tune"})
    return map_folds(_left_out, sources, chunksize=4)


def sweep_threshold(scored: Sequence[Scored], grid: Sequence[float]) -> list[str]:
    """Leave-one-source-out accuracy at each verdict threshold on the fitted probability (one fit per source)."""
    lines = []
    for t in grid:
        at = [Scored(r.id, r.text, r.source, r.kind, r.label, r.probability >= t, r.majority) for r in scored]
        growth = [r for r in at if r.kind == "growth"]
        team = [r for r in at if r.kind == "team"]
        lines.append(f"threshold {t:.2f}  {sweep_figures(at)}  growth {accuracy(growth, lambda r: r.checker):.3f}  "
                     f"team {accuracy(team, lambda r: r.checker):.3f}")
    return lines


def sweep_figures(scored: Sequence[Scored]) -> str:
    """Pooled accuracy, mean and worst over sources, and how many sources fall below 0.75: one sweep line's figures."""
    sources = per_source(scored)
    return (f"pooled {accuracy(scored, lambda r: r.checker):.3f}  mean {sum(sources.values()) / len(sources):.3f}  "
            f"worst {min(sources.values()):.3f}  below 0.75: {sum(v < 0.75 for v in sources.values())}")


def own_rows(own: list[dict[str, str]], by_split: bool) -> list[Scored]:
    """Our own set, scored by the shipped model, or split by split by a model fitted without that split."""
    out: list[Scored] = []
    if not by_split:
        majority = majority_of(training_examples(DATA))
        for r in own:
            out.append(Scored(r["text"], r["text"], "own", "own", r["measurable"] == "1",
                              check_key_result(r["text"]).measurable, majority))
        return out
    for split in sorted({r["split"] for r in own}):
        examples = [e for e in training_examples(DATA) if e[0] not in {r["text"] for r in own if r["split"] == split}]
        weights = fit_weights(examples)  # the shipped threshold built in, as the shipped model has it
        majority = majority_of(examples)
        for r in own:
            if r["split"] == split:
                out.append(Scored(r["text"], r["text"], "own", "own", r["measurable"] == "1",
                                  score_text(r["text"], weights) >= 0.5, majority))
    return out


def final_rows(real: list[dict[str, str]], groups: dict[str, str]) -> list[Scored]:
    """The final sources, scored by the shipped model (never fitted on them)."""
    majority = majority_of(training_examples(DATA))
    return [
        Scored(r["id"], r["text"], r["source"], r["kind"], r["measurable"] == "1",
               score_text(r["text"], load_weights()) >= 0.5, majority)
        for r in real if groups[r["source"]] == "final"
    ]


LANGUAGES = {"zh": "Chinese", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
             "nl": "Dutch"}
UNSPACED = {"zh", "ja", "ko"}  # written without spaces between words: reported apart from the Latin-script ones


def other_language_rows(other: list[dict[str, str]]) -> dict[str, tuple[list[Scored], int]]:
    """Key results not written in English (kr_other_languages.csv, never fitted on), scored as a manager sees them:
    per group of languages (Chinese; the Latin-script ones), the rows and how many the checker flagged as "could be
    read either way" (docs/measurability.md, "Language")."""
    majority = majority_of(training_examples(DATA))
    groups: dict[str, list[dict[str, str]]] = {}
    for r in other:
        groups.setdefault("unspaced" if r["language"] in UNSPACED else "latin", []).append(r)
    out: dict[str, tuple[list[Scored], int]] = {}
    for part in sorted(groups, key=lambda g: g != "unspaced"):
        rows, flagged = [], 0
        for r in groups[part]:
            verdict = check_key_result(r["text"])
            flagged += bool(verdict.reasons) and verdict.reasons[0].startswith("could be read either way")
            rows.append(Scored(r["id"], r["text"], r["source"], r["kind"], r["measurable"] == "1",
                               verdict.measurable, majority))
        languages = sorted({r["language"] for r in groups[part]}, key=lambda code: list(LANGUAGES).index(code)
                           if code in LANGUAGES else len(LANGUAGES))
        names = [LANGUAGES.get(code, code) for code in languages]
        out[", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]] = (rows, flagged)
    return out


def per_source(rows: Sequence[Scored]) -> dict[str, float]:
    return {s: accuracy([r for r in rows if r.source == s], lambda r: r.checker) for s in sorted({r.source for r in rows})}


def table(tune: list[Scored], own_fit: list[Scored], own_cv: list[Scored], final: list[Scored] | None,
          other: dict[str, tuple[list[Scored], int]] | None = None) -> str:
    """The one table: slices down, checker and baselines across (Markdown)."""
    lines = [
        "| key results | rows | checker | has a digit | majority |",
        "|---|---:|---:|---:|---:|",
    ]

    def row(name: str, part: Sequence[Scored], checker: str | None = None) -> None:
        if not part:  # a wave with no key results of a kind: say so instead of printing nan
            lines.append(f"| {name} | 0 | none in this group | | |")
            return
        ours = checker if checker is not None else f"{accuracy(part, lambda r: r.checker):.3f}"
        lines.append(
            f"| {name} | {len(part)} | {ours} | {accuracy(part, lambda r: r.digit):.3f} | "
            f"{accuracy(part, lambda r: r.majority):.3f} |"
        )

    sources = per_source(tune)
    worst = min(sources, key=lambda s: (sources[s], s))
    n_sources = len(sources)
    row(f"tune sources, leave-one-source-out ({n_sources} sources)", tune)
    lines.append(f"| mean over the {n_sources} tune sources | | {sum(sources.values()) / n_sources:.3f} | | |")
    worst_n = sum(r.source == worst for r in tune)
    lines.append(f"| worst tune source ({worst}, {worst_n} rows) | {worst_n} | {sources[worst]:.3f} | | |")
    below = sorted(s for s, a in sources.items() if a < 0.75)
    lines.append(f"| tune sources below 0.75 | {len(below)} | {', '.join(below) or 'none'} | | |")
    row("growth key results (tune, leave-one-source-out)", [r for r in tune if r.kind == "growth"])
    row("team key results (tune, leave-one-source-out)", [r for r in tune if r.kind == "team"])
    row("our own set, shipped model (fitted on it)", own_fit)
    row("our own set, leave-one-split-out", own_cv)
    if final is not None:
        fs = per_source(final)
        fworst = min(fs, key=lambda s: (fs[s], s))
        row(f"final sources, never tuned on ({len(fs)} sources)", final)
        lines.append(f"| mean over the {len(fs)} final sources | | {sum(fs.values()) / len(fs):.3f} | | |")
        fworst_n = sum(r.source == fworst for r in final)
        lines.append(f"| worst final source ({fworst}, {fworst_n} rows) | {fworst_n} | {fs[fworst]:.3f} | | |")
        row("final growth key results", [r for r in final if r.kind == "growth"])
        row("final team key results", [r for r in final if r.kind == "team"])
    for languages, (rows, flagged) in (other or {}).items():
        n = len({r.source for r in rows})
        row(f"not English: {languages}, never fitted on ({n} sources)", rows)
        lines.append(f"| ... of them told 'could be read either way' | {len(rows)} | {flagged} of {len(rows)} | | |")
    return "\n".join(lines)


def time_per_key_result(texts: list[str], repeat: int = 3) -> float:
    """Milliseconds per check_key_result call (the weights loaded once before timing)."""
    check_key_result(texts[0])
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            check_key_result(text)
    return (time.perf_counter() - started) * 1000 / (repeat * len(texts))


def main(argv: list[str] | None = None) -> int:
    """Print the table (and the timing, misses or a sweep of the regularization when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the table only, as in the README")
    parser.add_argument("--tune-only", action="store_true", help="leave the final sources out (while developing)")
    parser.add_argument("--misses", choices=["tune", "own"], help="also list the rows the checker gets wrong")
    parser.add_argument("--sweep", action="store_true", help="leave-one-source-out accuracy for several C values")
    parser.add_argument("--sweep-words", action="store_true",
                        help="leave-one-source-out accuracy for several word scales (0: evidence features only)")
    parser.add_argument("--sweep-threshold", action="store_true",
                        help="leave-one-source-out accuracy for verdict thresholds 0.30 to 0.55 (how 0.38 was chosen)")
    args = parser.parse_args(argv)

    real, own = read_csv("kr_real.csv"), read_csv("kr_labels.csv")
    groups = {r["source"]: r["group"] for r in read_csv("kr_real_split.csv")}
    if args.sweep_threshold:
        scored = leave_one_source_out(real, groups, REGULARIZATION, threshold=0.5)
        print("\n".join(sweep_threshold(scored, [round(0.30 + 0.01 * i, 2) for i in range(26)])))
        return 0
    if args.sweep or args.sweep_words:
        settings = [(c, WORD_SCALE) for c in (0.3, 1.0, 3.0, 10.0, 30.0)] if args.sweep else \
            [(REGULARIZATION, scale) for scale in (0.0, 0.1, 0.2, 0.3, 0.6)]
        for c, scale in settings:
            print(f"C={c:<5} word scale {scale:<4} {sweep_figures(leave_one_source_out(real, groups, c, scale))}")
        return 0
    tune = leave_one_source_out(real, groups, REGULARIZATION)
    own_fit, own_cv = own_rows(own, by_split=False), own_rows(own, by_split=True)
    final = None if args.tune_only else final_rows(real, groups)
    print(table(tune, own_fit, own_cv, final, other_language_rows(read_csv("kr_other_languages.csv"))))
    if args.markdown:
        return 0
    texts = [r["text"] for r in real + own]
    language_identifier.cache_clear()  # the rows not in English loaded it already: time a load of its own
    started = time.perf_counter()
    language_model_loaded = bool(language_identifier())  # once per process, on the first text that needs it
    load_s = time.perf_counter() - started
    print(f"\n{time_per_key_result(texts):.2f} ms per key result (check_key_result, {len(texts)} texts, 3 rounds); "
          f"the language model loads once, on the first text with no English function word: "
          f"{load_s:.2f} s" + ("" if language_model_loaded else " (not available: the function words answer alone)"))
    if args.misses:
        rows = tune if args.misses == "tune" else own_cv
        print(f"\nmisses ({args.misses}):")
        for r in rows:
            if r.checker != r.label:
                verdict = check_key_result(r.text)
                print(f"  label={int(r.label)} [{r.source}] {r.text[:120]}\n      {verdict.reasons}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
