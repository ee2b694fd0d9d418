"""Evidence in a key result's text: what an outsider could check (counts, deliverables, approvals) and what blurs it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .kr_vocabulary import (
    _ABILITY_RE,
    _ALL_OPEN_RE,
    _ALL_RE,
    _APPROVAL_RE,
    _CADENCE_RE,
    _CAPABILITY_RE,
    _CHANGE_WORD_RE,
    _CLAUSE_LEAD_RE,
    _CODE_TOKEN_RE,
    _COMPARATIVE_RE,
    _COUNT_RE,
    _DEADLINE_RE,
    _DELIVERABLES,
    _DETERMINERS,
    _DONE_PARTICIPLES,
    _FIRST_PERSON_RE,
    _FROM_TO_RE,
    _HABIT_RE,
    _HEDGE_RE,
    _IRREGULAR,
    _MEASURE_RE,
    _MONEY_RE,
    _MONTHS,
    _NAMED_RE,
    _NON_QUANTITY_RE,
    _NUM,
    _NUMBER_WORDS,
    _ONGOING_RE,
    _OPEN_LIST_RE,
    _PASSIVE_DONE_RE,
    _PERCENT_RE,
    _PLACEHOLDER_RE,
    _PRONOUN_SUBJECTS,
    _QUESTION_RE,
    _QUOTED_TITLE_RE,
    _RANGE_RE,
    _REFERENCE_RE,
    _RELATIVE_RE,
    _REVIEWERS,
    _ROLE_TAKEN_RE,
    _SCARE_QUOTE_RE,
    _SOFT_NOUNS_RE,
    _SOFT_QUANTITY_RE,
    _STOP_AT,
    _SUBJECTIVE_RE,
    _THRESHOLD_RE,
    _UNCOUNTED_RE,
    _VAGUE_FREQUENCY_RE,
    _VAGUE_NOUN_RE,
    _VAGUE_QUANTITY_RE,
    _VERB_CLASSES,
    _VERSION_RE,
    _WH_WORDS,
    _WITH_VERBS,
    _ZERO_RE,
    DONE_CLASSES,
)
from .text import PREAMBLE_RE as _PREAMBLE_RE
from .text import normalize as _normalize

__all__ = ["DONE_CLASSES", "Evidence", "FEATURES", "VETOES", "gather_evidence", "feature_vector"]
# --------------------------------------------------------------------------------------------------
# Gathering
# --------------------------------------------------------------------------------------------------


@dataclass
class Evidence:
    """What was found in one key result: the head verb, its class, and the phrase behind each feature."""

    text: str
    low: str
    masked: str
    head: str = ""
    head_class: str = ""  # a key of _VERB_CLASSES, "subject" (a noun phrase leads) or ""
    object: str = ""
    found: dict[str, str] = field(default_factory=dict)  # feature name -> the phrase that showed it
    originals: dict[str, str] = field(default_factory=dict)  # "__date0__" -> "2027-03-15"

    def has(self, name: str) -> bool:
        return bool(self.found.get(name))


def _verb_index() -> list[tuple[tuple[str, ...], str, str]]:
    index = []
    for kind, verbs in _VERB_CLASSES.items():
        for verb in verbs:
            index.append((tuple(verb.split()), verb, kind))
    index.sort(key=lambda item: -len(item[0]))
    return index


_VERBS = _verb_index()
_CLASS_OF_FIRST_WORD: dict[str, str] = {}
for _words, _verb, _kind in reversed(_VERBS):
    _CLASS_OF_FIRST_WORD.setdefault(_words[0], _kind)


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of a verb that leads a key result: imperative, gerund or past ("Taught",
    "Working out"), never a third-person "-s" form, which at the start is a noun ("Prototypes are ...").
    """
    out = [word]
    if word in _IRREGULAR:
        out.append(_IRREGULAR[word])
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("ied", "y")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # running -> run, planned -> plan
    return out


def _find_head(words: list[str]) -> tuple[str, str, int]:
    """(verb phrase, class, number of words it spans) for the words that lead the key result."""
    if not words:
        return "", "", 0
    for forms in (_base_forms(words[0]),):
        for form in forms:
            candidate = [form, *words[1:4]]
            for verb_words, verb, kind in _VERBS:
                if tuple(candidate[: len(verb_words)]) == verb_words:
                    return verb, kind, len(verb_words)
    return "", "", 0


