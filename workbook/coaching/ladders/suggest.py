"""Suggest the ladder competencies a goal or key result draws on, best first, offline; validate competency tags."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import LadderError
from ..language import UNREAD_WHY, unread_language
from .concept_model import PARTS, ConceptModel, shipped_model, track_key
from .load import cached_ladder, resolve_ladder_path
from .model import _ERROR_ROOM, Ladder, LadderFinding, _fold, _ladder_named, _match_name, _names, _plain

# --------------------------------------------------------------------------------------------------
# Goal text -> competencies
# --------------------------------------------------------------------------------------------------


# What a user reads when nothing is suggested, and beside a list whose basis is "goals" (the CLI, the goals form).
NO_MATCH_NOTE = "no competency on the ladder matches these words; try more words, or tag the goal yourself"
GUESS_NOTE = ("a guess: the top suggestion shares no words with this text; the order comes from published goals "
              "labelled on similar ladders; tag the goal yourself if none fits")
# Beside suggestions for a text not in English (language.py): the ladders, the concept map and the model read
# English, so any match rests on a few shared names, numbers and characters.
UNREAD_NOTE = ("a guess: {}, and the suggester reads English; any match rests on a few shared names or characters; "
               "tag the goal yourself, or add an English line")


@dataclass(frozen=True)
class Suggestion:
    """A competency that a goal or key result seems to draw on; ``score`` is 0..1, higher is closer.

    ``basis`` says where the list comes from: ``"words"`` when the first suggestion shares words (or concepts)
    with its competency's texts, ``"goals"`` when it does not and the order is what the model learnt from
    published goals labelled on ladders (then every score is 0: a guess, never a strong suggestion)."""

    competency: str
    score: float
    basis: str = "words"


# A small concept map, written for this project: for each concept, words and phrases ("|" between
# them) that people use in goals and ladders. Each concept becomes an extra token in both the goal and
# the competency text, so "give a talk at the all-hands" meets "communication" with no word shared.
# Technology names map to the area they belong to (Jetpack Compose is mobile, Rails is server-side,
# Kubernetes is infrastructure): a reader knows it, a goal rarely says it, and a ladder names the area.
CONCEPTS: dict[str, str] = {
    "communication": (
        "communication | communicate | present | presentation | talk | demo | slides | explain | "
        "write | writing | written | document | documentation | doc | update | status | email | "
        "newsletter | report | audience | story | articulate | listen | summary | plain language | "
        "message | inform | walk through | show and tell | speak | chair | meeting | description | "
        "respond | reply | ping | pings | slack | chat"
    ),
    "stakeholder": (
        "stakeholder | partner | client | customer | expectation | executive | leadership | sponsor | "
        "buy-in | requester | marketing | finance | sales | agency | business partner"
    ),
    "mentoring": (
        "mentor | mentee | mentorship | coach | teach | onboard | onboarding | junior | intern | "
        "new hire | newcomer | graduate | grow | sponsor | one-to-one | 1:1 | guide | buddy | "
        "less experienced | develop people | career | next level | team lead | learning opportunity"
    ),
    "hiring": (
        "interview | hire | hiring | candidate | recruit | recruiting | panel | referral | refer | "
        "pipeline of candidates | take-home | open role | talent | job advertisement | job ad | "
        "job description | salary range | offer | selecting team members | hires"
    ),
    "design": (
        "design | architecture | architect | system | service | api | component | scalable | "
        "scalability | data model | schema | interface | contract | distributed | rfc | subsystem | "
        "failure mode | trade-off | technical debt | tech debt | platform"
    ),
    "code": (
        "code | coding | refactor | pull request | pr | review | lint | naming | library | package | "
        "repository | repo | git | commit | version control | python | sql | codebase | readable | "
        "maintainable | style guide | clean code | module | branch | merge | prs | code review | design "
        "pattern | design patterns | solid principles | object-oriented | programming | programming language | "
        "golang | rust | csharp | cplusplus | fsharp | scala | java | haskell | elixir | clojure | ocaml"
    ),
    "reliability": (
        "test | testing | flaky | on-call | incident | outage | alert | alerting | monitor | "
        "monitoring | slo | sla | reliability | reliable | runbook | post-mortem | postmortem | "
        "uptime | observability | error budget | production | robust | dashboard alert | coverage | qa | "
        "quality assurance | test automation | test plan | test case | functional spec | exploratory "
        "testing | regression testing | selenium | cypress"
    ),
    "delivery": (
        "deliver | delivery | ship | deadline | milestone | schedule | on time | launch | release | "
        "ticket | sprint | epic | complete | finish | land | end to end | to completion | "
        "start to finish | slip | date | output | throughput"
    ),
    "planning": (
        "plan | planning | estimate | estimation | organise | organize | task | break down | "
        "break into | milestone | roadmap | size | backlog | sequence | ceremony"
    ),
    "prioritization": (
        "prioritise | prioritize | prioritization | priority | rank | ranked | backlog | trade-off | "
        "say no | push back | focus | request | ad hoc | low-value | effort | triage | urgent | "
        "important | busy work | pointless | meetings | triple-booking | double-booking | calendar | "
        "stop starting | finishing | speed | scope | incremental"
    ),
    "business": (
        "business | domain | revenue | cost | market | product | funnel | finance | economics | "
        "dollar | money | pricing | customer | user | pain point | support ticket | value | "
        "commercial | strategy | strategic | company goal | objective | okr | impact"
    ),
    "modeling": (
        "model | modeling | modelling | regression | forecast | classifier | clustering | neural | "
        "gradient boosting | feature | experiment | a/b | ab test | causal | evaluation | drift | "
        "statistics | statistical | power analysis | machine learning | ml | method | analytic | "
        "uplift | ranking | baseline | validate | deep learning | nlp | natural language | transformer | "
        "transformers | pytorch | tensorflow | scikit-learn | bayesian | mlops | predictive | prediction "
        "| computer vision | llm | kaggle"
    ),
    "influence": (
        "convince | persuade | influence | align | alignment | agreement | agree | adopt | adoption | "
        "cross-team | other teams | buy-in | consensus | champion | advocate | "
        "get leadership on board | shape | change how | outside the team | outside my team | "
        "across teams | multiple teams | wider | company-wide | organisation-wide | beyond | "
        "tech community | impact on"
    ),
    "data_engineering": (
        "pipeline | etl | clean | pre-process | preprocess | warehouse | dag | ingest | table | "
        "data quality | data validation | orchestrate | cron | raw data | analysis-ready | dataset | "
        "data platform | transform"
    ),
    "privacy": (
        "privacy | pii | anonymize | anonymise | personal identifier | gdpr | sensitive | redact | "
        "de-identify | confidential | health record | patient"
    ),
    "visualization": (
        "chart | dashboard | plot | visual | visualize | visualise | visualization | narrative | "
        "graph | infographic | tell the story | story"
    ),
    "learning": (
        "learn | curiosity | curious | self-awareness | reflect | feedback on my | read | reading | "
        "book | study | strengths | area to develop | areas to develop | growth | continuous learning | "
        "education | education budget | keep learning | stay up to date | up-to-date | industry trends | "
        "experiment | experimenting | new tools | new approaches | papers | podcasts | attend | attending | "
        "learning materials | development activities | professional development | conference | conferences | "
        "meetup | meetups | workshop | workshops | find a mentor | get a mentor | seek mentorship | seek feedback"
    ),
    "teamwork": (
        "teammate | colleague | pair | pairing | unblock | stuck | blocker | help | team meeting | "
        "support | share knowledge | together | collaborate | collaboration | team"
    ),
    "wellbeing": (
        "burnout | wellbeing | well-being | health | happy | morale | stress | coping | "
        "psychological safety | workload | mood | moods | red flags | in tune | calm | anxieties | "
        "negativity | motivation | safe space | empathy"
    ),
    "community": (
        "inclusive | inclusion | culture | welcome | community | lunch | belonging | connectedness | "
        "diversity | social | event | wider team | meet up | get to know | connect with | relationship | "
        "relationships"
    ),
    "security": (
        "security | secure | vulnerability | certificate | auth | authentication | encryption | tls | "
        "threat | access control | secret | cve"
    ),
    "infrastructure": (
        "kubernetes | k8s | docker | container | containers | terraform | ansible | helm | devops | "
        "cloud-native | cloud native | linux | infrastructure | sre | site reliability | automate | "
        "automation | "
        "deployment | deploy | ci/cd | continuous integration | infrastructure as code | aws | azure | gcp | "
        "cloud | nginx | apache | networking fundamentals"
    ),
    "networking": "network | networking | tcp | dns | proxy | osi | http | latency | packet | udp",
    "tooling": "build | compiler | tooling | toolchain | build speed | tool | bazel | make | linker",
    "performance": (
        "performance | memory | data structure | algorithm | cpu | optimize | optimise | fast | "
        "speed up | efficient | complexity"
    ),
    "initiative": (
        "initiative | own | ownership | proactive | proactively | without waiting | "
        "without being asked | self-motivated | self-motivation | volunteer | step up | drive | "
        "example for"
    ),
    "independence": (
        "independently | independent | alone | without hand-holding | on my own | autonomy | "
        "little guidance | little supervision | when to ask | ask for help | self-sufficient | "
        "time management | manage my time | my time | distraction | distractions | permission | "
        "waiting for | interruptions | context switching | deep work | focus time | commitments | "
        "realistic expectations | balance | balances | own development | self-motivation"
    ),
    "evangelism": (
        "meetup | meetups | conference | blog | blogging | article | articles | external | externally | "
        "public | public speaking | speaking engagement | open source | publication | speak at | "
        "social media | forum | forums | podcast | hackathon | followers | following | subscribers | twitter | "
        "linkedin | youtube | mastodon | audience | newsletter"
    ),
    "process": (
        "process | retro | retrospective | ceremony | agile | kanban | workflow | way of working | "
        "how we run | practice"
    ),
    "problem_solving": (
        "problem | bug | debug | investigate | root cause | fix | issue | solution | troubleshoot | "
        "decision | decide | option | breaks"
    ),
    "technology": (
        "technology | technologies | framework | react | language | programming language | tool | tools | "
        "stack | expert | go-to | certification | certified | certificate | course | courses | training | "
        "typescript | javascript | python | rust | golang | java | kotlin | swift | docker | kubernetes | "
        "aws | gcp | azure | cloud | terraform | github actions | ci | proficient | proficiency | "
        "hands-on | technical | engineering domain | new technologies | deep knowledge"
    ),
    "persistence": (
        "persevere | persist | resistance | obstacle | keep going | extra | responsibility | "
        "go the extra mile | resilient"
    ),
    "mobile": (
        "ios | android | mobile | app | swift | kotlin | screen | jetpack | jetpack compose | swiftui | "
        "uikit | xcode | android studio | flutter | react native | play store | app store | objective-c"
    ),
    "web": (
        "web | frontend | front-end | browser | javascript | css | web client | html | react | vue | "
        "angular | svelte | webpack | accessibility | a11y | wcag | user interface | dom | tailwind | "
        "typescript"
    ),
    "server": (
        "server | backend | back-end | api framework | server side | database | ruby | rails | django | "
        "flask | fastapi | spring | spring boot | node | nodejs | express | postgres | postgresql | mysql "
        "| redis | kafka | grpc | graphql | microservice | microservices | integration | salesforce | "
        "sfdc | object oriented | php | laravel | dotnet | elixir"
    ),
    "people_management": (
        "delegate | team lead | manage | manager | report | performance review | develop engineer | "
        "hand off | brief"
    ),
}

CONCEPT_TOKENS = tuple(f"zzconcept{c}" for c in CONCEPTS)

# Words that say nothing about which competency a goal draws on.
_GENERIC_WORDS = frozenset(
    "improve better get make use using new year quarter month week weekly monthly least sure every each "
    "times two three five six one first next day goal aim become able well good enough just way".split()
)
# Longest first: the stemmer strips the first suffix that matches.
_SUFFIXES = tuple(
    "izations isations ization isation ational ations ation ements ement ments ment nesses ness ships ship "
    "ities ity ings ing ives ive ised ized ises izes ise ize ates ated ate ers er ied ies ed es ly al s".split()
)


def _stem(word: str) -> str:
    """A light suffix stripper (English): communicate/communication -> communic, mentoring -> mentor."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                if suffix == "s" and word[-2] in "sui":
                    continue
                word = word[: -len(suffix)]
                break
        else:
            break
    if len(word) > 4 and word[-1] in "ey":
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


