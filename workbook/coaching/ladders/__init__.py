"""Career ladders: load and check ladder files, suggest competencies for a goal, measure share and gaps."""

from __future__ import annotations

from .gaps import (
    Share,
    fork_sentence,
    ladder_share,
    next_level_gaps,
    strong_suggestion,
    suggested_ladder_share,
)
from .load import (
    MAX_LADDER_BYTES,
    cached_ladder,
    check_ladder,
    format_check_report,
    load_ladder,
    locate_person_ladder,
    person_ladder,
    person_ladder_file,
    preload_ladders,
    read_ladder_bytes,
    resolve_ladder_path,
)
from .model import (
    BASELINE_LEVEL_KEYS,
    FORMS,
    LADDER_SHARE_RANGE,
    REQUIRED_COLUMNS,
    STRONG_SUGGESTION,
    Ladder,
    LadderFinding,
    LadderReport,
)
from .person import checked_place, stored_ladder_path
from .suggest import (
    GUESS_NOTE,
    NO_MATCH_NOTE,
    Suggestion,
    format_suggestions,
    match_competency,
    suggest_competencies,
    validate_tags,
)

__all__ = [
    "MAX_LADDER_BYTES",
    "BASELINE_LEVEL_KEYS",
    "FORMS",
    "GUESS_NOTE",
    "NO_MATCH_NOTE",
    "LADDER_SHARE_RANGE",
    "REQUIRED_COLUMNS",
    "STRONG_SUGGESTION",
    "Ladder",
    "LadderFinding",
    "LadderReport",
    "Share",
    "Suggestion",
    "cached_ladder",
    "check_ladder",
    "checked_place",
    "format_check_report",
    "fork_sentence",
    "format_suggestions",
    "ladder_share",
    "load_ladder",
    "locate_person_ladder",
    "match_competency",
    "next_level_gaps",
    "person_ladder",
    "person_ladder_file",
    "preload_ladders",
    "read_ladder_bytes",
    "resolve_ladder_path",
    "stored_ladder_path",
    "suggest_competencies",
    "strong_suggestion",
    "suggested_ladder_share",
    "validate_tags",
]
