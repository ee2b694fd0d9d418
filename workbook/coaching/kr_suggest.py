"""Rewrites of a key result: the smallest change that would let an outsider call it met or not met."""

from __future__ import annotations

import re

from .kr_evidence import _METRIC_NOUN_RE, Evidence, _metric_label
from .kr_vocabulary import (
    _COMPARATIVE_RE,
    _HEDGE_RE,
    _SUBJECTIVE_RE,
    _VAGUE_FREQUENCY_RE,
    _VAGUE_QUANTITY_RE,
    DONE_CLASSES,
)

__all__ = ["suggest_rewrite"]

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
        r"\b(?:code|coding|python|sql|rust|java|architecture|system design|tests?|code quality|quality of (?:the )?code)\w*",
        "Tie the skill to reviewed work",
        "Get 3 pull requests reviewed and approved by a senior engineer against the team's style guide, "
        "and apply the feedback, by the end of the quarter",
    ),
    (
        r"\b(?:accuracy|latency|coverage|model|metric|score|nps|morale|engagement|stress|costs?|spend(?!\s+\w)|bugs?|"
        r"incidents?|tickets?|errors?|defects?|outages?|reliability|availability|uptime|stability|throughput|"
        r"conversion|retention|churn|satisfaction|(?<!high[- ])quality)\b",
        "State the measure, where it is read, a baseline and a target",
        "{change} {topic} from <current value> to <target> as read on <dashboard or survey> by the end of the "
        "quarter",
    ),
)
_LEARNING_RE = re.compile(
    r"\b(?:learn|learning|understand|understanding|explore|study|research|read|keep up|exposure|"
    r"familiari[sz]e|courses?|papers?|books?)\b"
)
_LOOSE_WORD_RES = (_SUBJECTIVE_RE, _COMPARATIVE_RE, _VAGUE_FREQUENCY_RE, _HEDGE_RE)
# A loose frequency with its comparative ("more frequently"): both go when a cadence replaces them.
_LOOSE_FREQUENCY_RE = re.compile(rf"(?:\b(?:more|less)\s+)?(?:{_VAGUE_FREQUENCY_RE.pattern})")
_SENTENCE_END_RE = re.compile(r"(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\betc)\.\s+(?=[A-Z])")
_WRITTEN_RE = re.compile(
    r"\b(?:doc|docs|document|design|memo|rfc|proposal|spec|specification|runbook|playbook|report|analysis|"
    r"summary|guide|tutorial|post|posts|postmortem|plan|roadmap|write-up|writeup|one-pager|brief)\b"
)
# A period the key result already closes with ("in 2027", "during Q1", "over the first half"), not a size
# ("in 2000 words"): no date to add.
_PERIOD_RE = re.compile(
    r"\b(?:in|during|for|throughout|over)\s+(?:the\s+)?(?:(?:19|20)\d\d(?:\s*-?\s*q[1-4])?|q[1-4](?:\s*(?:19|20)?\d\d)?|"
    r"h[12](?:\s*(?:19|20)?\d\d)?|fy\s?\d{2,4}|(?:first|second|third|fourth|last)\s+(?:quarter|half))\b(?!\s*[a-z])"
)
_MEASURE_HEADS = ("reduce", "cut", "lower", "decrease", "raise", "increase", "grow", "boost", "improve")
_DECREASING_HEADS = ("reduce", "cut", "lower", "decrease", "shrink", "lessen")


_RAISING_HEADS = ("raise", "increase", "grow", "boost")
# Measures where less is better: "improve churn" means bringing it down.
_LOWER_IS_BETTER_RE = re.compile(
    r"\b(?:latency|costs?|spend|bugs?|incidents?|tickets?|errors?|defects?|outages?|churn|stress|toil|downtime|"
    r"backlog|escalations?|complaints?|attrition|turnover|mttr|mttd)\b"
)
# What can be read as a number, as opposed to the thing it is read on ("the model", "our metrics").
_MEASURE_WORD_RE = re.compile(
    r"\b(?:accuracy|latency|coverage|score|nps|morale|engagement|stress|costs?|spend|bugs?|incidents?|tickets?|"
    r"errors?|defects?|outages?|reliability|availability|uptime|stability|throughput|conversion|retention|churn|"
    r"satisfaction|precision|recall|auc|f1|rate|time|count)\b"
)