_SYMBOL_NAMES = (("c#", " csharp "), ("c++", " cplusplus "), ("f#", " fsharp "), (".net", " dotnet "))


def _words(text: str) -> list[str]:
    low = _plain(text).casefold().replace("&", " and ")
    for symbol, name in _SYMBOL_NAMES:  # "C#" and "C++" are names, not the letter c
        low = low.replace(symbol, name)
    return re.findall(r"[a-z0-9]+", low)


# Lead-ins that say who wants the goal, not what it develops ("Professionally, I want to be more ...").
_LEAD_IN_RE = re.compile(
    r"\b(?:(?:professionally|personally|ultimately|finally|also|similarly|additionally|in addition|this year|"
    r"next year|as i move forward|for both personal and professional reasons),?\s+)*"
    r"(?:(?:my|our|the)\s+(?:main\s+|primary\s+|biggest\s+|first\s+|second\s+|next\s+)?"
    r"(?:goal|aim|focus|objective|resolution|plan|intention)\s+(?:for\s+[\w\s]+?\s+)?(?:is|will be)\s+(?:to\s+)?"
    r"|i\s+(?:really\s+|also\s+|would\s+)?(?:want|wish|hope|plan|intend|aim|need|resolve|would like|'d like|"
    r"am going|will try|will|shall|must|should|am making (?:an\s+)?effort)\s*(?:to|on)?\s+"
    r"|i'd\s+like\s+to\s+|i'll\s+|i\s+resolve\s+to\s+|^to\s+)",
    re.IGNORECASE,
)


