"""Key-result measurability: could an outsider say "met" or "not met" without asking? A verdict with reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import InputError
from .text import PREAMBLE_RE as _PREAMBLE_RE
from .text import normalize as _normalize
from .text import phrases as _phrases

__all__ = ["KRCheck", "check_key_result"]


@dataclass(frozen=True)
class KRCheck:
    """The verdict on one key result: could an outsider say met or not met without asking?"""

    text: str
    measurable: bool
    reasons: list[str] = field(default_factory=list)
    suggestion: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return exactly the keys text, measurable, reasons and suggestion (JSON-ready)."""
        return {
            "text": self.text,
            "measurable": self.measurable,
            "reasons": list(self.reasons),
            "suggestion": self.suggestion,
        }



# --------------------------------------------------------------------------------------------------
# Vocabulary. Word lists are the whole "model": read them to know what the checker does.
# --------------------------------------------------------------------------------------------------

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    "a dozen|a hundred|a single"
)
_NUM = rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})"
_UNIT = (
    r"(?:%|percent|pp|ms|milliseconds?|s|secs?|seconds?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|"
    r"months?|points?|pts|users?|k|m|x|times|tickets?|bugs?|requests?|stars?|gb|mb|\$|auc|f1|nps|"
    r"precision|recall|accuracy|score|rating|mape|rmse|sla)"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# Phrases at the head of a key result that name an activity or a wish, not an outcome.
_VAGUE_HEADS = _phrases(
    "get better at, better understand, work on, learn about, learn more about, keep up with, keep up, "
    "make progress on, make progress, take ownership of, take ownership, get exposure to, get exposure, "
    "focus on, contribute to, build trust, build relationships, build rapport, share knowledge, step up, "
    "take on, get more, stay on top of, be able to, try to, strive to, aim to, improve, enhance, "
    "understand, learn, develop, grow, strengthen, explore, continue, gain, participate, help, network, "
    "show, practice, practise, deepen, broaden, expand, support, engage, foster, cultivate, demonstrate, "
    "embrace, master, know, familiarize, research, study, increase, boost, collaborate, level up, drive "
    "alignment, streamline, ensure, make sure, spend time"
)
# Heads that change a measure: fine with a target ("from 40% to 70%"), vague without one.
_CHANGE_HEADS = ("increase", "boost", "improve", "enhance", "grow", "expand")
_STATE_HEADS = ("be", "become", "feel", "stay", "remain", "seem")

_HEDGES = _phrases(
    "maybe, perhaps, hopefully, possibly, try to, attempt to, if possible, whenever possible, where "
    "possible, as needed, as necessary, when appropriate, where appropriate, if time allows, if time "
    "permits, or so, -ish, ideally, when i can, when possible"
)
_VAGUE_QUANTIFIERS = _phrases(
    "some, a few, several, many, various, a lot of, lots of, a bunch of, a couple of, numerous, plenty "
    "of, a number of"
)
_VAGUE_NOUNS = ("things", "thing", "stuff", "something", "anything", "whatever")
_FREQUENCY_ADVERBS = _phrases(
    "more often, regularly, often, frequently, consistently, continuously, constantly, routinely, "
    "periodically, occasionally, sometimes, proactively, usually, on a regular basis, from time to time, "
    "whenever"
)
_COMPARATIVES = _phrases(
    "more, less, fewer, better, sooner, faster, stronger, cleaner, clearer, smarter, deeper, broader, "
    "greater, higher, lower, quicker, earlier"
)
_SUBJECTIVE = _phrases(
    "great, good, excellent, high-quality, high quality, clean, strong, confident, comfortable, happy, "
    "visible, strategic, organized, organised, responsive, proactive, impactful, high-impact, effective, "
    "effectively, efficient, efficiently, significantly, significant, substantially, well, properly, "
    "nice, solid, best, successfully, seamless, seamlessly, world-class, outstanding, appropriately, "
    "smoothly, closely, meaningfully, actively, deeply, thoughtfully, carefully, reliable, reliably, "
    "thoughtful"
)

# Things that exist or happen and can be pointed at.
_DELIVERABLES = _phrases(
    "design doc, design document, document, doc, docs, runbook, playbook, presentation, talk, demo, "
    "postmortem, post-mortem, rfc, memo, report, blog post, post, posts, pull request, pr, prs, "
    "certification, certificate, workshop, wiki, wiki page, dashboard, survey, proposal, spec, "
    "specification, guide, summary, summaries, diagram, roadmap, changelog, epic, tutorial, prototype, "
    "notes, dictionary, analysis, release, capstone, evaluation, evaluations, interview, interviews, "
    "lunch-and-learn, retrospective, retro, tests, unit tests, page, course, courses, program, programme, "
    "module, training, plan, checklist, template, script, pipeline, repository, repo, article, articles, "
    "book, books, paper, papers, email, emails, update, status update, agenda, action items, decision, "
    "kickoff, brief, write-up, writeup, handbook, faq, readme, launch, migration, benchmark, model card, "
    "study, case study, feature, api, service, library, package, notebook, notebooks, design, proposal, "
    "poster, abstract, chapter, newsletter, video, recording, exercise, exercises, assessment, audit, "
    "note, mock, shift, rotation, one-pager, findings, results, guidelines, guideline, standards, policy, "
    "conversation, conversations"
)
_EVENTS = _phrases(
    "meeting, review, all-hands, all hands, demo day, standup, stand-up, planning, guild, offsite, "
    "conference, meetup, showcase, town hall, sync, 1:1, kickoff, session, workshop, lunch-and-learn, "
    "retrospective, shift, rotation, onsite, summit, cohort, interview, webinar, hackathon, qbr, business "
    "review, forum, office hours"
)
_REVIEWERS = _phrases(
    "tech lead, lead, manager, director, vp, cfo, ceo, cto, head of, pm, product manager, staff engineer, "
    "staff engineers, senior engineer, principal, teammate, teammates, team member, team members, team, "
    "partner, partners, stakeholder, stakeholders, council, cohort, leadership, customer, customers, new "
    "hire, reviewer, reviewers, mentor, peers, committee, board, direct_report, owner, owners, sre, "
    "designer, analyst, users, client, clients"
)
_APPROVAL = _phrases(
    r"approv\w*, sign(?:s|ed)?[- ]off, signature, reviewed, review from, reviews? by, feedback from, "
    r"feedback (?:before|after), merged, accept(?:s|ed)?, agreement, in writing, published, go/no-go, "
    r"decision, without (?:help|manual|filing|any manual|a ticket|assistance), certified, pass(?:es|ed)?, "
    r"promot(?:ed|ion), green, live in production, in production, adopted"
)
_CONCRETE_HEADS = _phrases(
    "write, write up, draft, publish, ship, submit, complete, finish, deliver, present, migrate, launch, "
    "automate, teach, host, give, conduct, run, hold, facilitate, prepare, build, document, send, "
    "reconcile, co-author, coauthor, close, answer, respond, review, interview, shadow, mentor, "
    "pair-program, pair, lead, read, set up, book, organize, organise, demo, record, file, merge, deploy, "
    "release, obtain, pass, earn, create, design, implement, move, turn, convert, own, speak, sit in, "
    "cut, reduce, raise, lower, decrease, get, have, schedule, meet, ask, request, collect, train, "
    "onboard, produce, compile, replace, retire, remove, hit, achieve, reach, attend, sign up, enroll, "
    "register, apply, resolve, fix, refactor, add, contribute, propose, pitch"
)

# Objects so common that a more specific deliverable in the same key result names it better.
_GENERIC_OBJECTS = _phrases(
    "feature, service, page, design, pipeline, repository, repo, api, library, package, update, decision, "
    "note, plan, launch, migration, release, program, programme, module, training, course, test, "
    "notebook, study, result, finding, conversation, evaluation"
)

# Words that show a number is not a quantity (a year, a quarter, a 1:1, a priority, a version).
_NON_QUANTITY_PATTERNS = (
    r"\b\d{4}-\d{2}-\d{2}\b",  # ISO date
    r"\b(?:19|20)\d{2}\b",  # year
    r"\b[qh][1-4]\b",  # quarter / half
    r"\b\d:\d\b|\b1:1s?\b|\bone-on-ones?\b",
    r"\bp\d{1,2}\b",  # p95 latency, P1 bug
    r"\bsev-?\d\b",
    r"\bv(?:ersion)?\s*\d+(?:\.\d+)+\b",
    rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b",
)

_DEADLINE_PATTERNS = (
    r"\bby\s+(?:the\s+)?(?:end|start|beginning|middle)\s+of(?:\s+(?:the\s+)?[\w-]+)?",
    rf"\bby\s+(?:__date\d+__|(?:{_MONTHS})\b|q[1-4]\b|h[12]\b|friday|monday|tuesday|wednesday|thursday|"
    r"(?:the\s+)?(?:next|first|last|second|third|fourth|deadline|kickoff|release|launch|offsite|mid-\w+|"
    r"mid\s+\w+|early\s+\w+|late\s+\w+))",
    rf"\bbefore\s+(?:(?:the|a|an)(?:\s+[\w/-]+){{1,3}}|__date\d+__|(?:{_MONTHS})\b|\w+\s+(?:starts|closes|begins|ends|opens)\b)",
    r"\bwithin\s+(?:\S+\s+){0,2}?(?:hours?|days?|business days?|weeks?|months?|minutes?)\b",
    r"\bwithin\b",
    r"\bthis\s+(?:quarter|month|sprint|half|year|cycle)\b",
    r"\bnext\s+(?:quarter|month|sprint)\b",
    rf"\bin\s+(?:{_MONTHS})\b",
    r"\bduring\s+(?:q[1-4]|h[12]|the\s+quarter)\b",
    r"\buntil\b",
    r"__date\d+__",
    r"\bdeadline\b",
    r"\b(?:for|in)\s+(?:q[1-4]|h[12])\b",
    r"\bfirst\s+\S+\s+(?:days|weeks)\b",
)


def _alternation(words: tuple[str, ...]) -> str:
    # Longest first so "design document" wins over "document".
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _word_re(words: tuple[str, ...], plural: bool = False) -> re.Pattern[str]:
    ending = "(?:s|es)?" if plural else ""
    return re.compile(rf"(?<![\w-])(?:{_alternation(words)}){ending}(?![\w-])")


_HEDGE_RE = re.compile(rf"(?<![\w])(?:{_alternation(_HEDGES)})(?![\w])")
_VAGUE_QUANT_RE = _word_re(_VAGUE_QUANTIFIERS)
_VAGUE_NOUN_RE = _word_re(_VAGUE_NOUNS)
_FREQ_RE = _word_re(_FREQUENCY_ADVERBS)
_SUBJECTIVE_RE = _word_re(_SUBJECTIVE)
_DELIVERABLE_RE = _word_re(_DELIVERABLES, plural=True)
_EVENT_RE = _word_re(_EVENTS, plural=True)
_REVIEWER_RE = _word_re(_REVIEWERS, plural=True)
_APPROVAL_RE = re.compile(rf"\b(?:{'|'.join(_APPROVAL)})(?!\w)")
_DEADLINE_RES = tuple(re.compile(p) for p in _DEADLINE_PATTERNS)
_NON_QUANTITY_RE = re.compile("|".join(f"(?:{p})" for p in _NON_QUANTITY_PATTERNS))
_ISO_DATE_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

# A target: baseline and goal, or a threshold on a measure.
_FROM_TO_RE = re.compile(
    rf"\bfrom\s+(?:about\s+|around\s+|~)?{_NUM}\s*{_UNIT}?\s+to\s+(?:at\s+least\s+|below\s+|under\s+)?"
    rf"{_NUM}(?:\s*{_UNIT}(?![\w]))?"
)
_MEASURE_THRESHOLD_RE = re.compile(
    rf"(?:\b(?:below|under|above|over|at least|at most|less than|more than|fewer than|no more than|"
    rf"no fewer than|not more than|up to|reaches|reach|reaching|hit|hits|exceeds?|within|to)\s+(?:an?\s+)?"
    rf"(?:average\s+(?:of\s+)?)?(?:{_NUM}\s*{_UNIT}(?![\w])|\d+\.\d+|\d+\s*%))"
    rf"|(?:\b{_NUM}\s*{_UNIT}(?![\w])\s+or\s+(?:higher|more|above|better|less|fewer|lower|below)\b)"
    rf"|(?:\b{_NUM}\s+out\s+of\s+{_NUM}\b)|(?:\b{_NUM}/{_NUM}\b)"
    rf"|(?:\b\d+\s*%\s+of\b)|(?:(?:<=|>=|<|>|≤|≥)\s*\d)"
)
# A threshold on a count of things done ("at least two team members") is a count, not a measure.
_COUNT_THRESHOLD_RE = re.compile(
    rf"\b(?:at\s+least|at\s+most|no\s+more\s+than|no\s+fewer\s+than)\s+(?:once|twice|{_NUM})\b"
    rf"|\b{_NUM}\s+or\s+more\b"
)
_RELATIVE_RE = re.compile(
    rf"(?:\bby\s+{_NUM}\s*(?:%|percent|x|times|points?|pts|fold)(?![\w]))"
    rf"|(?:\b{_NUM}\s*(?:%|x|times|fold)\s+(?:more|less|fewer|better|faster|higher|lower|bigger|stronger)\b)"
    rf"|(?:\b\d+(?:\.\d+)?x\b)|(?:\b\d+\s*%\s+(?:increase|decrease|improvement|reduction|growth)\b)"
)
_BASELINE_RE = re.compile(
    r"\bcompared\s+(?:with|to)\b|\bthan\s+(?:in\s+)?(?:last|the\s+previous|previous|q[1-4])\b|\bvs\.?\b|"
    r"\bversus\b|\bbaseline\b|\brelative\s+to\b|\bfrom\s+(?:about\s+)?\d"
)
_COUNT_RE = re.compile(
    rf"(?<![\w.-])(?:{_NUM}(?:-\w+)?|once|twice|each|every|all)\s+(?:of\s+)?(?:[a-z/-]+\s+){{0,3}}?[a-z/-]+"
)
_CADENCE_RE = re.compile(
    rf"\b(?:every|each)\s+(?:other\s+)?(?:{_NUM}\s+)?(?:day|week|weeks|month|months|sprint|sprints|quarter|"
    rf"monday|tuesday|wednesday|thursday|friday|morning|release|merge|review|meeting|time)\b"
    rf"|\b(?:once|twice|{_NUM}\s+times)\s+(?:a|per|every)\s+(?:day|week|month|sprint|quarter)\b"
    rf"|\bper\s+(?:day|week|month|sprint|quarter)\b"
    rf"|\b(?:weekly|biweekly|bi-weekly|monthly|daily)\s+(?:1:1|status|update|email|check-in|report|note)"
)
_COMPARATIVE_RE = _word_re(_COMPARATIVES)
_COMPARATIVE_OK_RE = re.compile(
    rf"(?:{_NUM}\s*(?:%|x|{_UNIT})?\s+or\s+(?:more|less|fewer|higher|lower|better|faster)\b)"
    rf"|(?:\b(?:more|less|fewer|higher|lower)\s+than\s+(?:an?\s+)?{_NUM})"
    rf"|(?:\b{_NUM}\s*(?:%|x|times)?\s*(?:more|less|fewer)\b)"
)
_CLAUSE_LEAD_RE = re.compile(
    r"^(?:when|whenever|if|after|before|once|by|in|during|each|every|for|starting|from|until|as soon as|"
    r"within|this|next)\b[^,]*,\s*"
)


# --------------------------------------------------------------------------------------------------
# Key result check
# --------------------------------------------------------------------------------------------------


@dataclass
class _Evidence:
    head: str = ""
    head_kind: str = ""  # "vague", "change", "state", "concrete" or ""
    target: str = ""
    target_kind: str = ""  # "from_to", "measure" or "count"
    relative: str = ""
    has_baseline: bool = False
    counts: list[str] = field(default_factory=list)
    cadence: str = ""
    deliverable: str = ""
    event: str = ""
    reviewer: str = ""
    approval: str = ""
    deadline: str = ""
    hedges: list[str] = field(default_factory=list)
    vague_quantities: list[str] = field(default_factory=list)
    vague_nouns: list[str] = field(default_factory=list)
    frequency: list[str] = field(default_factory=list)
    comparatives: list[str] = field(default_factory=list)
    subjective: list[str] = field(default_factory=list)




def _mask_non_quantities(low: str) -> tuple[str, dict[str, str]]:
    # Dates become a token the deadline patterns know; other non-quantities become a neutral word.
    originals: dict[str, str] = {}

    def token(kind: str, original: str) -> str:
        name = f"__{kind}{len(originals)}__"
        originals[name] = original
        return name

    low = re.sub(r"\bdirect reports?\b", "direct_report", low)
    low = _ISO_DATE_RE.sub(lambda m: token("date", m.group(0)), low)
    low = _NON_QUANTITY_RE.sub(
        lambda m: token("date" if re.search(rf"\b(?:{_MONTHS})\b", m.group(0)) else "id", m.group(0)), low
    )
    return low, originals


def _first_compound(rx: re.Pattern[str], text: str, skip: int = 0, generic: tuple[str, ...] = ()) -> str:
    """The first specific match after ``skip``, joined with directly following matches ("migration runbook")."""
    found = [m for m in rx.finditer(text) if m.start() >= skip]
    if not found:
        return ""
    specific = [i for i, m in enumerate(found) if m.group(0).rstrip("s") not in generic]
    first = specific[0] if specific else 0
    if specific and first > 0 and found[first - 1].end() + 1 == found[first].start():
        first -= 1  # keep "migration runbook" whole even though "migration" alone is generic
    found = found[first:]
    start, end = found[0].span()
    for m in found[1:]:
        if m.start() != end + 1 or text[end] != " ":
            break
        end = m.end()
    return text[start:end]


def _find_head(low: str) -> tuple[str, str]:
    """The main verb phrase of the first sentence and what kind it is."""
    first = re.split(r"(?<=[.;!?])\s+", low, maxsplit=1)[0]
    first = _PREAMBLE_RE.sub("", first)
    first = _CLAUSE_LEAD_RE.sub("", first)
    first = first.lstrip("\"'([ ")
    for kind, words in (("state", _STATE_HEADS), ("vague", _VAGUE_HEADS), ("concrete", _CONCRETE_HEADS)):
        for w in sorted(words, key=len, reverse=True):
            if re.match(rf"{re.escape(w)}(?![\w-])", first):
                if kind == "vague" and w in _CHANGE_HEADS:
                    return w, "change"
                return w, kind
    word = re.match(r"[a-z][\w'-]*", first)
    return (word.group(0) if word else ""), ""


def _gather(text: str) -> _Evidence:
    low = _normalize(text).lower()
    masked, originals = _mask_non_quantities(low)
    ev = _Evidence()
    ev.head, ev.head_kind = _find_head(low)

    for kind, rx in (
        ("from_to", _FROM_TO_RE),
        ("measure", _MEASURE_THRESHOLD_RE),
        ("count", _COUNT_THRESHOLD_RE),
    ):
        m = rx.search(masked)
        if m:
            ev.target, ev.target_kind = m.group(0).strip(), kind
            break
    m = _RELATIVE_RE.search(masked)
    if m:
        ev.relative = m.group(0).strip()
    ev.has_baseline = bool(_BASELINE_RE.search(masked))
    m = _CADENCE_RE.search(masked)
    if m:
        ev.cadence = m.group(0)
    for cm in _COUNT_RE.finditer(masked):
        phrase = cm.group(0)
        if _VAGUE_NOUN_RE.search(phrase) or "__" in phrase:
            continue
        ev.counts.append(phrase)
    for name, rx in (
        ("deliverable", _DELIVERABLE_RE),
        ("event", _EVENT_RE),
        ("reviewer", _REVIEWER_RE),
        ("approval", _APPROVAL_RE),
    ):
        # The head verb ("Review 10 pull requests", "Demo the tool") is not the thing delivered.
        skip = len(ev.head) if masked.startswith(ev.head) else 0
        setattr(
            ev, name, _first_compound(rx, masked, skip, _GENERIC_OBJECTS if name == "deliverable" else ())
        )
    for rx in _DEADLINE_RES:
        m = rx.search(masked)
        if m:
            ev.deadline = m.group(0)
            break

    ev.hedges = sorted({m.group(0).strip() for m in _HEDGE_RE.finditer(low)})
    ev.vague_quantities = sorted({m.group(0) for m in _VAGUE_QUANT_RE.finditer(low)})
    ev.vague_nouns = sorted({m.group(0) for m in _VAGUE_NOUN_RE.finditer(low)})
    if not ev.cadence:
        ev.frequency = sorted({m.group(0) for m in _FREQ_RE.finditer(low)})
    ok_spans = [m.span() for m in _COMPARATIVE_OK_RE.finditer(masked)]
    for m in _COMPARATIVE_RE.finditer(masked):
        if any(a <= m.start() < b for a, b in ok_spans):
            continue
        if m.group(0) == "more" and any(m.group(0) in f for f in ev.frequency):
            continue
        ev.comparatives.append(m.group(0))
    ev.comparatives = sorted(set(ev.comparatives))
    ev.subjective = sorted({m.group(0) for m in _SUBJECTIVE_RE.finditer(low)})
    for name in ("target", "relative", "cadence", "deliverable", "event", "reviewer", "approval", "deadline"):
        setattr(ev, name, _original(getattr(ev, name).strip(), text, originals))
    ev.counts = [_original(c, text, originals) for c in ev.counts]
    return ev


def _problems(ev: _Evidence) -> list[str]:
    """Sentences explaining why an outsider could not call it met or not met."""
    out: list[str] = []
    for h in ev.hedges:
        out.append(f"'{h}' makes it optional; a key result is either done or not")
    for q in ev.vague_quantities:
        out.append(f"'{q}' is not a quantity")
    for n in ev.vague_nouns:
        out.append(f"'{n}' does not name what will be produced or done")
    for f in ev.frequency:
        out.append(f"adverb of frequency '{f}' with no count")
    if ev.relative and not ev.has_baseline:
        out.append(f"'{ev.relative}' has no baseline or named measure: from what, to what, measured how?")
    for c in ev.comparatives:
        out.append(f"'{c}' compares with nothing that is counted")
    for s in ev.subjective:
        out.append(f"'{s}' is a judgement, not something an outsider can check")
    measured = ev.target_kind in ("from_to", "measure") or (bool(ev.relative) and ev.has_baseline)
    if ev.head_kind == "state" and ev.target_kind != "from_to":
        out.append(f"describes a state ('{ev.head} ...'), a wish, not an outcome someone can check")
    elif ev.head_kind == "change" and not measured:
        out.append(f"vague verb '{ev.head}' with no measure and no target value")
    elif ev.head_kind == "vague" and not measured:
        out.append(f"vague verb '{ev.head}' with no measure")
    return out


def _strengths(ev: _Evidence) -> list[str]:
    """Sentences saying what makes it checkable (empty when nothing does)."""
    out: list[str] = []
    if ev.target_kind == "from_to":
        out.append(f"has a baseline and a target ('{ev.target}')")
    elif ev.target_kind == "measure":
        out.append(f"has a threshold on a measure ('{ev.target}')")
    elif ev.relative and ev.has_baseline:
        out.append(f"has a relative target with a baseline ('{ev.relative}')")
    if out:
        pass  # the number is the check; the object it is measured on is not a second anchor
    elif ev.deliverable and ev.reviewer:
        out.append(
            f"has a verifiable deliverable ('{ev.deliverable}') and a reviewer or audience ('{ev.reviewer}')"
        )
    elif ev.deliverable and ev.approval:
        out.append(
            f"has a verifiable deliverable ('{ev.deliverable}') that closes on a yes/no check "
            f"('{ev.approval}')"
        )
    elif ev.event and ev.reviewer:
        out.append(f"names an event ('{ev.event}') and its audience ('{ev.reviewer}')")
    elif ev.deliverable:
        out.append(f"has a verifiable deliverable ('{ev.deliverable}')")
    elif ev.event:
        out.append(f"names an event ('{ev.event}')")
    elif ev.approval:
        out.append(f"closes on a yes/no outcome ('{ev.approval}')")
    if ev.target_kind == "count":
        out.append(f"has a count with a threshold ('{ev.target}')")
    elif ev.cadence:
        out.append(f"has a cadence that can be counted ('{ev.cadence}')")
    elif ev.counts and not out:
        out.append(f"has a count ('{ev.counts[0]}')")
    if ev.deadline and out:
        out.append(f"has a deadline ('{ev.deadline}')")
    return out


def _is_anchored(ev: _Evidence) -> bool:
    if ev.target or (ev.relative and ev.has_baseline):
        return True
    if ev.deliverable or ev.event or ev.approval or ev.cadence:
        return True
    return bool(ev.counts) and ev.head_kind == "concrete"


# Suggestion templates by topic, first match wins. Placeholders are filled from the key result itself.
_TOPIC_SUGGESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        r"\b(?:priorit|time management|push(?:ing)? back|say(?:ing)? no|productiv|multitask|overwhelm|requests?|"
        r"focus|high-impact|impactful)\w*",
        "Name the artefact and who sees it",
        "Send a prioritization note to {audience} listing what is in and out of scope this quarter, "
        "and review the draft with your manager before sending it",
    ),
    (
        r"\b(?:document|documentation|docs?|wiki|writing)\b",
        "Name the document change and who confirms it helps",
        "Publish a getting-started page in {topic} and get written feedback from 3 {people} by the end of "
        "the quarter",
    ),
    (
        r"\b(?:communicat|present|speak|visib|confiden|voice|listen)\w*",
        "Name a deliverable and who judges it",
        "Present the project results at {meeting} by the end of the quarter and get written feedback from "
        "2 {people}",
    ),
    (
        r"\b(?:collaborat|relationship|trust|partner|stakeholder|network|rapport|engage)\w*",
        "Name the meetings and the agreement they produce",
        "Hold a 30-minute kickoff with {people} in the first two weeks of the quarter and agree on shared "
        "priorities in writing",
    ),
    (
        r"\b(?:proactiv|initiative|go-to|ideas?)\w*",
        "Describe what someone would see you do, and count it",
        "Bring 2 written proposals for improving the team's process to the retrospective this quarter and get "
        "one adopted",
    ),
    (
        r"\b(?:share|sharing|knowledge|teach)\w*",
        "Name the session and its audience",
        "Run a 30-minute knowledge-sharing session for {people} by the end of the quarter and collect feedback "
        "from 3 attendees",
    ),
    (
        r"\b(?:mentor|coach|onboard)\w*",
        "Name who you will mentor, for how long and how often",
        "Mentor one new hire through their first 90 days with a 1:1 every two weeks",
    ),
    (
        r"\b(?:own|ownership|responsibilit)\w*",
        "Name what owning it produces and who accepts it",
        "Write the quarterly plan for the area you will own, get it approved by your manager, and present "
        "progress at the team meeting by the end of the quarter",
    ),
    (
        r"\b(?:lead|leader|leadership|influence|strategic)\w*",
        "Name what you will lead and who observes it",
        "Lead sprint planning twice this quarter with your manager observing and giving feedback afterwards",
    ),
    (
        r"\b(?:code|coding|python|sql|rust|java|architecture|system design|engineering|tests?|quality)\w*",
        "Tie the skill to reviewed work",
        "Get 3 pull requests reviewed and approved by a senior engineer against the team's style guide, "
        "and apply the feedback, by the end of the quarter",
    ),
    (
        r"\b(?:accuracy|latency|coverage|model|metric|score|nps|morale|engagement|stress|cost|spend|bugs?|"
        r"incidents?|tickets?|errors?|defects?|outages?)\b",
        "State the measure, where it is read, a baseline and a target",
        "{change} {topic} from <current value> to <target> as read on <dashboard or survey> by the end of the "
        "quarter",
    ),
)
_LEARNING_RE = re.compile(
    r"\b(?:learn|learning|understand|understanding|explore|study|research|read|keep up|exposure|"
    r"familiari[sz]e|courses?|papers?|books?)\b"
)
_LOOSE_WORDS_RE = re.compile(
    rf"(?<![\w-])(?:{_alternation(_SUBJECTIVE + _COMPARATIVES + _FREQUENCY_ADVERBS + _HEDGES)}|easy)(?![\w-])\s*",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\betc)\.\s+(?=[A-Z])")