def _change_verb(head: str, topic: str) -> str:
    """The verb of the example: the one the key result used when it says a direction, else the one its
    measure wants ("Improve churn" is a reduction)."""
    if head in _DECREASING_HEADS:
        return "Reduce"
    if head in _RAISING_HEADS:
        return "Raise"
    return "Reduce" if _LOWER_IS_BETTER_RE.search(topic.lower()) else "Raise"


_TIME_SPENT_RE = re.compile(
    r"\bspend(?:ing)?\s+(?:(?P<less>less)|more)?\s*(?:of\s+)?(?:my\s+|your\s+|our\s+)?(?:(?:free|leisure|quality|"
    r"dedicated|\w+noon|evening)\s+)*time\s*(?P<where>.*)",
    re.IGNORECASE,
)
_WHOSE = r"(?:(?:the|my|our|their|its|your|his|her)\s+)?"
_NOT_FUNCTION = r"(?!(?:and|or|to|that|who|which|from|by|in|on|at|for|with|as)\b)"
_LONGEST_MEASURE_WORDS = 5  # "p95 latency of the checkout API"; longer, the topic is a clause ("catch all errors and ...")
_GERUND_VERBS = {"reduc": "reduce", "lower": "lower", "cutt": "cut", "decreas": "decrease", "rais": "raise",
                 "increas": "increase", "improv": "improve", "boost": "boost", "grow": "grow"}
_GERUND_CHANGE_RE = re.compile(rf"^({'|'.join(_GERUND_VERBS)})ing\s+", re.IGNORECASE)


def _measure_topic(clean: str, head: str, measure_word: str = "") -> tuple[str, str]:
    """(the measure, its verb) for the "from <current value> to <target>" example: a direction word the key
    result put before the measure ("work on reducing latency") becomes the verb, a clause that holds a measure
    word ("catch all possible errors and do not crash") gives way to that word alone, and a thing that is read
    rather than a reading ("the model", "our metrics") becomes a placeholder for its measure."""
    topic = _topic(clean, head)
    gerund = _GERUND_CHANGE_RE.match(topic)
    if gerund:
        topic = topic[gerund.end():]
        head = _GERUND_VERBS[gerund.group(1).lower()]
    if measure_word and (len(topic.split()) > _LONGEST_MEASURE_WORDS or measure_word not in topic.lower()):
        # a clause, or a topic that lost its measure as a judgement word ("Sleep quality"): the measure itself
        said = re.search(rf"\b{re.escape(measure_word)}(?:\s+of\s+{_WHOSE}(?:{_NOT_FUNCTION}[\w-]+)(?:\s+{_NOT_FUNCTION}[\w-]+)?)?",
                         clean, re.IGNORECASE)
        phrase = said.group(0).lower() if said else measure_word
        lead = re.match(rf"\s*([a-z][\w-]*)\s+{re.escape(measure_word)}\b", clean, re.IGNORECASE)  # "Food quality"
        topic = f"{lead.group(1).lower()} {phrase}" if lead else f"the {phrase}"
    change = _change_verb(head, topic)
    if not _MEASURE_WORD_RE.search(topic.lower()):
        if re.match(r"(?:the\s+)?models?\b", topic, re.IGNORECASE):
            topic = re.sub(r"^the\s+", "", topic, flags=re.IGNORECASE)
            return f"<a measure of the {topic}, e.g. accuracy>", change
        if re.fullmatch(r"metrics?", topic, re.IGNORECASE):
            return "<the metric you will move>", change
    return topic, change