def _goal_text(text: str) -> str:
    """The goal without lead-ins about wanting it: what remains says what it develops."""
    return re.sub(r"\s+", " ", _LEAD_IN_RE.sub(" ", text)).strip() or text


# The means of learning ("get better at", "read a book on", "take a course in"): the ladder guide labels the
# skill a goal builds, not the learning, unless learning itself is the goal.
_MEANS_RE = re.compile(
    r"\b(?:get(?:ting)?\s+(?:better|good|amazing|great|really good|more comfortable)\s+(?:at|with)|"
    r"become\s+(?:better|good|great)\s+at|be\s+(?:really\s+)?comfortable\s+(?:writing|with)|"
    r"(?:really\s+|continue\s+|keep\s+)?(?<!machine )(?<!statistical )(?<!deep )(?<!reinforcement )"
    r"(?:learn(?:ing)?|stud(?:y|ying)|read(?:ing)?|skim(?:ming)?)"
    r"(?:\s+(?:more|up))?(?:\s+(?:about|how|on))?|make\s+progress\s+(?:in|on)|brush\s+up\s+on|"
    r"take\s+(?:a\s+|an\s+)?(?:course|class|training)\s+(?:on|in)|"
    r"(?:a|the|one|two|three)?\s*(?:books?|courses?|tutorials?)(?:\s+(?:on|about|in))?)\b",
    re.IGNORECASE,
)


