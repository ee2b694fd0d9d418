"""Evidence in a key result's text: what an outsider could check (counts, deliverables, approvals) and what blurs it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .text import PREAMBLE_RE as _PREAMBLE_RE
from .text import normalize as _normalize
from .text import phrases as _phrases

__all__ = ["DONE_CLASSES", "Evidence", "FEATURES", "VETOES", "gather_evidence", "feature_vector"]

# --------------------------------------------------------------------------------------------------
# Vocabulary. Written from the labelling guide (docs/measurability.md), not from the corpus: each list
# names a kind of evidence, and the fitted model only decides how much each kind weighs.
# --------------------------------------------------------------------------------------------------

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    "a dozen|a hundred|a thousand|a single|once|twice|thrice|dozen|dozens"
)
_DIGITS = r"\d+(?:[.,]\d+)*"
_NUM = rf"(?:{_DIGITS}|{_NUMBER_WORDS})"
# Units of a measure (as opposed to a count of things).
_MEASURE_UNIT = (
    r"(?:%|percent|per\s?cent|pp|ms|milliseconds?|s|secs?|seconds?|minutes?|mins?|hours?|hrs?|h|hr|days?|"
    r"weeks?|months?|years?|kg|kgs|kilos?|lbs?|pounds|km|kms|miles?|mi|k|m|bn|mb|gb|tb|mbps|x|pts|points?|"
    r"elo|oz|fl\.?\s?oz|liters?|litres?|l|stars?|nps|csat|rating|score)"
)
_MONEY_RE = re.compile(r"[$£€]\s?\d|\b\d+(?:[.,]\d+)*\s?(?:k|m|bn)?\s?(?:usd|eur|gbp|dollars|euros)\b")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# Head verbs, by what they say about the end state. Each verb is in one class only.
_VERB_CLASSES: dict[str, tuple[str, ...]] = {
    # the thing is finished, out or gone
    "finish": _phrases(
        "finish, complete, ship, launch, deploy, release, publish, submit, deliver, roll out, go live, "
        "merge, close, wrap up, finalize, finalise, land, announce, open-source, decommission, retire, "
        "remove, eliminate, sunset, migrate, move, transition, convert, upgrade, replace, automate, "
        "integrate, port, get through, work through"
    ),
    # a named thing is made
    "create": _phrases(
        "create, write, draft, make, design, define, document, produce, prepare, set up, setup, "
        "implement, add, introduce, start, begin, found, record, compile, put together, "
        "come up with, devise, outline, refactor, rewrite, redesign, refresh, revamp, reboot, "
        "fix, resolve, solve, address, initiate, open, invent, code, program, prototype, provide, "
        "translate, configure, install"
    ),
    # making that ends only when what is made is named or counted ("build a prototype", not "build tests")
    "build": _phrases("build, develop, establish, rebuild, grow out, flesh out, put in place, institute"),
    # a state that is reached or had
    "acquire": _phrases(
        "pass, obtain, earn, get, achieve, reach, hit, win, have, secure, save, invest, "
        "donate, weigh, sign, land, attain, receive, collect, generate, close out, score, complete"
    ),
    # something that happens and can be pointed at
    "event": _phrases(
        "attend, visit, run, present, host, organize, organise, hold, give, speak, meet, interview, read, "
        "watch, take, schedule, travel, pair, teach, mentor, conduct, do, go, bike, cycle, swim, hike, "
        "play, demo, lead, facilitate, chair, join, enroll, enrol, register, sign up, apply, send, ask, "
        "request, call, contact, talk, review, shadow, co-present, celebrate, feature, amplify, elevate, "
        "test, squat, deadlift, bench, bench press, exercise, cook, floss, paint, blog, post, drink, eat, "
        "sleep, work out, walk, meditate, journal, listen, fast, volunteer, coach, tutor, invite, survey, "
        "pitch, propose, share with, demonstrate to, ride, climb, row, lift, compete, take part, enter"
    ),
    # a choice that is made or agreed
    "decide": _phrases(
        "choose, decide, agree, select, pick, identify, determine, set, approve, commit, assign, settle, "
        "nominate, vote, rank, list, name, map, audit, assess, benchmark, measure, evaluate, analyse, analyze, "
        "compare, validate, verify"
    ),
    # people join
    "hire": _phrases("hire, recruit, onboard, source, staff, bring on, bring in, grow the team, grow team"),
    # a measure moves (needs a number to be checkable)
    "change": _phrases(
        "improve, increase, reduce, grow, gain, enhance, boost, decrease, cut, lower, raise, expand, optimize, "
        "lose, optimise, minimize, minimise, maximize, maximise, accelerate, scale, strengthen, speed up, "
        "shorten, lessen, double, triple, halve, drop, widen, deepen, broaden, extend, tighten, simplify, "
        "streamline, upgrade skills, level up"
    ),
    # knowledge or skill (no end state unless a course, exam, book or count is named)
    "learn": _phrases(
        "learn, understand, study, master, know, get familiar, familiarize, familiarise, explore, research, "
        "investigate, get better, get good, brush up, pick up, dig into, dive into, read up, look into, "
        "experiment, try, play with, stretch, catch up, keep up, keep up with, get exposure, gain exposure, gain "
        "experience, get experience, learn about, learn more, develop skills, develop my, improve my"
    ),
    # a way of working that never ends
    "activity": _phrases(
        "use, work, work on, make progress, build trust, build relationships, build a relationship, "
        "build rapport, build bridges, take on, maintain, keep, continue, support, engage, collaborate, participate, help, "
        "track, monitor, foster, promote, drive, encourage, refine, tweak, consider, strive, focus, spend, "
        "reach out, align, ensure, make sure, contribute, be part, communicate, share, network, "
        "advocate, champion, empower, enable, manage, handle, coordinate, plan, prioritize, prioritise, "
        "balance, practise, practice, embrace, apply, leverage, utilize, utilise, dedicate, log, follow, "
        "act, respond, seek, look for, get involved, invest time, make time, take time, aim, bring back, "
        "get back, stay, pay attention, think, reflect, care, value, listen to, build on, iterate, push, "
        "push for, get into, put into practice, step up, show, cultivate, nurture, grow my, deepen my, "
        "gather, process, spread, socialize, socialise, publicize, publicise, keep track, check, revisit"
    ),
    # a role held, not a result
    "responsibility": _phrases(
        "own, be responsible, take ownership, take responsibility, be in charge, be accountable, "
        "take charge, take care of, oversee, look after, be the owner, responsible, in charge, accountable, "
        "take over, be the point person, be the go-to, become the go-to"
    ),
    # a wish about oneself
    "state": _phrases("be, become, feel, stay, remain, seem, get to be, be seen, be known"),
}
# Irregular and common inflected forms of head verbs, so "Taught", "Built" and "Working out" find their class.
_IRREGULAR = {
    "taught": "teach", "built": "build", "wrote": "write", "written": "write", "ran": "run", "led": "lead",
    "gave": "give", "given": "give", "held": "hold", "met": "meet", "got": "get", "gotten": "get",
    "made": "make", "took": "take", "taken": "take", "began": "begin", "begun": "begin", "became": "become",
    "did": "do", "done": "do", "was": "be", "were": "be", "is": "be", "are": "be", "am": "be", "been": "be",
    "sent": "send", "spoke": "speak", "spoken": "speak", "won": "win", "brought": "bring", "kept": "keep",
    "read": "read", "set": "set", "put": "put", "cut": "cut", "chose": "choose", "chosen": "choose",
    "knew": "know", "known": "know", "understood": "understand", "went": "go", "gone": "go", "had": "have",
    "has": "have", "felt": "feel", "lost": "lose", "paid": "pay", "sold": "sell", "shown": "show",
}
_TEACH_VERBS = ("teach",)
_VERB_CLASSES["event"] = _VERB_CLASSES["event"] + _TEACH_VERBS

# Nouns of things that exist or happen once done (deliverables and events).
_DELIVERABLES = _phrases(
    "design doc, design document, document, doc, runbook, playbook, presentation, talk, demo, postmortem, "
    "post-mortem, rfc, memo, report, blog post, post, pull request, pr, certification, certificate, "
    "workshop, wiki page, dashboard, survey, proposal, spec, specification, guide, summary, diagram, roadmap, "
    "changelog, tutorial, prototype, poc, mvp, analysis, release, capstone, evaluation, lunch-and-learn, "
    "retrospective, checklist, template, script, pipeline, repository, article, book, paper, newsletter, "
    "video, recording, episode, podcast, course, class, exam, degree, thesis, chapter, handbook, faq, readme, "
    "launch, migration, benchmark, model card, case study, feature, api, service, library, package, tool, "
    "app, application, website, site, page, plugin, module, framework, version, beta, alpha, driver, "
    "integration, one-pager, write-up, writeup, plan, policy, budget, contract, deal, offer, website, "
    "glossary, portfolio, side project, project, game, marathon, half marathon, race, 10k, 5k, trip, "
    "conference, meetup, hackathon, webinar, interview, meeting, review, session, kickoff, offsite, "
    "ama, booth, ebook, whitepaper, white paper, press release, announcement, cfp, decision, go/no-go"
)
_REVIEWERS = _phrases(
    "tech lead, lead, manager, director, vp, cfo, ceo, cto, head of, pm, product manager, staff engineer, "
    "senior engineer, principal, teammate, team member, team, partner, stakeholder, council, leadership, "
    "customer, new hire, reviewer, mentor, peer, committee, board, direct report, owner, sre, designer, "
    "analyst, user, client, executive team, audience, attendee"
)
_APPROVAL_RE = re.compile(
    r"\b(?:(?:approv\w*|reviewed|review|feedback)(?:\s+(?:by|from)\s+(?:the\s+|a\s+|an\s+|my\s+|our\s+|two\s+|\d+\s+)?"
    r"[\w/-]+(?:\s+(?!by\b|before\b|within\b|in\b|on\b|and\b|at\b|to\b)[\w/-]+){0,2})|approv\w*|"
    r"sign(?:s|ed)?[- ]off|signed|sign-off|"
    r"merged|accept(?:s|ed)|agreed|agreement|in writing|go/no-go|deemed|certified|adopted|ratified|"
    r"endorsed|green[- ]lit|greenlit|by default|in production|to production|live (?:in|on)|on by default)\b"
)
# Passive and stative completions: "X is implemented", "the DHT is enabled by default".
_DONE_PARTICIPLES = (
    "implemented|launched|released|shipped|published|migrated|deployed|completed|finished|done|merged|"
    "adopted|approved|enabled|created|scheduled|announced|documented|listed|tracked|supported|available|"
    "live|refactored|defined|established|set up|spec'?d|running|installed|integrated|delivered|added|"
    "removed|deprecated|replaced|automated|written|built|fixed|resolved|closed|signed|hired|onboarded|"
    "tested|validated|reviewed|evaluated|measured|audited|localized|localised|"
    "retired|decommissioned|configured|moved|converted|open[- ]sourced|translated|funded|filled|staffed|"
    "solidified|presented|held|run|submitted|accepted|agreed|chosen|selected|made|in place|the default|"
    "repaid|paid off|paid|cleared|"
    "default|public|ready|operational|in use|used"
)
_PASSIVE_DONE_RE = re.compile(
    rf"\b(?:is|are|was|were|be|been|gets?|got|has been|have been|will be)\s+(?:now\s+|fully\s+|all\s+|"
    rf"successfully\s+|finally\s+)?(?:{_DONE_PARTICIPLES})\b"
    rf"|\b(?:exists?|in place|up and running)\b"
    rf"|^(?:[\w/.+-]+\s+){{0,6}}(?:{_DONE_PARTICIPLES})\b(?:\s+(?:to|in|on|for|by|as|and)\b|\s*$|\s*[.;(])"
)
_CAPABILITY_RE = re.compile(
    r"\b(?:can|could|is able to|are able to|will be able to)\s+(?!be\b)\w+"
    r"|\b(?:supports?|has|have|provides?|offers?|handles?|runs|returns|takes|indicates|interops?|"
    r"finds?|retrieves?|describes?)\s+(?!to\b|been\b)\w+"
)
_DEADLINE_RE = re.compile(
    rf"\bby\s+(?:the\s+)?(?:end|start|beginning|middle)\s+of\b|\bby\s+(?:__(?:date|id)\d*__|{_MONTHS}\b|q[1-4]\b|"
    rf"h[12]\b|eo[qy]\b|friday|monday|tuesday|wednesday|thursday|mid-\w+|mid\s+\w+|early\s+\w+|late\s+\w+)"
    rf"|\bbefore\s+(?:(?:the|a|an|my|our)(?:\s+[\w/-]+){{1,3}}|__(?:date|id)\d*__|(?:{_MONTHS})\b|"
    rf"\w+\s+(?:starts|closes|begins|ends|opens)\b)|\bwithin\s+\w+|\bthis\s+(?:quarter|month|sprint|half|year|cycle|term)\b"
    rf"|\bnext\s+(?:quarter|month|sprint)\b|\bin\s+(?:{_MONTHS})\b|\b(?:eo[qy]|end of (?:the )?(?:year|quarter))\b"
    rf"|__date\d*__|\buntil\b|\bdeadline\b"
)
_CADENCE_RE = re.compile(
    rf"\b(?:every|each)\s+(?:other\s+|single\s+)?(?:{_NUM}\s+)?(?:day|days|week|weeks|month|months|sprint|"
    rf"sprints|quarter|quarters|year|morning|evening|night|weekday|weekend|workday|monday|tuesday|wednesday|"
    rf"thursday|friday|saturday|sunday|release|iteration|cycle|session|meeting|time)\b"
    rf"|\b(?:once|twice|{_NUM}\s*(?:x|times))\s*(?:a|an|per|every|each|/)\s*(?:day|week|month|sprint|quarter|year)\b"
    rf"|\b(?:per|a|/)\s*(?:day|week|wk|month|mo|sprint|quarter|night|workday)\b"
    rf"|\b(?:daily|weekly|bi-?weekly|fortnightly|monthly|montly|quarterly|yearly|annually|nightly|hourly)\b"
    rf"|\bp/?[wmd]\b"
)
_VAGUE_FREQUENCY_RE = re.compile(
    # "the 5 most frequent alerts" picks a set; it is not a frequency
    r"\b(?:regular(?:ly)?|often|more often|(?<!most )(?<!least )frequent(?:ly)?|consistently|continuously|constantly|routinely|"
    r"periodic(?:ally)?|occasional(?:ly)?|sometimes|from time to time|whenever|when(?:ever)? possible|"
    r"as needed|on a regular basis|all the time)\b"
)
# Work that never ends: kept up, maintained, continued.
_ONGOING_RE = re.compile(
    r"\b(?:up[- ]to[- ]date|up to speed|ongoing|on an ongoing basis|over time|and maintain(?:ed)?|"
    r"(?:is|are|be) maintained|keep (?:it|them|this|the \w+) (?:\w+ )?(?:up|going|alive|current|fresh)|"
    r"continue to|continuing to|keep on|stay on top)\b"
)
_HABIT_RE = re.compile(
    r"\b(?:habits?|routines?|practices|culture|mindset|discipline|lifestyle)\b"
    r"|\b(?:before bed|at night|in the morning|in the evening|after work|before work|on weekends|at lunch)\b"
)
_VAGUE_QUANTITY_RE = re.compile(
    r"\b(?:some|a few|few|several|many|various|a lot of|lots of|a bunch of|a couple of|numerous|plenty of|"
    r"a number of|a set of|a range of|a variety of|a handful of)\b"
)
# The guide's own list of quantities that are not one ("'A few', 'some', 'several' are 0"): with no number
# beside them ("several books: at least 3" is a hedged target) they decide on their own (VETOES).
_UNCOUNTED_RE = re.compile(r"\b(?:some(?!\s+(?:day|point|time)\b)|a few|few|several)\b")
# Quantity words that blur less: "more users" has no target, but "one or more" or "other teams" may be fine.
_SOFT_QUANTITY_RE = re.compile(r"\b(?:more|most|much|less|fewer|additional|extra|enough|multiple|any|other)\b")
_VAGUE_NOUN_RE = re.compile(r"\b(?:things?|stuff|something|anything|whatever|somewhere|somehow)\b")
_COMPARATIVE_RE = re.compile(
    r"\b(?:better|faster|stronger|cleaner|clearer|smarter|deeper|broader|greater|higher|lower|quicker|"
    r"earlier|easier|harder|bigger|smaller|sooner|simpler|wider|healthier|happier|closer|further|"
    r"(?:more|less)(?:\s+(?!than\b|in\b|at\b|on\b|of\b|with\b|to\b|and\b|or\b|the\b|a\b|about\b|for\b|"
    r"from\b|by\b|often\b)[a-z]+)?|\w+er than)\b"
)
_SUBJECTIVE_RE = re.compile(
    r"\b(?:great|good|excellent|high[- ]quality|quality|clean|strong|confident|comfortable|happy|visible|"
    r"strategic|organi[sz]ed|responsive|proactive|impactful|high[- ]impact|effective(?:ly)?|efficient(?:ly)?|"
    r"significant(?:ly)?|substantial(?:ly)?|well|properly|proper|nice|solid|successful(?:ly)?|seamless(?:ly)?|"
    r"world[- ]class|outstanding|appropriate(?:ly)?|smooth(?:ly)?|closely|meaningful(?:ly)?|actively|"
    r"deep(?:ly)?|thoughtful(?:ly)?|careful(?:ly)?|reliabl[ey]|robust|sound|comprehensive|vital|important|"
    r"key|best|optimal|valuable|useful|easy|easily|fast|intuitive|mature|healthy|fun|enjoyable|engaging|"
    r"empowered|excited|passionate|fluent(?:ly)?|basic|advanced|solidly|intentional(?:ly)?|mindful(?:ly)?|"
    r"actionable|relevant|focused|clear|clearly|sustainable|scalable|consistent|marginal|necessary|"
    r"reasonable|decent|expert|proficient|competent|familiar|fluent|knowledgeable|skilled|capable|"
    r"influenc(?:e|es|ed|ing)|inspir(?:e|es|ed|ing))\b"
)
# Words that make the key result optional, so it can never be "not met" (approximate numbers such as
# "around 3" or "~20" are not hedges: the guide keeps them measurable).
_HEDGE_RE = re.compile(
    r"\b(?:maybe|perhaps|hopefully|possibly|try to|attempt to|if possible|if time allows|if time permits|"
    r"when i can|if i can|where possible|when possible|if needed)\b"
)
# An open list: what is in scope is left to the reader ("tools, dashboards etc").
_OPEN_LIST_RE = re.compile(
    r"\b(?:or something|or other|and/or|etc|and so on|e\.g\.?|such as|like|kind of|sort of|some kind|"
    r"some form|among others)\b"
)
_ABILITY_RE = re.compile(
    r"\b(?:abilit(?:y|ies)|facility with|familiarity|knowledge|understanding|understood|skills?|"
    r"proficiency|fluency|expertise|competenc[ey]|comfort with|confidence|awareness|mastery|intuition|"
    r"know-how|grasp)\b"
)
_PLACEHOLDER_RE = re.compile(
    r"(?<![\w])(?:[$£€]\s?[XNMK]\b|[XNM]\s?%|\d+X%?|X+\s?%|"
    # a bare X or N standing for a number before a noun ("handling X claims"), not a name ("Project X is")
    r"\b[NX]\+?\s+(?!(?:is|are|was|were|will|has|have|of|and|or|to|in|on|for|the|a|an|with|by)\b)(?=[a-z])|"
    r"\bTBD\b|\bTBC\b|\bXX+\b|_{3,}|"
    r"\b(?:of|to|at|is|be|by)\s[XN]\b(?![\w'-])|"
    r"\[(?:number|n|x|target|metric|value|date|tbd)\]|<[a-z ]+>|\?\?+)",
)
_SCARE_QUOTE_RE = re.compile(
    r"[\"'\u201c](?:finish(?:ed)?|done|complete(?:d)?|running|working|ready|live|launched|shipped)[\"'\u201d]",
    re.IGNORECASE,
)
_QUOTED_TITLE_RE = re.compile(r"[\"\u201c][^\"\u201d]{3,}[\"\u201d]|<<[^>]+>>|\*[^*]+\*")
_NAMED_RE = re.compile(
    r"(?<=[a-z0-9,;:(/] )(?:[A-Z][\w.+#'-]*|[A-Z]{2,}s?)(?:\s+(?:[A-Z][\w.+#'-]*|of|the|and|&|for|in))*"
)
_CODE_TOKEN_RE = re.compile(
    r"\b(?!(?:e\.g|i\.e|etc|a\.k\.a|vs)\b)[a-z]+[./_][a-z0-9]+(?:[./_-][a-z0-9]+)*\b|/[a-z]+(?:/[a-z*]+)+|\b\w+\(\)"
)
_VERSION_RE = re.compile(r"\bv(?:ersion)?\s?\d+(?:\.\d+)*\b|\b\d+\.\d+(?:\.\d+)+\b|\b\d+\.0\b")
_CHANGE_WORD_RE = re.compile(
    r"\b(?:improv(?:e|es|ed|ing|ement|ements)|increas(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing|ement)|"
    r"grow(?:s|n|ing|th)?|boost(?:s|ed|ing)?|reduc(?:e|es|ed|ing|tion)|decreas(?:e|es|ed|ing)|"
    r"optimi[sz](?:e|es|ed|ing|ation)|strengthen(?:s|ed|ing)?|expand(?:s|ed|ing)?|minimi[sz](?:e|ed|ing)|"
    r"maximi[sz](?:e|ed|ing)|accelerat(?:e|ed|ing)|level(?:led|ing)? up|revamp(?:ed|ing)?|refine(?:d|ment)?)\b"
)
_QUESTION_RE = re.compile(r"\?\s*$|^(?:how|what|why|when|where|who|which|should|can|could|do|does)\b[^.]*\?")
_ALL_RE = re.compile(r"\b(?:all|every|each|entire|whole|100\s?%|100 percent|fully|any)\b")
_ALL_OPEN_RE = re.compile(
    r"\b(?:all|every|any)\s+(?:\w+\s+)?(?:possible|relevant|important|necessary|needed|common|appropriate|"
    r"kinds? of|sorts? of|types? of|things?|aspects?|areas?|ways?)\b"
)
_ZERO_RE = re.compile(
    r"\b(?:zero|no|none|never|without(?: a| any)?|nothing|not)\s+(?:\w+\s+){0,2}?"
    r"(?:crash|crashes|incidents?|errors?|bugs?|outages?|downtime|failures?|regressions?|escalations?|"
    r"complaints?|blockers?|delays?|prs?|tickets?|manual|human|issues?|misses|defects?|customers?)\b"
)
_FROM_TO_RE = re.compile(
    rf"\bfrom\s+(?:about\s+|around\s+|~)?[$£€]?{_NUM}\s*{_MEASURE_UNIT}?\s*(?:to|->|→|-)\s*(?:at\s+least\s+|"
    rf"below\s+|under\s+|~)?[$£€]?{_NUM}"
    rf"|(?:{_NUM})\s*{_MEASURE_UNIT}?\s*(?:->|→)\s*(?:{_NUM})"
    rf"|\b(?:starting|currently|current is|currently at|baseline|today)\b[^.;]{{0,30}}?{_DIGITS}"
)
_THRESHOLD_RE = re.compile(
    rf"(?:\b(?:below|under|above|over|at least|at most|less than|more than|fewer than|greater than|"
    rf"no more than|no less than|no fewer than|not more than|up to|minimum of|min\.?|max\.?|maximum of|"
    rf"within|exceeds?|beats?|reach(?:es|ing)?|hit(?:s|ting)?|get to|gets to|to|of|at)\s+(?:a\s+|an\s+)?"
    rf"[$£€~]?{_NUM}\s*(?:\+\s*)?{_MEASURE_UNIT}?)"
    rf"|(?:\b{_NUM}\s*{_MEASURE_UNIT}?\s*(?:\+|or (?:more|higher|above|better|less|fewer|lower|below|"
    rf"under|over|greater)))"
    rf"|(?:[<>≤≥]=?\s*[$£€~]?{_NUM})|(?:\b{_NUM}\s*(?:/|out of)\s*{_NUM}\b)"
)
_RELATIVE_RE = re.compile(
    rf"\bby\s+(?:about\s+|around\s+|~)?{_NUM}\s*(?:%|percent|x|times|fold|points?|pts|pp)(?!\w)"
    rf"|\b{_NUM}\s*(?:%|x|times|fold)\s+(?:more|less|fewer|better|faster|higher|lower|bigger|growth|"
    rf"increase|decrease|improvement|reduction)\b"
    rf"|\b(?:double|triple|halve|quadruple)\b|\b\d+x\b|\b{_NUM}\s*%\s*(?:qoq|yoy|mom|wow)\b"
)
_PERCENT_RE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b)")
_MEASURE_RE = re.compile(rf"(?:[$£€]\s?{_DIGITS}|\b{_DIGITS}\s?(?:{_MEASURE_UNIT})(?![\w]))")
_RANGE_RE = re.compile(rf"\b{_DIGITS}\s?(?:-|–|to)\s?{_DIGITS}\s+[a-z]")
_COUNT_RE = re.compile(
    rf"(?<![\w.#/-])(?:{_DIGITS}|{_NUMBER_WORDS})(?:\s?(?:k|m))?(?:\s?\+)?\s+(?:(?:more|new|additional|"
    rf"extra|different|full[- ]time|small|big|large|separate|unique|active|public|internal|external|"
    rf"technical|short|long|[a-z-]+al|[a-z-]+ive)\s+)*?[a-z][\w/-]*"
)
# Soft subjects: a percentage of them has no metric behind it ("improve collaboration by 50%").
_SOFT_NOUNS_RE = re.compile(
    r"\b(?:collaboration|communication|morale|stress|happiness|productivity|confidence|trust|teamwork|"
    r"culture|alignment|visibility|focus|quality|ownership|motivation|wellbeing|well-being|satisfaction|"
    r"efficiency|effectiveness|knowledge|skills?|understanding|relationships?|influence|impact|"
    r"engagement|proactiveness|awareness|clarity|transparency|velocity|performance|experience|improvement)\b"
    r"(?!\s+(?:score|rate|index|rating|ratio|survey|nps|csat))"
)
_NON_QUANTITY_PATTERNS = (
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b(?:19|20)\d{2}(?:/\d{2,4})?\b",
    r"\b[qh][1-4](?:\s*(?:19|20)?\d{2})?\b",
    r"\b\d{1,2}:\d{2}\s?(?:am|pm)?\b|\b\d+\s?(?:am|pm)\b|\b1:1s?\b|\bone-on-ones?\b|\bone[- ]to[- ]ones?\b",
    r"\bp\d{1,3}\b|\b\d{2}(?:th|st|nd|rd) percentile\b",
    r"\bsev-?\d\b|\btier\s?\d\b|\bphase\s?\d\b|\blevel\s?\d\b|\bstep\s?\d\b|\bpart\s?\d\b|\bweek\s?\d\b",
    r"\bv(?:ersion)?\s*\d+(?:\.\d+)*\b|\b\d+\.\d+(?:\.\d+)+\b",
    r"#\d+|\brfc\s?\d+\b|\bissue\s?\d+\b",
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b",
    r"\b\d+(?:st|nd|rd|th)\b",
    r"\b[a-z]+\d+[a-z\d]*\b",
)
_NON_QUANTITY_RE = re.compile("|".join(f"(?:{p})" for p in _NON_QUANTITY_PATTERNS))
_CLAUSE_LEAD_RE = re.compile(
    r"^(?:when|whenever|if|after|before|once|by|in|during|each|every|for|starting|from|until|as soon as|"
    r"within|this|next|over|throughout)\b[^,]*,\s*"
)
_STOP_AT = re.compile(
    r"\b(?:to|for|with|by|in|on|at|from|into|about|and|or|so|that|which|who|while|before|after|until|"
    r"during|within|per|across|through|via|using|as|of|than|because|including|without|over|under)\b|[,.;:!?()\[\]]"
)
_DETERMINERS = frozenset(
    "a an the my our your his her their its this that these those one each every all both first second "
    "third last next new said such".split()
)
# Head classes that end in something done (as opposed to learning, an activity, a change or a wish).
DONE_CLASSES = ("finish", "create", "build", "acquire", "event", "decide", "hire")
# What a comparative is measured against, when the text names it (the guide: such a comparison is checkable).
_REFERENCE_RE = re.compile(
    r"^(?:\s+[\w-]+){0,4}?\s+than\s+(?:the|those|that|these|last|before|previous|current|our|its|their|"
    r"it|they|them|any|every|__)"
)
_WITH_VERBS = frozenset(("work", "work with", "collaborate", "partner", "coordinate", "team up", "liaise"))
# A role someone is appointed to or a membership they gain, with no judgement word before it.
_ROLE_TAKEN_RE = re.compile(
    r"^(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:trustee|governor|member|maintainer|committer|contributor|speaker|"
    r"volunteer|mentor|manager|director|officer|citizen|homeowner|author|instructor|fellow|board member|"
    r"organi[sz]er|reviewer|moderator|judge|panelist|certified|licensed|registered|partner|founder)s?\b"
)
_WH_WORDS = frozenset("how what why when where who which whether".split())
_PRONOUN_SUBJECTS = frozenset("i we you they he she it".split())
_FIRST_PERSON_RE = re.compile(r"\b(?:i|i'm|i'll|i'd|me|my|myself|mine)\b")


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