def _lead_words(low: str) -> list[str]:
    first = re.split(r"(?<=[.;!?])\s+", low, maxsplit=1)[0]
    first = _PREAMBLE_RE.sub("", first)
    first = re.sub(r"^(?:i|we)\s+(?:will|want to|would like to|plan to|aim to|hope to|need to|should|must|"
                   r"am going to|are going to|'ll|wish to|intend to)\s+", "", first)
    first = re.sub(r"^(?:i|we)\s+", "", first)
    first = _CLAUSE_LEAD_RE.sub("", first)
    first = first.lstrip("\"'([*- ")
    first = re.sub(
        r"^(?:(?:actually|really|finally|also|successfully|just|then|still|truly|properly)\s+)+", "", first
    )
    return re.findall(r"[a-z0-9][\w'/&.+-]*", first)


def _object_phrase(words: list[str], start: int) -> str:
    """The words after the head verb up to the first preposition, conjunction or punctuation."""
    out: list[str] = []
    for w in words[start : start + 8]:
        if _STOP_AT.fullmatch(w) or (out and re.fullmatch(rf"(?:{_DONE_PARTICIPLES})", w)):
            break
        out.append(w.strip(".,;:"))
        if w.endswith((",", ".", ";", ":")):
            break
    return " ".join(out)


_DATE_LIKE_RE = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}|\b(?:{_MONTHS})\b")


class _Masker:
    """Replaces numbers that are not quantities (dates, years, quarters, versions, ids) with tokens such as
    ``__date0__`` and ``__id1__``, and remembers what each token stood for (one numbering per key result).
    """

    def __init__(self) -> None:
        self.originals: dict[str, str] = {}
        self._tokens: dict[str, str] = {}

    def _token(self, original: str) -> str:
        if original not in self._tokens:
            kind = "date" if _DATE_LIKE_RE.search(original) else "id"
            token = f"__{kind}{len(self._tokens)}__"
            self._tokens[original] = token
            self.originals[token] = original
        return self._tokens[original]

    def __call__(self, low: str) -> str:
        masked = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", lambda m: self._token(m.group(0)), low)
        return _NON_QUANTITY_RE.sub(lambda m: self._token(m.group(0)), masked)


def _first(rx: re.Pattern[str], text: str) -> str:
    m = rx.search(text)
    return m.group(0).strip() if m else ""


def _word_list_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?:s|es)?(?![\w-])")


_DELIVERABLE_RE = _word_list_re(_DELIVERABLES)
_REVIEWER_RE = _word_list_re(_REVIEWERS)
_ROLE_WORDS = "|".join(re.escape(w) for w in sorted(_REVIEWERS, key=len, reverse=True))
# A meeting, presentation or review with a named person or group: it happens or not ("meet with the tech lead").
_EVENT_WITH_ROLE_RE = re.compile(
    rf"\b(?:meet(?:s|ing)?|met|present(?:s|ing|ed)?|review(?:s|ing|ed)?|discuss(?:es|ing|ed)?|demo(?:s|ing|ed)?|"
    rf"walk(?:s|ing)? through|share(?:s|d)?|send(?:s|ing)?|sent|pair(?:s|ing|ed)?|interview(?:s|ing|ed)?|"
    rf"sit down|check in|1:1|feedback)\s+(?:it\s+|them\s+|this\s+|the \w+\s+)?(?:with|to|from|for)\s+"
    rf"(?:the\s+|my\s+|our\s+|a\s+|an\s+|two\s+|\d+\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_ROLE_WORDS})s?\b"
)


_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\u201c]?[A-Z0-9])")
_PARENTHESES_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|https?://\S+")
_TITLE_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with vs via from".split())
_NOT_NAMES = frozenset("I KR KRs OKR OKRs EOY EOQ YoY QoQ".split())


def _statement(clean: str) -> str:
    """The part of a key result that states it: the first sentence, plus any later sentence that carries a
    number or a cadence (the guide: a later sentence may supply the measure; an explanation is ignored).
    Asides in brackets and links are dropped: they qualify, they do not state.
    """
    sentences = _SENTENCE_SPLIT_RE.split(clean)
    kept = [sentences[0]] + [
        x for x in sentences[1:] if re.search(rf"\d|\b(?:{_NUMBER_WORDS})\b", x.lower()) or _CADENCE_RE.search(x.lower())
    ]
    return _PARENTHESES_RE.sub(" ", " ".join(kept)).strip()


