"""Small text helpers the coaching checks share: word lists written as comma-separated phrases."""

from __future__ import annotations

import re

__all__ = ["phrases", "normalize", "PREAMBLE_RE"]

# "I will", "KR1:", a bullet: the lead-in before what a key result or goal actually says
PREAMBLE_RE = re.compile(
    r"^(?:i\s+will|i'll|i\s+want\s+to|i\s+plan\s+to|i\s+aim\s+to|we\s+will|to|kr\s*\d*[:.)-]|[-*•]|\d+[.)])\s*"
)



def phrases(text: str) -> tuple[str, ...]:
    """A comma-separated word list as a tuple (keeps long vocabularies readable and format-stable)."""
    return tuple(p.strip() for p in text.split(",") if p.strip())


def normalize(text: str) -> str:
    """Straight quotes and dashes, one space between words, no outer whitespace."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", " - ")
    return re.sub(r"\s+", " ", text).strip()