_LEARNING_VERB_RE = re.compile(
    r"\b(?:learn(?:ing|t|ed)?|understand(?:ing)?|explor(?:e|ing)|stud(?:y|ying)|read(?:ing)?(?=\s+(?:up|about|on)\b)|"
    r"keep(?:ing)?\s+up(?:\s+with)?|get(?:ting)?\s+familiar\s+with|familiari[sz](?:e|ing)\s+(?:\w+self\s+)?with)\b",
    re.IGNORECASE,
)
# Where the subject of the learning ends: the purpose, a second aim, a manner or a deadline begins.
_LEARNING_TOPIC_END_RE = re.compile(
    r"(?:^|\s+)(?:and|to|so|in\s+order|instead|because|by|before|this|next|within|when|as|if|for|while|until|that|which|"
    r"where|through|via|using|with)\b|[;,:!?()]|\.(?!\d)|\s+-\s+",
    re.IGNORECASE,
)
# Named subjects listed together ("Rust and Substrate", "Python, Django and Flask"): one topic, not a second aim.
_NAMES_LIST_RE = re.compile(r"[A-Z][\w+#.-]*(?:\s+[A-Z][\w+#.-]*)?(?:(?:,\s*|,?\s+and\s+)[A-Z][\w+#.-]*(?:\s+[A-Z][\w+#.-]*)?)+")


def _learning_topic(clean: str) -> str:
    """What a learning key result is about when it leads with the learning ("Keep learning JS and code as
    much as I can" -> "JS", "Actually learn to cook instead of ..." -> "how to cook"); "" when it does not."""
    verb = _LEARNING_VERB_RE.search(clean)
    if verb is None or len(clean[: verb.start()].split()) > 2:
        return ""
    rest = re.sub(r"^\s*(?:more\s+|up\s+|a\s+bit\s+|deeper\s+|in\s+depth\s+)?(?:(?:about|on|of|into|in)\s+)?", "",
                  clean[verb.end():], flags=re.IGNORECASE)
    rest = re.sub(r"^(?:(?:the|my|our|your|a|an|some)\s+)+", "", rest, flags=re.IGNORECASE)
    how = re.match(r"(?:how\s+)?to\s+", rest, re.IGNORECASE)
    if how:
        rest = rest[how.end():]
    names = _NAMES_LIST_RE.match(rest)
    topic = names.group(0) if names else _LEARNING_TOPIC_END_RE.split(rest, maxsplit=1)[0]
    topic = _without_loose_words(topic).strip(" .")
    if not topic or topic.lower() in ("more", "it", "them", "this", "that", "things", "stuff"):
        return ""
    return f"how to {topic}" if how else topic


