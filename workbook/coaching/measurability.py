"""Key-result measurability: could an outsider say "met" or "not met" without asking? A verdict with reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import InputError
from .kr_evidence import FEATURES, VETOES, Evidence, feature_vector, gather_evidence
from .kr_model import NUMBER, load_weights, number_shape, probability, word_evidence
from .kr_suggest import suggest_rewrite
from .language import UNREAD_WHY, mostly_unread_script, unread_language
from .text import normalize as _normalize

__all__ = ["KRCheck", "check_key_result", "not_a_sentence", "NOT_A_SENTENCE_SUGGESTION", "LOW_CONFIDENCE", "UNREAD_SCRIPT_CONFIDENCE", "mostly_unread_script"]

# Below this confidence the verdict says it could be read either way (a quarter of the way from a coin
# toss to certainty).
LOW_CONFIDENCE = 0.7

# The evidence rules and the word weights read English. On text in another script or another language the
# verdict is a guess: scored once on 71 published Chinese key results (stop 47), the checker was right on 0.65 of
# them, "has a digit" on 0.62. Such a verdict is given at most this confidence, and says why (language.py).
UNREAD_SCRIPT_CONFIDENCE = 0.6
_UNREAD = ("could be read either way: this check reads English, and {}; ask whether anyone could say met or not "
           "met without asking the author")


@dataclass(frozen=True)
class KRCheck:
    """The verdict on one key result: could an outsider say met or not met without asking?

    ``confidence`` (0.5 to 1) is the model's probability for the verdict it gives: 0.5 is a coin toss.
    """

    text: str
    measurable: bool
    reasons: list[str] = field(default_factory=list)
    suggestion: str = ""
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """Return the keys text, measurable, reasons, suggestion and confidence (JSON-ready)."""
        return {
            "text": self.text,
            "measurable": self.measurable,
            "reasons": list(self.reasons),
            "suggestion": self.suggestion,
            "confidence": self.confidence,
        }


# What each piece of evidence means, in a sentence that quotes it. Features with no sentence (length,
# first person, who leads the sentence) still weigh in the verdict but are not worth a reason.
_FOR = {
    "from_to": "has a baseline and a target ('{}')",
    "threshold": "has a threshold ('{}')",
    "percent": "has a percentage ('{}')",
    "measure": "has a number with a unit ('{}')",
    "count": "has a count ('{}')",
    "range": "has a count range ('{}')",
    "relative": "has a relative target ('{}') on a measure whose value at the start is known",
    "cadence": "has a frequency over a period ('{}')",
    "all": "covers a complete set ('{}')",
    "zero": "has a none-or-zero state ('{}')",
    "approval": "closes on an approval or a yes/no outcome ('{}')",
    "passive_done": "states a finished state ('{}')",
    "capability": "states a capability that exists or not ('{}')",
    "deliverable": "names a deliverable or event ('{}')",
    "named": "names something specific ('{}')",
    "title_label": "names a specific piece of work ('{}')",
    "object_single": "names one thing to produce or do ('{}')",
    "head_finish": "'{}' ends in something finished or out",
    "head_create": "'{}' makes something that exists or not",
    "head_acquire": "'{}' names a state that is reached or not",
    "head_event": "'{}' is an event that happens or not",
    "head_decide": "'{}' ends in a decision",
    "head_hire": "'{}' ends when someone joins",
    "learn_with_output": "the learning has an output ('{}')",
    "number_in_later_sentence": "a later sentence gives the measure ('{}')",
    "reviewer": "names who sees or accepts it ('{}')",
    "event_with_role": "names a meeting or review with a named person or group ('{}')",
}
_AGAINST = {
    "relative_soft": "'{}' has no baseline or named measure: a percentage of what, measured how?",
    "relative": "'{}' has no baseline or named measure: from what, to what, measured how?",
    "comparative": "'{}' compares with nothing that is counted",
    "ability": "'{}' is an ability or knowledge, which nobody can see finish",
    "no_anchor": "no target or threshold, and no deliverable, event or reviewer someone else could check",
    "metric_label": "'{}' names a measure but no target: what value means done?",
    "learn_without_number": "vague verb '{}': learning has no end state unless a course, exam, book or count is named",
    "head_learn": "vague verb '{}' with no measure",
    "habit": "'{}' is a habit with no count over a period",
    "ongoing": "'{}' is work that never ends",
    "head_state": "describes a state ('{}' ...), a wish, not an outcome someone can check",
    "state_without_number": "describes a state ('{}' ...), a wish, not an outcome someone can check",
    "vague_frequency": "'{}' is a frequency with no count",
    "subjective": "'{}' is a judgement, not something an outsider can check",
    "all_open": "'{}' is a set defined by judgement",
    "open_list": "'{}' leaves open what is in scope",
    "change_without_number": "vague verb '{}' with no measure and no target value",
    "head_change": "vague verb '{}' with no measure",
    "change_word_without_number": "'{}' with no measure or target",
    "vague_quantity": "'{}' is not a quantity",
    "soft_quantity": "'{}' is not a quantity",
    "vague_noun": "'{}' does not name what will be produced or done",
    "head_responsibility": "'{}' names a responsibility, not a result",
    "head_build": "'{}' is open-ended unless what is built is named or counted",
    "activity_without_number": "'{}' is an activity with no end state",
    "head_activity": "'{}' is an activity with no end state",
    "object_open_plural": "'{}' is open-ended: how many, or which ones?",
    "open_build": "'{}' has no scope: how many, which ones, or when is it done?",
    "generic_object": "'{}' is a kind of work that never runs out: which ones, how many, or what coverage?",
}
_VETO_REASONS = {
    "hedge": "'{}' makes it optional; a key result is either done or not",
    "placeholder": "'{}' is a placeholder, not a target",
    "scare_quotes": "the quotes around {} say the end state is loose",
    "question": "it is a question, not a result",
    "uncounted": "'{}' is not a quantity: say how many",
}
# A reason is shown when its feature moves the verdict at least this much (in log-odds).
_MIN_WEIGHT = 0.25
_MAX_REASONS = 4
# The words together are a reason when they move the verdict this much, or when without them it would flip.
_MIN_WORDS = 0.5
# Words that weigh in the verdict but say nothing to a reader when quoted on their own.
_FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at by for from with into onto as is are be been being was were it its "
    "this that these those my our your their his her we you they he she me us them do does did".split()
)
_WORDS_FOR = "in the published key results this check learnt from, words like {} go with a clear done-state"
_WORDS_AGAINST = "in the published key results this check learnt from, words like {} go with no clear done-state"


# Features whose phrase is the head verb: quoted lower-case, as a verb reads mid-sentence.
_HEAD_FEATURES = frozenset(
    name for name in FEATURES if name.startswith("head_") or name.endswith("_without_number")
) - {"change_word_without_number"}


# Loose words are quoted lower-case: they are words, not names ("'regularly' is a frequency ...").
_WORD_FEATURES = frozenset(
    "vague_frequency vague_quantity soft_quantity vague_noun comparative subjective hedge open_list habit "
    "ongoing ability".split()
)


def _quote(ev: Evidence, phrase: str, name: str = "") -> str:
    """``phrase`` (found in the lower-cased, masked text) as the user wrote it."""
    phrase = re.sub(r"__(?:id|date)\d+__", lambda m: ev.originals.get(m.group(0), m.group(0)), phrase)
    phrase = phrase.strip(" .,;:")
    if not phrase or name in _HEAD_FEATURES or name in _WORD_FEATURES:
        return phrase
    pattern = re.sub(r"__name__", r"[\\w.+#'-]+(?:\\s+[\\w.+#'-]+)*?", re.escape(phrase))
    m = re.search(pattern, ev.text, re.IGNORECASE)
    quote = m.group(0) if m else phrase
    return quote if name == "deadline" else _tidy_quote(quote)  # "by end of" is read on to its day, below


def _tidy_quote(quote: str) -> str:
    """A quote that stops where the thing quoted does: not in the next sentence ('IPFS User Quarterly Report.
    It'), and not on a word that only joins ('Konflux and', '1 from someone I')."""
    quote = re.split(r"(?<=[\w)])[.!?]\s+(?=[A-Z])", quote, maxsplit=1)[0]
    words = quote.split()
    while len(words) > 1 and (words[-1].lower() in _FUNCTION_WORDS or words[-1] == "I"):
        words.pop()
    return " ".join(words).strip(" .,;:") if len(words) < len(quote.split()) else quote


def _reasons(ev: Evidence, found: dict[str, str], measurable: bool, weights: dict[str, float]) -> list[str]:
    """Sentences for the evidence that pushed toward the verdict, strongest first."""
    side = _FOR if measurable else _AGAINST
    scored = []
    for name, phrase in found.items():
        weight = weights.get(name, 0.0)
        if name in side and (weight >= _MIN_WEIGHT if measurable else weight <= -_MIN_WEIGHT):
            scored.append((abs(weight), name, phrase))
    out: list[str] = []
    quoted: set[str] = set()
    for _, name, phrase in sorted(scored, key=lambda item: (-item[0], item[1])):
        if name == "object_open_plural" and "open_build" in found:
            continue  # the same open object, said better with its verb
        quote = _quote(ev, phrase, name)
        if _only_inside_compounds(ev.text, quote):
            continue  # 'all' of "the February all-hands" is no complete set: weighed, but not said
        if quote.lower() in quoted or (name in ("deliverable", "named") and any(quote.lower() in q for q in quoted)):
            continue  # one sentence per piece of text ("improve" is a vague verb once; 'report' of 'the Q1 report')
        if name == "named" and found.get("deadline") and quote.lower() in _deadline_text(ev, found["deadline"]).lower():
            continue  # "by end of Q1": the quarter is the deadline's, said there, not a specific thing
        quoted.add(quote.lower())
        out.append(side[name].format(quote))
    return out[:_MAX_REASONS]


def _only_inside_compounds(text: str, quote: str) -> bool:
    """Whether a one-word ``quote`` occurs in ``text`` only as part of a hyphenated word ("all" of "all-hands")."""
    if not quote or " " in quote or "-" in quote:
        return False
    alone = re.compile(rf"(?<![\w-]){re.escape(quote)}(?![\w-])", re.IGNORECASE)
    inside = re.compile(rf"(?<![\w]){re.escape(quote)}(?=-\w)|(?<=\w-){re.escape(quote)}(?!\w)", re.IGNORECASE)
    return not alone.search(text) and bool(inside.search(text))


def _deadline_text(ev: Evidence, phrase: str) -> str:
    """The deadline as the user wrote it, with its day when the evidence stops at "of" ("by end of Q1")."""
    quote = _quote(ev, phrase, "deadline")
    if not quote.lower().endswith(" of"):
        return quote
    m = re.search(re.escape(quote) + r"\s+(?:(?:the|this|next)\s+)?[\w-]+", ev.text, re.IGNORECASE)
    return m.group(0) if m else quote


def _other_side(ev: Evidence, found: dict[str, str], measurable: bool, weights: dict[str, float]) -> str:
    """The strongest evidence against the verdict, for "could be read either way"."""
    side = _AGAINST if measurable else _FOR
    best = ""
    best_weight = 0.0
    for name, phrase in found.items():
        weight = -weights.get(name, 0.0) if measurable else weights.get(name, 0.0)
        if name in side and weight > best_weight:
            best, best_weight = side[name].format(_quote(ev, phrase, name)), weight
    return best


def _word_reason(words: dict[str, float], measurable: bool, flipped: bool) -> str:
    """A sentence quoting the two words or word pairs that pushed hardest toward the verdict, when together
    they moved it at least _MIN_WORDS or decided it; else "". Function words and numbers are never quoted alone."""
    sign = 1.0 if measurable else -1.0
    toward = sorted(((sign * w, term) for term, w in words.items() if sign * w > 0), reverse=True)
    # a number says nothing quoted alone: a count, threshold or deadline is named by its own evidence
    toward = [(w, term) for w, term in toward
              if not {t for t in term.split() if not t.isdigit() and t != NUMBER} <= _FUNCTION_WORDS]
    if not toward or (not flipped and sign * sum(words.values()) < _MIN_WORDS):
        return ""
    chosen: list[str] = []
    shapes: list[str] = []  # the chosen terms with their numbers as NUMBER: "get 100" is "get #"
    for _, term in toward:
        shape = number_shape(term)
        if any(shape == other or shape in other.split() or other in shape.split() for other in shapes):
            continue  # "pull" beside "pull requests", or "get 100" beside "get #", says nothing more
        chosen.append(term)
        shapes.append(shape)
        if len(chosen) == 2:
            break
    said = (_WORDS_FOR if measurable else _WORDS_AGAINST).format(", ".join(f"'{t}'" for t in chosen))
    return said + (f" ('{NUMBER}' is any number)" if any(NUMBER in t.split() for t in chosen) else "")


def check_key_result(text: str) -> KRCheck:
    """Decide whether an outsider could say a key result was met or not met without asking.

    Evidence (a count or threshold, a named deliverable or event, an approval, a baseline and target, a
    frequency; against: an activity, a responsibility, "improve" with no measure, vague words) is read
    from the text by kr_evidence and weighed, with the words and word pairs the corpus fitted weights to,
    by a logistic regression whose weights ship in kr_weights.json. The guide's categorical rules (a
    placeholder such as "X%", scare quotes around the done word, a question) make it not measurable
    whatever else it has, and so does text that is not a sentence (:func:`not_a_sentence`: one word, one word
    repeated, no letters, keys pressed at random). Deterministic and offline.

    Raises InputError when ``text`` is not a string or is blank.
    """
    if not isinstance(text, str):
        raise InputError(
            f"key result must be text, got {type(text).__name__}; pass the key result as a string"
        )
    clean = _normalize(text)
    if not clean:
        raise InputError("key result is empty; write what will be done and how anyone can tell it is done")
    ev = gather_evidence(clean)
    found = feature_vector(ev)
    model = load_weights()
    weights = model["weights"]
    vetoes = {name: phrase for name, read in VETOES.items() if (phrase := read(ev))}
    unread = unread_language(clean)  # evidence read from a few English-looking words and digits: a guess
    if vetoes:
        reasons = [_VETO_REASONS[name].format(_quote(ev, phrase, name)) for name, phrase in vetoes.items()]
        if unread:  # the guide's rules read English too ("X" may be a product's name in "le produit X")
            return KRCheck(clean, False, _unread_first(unread, reasons), _UNREAD_SUGGESTION,
                           confidence=UNREAD_SCRIPT_CONFIDENCE)
        return KRCheck(clean, False, reasons, suggest_rewrite(ev, False), confidence=0.95)
    if why := not_a_sentence(clean):
        if why.endswith(_SINGLE_WORD):  # "Launch", "Graduate!": an event, perhaps, but of what, and by when?
            return KRCheck(clean, False, [f"could be read either way: {why}; it may name an event, but not which "
                                          "one or by when"], NOT_A_SENTENCE_SUGGESTION, confidence=0.6)
        return KRCheck(clean, False, [f"it does not read as a key result: {why}"], NOT_A_SENTENCE_SUGGESTION,
                       confidence=0.95)
    words = word_evidence(clean, model)
    p = probability(found, model, words)
    measurable = p >= 0.5
    confidence = round(max(p, 1 - p), 2)
    reasons = _reasons(ev, found, measurable, weights)
    flipped = (probability(found, model) >= 0.5) != measurable  # the evidence alone says the other thing
    if said := _word_reason(words, measurable, flipped):
        reasons = [*reasons[: _MAX_REASONS - 1], said] if flipped else [*reasons, said][:_MAX_REASONS]
    if not reasons:
        reasons = (
            ["names what will exist or happen, and nothing in it is vague"]
            if measurable
            else ["no target or threshold, and no deliverable, event or reviewer someone else could check"]
        )
    if measurable and found.get("deadline"):
        reasons.append(f"has a deadline ('{_deadline_text(ev, found['deadline'])}')")
    if unread:
        confidence = min(confidence, UNREAD_SCRIPT_CONFIDENCE)
        reasons = _unread_first(unread, reasons)
    elif confidence < LOW_CONFIDENCE:
        other = _other_side(ev, found, measurable, weights) or _word_reason(words, not measurable, True)
        reasons.append(
            "could be read either way: " + (other if other else "the text is short on evidence either way")
        )
    suggestion = _UNREAD_SUGGESTION if unread else suggest_rewrite(ev, measurable)
    return KRCheck(clean, measurable, reasons, suggestion, confidence=confidence)


# Text that is not a sentence. Read only in Latin letters: a run of Chinese or Japanese characters with no
# space is a whole sentence, not one word.
_TOKEN = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_FILLER = frozenset({"lorem", "ipsum"})
NOT_A_SENTENCE_SUGGESTION = (
    "Write what will be done and how anyone can tell it is done: a verb, what it acts on, and a number from a "
    "baseline to a target or something that exists or not by a date, e.g. \"Cut checkout load time from 3.2 s to "
    "1.5 s by 30 June\" or \"Publish the onboarding guide, reviewed by the tech lead, by 31 March\""
)


_SINGLE_WORD = "is a single word"


def _mashed(word: str) -> bool:
    """Whether ``word`` is keys pressed at random: a run along a keyboard row ("asdf", "uiop"), one letter held
    down ("aaaa") or five letters or more with no vowel ("sdfgk")."""
    low = word.lower()
    on_a_row = len(low) >= 3 and any(low in row or low in row[::-1] for row in _KEYBOARD_ROWS)
    held = len(low) >= 3 and len(set(low)) == 1
    return on_a_row or held or (len(low) >= 5 and not set(low) & set("aeiouy"))


def not_a_sentence(text: str) -> str:
    """Why ``text`` does not read as a key result at all, or "" when it reads as words: no letters ("12345"),
    a single word ("Launch") or one word repeated ("word word word"), only keys pressed at random ("asdf asdf"),
    or filler text ("lorem ipsum"). Conservative: two different real words ("Ship v2", "NPS 40", "Run a
    marathon") always read as a sentence, and so does any text in a script other than Latin letters."""
    if not any(ch.isalpha() for ch in text):
        return "it has no words, only numbers or signs"
    tokens = _TOKEN.findall(text)
    if not all(_LATIN.fullmatch(t) for t in tokens):
        return ""  # a number or another script: "NPS 40", "每天1道LeetCode"
    distinct = {t.lower() for t in tokens}
    if len(distinct) == 1:
        word = tokens[0]
        if _mashed(word):
            return f"'{word}' looks like keys pressed at random"
        return f"'{word}' is one word repeated" if len(tokens) > 1 else f"'{word}' {_SINGLE_WORD}"
    if all(_mashed(t) for t in tokens):
        return f"'{text}' looks like keys pressed at random"
    if distinct & _FILLER:
        return "it is filler text ('lorem ipsum')"
    return ""


def _unread_first(unread: str, reasons: list[str]) -> list[str]:
    """The reasons of a verdict on text not in English (``unread``: "script" or "language"): why it is a guess
    comes first, then as many of the others as fit."""
    return [_UNREAD.format(UNREAD_WHY[unread]), *reasons[: _MAX_REASONS - 1]]


_UNREAD_SUGGESTION = ("Check it against the test yourself, or add an English line that names a count or threshold "
                      "with a unit, a deliverable or event that happens or not, or who approves it, e.g. "
                      "\"Publish the onboarding guide for new contributors by 31 March\"")