def _is_title_case(clean: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", clean) if w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _extend_count(text: str, m: re.Match[str]) -> str:
    """The count and the noun it counts ("two pull requests", not "two pull")."""
    phrase = m.group(0)
    for word in text[m.end():].split()[:2]:
        word = word.strip(".,;:()")
        if not word or _STOP_AT.fullmatch(word) or not word.isalpha():
            break
        phrase += " " + word
    return phrase


# Capitalised words that are loose words even inside a title ("Blog More", "Regularly").
_LOOSE_CAPITALS = frozenset("more less better regular regularly often some several few many".split())


def _mask_names(text: str) -> str:
    """``text`` with capitalised words after the first word replaced by a neutral token."""
    return _NAMED_RE.sub(
        lambda m: m.group(0) if m.group(0).lower().strip(".,;:!?") in _LOOSE_CAPITALS else "__name__", text
    )


def _named(clean: str, low: str) -> str:
    """A proper name, title, version or code identifier: something specific that exists or not."""
    quoted = _first(_QUOTED_TITLE_RE, clean)
    if quoted:
        return quoted
    for m in _NAMED_RE.finditer(clean):
        if m.group(0) not in _NOT_NAMES:
            return m.group(0)
    return _first(_VERSION_RE, low) or _first(_CODE_TOKEN_RE, low)


def gather_evidence(text: str) -> Evidence:
    """Find the head verb, its object and every kind of evidence in ``text`` (any case, any punctuation)."""
    clean = _normalize(text)
    low = clean.lower()
    mask = _Masker()
    masked = mask(low)
    stated = _statement(clean)
    stated_low = stated.lower()
    stated_masked = mask(stated_low)
    ev = Evidence(text=clean, low=low, masked=masked, originals=mask.originals)
    words = _lead_words(stated_low)
    head, kind, span = _find_head(words)
    if head:
        # "Start working on", "Keep learning": the verb after a phase verb says what is done.
        nxt = words[span] if span < len(words) else ""
        if head in ("start", "begin", "continue", "keep", "try", "get back") and nxt.endswith("ing"):
            sub_head, sub_kind, sub_span = _find_head(words[span:])
            if sub_kind in ("activity", "learn", "change", "state") or head in ("continue", "keep", "try"):
                head = f"{head} {sub_head or nxt}"
                kind = sub_kind if sub_kind in ("learn", "change") else "activity"
                span += max(1, sub_span)
        if kind == "activity" and head in _WITH_VERBS:
            # "Work with the council to create a treasury system": what is made is the result.
            for i in range(span, min(len(words) - 1, span + 10)):
                if words[i] == "to":
                    sub_head, sub_kind, sub_span = _find_head(words[i + 1 :])
                    if sub_kind in DONE_CLASSES:
                        head, kind, span = sub_head, sub_kind, i + 1 + sub_span
                    break
        if head == "become" and _ROLE_TAKEN_RE.match(" ".join(words[span : span + 5])):
            kind = "event"  # "Become a charity trustee": an appointment happens or not
        ev.head, ev.head_class = head, kind
        ev.object = _object_phrase(words, span)
    elif words and words[0] not in _PRONOUN_SUBJECTS:
        ev.head_class = "subject"
        ev.object = _object_phrase(words, 0)
    f = ev.found

    # Numbers: a baseline and a target, a threshold, a percentage, a measure, a count (anywhere).
    f["from_to"] = _first(_FROM_TO_RE, masked)
    f["threshold"] = _first(_THRESHOLD_RE, masked)
    f["relative"] = _first(_RELATIVE_RE, masked)
    f["percent"] = _first(_PERCENT_RE, masked)
    f["measure"] = _first(_MEASURE_RE, masked) or _first(_MONEY_RE, masked)
    f["range"] = _first(_RANGE_RE, masked)
    counts = [_extend_count(masked, m) for m in _COUNT_RE.finditer(masked) if "__" not in m.group(0)]
    f["count"] = counts[0] if counts else ""
    f["placeholder"] = _first(_PLACEHOLDER_RE, clean)
    if f["placeholder"]:
        for name in ("threshold", "percent", "measure", "relative", "count"):
            if f[name] and re.search(r"\d", f[name]) is None and not re.search(_NUMBER_WORDS, f[name]):
                f[name] = ""
    # A change "by 20%" is checkable against the value at the start (the guide), unless what changes is a
    # feeling, a trait or a comparison with no metric behind it ("3x better", "20% more efficient").
    f["relative_soft"] = (
        f["relative"]
        if f["relative"] and not f["from_to"] and (
            _SOFT_NOUNS_RE.search(stated_masked) or ev.head_class == "state"
            or _COMPARATIVE_RE.search(stated_masked.split(f["relative"].lower(), 1)[-1][:25])
        )
        else ""
    )
    f["cadence"] = _first(_CADENCE_RE, masked)
    if f["cadence"] and re.fullmatch(r"\d+x", f["relative"]):
        f["relative"] = f["relative_soft"] = ""  # "3x exercise sessions per week" is a frequency
    f["all"] = _first(_ALL_RE, stated_masked)
    f["all_open"] = _first(_ALL_OPEN_RE, stated_masked)
    f["zero"] = _first(_ZERO_RE, stated_masked)
    f["deadline"] = _first(_DEADLINE_RE, masked)

    # Things that exist or happen, and who accepts them.
    f["approval"] = _first(_APPROVAL_RE, stated_masked)
    f["passive_done"] = _first(_PASSIVE_DONE_RE, stated_masked) if ev.head_class in ("subject", "") else ""
    f["capability"] = _first(_CAPABILITY_RE, stated_masked) if ev.head_class in ("subject", "") else ""
    f["deliverable"] = _first(_DELIVERABLE_RE, stated_masked)
    f["reviewer"] = _first(_REVIEWER_RE, stated_masked)
    f["event_with_role"] = _first(_EVENT_WITH_ROLE_RE, stated_masked)
    f["named"] = _named(clean, low)
    f["title_label"] = (
        stated
        if ev.head_class in ("subject", "") and len(stated.split()) <= 5 and _is_title_case(stated)
        else ""
    )

    # The object of the head verb: one named thing, or an open plural.
    obj = ev.object.split()
    obj_words = [w for w in obj if w not in ("new", "more", "other", "own")]
    f["object_single"] = f["object_open_plural"] = ""
    scoped = bool(ev.object) and re.search(
        rf"{re.escape(ev.object)}\s+(?:for|in|of|on|across)\s+(?:all|each|every)\b", stated_low
    )
    quoted = bool(ev.object) and re.search(rf"[\"'\u201c]\s*{re.escape(obj[0])}", stated_low)
    if obj and obj[0] in _WH_WORDS:
        pass  # "Document how we do performance reviews": a clause, not a countable object
    elif obj and not scoped and not quoted:
        if obj[0] in _DETERMINERS and obj[0] not in ("all", "each", "every"):
            f["object_single"] = ev.object
        elif (
            obj_words
            and re.search(r"[a-z]{3,}s$", obj_words[-1])
            and not re.search(r"(?:ss|us|is|ics|news|series|sales|ops|kubernetes|js)$", obj_words[-1])
            and not re.match(_NUM, obj[0])
            and obj[0] not in ("all", "each", "every")
        ):
            f["object_open_plural"] = ev.object

    if f["object_open_plural"] and f["named"].lower() in f["object_open_plural"]:
        f["named"] = ""  # "Build Unit Tests": capitals do not make an open plural one named thing

    # What blurs the done-state (read in the statement only: an explanation after it does not count).
    # Words inside a name ("Read On Writing Well", "The 7 Habits") are not judgements: mask them.
    plain = _mask_names(stated).lower()
    plain_masked = mask(plain)
    f["vague_frequency"] = "" if f["cadence"] else _first(_VAGUE_FREQUENCY_RE, plain)
    f["habit"] = "" if f["cadence"] else _first(_HABIT_RE, plain)
    f["ongoing"] = _first(_ONGOING_RE, plain)
    f["vague_quantity"] = _first(_VAGUE_QUANTITY_RE, plain)
    f["soft_quantity"] = _first(_SOFT_QUANTITY_RE, plain)
    f["uncounted"] = _first(_UNCOUNTED_RE, plain)
    f["vague_noun"] = _first(_VAGUE_NOUN_RE, plain)
    after_head = plain_masked[plain_masked.find(ev.head) + len(ev.head):] if ev.head and ev.head in plain_masked else plain_masked
    f["comparative"] = _first(_COMPARATIVE_RE, after_head) if not (f["threshold"] or f["from_to"]) else ""
    if f["comparative"] and _REFERENCE_RE.search(after_head.split(f["comparative"], 1)[-1][:60]):
        f["comparative"] = ""  # "faster than the product it replaced": compared with a named reference
    f["change_word"] = _first(_CHANGE_WORD_RE, plain)
    f["subjective"] = _first(_SUBJECTIVE_RE, plain)
    f["hedge"] = _first(_HEDGE_RE, plain)
    f["open_list"] = _first(_OPEN_LIST_RE, plain)
    f["ability"] = _first(_ABILITY_RE, plain)
    f["question"] = _first(_QUESTION_RE, low)
    f["scare_quotes"] = _first(_SCARE_QUOTE_RE, clean)
    f["first_person"] = _first(_FIRST_PERSON_RE, stated_low)
    return ev


# --------------------------------------------------------------------------------------------------
# Features: each a yes/no question about the evidence. The model weighs them; the reasons quote them.
# --------------------------------------------------------------------------------------------------


def _any_number(ev: Evidence) -> bool:
    f = ev.found
    return any(f.get(n) for n in ("from_to", "threshold", "percent", "measure", "range", "count", "relative"))


def _head(kind: str) -> Callable[[Evidence], str]:
    return lambda ev: (ev.head or ev.object or ev.text) if ev.head_class == kind else ""


def _found(name: str) -> Callable[[Evidence], str]:
    return lambda ev: ev.found.get(name, "")


def _without_number(name: str) -> Callable[[Evidence], str]:
    return lambda ev: ev.found.get(name, "") if not _any_number(ev) and not ev.found.get("cadence") else ""


def _head_without_number(kind: str) -> Callable[[Evidence], str]:
    def check(ev: Evidence) -> str:
        # A cadence makes an activity countable ("review PRs weekly"), not a change: "increase use each
        # quarter" still has no target.
        if ev.head_class != kind or _any_number(ev) or (ev.found.get("cadence") and kind != "change"):
            return ""
        return ev.head

    return check




def _no_anchor(ev: Evidence) -> str:
    f = ev.found
    anchors = ("cadence", "approval", "passive_done", "deliverable", "named", "all", "zero", "object_single",
               "capability")
    if _any_number(ev) or any(f.get(n) for n in anchors) or ev.head_class in DONE_CLASSES:
        return ""
    return ev.text


# The name of a measure: with no number and no verb it is a metric to watch, not a target.
_METRIC_NOUN_RE = re.compile(
    r"\b(?:time|times|rate|rates|cost|costs|score|ratio|latency|count|number|percentage|satisfaction|"
    r"uptime|availability|throughput|revenue|conversion|retention|churn|velocity|spend|usage|adoption|nps|"
    r"csat|mttr|mttd|frequency|duration|size|share|margin|growth|coverage|utili[sz]ation)$"
)


def _metric_label(ev: Evidence) -> str:
    """A measure's name with no target ("App load time", "Change failure rate, e.g. hotfixes"): what is
    watched, but not the value that means done.
    """
    f = ev.found
    if ev.head_class not in ("subject", "") or _any_number(ev) or f.get("cadence"):
        return ""
    if f.get("passive_done") or f.get("capability") or f.get("zero") or f.get("approval"):
        return ""
    label = re.split(r"[,:;(]|\s(?:e\.g|i\.e|such as|like|via|for|of)\b", ev.low, maxsplit=1)[0]
    label = label.strip(" .-")
    return label if len(label.split()) <= 6 and _METRIC_NOUN_RE.search(label) else ""


# Mass nouns that, like an open plural, say what kind of thing is made but not how much or which.
_GENERIC_OBJECT_RE = re.compile(
    r"^(?:\w+\s+){0,2}(?:documentation|docs|content|code|tests|testing|tooling|infrastructure|automation|"
    r"support|material|materials|resources|improvements|features|fixes|work|things|stuff|progress|changes|"
    r"research|analysis|coverage|monitoring|processes|practices)$"
)


def _open_build(ev: Evidence) -> str:
    """A verb that makes or does things, on an open plural or a mass noun with no count, no "all" and no
    name ("Build integration tests", "Write documentation"): the guide's open-ended build.
    """
    f = ev.found
    if ev.head_class not in DONE_CLASSES or _any_number(ev) or f.get("all") or f.get("cadence"):
        return ""
    if f.get("approval") or f.get("event_with_role") or f.get("passive_done"):
        return ""  # the guide: open "unless there is a done-state" (an approval, a review with someone)
    obj = f.get("object_open_plural") or _generic_object(ev)
    return f"{ev.head} {obj}" if obj else ""


def _generic_object(ev: Evidence) -> str:
    """The object is a kind of work that never runs out ("tests", "documentation", "content")."""
    if ev.head_class not in DONE_CLASSES or _any_number(ev) or ev.found.get("all"):
        return ""
    return ev.object if _GENERIC_OBJECT_RE.match(ev.object) else ""


def _short(ev: Evidence) -> str:
    return ev.text if len(ev.text.split()) <= 3 else ""


def _long(ev: Evidence) -> str:
    return ev.text if len(ev.text.split()) >= 25 else ""


def _numbers_only_later(ev: Evidence) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", ev.masked)
    if len(sentences) > 1 and not re.search(r"\d", sentences[0]) and re.search(r"\d", " ".join(sentences[1:])):
        return sentences[1]
    return ""


def _learn_with_output(ev: Evidence) -> str:
    if ev.head_class == "learn" and (ev.found.get("deliverable") or ev.found.get("named")):
        return ev.found.get("deliverable") or ev.found.get("named", "")
    return ""


# name -> how to read it from the evidence. Order is the order of the coefficients file.
FEATURES: dict[str, Callable[[Evidence], str]] = {
    "from_to": _found("from_to"),
    "threshold": _found("threshold"),
    "relative": _found("relative"),
    "relative_soft": _found("relative_soft"),
    "percent": _found("percent"),
    "measure": _found("measure"),
    "count": _found("count"),
    "range": _found("range"),
    "cadence": _found("cadence"),
    "all": _found("all"),
    "all_open": _found("all_open"),
    "zero": _found("zero"),
    "deadline": _found("deadline"),
    "approval": _found("approval"),
    "passive_done": _found("passive_done"),
    "capability": _found("capability"),
    "deliverable": _found("deliverable"),
    "reviewer": _found("reviewer"),
    "event_with_role": _found("event_with_role"),
    "named": _found("named"),
    "title_label": _found("title_label"),
    "object_single": _found("object_single"),
    "object_open_plural": _without_number("object_open_plural"),
    "open_build": _open_build,
    "generic_object": _generic_object,
    "head_finish": _head("finish"),
    "head_create": _head("create"),
    "head_build": _head("build"),
    "head_acquire": _head("acquire"),
    "head_event": _head("event"),
    "head_decide": _head("decide"),
    "head_hire": _head("hire"),
    "head_change": _head("change"),
    "head_learn": _head("learn"),
    "head_activity": _head("activity"),
    "head_responsibility": _head("responsibility"),
    "head_state": _head("state"),
    "head_subject": _head("subject"),
    "change_without_number": _head_without_number("change"),
    "learn_without_number": _head_without_number("learn"),
    "activity_without_number": _head_without_number("activity"),
    "state_without_number": _head_without_number("state"),
    "learn_with_output": _learn_with_output,
    "change_word_without_number": _without_number("change_word"),
    "vague_frequency": _found("vague_frequency"),
    "habit": _without_number("habit"),
    "ongoing": _found("ongoing"),
    "vague_quantity": _found("vague_quantity"),
    "soft_quantity": _without_number("soft_quantity"),
    "vague_noun": _found("vague_noun"),
    "comparative": _found("comparative"),
    "subjective": _found("subjective"),
    "open_list": _found("open_list"),
    "ability": _found("ability"),
    "first_person": _found("first_person"),
    "no_anchor": _no_anchor,
    "metric_label": _metric_label,
    "short": _short,
    "long": _long,
    "number_in_later_sentence": _numbers_only_later,
}


# The guide's categorical rules: whatever else the text has, these make a key result not measurable.
VETOES: dict[str, Callable[[Evidence], str]] = {
    "hedge": _found("hedge"),
    "placeholder": _found("placeholder"),
    "scare_quotes": _found("scare_quotes"),
    "question": _found("question"),
    "uncounted": lambda ev: "" if _any_number(ev) else ev.found.get("uncounted", ""),
}


def feature_vector(ev: Evidence) -> dict[str, str]:
    """Every feature that fired, with the phrase that showed it (features that did not fire are absent)."""
    out = {}
    for name, read in FEATURES.items():
        phrase = read(ev)
        if phrase:
            out[name] = phrase
    return out