def _topic(clean: str, head: str, learning: bool = False) -> str:
    """What the key result is about, in the user's own words, without the verb or loose words."""
    low = clean.lower()
    # the head is the verb's base form ("work" of "Working Groups ..."): the rest of that word goes with it
    rest = re.sub(r"^[^\W\d_]+", "", clean[len(head) :]) if head and low.startswith(head) else clean
    if learning:
        about = re.search(r"\b(?:about|on|of)\s+(.+)", rest, re.IGNORECASE)
        rest = (
            about.group(1)
            if about
            else re.sub(r"^\s*(?:learning|understanding(?:\s+of)?)\s+", "", rest, flags=re.IGNORECASE)
        )
    # a responsibility ("be responsible for the on-call rota"): the topic is what it is for
    rest = re.sub(r"^\s*(?:(?:be|being)\s+)?(?:(?:responsible|accountable|in\s+charge)\s+)?(?:for|of)\s+", "", rest,
                  flags=re.IGNORECASE)
    rest = re.sub(r"^\s*(?:about|on|at|with|in|to|of|a|an)\s+", "", rest, flags=re.IGNORECASE)
    rest = re.split(
        r"\b(?:by|before|this|next|within|when|whenever|as|if|regularly|often|maybe|for)\b|"
        r"[;,!?]|\.(?!\d)",
        rest,
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    rest = _without_loose_words(rest)
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
_NOT_AUDIENCE_WORDS = frozenset(("easy", "all", "every", "each", "other", "more", "better", "closer", "good", "great"))


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




def _without_loose_words(text: str) -> str:
    """``text`` without judgements, comparisons, vague frequencies and hedges (any case)."""
    for rx in _LOOSE_WORD_RES:
        text = re.sub(rx.pattern + r"\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


def _capitalize(s: str) -> str:
    return s[:1].upper() + s[1:]


def _with_deadline(body: str, ev: Evidence) -> str:
    return body if ev.found.get("deadline") else f"{body} by the end of the quarter"


def _target_for(measure: str) -> str:
    """The suggestion for a named measure that lacks its values: a baseline, a target and where it is read."""
    return (
        f'Give the measure a target and say where it is read, e.g. "{measure} from <current value> to '
        f'<target> as read on <dashboard> by the end of the quarter"'
    )


_YES_NO_QUESTION_RE = re.compile(
    r"^(?:did|have|has|will|can|could|should|do|does|am|are|is)\s+(?:i|we|you|they|the\s+team)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_OPEN_QUESTION_RE = re.compile(
    r"^(?P<wh>how|what|why|when|where|who|which)\s+(?:do|does|did|should|can|could|will|would|shall)\s+"
    r"(?P<who>we|i|you|they|the\s+\w+)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


def _as_statement(question: str, ev: Evidence) -> str:
    """The suggestion for a key result written as a question: the question as the result it asks about
    ("Did I write 8 essays by the end of the term?" -> "Write 8 essays by the end of the term")."""
    yes_no = _YES_NO_QUESTION_RE.match(question)
    if yes_no:
        result = _capitalize(yes_no.group("rest"))
        if not any(ev.found.get(n) for n in ("deadline", "cadence")) and not _PERIOD_RE.search(result.lower()) \
                and not re.search(r"\bevery\s?(?:day|week|month)|\b(?:daily|weekly|monthly)\b", result, re.IGNORECASE):
            result += " by the end of the quarter"
        return f'Write it as the result, not a question, e.g. "{result}"'
    open_question = _OPEN_QUESTION_RE.match(question)
    if open_question:
        who = open_question.group("who")
        answer = f"{open_question.group('wh').lower()} {who if who.lower() != 'i' else 'I'} {open_question.group('rest')}"
        return (
            f'Write it as the answer you want, not a question, e.g. "Agree in writing {answer}, approved by '
            f'<person>, by <date>"'
        )
    return (
        "Write it as the result you want, not a question: say what will exist or happen, who will check it and "
        'by when, e.g. "<Write, ship or present> <a named deliverable>, reviewed by <person>, by <date>"'
    )


def suggest_rewrite(ev: Evidence, measurable: bool) -> str:
    """A rewrite that would make the key result checkable; for a measurable one, an optional refinement
    (a date, a reviewer) or "" when nothing is missing.
    """
    clean, low, f = ev.text, ev.text.lower(), ev.found
    body = clean.rstrip(".")
    if measurable:
        if not f.get("deadline") and not f.get("cadence") and not _PERIOD_RE.search(low):
            parts = _SENTENCE_END_RE.split(body, maxsplit=1)
            dated = f"{parts[0]} by the end of the quarter" + (f". {parts[1]}" if len(parts) > 1 else "")
            return f'Optional: add a date so the check closes on time, e.g. "{dated}"'
        written = _WRITTEN_RE.search(f.get("deliverable", ""))
        if written and not any(f.get(n) for n in ("reviewer", "approval", "count", "threshold", "from_to")):
            return f'Consider naming who reviews it, e.g. "{body}, reviewed by the tech lead"'
        return ""
    if f.get("placeholder"):
        return f'Replace "{f["placeholder"]}" with the number you are aiming for, and say where it is read'
    if f.get("question"):
        return _as_statement(body.rstrip("?!. "), ev)
    concrete = ev.head_class in DONE_CLASSES
    if _metric_label(ev):
        # A measure with no target ("App load time"): the smallest fix is the target.
        return _target_for(_capitalize(_metric_label(ev)))
    if ev.head_class == "change" and not f.get("relative"):
        # "Improve app load time": the measure is named, only its values are missing.
        topic = _topic(clean, ev.head)
        if _METRIC_NOUN_RE.search(topic.lower()):
            return _target_for(f"{_capitalize(ev.head)} {topic}")
    # Smallest fix first: the key result is concrete but for one loose word.
    # the rewrites below edit the key result's first sentence, in the writer's own case ("Hanami Mastery PRO")
    first = _SENTENCE_END_RE.split(body, maxsplit=1)[0]
    if f.get("vague_frequency") and concrete and not f.get("subjective"):
        fixed = re.sub(r"\s+", " ", re.sub(_LOOSE_FREQUENCY_RE.pattern, "", first, count=1, flags=re.IGNORECASE)).strip()
        fixed = _capitalize(re.sub(r"\s+([.,;])", r"\1", fixed).rstrip("."))
        return (
            f'Replace "{f["vague_frequency"]}" with a count and a period, e.g. '
            f'"{fixed} at least once a week this quarter"'
        )
    if f.get("vague_quantity") and concrete and not f.get("vague_noun"):
        fixed = _capitalize(re.sub(_VAGUE_QUANTITY_RE.pattern, "2", first, count=1, flags=re.IGNORECASE).rstrip("."))
        return f'Replace "{f["vague_quantity"]}" with a number, e.g. "{_with_deadline(fixed, ev)}"'
    if f.get("object_open_plural") and concrete and not f.get("vague_noun"):
        plural = f["object_open_plural"]
        fixed = _capitalize(re.sub(re.escape(plural), lambda m: f"3 {m.group(0)}", first, count=1,
                                   flags=re.IGNORECASE).rstrip("."))
        return f'Say how many, or which ones, e.g. "{_with_deadline(fixed, ev)}"'
    head_and_next = " ".join(low.split()[:3])
    if f.get("relative") and not f.get("from_to") and (ev.head_class == "change" or ev.head in _MEASURE_HEADS):
        topic, change = _measure_topic(clean, ev.head)
        topic = re.sub(r"\s*by\s+\S+$", "", topic)
        return (
            f'Say from what to what and where it is measured, e.g. "{change} {topic} from <current value> '
            f'to <target> as measured by <survey or dashboard> by the end of the quarter"'
        )
    if _LEARNING_RE.search(head_and_next) or (ev.head_class == "learn" and _LEARNING_RE.search(low)):
        topic = _learning_topic(clean) or _topic(clean, ev.head, learning=True)
        return (
            f'Turn learning into something others can see, e.g. "Read two sources on {topic} and present '
            f'a 15-minute summary at the team meeting by the end of the quarter"'
        )
    time_spent = _TIME_SPENT_RE.search(clean)
    if time_spent:  # "Spend more time with my family": how much, how often, and where it is kept
        where = re.split(r"[.;!?]|\s+by\s+|\s+and\s+", time_spent.group("where"), maxsplit=1)[0].strip(" ,")
        less = bool(time_spent.group("less"))
        amount, kept = ("at most <hours>", "as your weekly log shows") if less else ("<hours>", "blocked in your calendar")
        return (
            f'Say how much time, how often and how you will know, e.g. "Spend {amount} hours a week '
            f'{where or "on it"}, {kept}, every week this quarter"'
        )
    audience, meeting, people = _audience(low)
    topic = _topic(clean, ev.head)
    change = _change_verb(ev.head, topic)
    for pattern, lead, template in _TOPIC_SUGGESTIONS:
        if re.search(pattern, low):
            if "{change}" in template:
                topic, change = _measure_topic(clean, ev.head, re.search(pattern, low).group(0))  # type: ignore[union-attr]
            example = template.format(
                audience=audience, meeting=meeting, people=people, topic=topic, change=change
            )
            return f'{lead}, e.g. "{example}"'
    if topic == "the topic":  # nothing left to name ("Eat better", "More camping"): what a done-state needs
        return (
            "Say what you will do, how many times and by when, and where it is kept, e.g. "
            '"<Do the thing> <N> times by <date>, logged in <your calendar or a note>"'
        )
    return (
        f"Say what will exist or happen for {topic}, who will check it and by when, e.g. "
        f'"<Write, ship or present> <a named deliverable> for {topic}, reviewed by <person>, by <date>"'
    )