def _skill_text(text: str) -> str:
    """``text`` without the means of learning, when what remains still names an area (a technology, a
    practice): "Get better at C#" is about C#, "Read the Flink book" about Flink. "Keep learning" stays.
    """
    stripped = re.sub(r"\s+", " ", _MEANS_RE.sub(" ", text)).strip(" .,")
    if stripped and stripped != text:
        areas = {c for c in _vocabulary().concepts(stripped) if c != "zzconceptlearning"}
        if areas:
            return stripped
    return text


class _Vocabulary:
    """Stems, stop words and concept tokens shared by the suggester's analyzers."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        self.stop = frozenset(ENGLISH_STOP_WORDS) | _GENERIC_WORDS
        self.single: dict[str, set[str]] = {}
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        for concept, terms in CONCEPTS.items():
            for term in terms.split("|"):
                stems = tuple(_stem(w) for w in _words(term))
                if len(stems) == 1:
                    self.single.setdefault(stems[0], set()).add(concept)
                elif stems:
                    self.phrases.append((stems, concept))

    def learnt_tokens(self, text: str) -> list[str]:
        """What the learnt concept model reads: stems and concept tokens (no bigrams)."""
        return self.stems(text) + self.concepts(text)

    def stems(self, text: str) -> list[str]:
        return [_stem(w) for w in _words(text) if w not in self.stop or w in {"no", "own"}]

    def concepts(self, text: str) -> list[str]:
        all_stems = [_stem(w) for w in _words(text)]
        found: list[str] = []
        for s in all_stems:
            found.extend(sorted(self.single.get(s, ())))
        joined = f" {' '.join(all_stems)} "
        for stems, concept in self.phrases:
            if f" {' '.join(stems)} " in joined:
                found.append(concept)
        return [f"zzconcept{c}" for c in found]

    def analyze(self, text: str) -> list[str]:
        stems = self.stems(text)
        bigrams = [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]
        return stems + bigrams + self.concepts(text)


# Weights of the blended score. A grid over the simplex (steps of 0.1) scored on the tune sources of
# tests/data/goals_real.csv and our own goals (never the final sources) found a plateau around these
# (top-1 within 0.01 of each other); the competency-name overlap got weight 0 everywhere on it: real goals
# share words with names they are not about ("communication" in a goal about blogging).
_WEIGHTS = {"word_doc": 0.3, "word_max": 0.2, "char_doc": 0.3, "char_max": 0.1, "concept_doc": 0.1}


class _Suggester:
    """Vectorizers fitted once per (ladder, track): word stems + concepts, char n-grams, name overlap."""

    def __init__(
        self, competencies: list[str], texts: list[list[str]], weights: Mapping[str, float] | None = None
    ) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.np = np
        self.names = competencies
        self.key = ""  # the track's identity for the learnt prior (set by _suggester)
        self.weights = dict(weights or _WEIGHTS)
        self.vocab = _vocabulary()
        # One document per expectation row, and one for the name itself (repeated: names carry the most signal).
        rows: list[str] = []
        owner: list[int] = []
        for index, (name, expectations) in enumerate(zip(competencies, texts, strict=True)):
            plain_name = _plain(name)
            rows.append(f"{plain_name}. {plain_name}")
            owner.append(index)
            for text in expectations:
                rows.append(text)
                owner.append(index)
        self.owner = np.array(owner)
        self.word = TfidfVectorizer(analyzer=self.vocab.analyze, sublinear_tf=True)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
        plain_rows = [_plain(r) for r in rows]
        self.word_rows = self.word.fit_transform(rows)
        self.concept = TfidfVectorizer(analyzer=self.vocab.concepts, sublinear_tf=True)
        try:
            self.concept_docs = self._centroids(self.concept.fit_transform(rows))
        except ValueError:  # no concept in any row: the part is zero
            self.concept = TfidfVectorizer(analyzer=lambda t: ["zzconceptnone"])
            self.concept_docs = self._centroids(self.concept.fit_transform(rows)) * 0
        self.char_rows = self.char.fit_transform(plain_rows)
        self.word_docs = self._centroids(self.word_rows)
        self.char_docs = self._centroids(self.char_rows)
        self.name_stems = [set(self.vocab.stems(_plain(n))) for n in competencies]
        self.name_concepts = [set(self.vocab.concepts(_plain(n))) for n in competencies]
        self.profiles = self._profiles()

    def _profiles(self):  # type: ignore[no-untyped-def]
        """Each competency's concept profile over every concept of CONCEPTS (rows l2-normalised)."""
        np = self.np
        index = {token: j for j, token in enumerate(CONCEPT_TOKENS)}
        out = np.zeros((len(self.names), len(CONCEPT_TOKENS)))
        for column, token in enumerate(self.concept.get_feature_names_out()):
            if token in index:
                out[:, index[token]] = self.concept_docs[:, column]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def learnt(self, text: str, model: ConceptModel | None):  # type: ignore[no-untyped-def]
        """The learnt part of each competency's ranking: its profile . the vector the model reads from the words,
        plus the track part where the model has one for this track."""
        np = self.np
        tokens = self.vocab.learnt_tokens(text)
        predicted = model.predict(tokens) if model is not None else None
        if predicted is None or model is None or model.concepts != CONCEPT_TOKENS:
            return np.zeros(len(self.names))
        return self.profiles @ predicted + model.track_part(self.key, self.names, tokens)

    def _centroids(self, matrix):  # type: ignore[no-untyped-def]
        np = self.np
        dense = np.zeros((len(self.names), matrix.shape[1]))
        for index in range(len(self.names)):
            dense[index] = np.asarray(matrix[self.owner == index].sum(axis=0)).ravel()
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return dense / norms

    def _per_competency_max(self, similarities):  # type: ignore[no-untyped-def]
        np = self.np
        out = np.zeros(len(self.names))
        np.maximum.at(out, self.owner, similarities)
        return out

    def parts(self, text: str):  # type: ignore[no-untyped-def]
        """Each similarity of ``text`` to every competency, by name (arrays in competency order)."""
        np = self.np
        word_query = self.word.transform([text])
        char_query = self.char.transform([_plain(text)])
        concept_query = self.concept.transform([text])
        parts = {
            "word_doc": np.asarray(word_query @ self.word_docs.T).ravel(),
            "word_max": self._per_competency_max((self.word_rows @ word_query.T).toarray().ravel()),
            "char_doc": np.asarray(char_query @ self.char_docs.T).ravel(),
            "char_max": self._per_competency_max((self.char_rows @ char_query.T).toarray().ravel()),
            "concept_doc": np.asarray(concept_query @ self.concept_docs.T).ravel(),
        }
        stems = set(self.vocab.stems(text))
        concepts = set(self.vocab.concepts(text))
        name_scores = []
        for name_stems, name_concepts in zip(self.name_stems, self.name_concepts, strict=True):
            hits = len(stems & name_stems) + 0.5 * len(concepts & name_concepts)
            total = len(name_stems) + 0.5 * len(name_concepts)
            name_scores.append(min(1.0, hits / max(1.0, total) * 1.5) if total else 0.0)
        parts["name"] = np.array(name_scores)
        return parts

    def score(self, text: str):  # type: ignore[no-untyped-def]
        return self.blend(self.parts(text))

    def blend(self, parts):  # type: ignore[no-untyped-def]
        """The blend score of each competency from the similarities :meth:`parts` gave."""
        return sum(self.weights[k] * parts[k] for k in self.weights)

    def part_matrix(self, text: str, parts=None):  # type: ignore[no-untyped-def]
        """The similarities of :meth:`parts` as columns in PARTS' order, one row per competency."""
        parts = self.parts(text) if parts is None else parts
        return self.np.column_stack([parts[k] for k in PARTS])