_WRITTEN_RE = re.compile(
    r"\b(?:doc|docs|document|design|memo|rfc|proposal|spec|specification|runbook|playbook|report|analysis|"
    r"summary|guide|tutorial|post|posts|postmortem|plan|roadmap|write-up|writeup|one-pager|brief)\b"
)
_MEASURE_HEADS = _phrases("reduce, cut, lower, decrease, raise, increase, grow, boost, improve")
_DECREASING_HEADS = ("reduce", "cut", "lower", "decrease", "shrink", "lessen")


def _original(fragment: str, clean: str, originals: dict[str, str]) -> str:
    """``fragment`` as the user wrote it (case and masked dates restored), found in the normalized text."""
    unmasked = re.sub(r"__(?:date|id)\d+__", lambda m: originals.get(m.group(0), m.group(0)), fragment)
    unmasked = unmasked.replace("direct_report", "direct report")
    m = re.search(re.escape(unmasked), clean, re.IGNORECASE) if unmasked else None
    return m.group(0) if m else unmasked


def _topic(clean: str, head: str, learning: bool = False) -> str:
    """What the key result is about, in the user's own words, without the verb or loose words."""
    low = clean.lower()
    rest = clean[len(head) :] if head and low.startswith(head) else clean
    if learning:
        about = re.search(r"\b(?:about|on|of)\s+(.+)", rest, re.IGNORECASE)
        rest = (
            about.group(1)
            if about
            else re.sub(r"^\s*(?:learning|understanding(?:\s+of)?)\s+", "", rest, flags=re.IGNORECASE)
        )
    rest = re.sub(r"^\s*(?:about|on|at|with|in|to|of|a|an)\s+", "", rest, flags=re.IGNORECASE)
    rest = re.split(
        r"\b(?:by|before|this|next|within|when|whenever|as|if|regularly|often|maybe|for)\b|"
        r"[;,!?]|\.(?!\d)",
        rest,
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    rest = _LOOSE_WORDS_RE.sub("", rest).strip()
    rest = re.sub(r"^(?:(?:about|on|at|with|in|to|of|my|our|the|a|an)\s+)+", "", rest, flags=re.IGNORECASE)
    return rest.strip(" .") or "the topic"


_AUDIENCE_NOUNS = (
    r"partners?|stakeholders?|team|leadership|customers?|clients?|peers|managers?|executives?|"
    r"engineers?|analysts?|designers?"
)
_AUDIENCE_AFTER_PREPOSITION_RE = re.compile(
    rf"\b(?:with|to|for|from|by)\s+(?:the\s+|my\s+|our\s+)?((?:[a-z-]+\s+){{0,2}}(?:{_AUDIENCE_NOUNS}))\b"
)
_AUDIENCE_ANYWHERE_RE = re.compile(
    r"\b(partners?|stakeholders?|customers?|clients?|leadership|executives?)\b"
)
_NOT_AUDIENCE_WORDS = frozenset(_SUBJECTIVE + _COMPARATIVES + ("easy", "all", "every", "each", "other"))


def _audience(low: str) -> tuple[str, str, str]:
    """(who to address, a meeting of theirs, who gives feedback) as named in the key result."""
    m = _AUDIENCE_AFTER_PREPOSITION_RE.search(low) or _AUDIENCE_ANYWHERE_RE.search(low)
    who = " ".join(w for w in (m.group(1).split() if m else []) if w not in _NOT_AUDIENCE_WORDS)
    if not who:
        return "your main partners", "the team's weekly meeting", "teammates"
    if who.endswith("team"):
        return f"the {who}", f"the {who}'s weekly meeting", f"people from the {who}"
    if who == "leadership":
        return "leadership", "the leadership meeting", "leaders"
    plural = who if who.endswith("s") else who + "s"
    return f"your {plural}", f"the {plural}' weekly meeting", plural


def _with_deadline(body: str, ev: _Evidence) -> str:
    return body if ev.deadline else f"{body} by the end of the quarter"


def _suggest(clean: str, ev: _Evidence, measurable: bool) -> str:
    low = clean.lower()
    body = clean.rstrip(".")
    if measurable:
        if not ev.deadline and not ev.cadence:
            parts = _SENTENCE_END_RE.split(body, maxsplit=1)
            dated = f"{parts[0]} by the end of the quarter" + (f". {parts[1]}" if len(parts) > 1 else "")
            return f'Optional: add a date so the check closes on time, e.g. "{dated}"'
        if _WRITTEN_RE.search(ev.deliverable.lower()) and not (ev.reviewer or ev.approval or ev.target):
            return f'Consider naming who reviews it, e.g. "{body}, reviewed by the tech lead"'
        return ""
    concrete = ev.head_kind not in ("vague", "state", "change")
    # Smallest fix first: the key result is concrete but for one loose word.
    if ev.frequency and concrete and not ev.subjective:
        fixed = re.sub(r"\s+", " ", _FREQ_RE.sub("", low, count=1)).strip()
        fixed = re.sub(r"\s+([.,;])", r"\1", fixed)
        fixed = _capitalize(fixed.rstrip("."))
        return (
            f'Replace "{ev.frequency[0]}" with a count and a period, e.g. '
            f'"{fixed} at least once a week this quarter"'
        )
    if ev.vague_quantities and concrete and not ev.vague_nouns:
        fixed = _capitalize(_VAGUE_QUANT_RE.sub("2", low, count=1).rstrip("."))
        return f'Replace "{ev.vague_quantities[0]}" with a number, e.g. "{_with_deadline(fixed, ev)}"'
    head_and_next = " ".join(low.split()[:3])
    if ev.relative and not ev.has_baseline and (ev.head_kind == "change" or ev.head in _MEASURE_HEADS):
        topic = re.sub(r"\s*by\s+\S+$", "", _topic(clean, ev.head))
        change = "Reduce" if ev.head in _DECREASING_HEADS else "Raise"
        return (
            f'Say from what to what and where it is measured, e.g. "{change} {topic} from <current value> '
            f'to <target> as measured by <survey or dashboard> by the end of the quarter"'
        )
    if _LEARNING_RE.search(head_and_next) or (ev.head_kind == "vague" and _LEARNING_RE.search(low)):
        topic = _topic(clean, ev.head, learning=True)
        return (
            f'Turn learning into something others can see, e.g. "Read two sources on {topic} and present '
            f'a 15-minute summary at the team meeting by the end of the quarter"'
        )
    audience, meeting, people = _audience(low)
    topic = _topic(clean, ev.head)
    change = "Reduce" if ev.head in _DECREASING_HEADS else "Raise"
    for pattern, lead, template in _TOPIC_SUGGESTIONS:
        if re.search(pattern, low):
            example = template.format(
                audience=audience, meeting=meeting, people=people, topic=topic, change=change
            )
            return f'{lead}, e.g. "{example}"'
    return (
        f"Say what will exist or happen for {topic}, who will check it and by when, e.g. "
        f'"<Write, ship or present> <a named deliverable> for {topic}, reviewed by <person>, by <date>"'
    )


def _capitalize(s: str) -> str:
    return s[:1].upper() + s[1:]


def check_key_result(text: str) -> KRCheck:
    """Decide whether an outsider could say a key result was met or not met without asking.

    Measurable means a number with a target, a named deliverable or event (ideally with its reviewer or
    audience), or a binary outcome closed by a deadline, with no hedges, vague quantities, frequency
    adverbs without a count, judgements or wishes. Rule-based and deterministic.

    Raises InputError when ``text`` is not a string or is blank.
    """
    if not isinstance(text, str):
        raise InputError(
            f"key result must be text, got {type(text).__name__}; pass the key result as a string"
        )
    clean = _normalize(text)
    if not clean:
        raise InputError("key result is empty; write what will be done and how anyone can tell it is done")
    ev = _gather(clean)
    problems = _problems(ev)
    if not problems and not _is_anchored(ev):
        problems.append(
            "no target or threshold, and no deliverable, event or reviewer someone else could check"
        )
    measurable = not problems
    reasons = _strengths(ev) if measurable else problems
    if not reasons:  # pragma: no cover - _is_anchored guarantees a strength
        reasons = ["has something an outsider can check"]
    return KRCheck(
        text=clean, measurable=measurable, reasons=reasons, suggestion=_suggest(clean, ev, measurable)
    )
