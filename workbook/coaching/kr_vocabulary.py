"""The words and patterns a key result's evidence is read with, written from the labelling guide (docs/measurability.md)."""

from __future__ import annotations

import re

from .text import phrases as _phrases

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
    r"\b(?:of|to|at|is|be|by|min|max)\s[XNxn]\b(?![\w'-])(?!\s?%)|"
    # the same in lower case ("x% of employees", "publish x blog posts"), but only after a word: "3 x per
    # week" is a count, "x86" a name
    r"[xn]\s?%|(?<=[A-Za-z] )(?:x|n(?!\s+roll))\+?\s+(?!(?:is|are|was|were|will|has|have|of|and|or|to|in|on|for|the|a|an|with|"
    r"by|per|times|more|less)\b)(?=[a-z])|"
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