class _BaselineSuggester:
    """The plain baseline: one TF-IDF document per competency (name + expectations), cosine similarity."""

    def __init__(self, competencies: list[str], texts: list[list[str]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.names = competencies
        self.key = ""  # the track's identity for the learnt prior (set by _suggester)
        self.vectorizer = TfidfVectorizer(stop_words="english")
        docs = [" ".join([_plain(n), *t]) for n, t in zip(competencies, texts, strict=True)]
        self.docs = self.vectorizer.fit_transform(docs)

    def score(self, text: str):  # type: ignore[no-untyped-def]
        return (self.docs @ self.vectorizer.transform([text]).T).toarray().ravel()


_VOCABULARY: _Vocabulary | None = None


def _vocabulary() -> _Vocabulary:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = _Vocabulary()
    return _VOCABULARY


def _as_ladder(ladder: Ladder | str | Path) -> Ladder:
    return ladder if isinstance(ladder, Ladder) else cached_ladder(resolve_ladder_path(ladder))


# A ladder sometimes carries a level's notes in the competency column ("Additional Notes/Key Points/Examples":
# team size, who the level reports to, an analogy). Those rows describe the level, not a skill a goal can grow.
_NOTE_HEADING_RE = re.compile(
    r"(?:(?:additional|other|general|further|more)\s+)?"
    r"(?:notes?|key\s+points?|examples?|comments?|remarks?|summary|overview|misc(?:ellaneous)?)"
)


def is_note_heading(name: str) -> bool:
    """True when a competency name only labels notes about the level ("Notes", "Additional Notes/Examples")."""
    parts = [p for p in re.split(r"\s*(?:/|&|,|\+|\band\b)\s*", _plain(name).casefold()) if p.strip()]
    return bool(parts) and all(_NOTE_HEADING_RE.fullmatch(p.strip()) for p in parts)


def _suggester(ladder: Ladder, track: str | None, method: str):  # type: ignore[no-untyped-def]
    name = ladder.resolve_track(track) if (track is not None or len(ladder.tracks) == 1) else None
    key = ("suggester", name, method)
    if key not in ladder._cache:
        rows = ladder.frame if name is None else ladder.frame[ladder.frame["track"] == name]
        texts: dict[str, list[str]] = {}
        for competency, text in zip(rows["competency"], rows["expectation"], strict=True):
            texts.setdefault(competency, []).append(text)
        # Notes about a level are never suggested (unless the track has nothing else).
        names = [n for n in texts if not is_note_heading(n)] or list(texts)
        values = [list(dict.fromkeys(texts[n])) for n in names]  # repeated text adds nothing
        cls = _BaselineSuggester if method == "tfidf" else _Suggester
        engine = cls(names, values)
        engine.key = track_key(name or "", names)
        ladder._cache[key] = engine
    return ladder._cache[key]


def suggest_competencies(
    text: str,
    ladder: Ladder | str | Path,
    *,
    track: str | None = None,
    top: int = 3,
    method: str = "blend",
    concepts: ConceptModel | None = None,
) -> list[Suggestion]:
    """Rank the ladder's competencies by how close ``text`` (a goal or key result) is to each one's
    name and expectations; best first, at most ``top``, only those ranked above zero.

    ``ladder`` may be a Ladder or a path. ``track`` None uses every track's competencies.
    ``method="tfidf"`` is the plain baseline; the default blends word stems with a concept map,
    character n-grams and name overlap, re-ranked by the learnt concept model and, on a track labelled goals
    were labelled on, its prior (``concepts``, default the shipped one: concept_model.py). The order is always
    the ranking's. When the first competency shares no word with the text the list is a guess from labelled
    goals (``basis`` "goals", scores 0), and it is empty when neither the ladder's texts nor the model know a
    word of the text (a prior alone suggests nothing). The fitted vectorizers are cached on the Ladder.
    Raises LadderError for an unknown track or an unusable ladder file.
    """
    if method not in {"blend", "tfidf"}:
        raise LadderError(f"method '{method}' is not known; use 'blend' or 'tfidf'")
    loaded = _as_ladder(ladder)
    if not text or not text.strip():
        return []
    engine = _suggester(loaded, track, method)
    goal = _goal_text(text)
    if method == "tfidf":  # the plain baseline reads the goal as written
        scores = engine.score(goal)
    else:
        goal = _skill_text(goal)
        parts = engine.parts(goal)
        scores = engine.blend(parts)
        # The learnt link and the track's prior re-rank. The ranking scores are then scaled so that the first suggestion keeps its
        # own blend score: a score still means what STRONG_SUGGESTION assumes (a personal goal, which
        # matches no competency's words, is never pushed up) and the order is the ranking's.
        # When the first has no word match, the list is the model's guess: listed in its order, scores 0.
        model = shipped_model() if concepts is None else concepts
        learnt = engine.learnt(goal, model)
        if model is not None and (scores.max() > 0 or learnt.any()):
            ranking = scores + model.learnt_scale * learnt + model.prior_part(engine.key, engine.names, scores)
            if model.part_weights.any():  # the fit's own weight for each similarity, beside the blend's
                ranking = ranking + engine.part_matrix(goal, parts) @ model.part_weights
            best = int(ranking.argmax())
            if ranking[best] > 0:
                order = sorted((i for i in range(len(engine.names)) if ranking[i] > 0), key=lambda i: (-ranking[i], i))
                scale = scores[best] / ranking[best]
                basis = "words" if scale > 0 else "goals"
                return [Suggestion(engine.names[i], round(float(ranking[i] * scale), 4), basis)
                        for i in order[: max(0, top)]]
    ranked = sorted(range(len(engine.names)), key=lambda i: (-scores[i], i))
    return [
        Suggestion(engine.names[i], round(float(scores[i]), 4))
        for i in ranked[: max(0, top)]
        if scores[i] > 0
    ]


# --------------------------------------------------------------------------------------------------
# Explicit tags and the ladder share of a growth plan
# --------------------------------------------------------------------------------------------------


def match_competency(tag: str, ladder: Ladder | str | Path, track: str | None = None) -> str | None:
    """The ladder's spelling of a competency tag (case-insensitive, emoji and punctuation ignored), or None."""
    loaded = _as_ladder(ladder)
    names = (
        loaded.competencies(track)
        if (track is not None or len(loaded.tracks) == 1)
        else list(dict.fromkeys(loaded.frame["competency"]))
    )
    return _match_name(tag.strip(), names)


def validate_tags(
    tags: Iterable[str], ladder: Ladder | str | Path, track: str | None = None
) -> list[LadderFinding]:
    """Findings for explicit competency tags: an error for each tag that is not a competency of
    ``track``, naming the closest competencies. An empty list means every tag matches.

    Raises LadderError for an unknown track or an unusable ladder file.
    """
    return checked_tags(tags, ladder, track)[1]


def checked_tags(
    tags: Iterable[str], ladder: Ladder | str | Path, track: str | None = None
) -> tuple[list[str], list[LadderFinding]]:
    """``tags`` in the ladder's own spelling ("mentoring and citizenship" becomes "Mentoring & citizenship", so
    the goals page and the summary show the ladder's words; a tag it does not know is kept as given) and the
    findings of :func:`validate_tags`, from one reading of the ladder: what every writer of a goal's tags
    (a form, a command, an import) stores.

    Raises LadderError for an unknown track or an unusable ladder file.
    """
    loaded = _as_ladder(ladder)
    name = loaded.resolve_track(track) if (track is not None or len(loaded.tracks) == 1) else None
    names = loaded.competencies(name) if name else list(dict.fromkeys(loaded.frame["competency"]))
    spelled: list[str] = []
    findings: list[LadderFinding] = []
    for tag in tags:
        if (match := _match_name(str(tag).strip(), names)) is not None:
            spelled.append(match)
            continue
        spelled.append(str(tag))
        closest = _closest(str(tag), names)
        head = f"'{tag}' is not a competency on " + (f"track '{name}'" if name else "this ladder") + "; "
        hint = (f"did you mean {_names(closest, quote=True)}?" if closest
                else _one_of(names, _ERROR_ROOM - len(head), loaded.source))
        findings.append(
            LadderFinding(
                "error",
                "unknown_competency",
                head + hint,
                loaded.source,
                column="competency",
            )
        )
    return spelled, findings


def _one_of(names: Sequence[str], room: int, source: str | None) -> str:
    """"use one of: ..." in at most ``room`` characters: every name that fits, the rest counted with the command
    that lists them, rather than a name cut off."""
    named = _ladder_named(source, "FILE")
    check = f"`workbook ladder check {'FILE' if named.startswith('…') else named}` lists them"
    for shown in range(len(names), 0, -1):
        rest = len(names) - shown
        text = "use one of: " + _names(names[:shown], quote=True, limit=shown) + (
            f" and {rest} more ({check})" if rest else "")
        if len(text) <= room:
            return text
    return check.replace("them", "the competencies")


def _closest(tag: str, names: Sequence[str], count: int = 3) -> list[str]:
    key = _fold(tag)
    folded = {_fold(n): n for n in names}
    found = [folded[k] for k in difflib.get_close_matches(key, list(folded), n=count, cutoff=0.5)]
    words = set(key.split())
    for n in names:  # "comms" or "stakeholders" should still find "Communication & stakeholder management"
        if n not in found and any(
            nw.startswith(w[:4]) for w in words if len(w) >= 4 for nw in _fold(n).split()
        ):
            found.append(n)
    return found[:count]




def language_note(text: str) -> str:
    """UNREAD_NOTE, worded for ``text``, when it is not in English; else ""."""
    unread = unread_language(text)
    return UNREAD_NOTE.format(UNREAD_WHY[unread]) if unread else ""


def suggestion_note(suggestions: Sequence[Suggestion], text: str) -> str:
    """The one line shown beside (or instead of) the suggestions for ``text``: that it is not in English, that
    the list is a guess from published goals, that nothing matched; else ""."""
    if unread := language_note(text):
        return unread
    if not suggestions:
        return NO_MATCH_NOTE
    return GUESS_NOTE if suggestions[0].basis == "goals" else ""


def format_suggestions(suggestions: Sequence[Suggestion], as_json: bool = False, text: str = "") -> str:
    """Suggestions best first: numbered lines with scores (and the note a guess carries, or the note on ``text``
    not being in English), or with ``as_json`` a JSON list of ``{"competency": ..., "score": ...}`` objects (a
    guess's scores are 0).
    """
    if as_json:
        return json.dumps(
            [{"competency": s.competency, "score": round(s.score, 3)} for s in suggestions],
            ensure_ascii=False,
        )
    width = max((len(s.competency) for s in suggestions), default=0)
    lines = [f"{i}. {s.competency.ljust(width)}  {s.score:.2f}" for i, s in enumerate(suggestions, 1)]
    return "\n".join([*lines, note] if (note := suggestion_note(suggestions, text)) else lines)
