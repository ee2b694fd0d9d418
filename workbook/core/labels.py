"""How the domain's values read to a person: status and outcome labels, key-result labels, shortened text."""

from __future__ import annotations

from typing import Any

__all__ = ["STATUS_LABELS", "OUTCOME_LABELS", "CHECKIN_MODE_LABELS", "DRAFTER_LABELS", "TABLE_KR_WIDTH", "kr_label", "short", "plural", "as_sentence",
           "track_level", "owner_label"]

STATUS_LABELS = {"on_track": "on track", "at_risk": "at risk", "blocked": "blocked", "done": "done"}
OUTCOME_LABELS = {"met": "met", "partly_met": "partly met", "not_met": "not met", "carried_over": "carried over",
                  "dropped": "dropped"}
CHECKIN_MODE_LABELS = {"status": "quick status (2-3 min)", "unblock": "unblocking (10-15 min)"}
# who drafted a growth plan, as the pages say it ("drafted by the report"), never the stored word "employee"
DRAFTER_LABELS = {"employee": "the report", "manager": "the manager"}
# Tables wrap, so a key result in a table keeps its text up to its deadline (which usually comes last);
# only chart axes need the short default of kr_label.
TABLE_KR_WIDTH = 200


def short(text: Any, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    s = " ".join(str(text or "").split())
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def as_sentence(text: str) -> str:
    """``text`` ended as a sentence: a full stop added unless it already ends with one, a question or an
    exclamation mark ("... when is it done?" stays as it is, never "done?.")."""
    text = text.rstrip()
    return text if not text or text.endswith((".", "?", "!")) else text + "."


def kr_label(objective: int, key_result: int, text: str = "", width: int = 48) -> str:
    """A short, stable label for a key result: ``O1·KR2 Deliver a presentation…`` (``O1·KR2`` without text)."""
    head = f"O{int(objective)}·KR{int(key_result)}"
    return f"{head} {short(text, width)}" if text else head


def track_level(track: str | None, level: str | None) -> str:
    """Where someone stands on their ladder, for a line of text: "Engineering level 3", "Engineering" (no
    level yet), "level 3", or "" (neither)."""
    return " ".join(x for x in (track or "", f"level {level}" if level else "") if x)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word, in the plural unless n is 1: "1 day", "3 days", "2 key results"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


# Records by their import section or table name, in a manager's words: (one, many).
RECORD_NOUNS = {"people": ("person", "people"), "notes": ("note", "notes"),
                "growth_plans": ("growth plan", "growth plans"), "okrs": ("OKR quarter", "OKR quarters"),
                "okr_quarters": ("OKR quarter", "OKR quarters"), "check_ins": ("check-in", "check-ins"),
                "actions": ("action", "actions"), "side_drafts": ("item on their side", "items on their side"),
                "generated_about": ("generated file", "generated files"),
                "change_log": ("change log entry", "change log entries"),
                "person_history": ("dated history entry", "dated history entries")}


def counted(n: int, record: str) -> str:
    """``n`` records of a section or table: "1 growth plan", "2 check-ins", "3 people"."""
    one, many = RECORD_NOUNS.get(record, (record.replace("_", " "), record.replace("_", " ")))
    return f"{n} {one if n == 1 else many}"


def owner_label(owner: Any, person_name: str, manager: str) -> str:
    """Who owns an action, as the reader knows them: the report's name for "employee", ``manager`` ("you" on the
    manager's own pages, their name in a summary) for "manager", anything else (a name typed in) as it is."""
    word = str(owner or "").strip()
    return {"employee": person_name, "manager": manager}.get(word, word) or person_name
