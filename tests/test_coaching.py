"""Coaching checks: key-result measurability against a labelled set, goal framing hints, mental obstacles."""

from __future__ import annotations

import csv
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.coaching import (
    MENTAL_OBSTACLES,
    Hint,
    KRCheck,
    check_goals,
    check_key_result,
    frame_goal,
    mental_obstacle_prompts,
)
from workbook.core.errors import InputError

DATA = Path(__file__).parent / "data"
LABELS = DATA / "kr_labels.csv"

SEED_KRS = [
    "Deliver a presentation at the cross-functional weekly meeting. Discuss the project's progress and request "
    "feedback from the manager and at least two team members both before and after the presentation.",
    "Write a model design document using the template and get a detailed review from the tech lead.",
    "Conduct comprehensive model evaluations and meet with the tech lead and manager to discuss the findings.",
]
SEED_GOALS = [
    "Establish myself as a domain expert and a trusted data science partner in the XX field. This includes "
    "enhancing my business understanding and improving my communication and collaboration skills.",
    "Enhance my coding and architecture skills to meet next-level requirements.",
    "Expand my influence by mentoring others and contributing to citizenship efforts.",
]


def load_rows() -> list[dict[str, str]]:
    with LABELS.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def accuracy(rows: list[dict[str, str]], predict) -> float:  # type: ignore[no-untyped-def]
    return sum(predict(r["text"]) == (r["measurable"] == "1") for r in rows) / len(rows)


def has_digit(text: str) -> bool:
    return bool(re.search(r"\d", text))


def is_measurable(text: str) -> bool:
    return check_key_result(text).measurable


# ---------------------------------------------------------------------------------------------- the labelled set


def test_labelled_set_is_big_balanced_and_split() -> None:
    rows = load_rows()
    assert list(rows[0]) == ["text", "measurable", "note", "split"]
    assert len(rows) >= 120
    labels = [r["measurable"] for r in rows]
    assert set(labels) == {"0", "1"}
    assert 0.35 <= labels.count("1") / len(rows) <= 0.65
    own = [r for r in rows if r["split"] in ("dev", "holdout")]
    assert len(own) >= 120
    assert 0.25 <= sum(r["split"] == "holdout" for r in own) / len(own) <= 0.35
    texts = [r["text"].strip().lower() for r in rows]
    assert len(texts) == len(set(texts)), "duplicate key results in the labelled set"
    assert all(r["note"].strip() for r in rows), "every row says why it got its label"


def test_accuracy_beats_floor_and_digit_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    rows = load_rows()
    splits = {
        "all": rows,
        "dev": [r for r in rows if r["split"] == "dev"],
        "holdout": [r for r in rows if r["split"] == "holdout"],
        "blind": [r for r in rows if r["split"] == "blind"],
        "fresh": [r for r in rows if r["split"] == "fresh"],
    }
    ours = {name: accuracy(part, is_measurable) for name, part in splits.items()}
    digit = {name: accuracy(part, has_digit) for name, part in splits.items()}
    with capsys.disabled():
        for name in splits:
            print(
                f"\n{name:<8} n={len(splits[name]):>3} check_key_result={ours[name]:.3f} has-a-digit={digit[name]:.3f}",
                end="",
            )
        print()
    assert ours["all"] >= 0.92
    assert ours["holdout"] >= 0.90
    assert ours["blind"] >= 0.85
    assert ours["fresh"] >= 0.85  # measured once, never tuned on: 28 of 30
    assert ours["all"] > digit["all"] + 0.2


def test_every_verdict_has_reasons() -> None:
    for row in load_rows():
        verdict = check_key_result(row["text"])
        assert verdict.reasons, row["text"]
        assert all(isinstance(r, str) and r.strip() for r in verdict.reasons), row["text"]
        if not verdict.measurable:
            assert verdict.suggestion.strip(), f"no suggestion for a vague key result: {row['text']}"


# ---------------------------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize("text", SEED_KRS)
def test_seed_key_results_are_measurable(text: str) -> None:
    verdict = check_key_result(text)
    assert verdict.measurable, verdict.reasons
    assert verdict.reasons


def test_improve_communication_with_partners_is_not_measurable() -> None:
    verdict = check_key_result("Improve communication with partners")
    assert not verdict.measurable
    assert any("improve" in r for r in verdict.reasons)
    assert verdict.suggestion
    # The suggestion is tailored: it keeps the audience and names a deliverable and a judge.
    assert "partners" in verdict.suggestion
    assert "feedback" in verdict.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Write a model design document using the template and get a detailed review from the tech lead",
        "Deliver a presentation at the cross-functional weekly meeting and ask the manager and two teammates "
        "for feedback before and after",
        "Get the migration runbook approved by the SRE lead",
        "Raise test coverage of the pricing service from 40% to 70% by 2027-03-31",
        "Reduce the tickets escalated to me by 25% compared with Q4",
        "Answer every request in the stakeholder intake queue within 2 business days",
    ],
)
def test_hard_measurable_cases(text: str) -> None:
    assert check_key_result(text).measurable, check_key_result(text).reasons


@pytest.mark.parametrize(
    ("text", "reason_fragment"),
    [
        ("Improve collaboration by 50%", "baseline"),
        ("Be 2x more proactive", "wish"),
        ("Read 3 things about leadership maybe", "'maybe'"),
        ("Regularly share updates with the team", "'regularly'"),
        ("Present at some team meetings", "'some' is not a quantity"),
        ("Learn about causal inference by Q3", "vague verb 'learn about'"),
        ("Be more confident", "wish"),
        ("Speak up more in meetings", "'more'"),
        ("App load time", "names a measure but no target"),
        ("Claims handled in the new tool: X claims per week", "placeholder"),
    ],
)
def test_vague_cases_say_why(text: str, reason_fragment: str) -> None:
    verdict = check_key_result(text)
    assert not verdict.measurable
    assert any(reason_fragment in r for r in verdict.reasons), verdict.reasons


def test_some_a_few_several_decide_on_their_own_unless_a_number_stands_beside_them() -> None:
    # the guide: "'A few', 'some', 'several' are 0"; a hedged target ("at least 3") is still 1
    for text in ("Attend some conferences this year", "Publish a few posts every month",
                 "Write some tests for all endpoints", "Pair with several teams"):
        verdict = check_key_result(text)
        assert not verdict.measurable and verdict.confidence == 0.95, text
        assert any("is not a quantity: say how many" in r for r in verdict.reasons), verdict.reasons
        assert "with a number" in verdict.suggestion, verdict.suggestion
    assert check_key_result("Read several books: at least 3 by June").measurable


def test_a_superlative_picks_a_set_and_is_not_a_loose_frequency() -> None:
    # found starting a team from nothing: "the 5 most frequent alerts" was read as "frequent" with no count,
    # and the suggestion cut the word out of the sentence
    verdict = check_key_result("Write runbooks for the 5 most frequent payments alerts by 2026-12-15")
    assert verdict.measurable, verdict.reasons
    assert not any("frequency" in r for r in verdict.reasons)
    assert not check_key_result("Deploy frequently").measurable
    loose = check_key_result("Release more frequently")
    assert not loose.measurable
    assert '"Release at least once a week this quarter"' in loose.suggestion, loose.suggestion


def test_suggestions_are_tailored_to_the_text() -> None:
    freq = check_key_result("Review pull requests often")
    assert "often" in freq.suggestion and "Review pull requests at least once a week" in freq.suggestion
    learning = check_key_result("Learn about causal inference")
    assert "causal inference" in learning.suggestion
    percent = check_key_result("Increase productivity by 20%")
    assert "productivity from <current value> to <target>" in percent.suggestion
    metric = check_key_result("Mean page load time")
    assert "Mean page load time from <current value> to <target>" in metric.suggestion
    improve = check_key_result("Improve app load time")
    assert "Improve app load time from <current value> to <target>" in improve.suggestion
    for quality in ("Improve reliability", "Increase customer satisfaction"):  # a quality read off a measure
        worded = check_key_result(quality).suggestion
        assert "from <current value> to <target>" in worded and "named deliverable" not in worded, worded


@pytest.mark.parametrize(("text", "example"), [
    # the direction the measure wants when the key result names none: "improve churn" brings it down
    ("Work on our churn", '"Reduce churn from <current value>'),
    ("Work on model accuracy", '"Raise model accuracy from <current value>'),
    # a direction word before the measure is the verb, not part of the measure ("Reduce reducing latency")
    ("Work on reducing latency", '"Reduce latency from <current value>'),
    ("Work on lowering costs", '"Reduce costs from <current value>'),
    # a model is what a measure is read on, not a measure ("Raise model from ...")
    ("Improve the model", '"Raise <a measure of the model, e.g. accuracy> from <current value>'),
    ("Improve our metric", '"Raise <the metric you will move> from <current value>'),
    # a clause with a measure in it is not the measure ("Raise catch all possible errors and do not crash")
    ("catch all possible errors and do not crash", '"Reduce the errors from <current value>'),
    # time spent is said in hours a week, not "from <current value> to <target>" of a beach
    ("Spend more time at the beach", '"Spend <hours> hours a week at the beach, blocked in your calendar'),
    ("Spend less of my free time on social media", '"Spend at most <hours> hours a week on social media, as'),
])
def test_an_example_names_a_measure_with_the_right_verb(text: str, example: str) -> None:
    verdict = check_key_result(text)
    assert not verdict.measurable and example in verdict.suggestion, verdict.suggestion


@pytest.mark.parametrize(("text", "topic"), [
    # real learning key results (tests/data/kr_real.csv): the topic is what is learnt, not the rest of the line
    ("Keep learning JS and code as much as I can.", "on JS and present"),  # was "on ing JS and code"
    ("Actually learn to cook instead of ordering meal delivery plans :)", "on how to cook and present"),
    ("Learn Javascript to the point where I don't need to search StackOverflow, some tutorials on the side",
     "on Javascript and present"),
    ("Learn finances and try saving money.", "on finances and present"),
    ("Learning Python, Django and Flask", "on Python, Django and Flask and present"),  # named subjects stay together
    ("Learn more vanilla JS (by completing JavaScript30 by Wesbos)", "on vanilla JS and present"),
])
def test_a_learning_suggestion_names_what_is_learnt(text: str, topic: str) -> None:
    verdict = check_key_result(text)
    assert not verdict.measurable and f"Read two sources {topic}" in verdict.suggestion, verdict.suggestion


@pytest.mark.parametrize(("text", "example"), [
    # real key results (tests/data/kr_real.csv): the writer's own case stays ("pga" was "PGA")
    ("Facilitate UAST-based tasks on PGA", '"Facilitate 3 UAST-based tasks on PGA by the end of the quarter"'),
    # the first sentence is rewritten, not the paragraph after it, lower-cased
    ("Attend some meetups. Try to attend some programming meetups, perhaps about Rust, Haskell or functional ones.",
     '"Attend 2 meetups by the end of the quarter"'),
    # a question is turned into the result it asks about ("Did 3 I write 8 essays")
    ("Did I write 8 essays by the end of the term?", '"Write 8 essays by the end of the term"'),
    ("Did I publish 1 blog everyday?", '"Publish 1 blog everyday"'),
    ("How do we propose and review non-feature changes in PRs?",
     '"Agree in writing how we propose and review non-feature changes in PRs, approved by <person>, by <date>"'),
    # the quality of sleep is a measure, not code to review ("Get 3 pull requests reviewed ...")
    ("Sleep quality", '"Raise sleep quality from <current value> to <target>'),
    # the verb's ending goes with the verb ("for ing RegenFarms", "for ing with family and friends")
    ("Maintaining RegenFarms", "<a named deliverable> for RegenFarms, reviewed by"),
    ("Spending more time with family and friends", '"Spend <hours> hours a week with family, blocked'),
    # nothing left to name: no "for the topic"
    ("Eat better", '"<Do the thing> <N> times by <date>, logged in'),
    ("Control as many of the sleep factors as possible to ensure quality of sleep!",
     '"Raise the quality of sleep from <current value>'),
])
def test_a_rewrite_keeps_the_writer_s_words_and_reads_as_a_result(text: str, example: str) -> None:
    verdict = check_key_result(text)
    assert not verdict.measurable and example in verdict.suggestion, verdict.suggestion


@pytest.mark.parametrize(("text", "quoted", "not_quoted"), [
    # real key results (tests/data/kr_real.csv): a quote stops where the thing quoted does
    ("Read The Lord of the Rings. I have been meaning to for years", "'The Lord of the Rings'", "Rings. I"),
    ("Finish Konflux and have it usable by the public.", "'Konflux'", "Konflux and"),
    ("Write 2 blog posts a month", "'2 blog posts'", "posts a'"),
    # a word inside a hyphenated one is not said as that word: the all-hands is no complete set
    ("Present churn model v2 results at the February all-hands", "'present' is an event", "complete set ('all')"),
])
def test_a_reason_quotes_the_thing_not_the_words_after_it(text: str, quoted: str, not_quoted: str) -> None:
    reasons = " | ".join(check_key_result(text).reasons)
    assert quoted in reasons and not_quoted not in reasons, reasons


def test_measurable_suggestion_is_empty_or_a_small_refinement() -> None:
    dated = check_key_result("Raise test coverage of the pricing service from 40% to 70% by 2027-03-31")
    assert dated.suggestion == ""
    undated = check_key_result("Get the migration runbook approved by the SRE lead")
    assert "by the end of the quarter" in undated.suggestion
    for period in ("Read 12 books in 2027", "Publish 4 blog posts during Q1", "Run 3 races in the first half"):
        assert check_key_result(period).suggestion == "", period  # it closes with its period: no date to add
    sized = check_key_result("Publish 4 blog posts in 2000 words")  # a size, not a year
    assert "by the end of the quarter" in sized.suggestion


def test_the_word_reason_never_quotes_a_bare_number() -> None:
    """A date's digits may weigh in the words, but its deadline is named by its own evidence."""
    from workbook.coaching.measurability import _word_reason

    for text in ("Ship v2 by 2026-12-15.", "Publish 12 posts by 2027-03-31", "Run 3 5k races by 2027-06-30"):
        for reason in check_key_result(text).reasons:
            if "words like" in reason:
                quoted = re.findall(r"'([^']+)'", reason)
                assert not any(q.replace(" ", "").replace("#", "").isdigit() for q in quoted), (text, reason)
    # any number, as the word part reads it ("#"), is a number too; beside a word it says something
    said = _word_reason({"#": 1.5, "# #": 1.0, "by #": 0.9, "# books": 0.6, "2027": 0.5}, True, flipped=True)
    assert said.endswith("words like '# books' go with a clear done-state ('#' is any number)"), said
    # a number and its shape are one term: "get 100" beside "get #" says nothing more
    said = _word_reason({"get #": 1.0, "get 100": 0.9, "subscribers": 0.5}, True, flipped=True)
    assert "'get #', 'subscribers'" in said and "get 100" not in said, said
    assert "is any number" not in _word_reason({"pull requests": 0.9, "merged": 0.5}, True, flipped=True)


def test_a_deadline_is_quoted_with_its_day_and_its_day_is_not_a_specific_thing() -> None:
    ship = check_key_result("Ship v2 by end of Q1").reasons
    assert "has a deadline ('by end of Q1')" in ship and not any("('Q1')" in r for r in ship), ship
    march = check_key_result("Launch the billing service by the end of March").reasons
    assert "has a deadline ('by the end of March')" in march and not any("('March')" in r for r in march), march
    assert "has a deadline ('by 2027-03-15')" in check_key_result("Ship the API by 2027-03-15").reasons


def test_a_reason_is_not_repeated_for_a_part_of_what_another_quoted() -> None:
    reasons = check_key_result("Publish the Q1 report by end of Q1").reasons
    assert any("('the Q1 report')" in r for r in reasons) and not any("('report')" in r for r in reasons), reasons


def test_reasons_quote_the_text_as_written() -> None:
    verdict = check_key_result("Get the migration runbook approved by the SRE lead by 2027-03-15")
    assert any("SRE lead" in r for r in verdict.reasons)
    assert any("2027-03-15" in r for r in verdict.reasons)


# ---------------------------------------------------------------------------------------------- shape


def test_to_dict_has_exactly_the_public_keys() -> None:
    # Issue 14 adds `confidence` to the four keys the CLI's --json has always had.
    verdict = check_key_result("Improve communication with partners")
    d = verdict.to_dict()
    assert list(d) == ["text", "measurable", "reasons", "suggestion", "confidence"]
    assert 0.5 <= d["confidence"] <= 1
    assert d["text"] == "Improve communication with partners"
    assert d["measurable"] is False
    d["reasons"].append("mutated")
    assert "mutated" not in verdict.reasons


def test_krcheck_is_frozen() -> None:
    verdict = check_key_result("Give 2 internal tech talks this quarter")
    assert isinstance(verdict, KRCheck)
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.measurable = False  # type: ignore[misc]


def test_deterministic() -> None:
    rows = load_rows()
    first = [check_key_result(r["text"]).to_dict() for r in rows]
    second = [check_key_result(r["text"]).to_dict() for r in rows]
    assert first == second


def test_whitespace_and_curly_quotes_are_normalized() -> None:
    a = check_key_result("  Write the team\u2019s   design doc and get it approved by the tech lead ")
    b = check_key_result("Write the team's design doc and get it approved by the tech lead")
    assert a == b


@pytest.mark.parametrize("bad", ["", "   \n "])
def test_blank_key_result_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="empty"):
        check_key_result(bad)


def test_non_text_key_result_is_an_input_error() -> None:
    with pytest.raises(InputError, match="must be text"):
        check_key_result(None)  # type: ignore[arg-type]


def test_import_stays_light() -> None:
    code = (
        "import sys, workbook.coaching; "
        "print(','.join(m for m in ('pandas', 'sklearn', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ---------------------------------------------------------------------------------------------- issue 14: real-world phrasings


@pytest.mark.parametrize(
    "text",
    [
        # the typical misses of the word-list checker: a clear done-state, often with no digit
        "Deploy the new billing service to production",
        "Meet a management coach this quarter",
        "Read The Pragmatic Programmer",
        "Exercise three times a week",
        "Have two pull requests merged in the core repository",
        "Become the top contributor of a project with 1k stars",
        # more in the same shapes, written for this test
        "Ship the search redesign to all customers",
        "Pass the CKA exam",
        "Get the data retention policy signed off by legal",
        "Migrate every service to the new CI",
    ],
)
def test_done_states_without_the_old_vocabulary_are_measurable(text: str) -> None:
    verdict = check_key_result(text)
    assert verdict.measurable, verdict.reasons
    assert verdict.confidence >= 0.7, verdict


@pytest.mark.parametrize(
    "text",
    [
        # the typical false positives: an activity, a responsibility, an open build
        "Use TDD to guide code creation",
        "Build integration tests",
        "Be responsible for the CI configuration",
        "Hold regular brainstorming sessions",
        "Act on the feedback you received",
        # and the guide's own kinds of "no done-state"
        "Learn Kubernetes",
        "Increase customer engagement",
        "Write better documentation",
        "Collaborate with the design team",
        "Continue to support the community",
    ],
)
def test_activities_and_responsibilities_are_not_measurable(text: str) -> None:
    verdict = check_key_result(text)
    assert not verdict.measurable, verdict.reasons
    assert verdict.suggestion.strip()


def test_reasons_name_the_evidence_found_or_missing() -> None:
    assert any("'use' is an activity" in r for r in check_key_result("Use TDD to guide code creation").reasons)
    assert any("responsibility" in r for r in check_key_result("Be responsible for the CI configuration").reasons)
    assert any("'regular'" in r for r in check_key_result("Hold regular brainstorming sessions").reasons)
    assert any("'deploy'" in r for r in check_key_result("Deploy the new billing service to production").reasons)
    merged = check_key_result("Have two pull requests merged in the core repository").reasons
    assert any("two pull requests" in r for r in merged) and any("'merged'" in r for r in merged)


def test_words_are_words_and_adjacent_pairs_as_the_fit_reads_them() -> None:
    from workbook.coaching.kr_model import terms

    assert terms("Get PRs merged\u2014in  core") == {
        "get", "prs", "merged", "in", "core", "get prs", "prs merged", "merged in", "in core"}
    assert terms("I") == frozenset() and terms("") == frozenset()
    # a number is also read as one word, "#", so every count of the same thing shares its terms
    two, twelve = terms("Get 2 PRs merged"), terms("Get 12 PRs merged")
    assert two - {"get prs"} > {"get", "prs", "merged", "prs merged"} and "12 prs" in twelve
    assert {"#", "get #", "# prs"} <= two & twelve and "2 prs" not in twelve
    assert terms("Read 1,200 pages") >= {"# pages", "read #"} and "# #" not in terms("Read 1,200 pages")
    # digits inside a word are read as a number too ("Q1", "x86"), as measured: whole numbers only scored lower
    assert terms("Port the x86 build") >= {"x86", "the x86", "the #", "# build"}


def test_the_word_part_weighs_in_and_is_named_when_it_decides() -> None:
    from workbook.coaching.kr_model import load_weights, probability, word_evidence
    from workbook.coaching.measurability import _word_reason

    model = load_weights()
    assert len(model["words"]) > 500 and model["word_scale"] > 0
    text = "Improve communication with partners"
    words = word_evidence(text)
    assert words and set(words) <= set(model["words"]) and "improve" in words
    with_words, without = probability({}, model, words), probability({}, model)
    assert with_words != without  # the words move the probability
    # decided by the words: the two strongest are quoted, a word inside a quoted pair is not repeated,
    # and words that mean nothing on their own ("with", "on the") are never quoted
    said = _word_reason({"pull requests": 0.9, "pull": 0.8, "merged": 0.5, "on the": 2.0}, True, flipped=True)
    assert "'pull requests', 'merged'" in said and "'pull'" not in said and "on the" not in said
    assert "clear done-state" in said
    # not decided by them and moving it too little: no sentence
    assert _word_reason({"merged": 0.2}, True, flipped=False) == ""
    assert "no clear done-state" in _word_reason({"regularly": -0.8}, False, flipped=False)


def test_words_that_decide_a_verdict_are_among_its_reasons() -> None:
    from workbook.coaching.kr_evidence import VETOES, feature_vector, gather_evidence
    from workbook.coaching.kr_model import load_weights, probability

    model, decided = load_weights(), 0
    for row in load_rows():
        ev = gather_evidence(row["text"])
        if any(read(ev) for read in VETOES.values()):
            continue
        found = feature_vector(ev)
        verdict = check_key_result(row["text"])
        if (probability(found, model) >= 0.5) != verdict.measurable:
            decided += 1
            assert any("words like" in r for r in verdict.reasons), (row["text"], verdict.reasons)
    assert decided > 0  # the word part decides some of our own key results: the test checks something


def test_the_guides_categorical_rules_decide_alone() -> None:
    for text, fragment in [
        ("Increase revenue by X% by Q3", "placeholder"),
        ("Grow newsletter subscribers to $N", "placeholder"),
        # typed in lower case, as a template often is
        ("Increase conversion by x%", "'x%' is a placeholder"),
        ("Publish x blog posts this quarter", "'x' is a placeholder"),
        ("Close n deals by end of Q2", "'n' is a placeholder"),
        ("Validated by min x key partners", "placeholder"),
        ("\u201cFinish\u201d my woodshop", "quotes"),
        ("How do we review changes to the release process?", "question"),
        ("Publish 3 blog posts, maybe", "optional"),
    ]:
        verdict = check_key_result(text)
        assert not verdict.measurable and any(fragment in r for r in verdict.reasons), (text, verdict.reasons)
    for text in ["Run 3 x per week", "Ship the x86 build by June", "Rock n roll night with 20 people by June"]:
        assert not any("placeholder" in r for r in check_key_result(text).reasons), text  # a count, a name


@pytest.mark.parametrize(("text", "why"), [
    ("word word word word word", "'word' is one word repeated"),  # was measurable at 0.53
    ("12345", "no words, only numbers or signs"),  # was measurable at 0.53
    ("asdf asdf", "keys pressed at random"),
    ("asdf", "keys pressed at random"),
    ("qwerty uiop", "keys pressed at random"),
    ("lorem ipsum dolor sit amet", "filler text"),  # was measurable at 0.52
])
def test_text_that_is_not_a_sentence_is_not_measurable_and_says_what_a_key_result_looks_like(text: str, why: str) -> None:
    from workbook.coaching.measurability import NOT_A_SENTENCE_SUGGESTION

    verdict = check_key_result(text)
    assert not verdict.measurable and verdict.confidence == 0.95
    assert len(verdict.reasons) == 1 and verdict.reasons[0].startswith("it does not read as a key result: ")
    assert why in verdict.reasons[0]
    assert verdict.suggestion == NOT_A_SENTENCE_SUGGESTION
    examples = re.findall(r'"([^"]+)"', verdict.suggestion)  # the form it shows passes the check itself
    assert len(examples) == 2 and all(check_key_result(e).measurable for e in examples)


@pytest.mark.parametrize("text", ["Launch", "Graduate!"])
def test_a_single_word_is_not_measurable_but_says_it_could_be_read_either_way(text: str) -> None:
    """'Launch' was measurable at 0.82; 'Graduate!' is labelled measurable in kr_real.csv (an event that happens
    or not), so a single word is a doubt to talk through, not a verdict given with 0.95."""
    from workbook.coaching.measurability import LOW_CONFIDENCE, NOT_A_SENTENCE_SUGGESTION

    verdict = check_key_result(text)
    assert not verdict.measurable and verdict.confidence < LOW_CONFIDENCE
    assert verdict.reasons[0].startswith("could be read either way: ") and "is a single word" in verdict.reasons[0]
    assert verdict.suggestion == NOT_A_SENTENCE_SUGGESTION


@pytest.mark.parametrize("text", ["Ship v2", "Run a marathon", "NPS 40", "Hire 2 engineers", "Go-live in May",
                                  "Graduate from the bootcamp", "每天1道LeetCode", "完成项目文档",
                                  "Avoir le produit X terminé"])
def test_a_short_real_key_result_reads_as_a_sentence(text: str) -> None:
    from workbook.coaching.measurability import not_a_sentence

    assert not_a_sentence(text) == ""
    assert not any("does not read as a key result" in r for r in check_key_result(text).reasons)


def test_the_not_a_sentence_rule_changes_no_verdict_on_the_labelled_corpora() -> None:
    """The rule comes before the model: on every labelled row it fires on, the model and the guide's rules
    (``score_text``, which has no such rule) already said not measurable; no verdict changes."""
    from workbook.coaching.kr_model import score_text
    from workbook.coaching.measurability import not_a_sentence
    from workbook.coaching.text import normalize

    texts = []
    for name in ("kr_real.csv", "kr_labels.csv", "kr_other_languages.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as fh:
            texts += [row["text"] for row in csv.DictReader(fh)]
    assert len(texts) > 3400
    fired = [t for t in texts if not_a_sentence(normalize(t))]
    assert 0 < len(fired) < 30  # single words in published lists ("Clothing", "Running"), nothing longer
    assert [t for t in fired if score_text(normalize(t)) >= 0.5] == []
    assert all(len(set(re.findall(r"\w+", t.lower()))) == 1 for t in fired)


@settings(max_examples=40, deadline=None)
@given(word=st.from_regex(r"[A-Za-z]{2,12}", fullmatch=True), times=st.integers(2, 6), sep=st.sampled_from([" ", ", "]))
def test_any_word_repeated_is_not_measurable(word: str, times: int, sep: str) -> None:
    verdict = check_key_result(sep.join([word] * times))
    assert not verdict.measurable


def test_check_kr_says_a_repeated_word_does_not_read_as_a_key_result(cli) -> None:
    r = cli("check-kr", "word word word word word")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("NOT measurable")
    assert "it does not read as a key result: 'word' is one word repeated" in r.stdout
    assert "suggestion: Write what will be done and how anyone can tell it is done" in r.stdout


def test_confidence_is_a_probability_and_low_confidence_says_so() -> None:
    sure = check_key_result("Publish 4 posts on the engineering blog by June")
    assert sure.measurable and 0.9 <= sure.confidence <= 1
    assert not any(r.startswith("could be read either way") for r in sure.reasons)
    unsure = check_key_result("Own the release process")  # a responsibility, but it names one process
    assert 0.5 <= unsure.confidence < 0.7
    either = [r for r in unsure.reasons if r.startswith("could be read either way: ")]
    assert len(either) == 1 and either[0] != "could be read either way: "
    for row in load_rows():
        confidence = check_key_result(row["text"]).confidence
        assert 0.5 <= confidence <= 1 and confidence == round(confidence, 2)


def test_text_mostly_in_another_script_is_a_guess_and_says_so() -> None:
    from workbook.coaching.measurability import LOW_CONFIDENCE, UNREAD_SCRIPT_CONFIDENCE, mostly_unread_script

    assert mostly_unread_script("落地 sealos 一期重点场景建设") and mostly_unread_script("Выпустить версию 2")
    assert mostly_unread_script("Увеличить ARR с $10M до $15M (+50%)")  # "M" is a unit, not an English word
    assert mostly_unread_script("[life] 自転車 2000km/year") and not mostly_unread_script("Run 1000 km in 2027")
    for read in ("Ship v2 by June", "Améliorer la qualité du café", "Publish 4 posts 🚀", "2027", "Q1: 10+"):
        assert not mostly_unread_script(read), read
    for text in ("给 10+ 线下展览投稿", "落地 sealos 一期重点场景建设", "每月至少一本好书"):
        verdict = check_key_result(text)
        assert 0.5 <= verdict.confidence <= UNREAD_SCRIPT_CONFIDENCE < LOW_CONFIDENCE, text
        either = [r for r in verdict.reasons if r.startswith("could be read either way")]
        assert len(either) == 1 and "reads English" in either[0] and verdict.reasons[0] == either[0], verdict.reasons
        assert text not in verdict.suggestion and "English" in verdict.suggestion  # no rewrite around words unread
    english = check_key_result("Publish 4 posts on the engineering blog by June")  # unchanged for English
    assert english.confidence >= 0.9 and not any("reads English" in r for r in english.reasons)


def test_every_published_chinese_key_result_is_called_a_guess() -> None:
    """kr_other_languages.csv: key results published in Chinese, some with English names in them ("每天1道LeetCode",
    "sealoa cloud 正式上线"); the checker must not give any of them a confident verdict."""
    from workbook.coaching.language import unread_language
    from workbook.coaching.measurability import UNREAD_SCRIPT_CONFIDENCE

    with (DATA / "kr_other_languages.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["language"] == "zh"]
    assert len(rows) >= 70
    for row in rows:
        verdict = check_key_result(row["text"])
        assert unread_language(verdict.text) == "script", row["text"]
        assert verdict.confidence <= UNREAD_SCRIPT_CONFIDENCE and "reads English" in verdict.reasons[0], row["text"]


def test_published_key_results_in_latin_script_languages_are_mostly_called_a_guess() -> None:
    """kr_other_languages.csv: 118 key results published in Spanish, Portuguese, French, German, Italian and Dutch.
    Terse ones ("Sturzrate senken", "10 verzen per maand") are not recognised: 97 are (0.82); every one that is
    gets no confident verdict, even when a rule of the guide (a placeholder) decided it."""
    from workbook.coaching.language import unread_language
    from workbook.coaching.measurability import UNREAD_SCRIPT_CONFIDENCE

    with (DATA / "kr_other_languages.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["language"] in {"es", "pt", "fr", "de", "it", "nl"}]
    assert len(rows) >= 118 and len({r["language"] for r in rows}) == 6
    flagged = 0
    for row in rows:
        verdict = check_key_result(row["text"])
        if unread_language(verdict.text):
            flagged += 1
            assert verdict.confidence <= UNREAD_SCRIPT_CONFIDENCE and "reads English" in verdict.reasons[0], row
            assert "English" in verdict.suggestion
        else:
            assert not any("reads English" in r for r in verdict.reasons)
    assert flagged >= 0.8 * len(rows), flagged


def test_the_language_probe_from_sources_the_test_was_not_written_on() -> None:
    """language_probe.csv (LANGUAGE_PROBE.md): 181 published goals and key results in eleven other languages
    and 27 English ones with foreign names, words or script in them. Floors at today's figures (156 and 1)."""
    from workbook.coaching.language import unread_language
    from workbook.coaching.text import normalize

    with (DATA / "language_probe.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    foreign = [r for r in rows if r["language"] != "en"]
    english = [r["text"] for r in rows if r["language"] == "en"]
    assert len(foreign) == 181 and len(english) == 27 and len({r["source"] for r in rows}) >= 15
    assert sum(bool(unread_language(normalize(r["text"]))) for r in foreign) >= 156
    assert [t for t in english if unread_language(normalize(t))] == ["Passive form (受身形)"]  # 3 of 5 words Japanese


def test_text_in_another_latin_language_is_a_guess_and_english_with_foreign_names_is_not() -> None:
    from workbook.coaching.language import mostly_other_language, unread_language
    from workbook.coaching.measurability import UNREAD_SCRIPT_CONFIDENCE

    for text in ("Aumentar las ventas en un 20%", "Reduzir o tempo de resposta para 2 horas",
                 "Die Anzahl der Kunden um 10% steigern", "Verhoog het aantal klanten met 10%",
                 "Migliorare la qualità del codice", "Améliorer la qualité du café",
                 "Conseguir trabajo como desarrollador senior", "Lancer une nouvelle version",  # no two function words
                 "Conseguir 2 certificaciones (React + AWS) antes de junio"):  # a deadline's words
        assert unread_language(text) == "language", text
        verdict = check_key_result(text)
        assert verdict.confidence <= UNREAD_SCRIPT_CONFIDENCE, text
        assert verdict.reasons[0].startswith("could be read either way: this check reads English, and this text "
                                             "reads as another language"), verdict.reasons
        assert "English" in verdict.suggestion
    for text in ("Ship the São Paulo launch", "Present at the Café de la Gare", "MIT licensed release of the SDK",
                 "Get 3 PRs merged in LA", "Publish 4 posts on the engineering blog by June", "Learn Go",
                 "Reduce p95 latency", "Run a marathon", "Tour du Mont Blanc", "Sub-18 minute 5K",
                 "Launch in August with Mei", "Ship the Paris release before Mai's talk in April"):
        assert not mostly_other_language(text), text
    assert not mostly_other_language("") and not mostly_other_language("2027")


def test_the_language_check_answers_without_its_model(monkeypatch) -> None:
    """py3langid missing or its model file unreadable: the function words still answer, and the checker never fails."""
    import builtins

    from workbook.coaching import language

    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("py3langid"):
            raise ImportError("No module named 'py3langid'")
        return real_import(name, *args, **kwargs)

    language.language_identifier.cache_clear()
    monkeypatch.setattr(builtins, "__import__", refuse)
    try:
        assert language.unread_language("Aumentar las ventas en un 20%") == "language"  # two function words
        assert language.unread_language("Conseguir trabajo como desarrollador senior") == ""  # needed the model
        assert check_key_result("Conseguir trabajo como desarrollador senior").text
    finally:
        monkeypatch.undo()
        language.language_identifier.cache_clear()
    assert language.unread_language("Conseguir trabajo como desarrollador senior") == "language"


def test_no_english_text_of_the_corpora_is_taken_for_another_language() -> None:
    """5,000+ English key results and goals that people published or we wrote, and the ladders' texts: none
    flagged (a false flag would cost a manager a confident verdict on good English)."""
    from workbook.coaching.language import unread_language
    from workbook.coaching.text import normalize

    texts = []
    for name, column in (("kr_real.csv", "text"), ("kr_labels.csv", "text"), ("goals_real.csv", "text"),
                         ("ladder_goals.csv", "goal")):
        with (DATA / name).open(encoding="utf-8", newline="") as fh:
            texts += [row[column] for row in csv.DictReader(fh)]
    assert len(texts) > 5000
    ladders = Path(__file__).resolve().parents[1] / "ladders"
    public = Path(__file__).resolve().parents[2] / "shared" / "ladders-public"  # when present beside the project
    for path in [*ladders.glob("*.csv"), *public.glob("*.csv")]:
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            texts += [cell for row in csv.reader(fh) for cell in row if len(cell.split()) >= 3]
    assert [t for t in texts if unread_language(normalize(t))] == []


def test_the_okr_form_does_not_promise_no_doubt_when_the_checker_is_unsure() -> None:
    from workbook.forms.okrs import kr_feedback_html

    unsure = kr_feedback_html("Own the release process")
    assert "no doubt" not in unsure and "could be read either way" in unsure
    assert "Measurable: no doubt" in kr_feedback_html("Publish 4 posts on the engineering blog by June")


def test_reasons_survive_odd_real_world_text() -> None:
    odd = [
        "8X% in STAT 302",
        "Forum (runtime), storage (runtime and P2P) fully specd (n)",
        "Taught _______ to another",
        "Cut ticket MTTR 25 % (from 2 h \u2192 1.5 h)",
        "Vital missing APIs are implemented i.e. /dag/put, /dag/resolve, /repo/gc",
        "\U0001f680 Ship v2.0!!!",
        "KR1: ???",
    ]
    for text in odd:
        verdict = check_key_result(text)
        assert verdict.reasons and all(r.strip() for r in verdict.reasons), text
        assert verdict.measurable or verdict.suggestion, text


# ---------------------------------------------------------------------------------------------- goal framing


def codes(hints: list[Hint]) -> list[str]:
    return [h.code for h in hints]


@pytest.mark.parametrize("goal", SEED_GOALS)
def test_seed_goals_get_no_task_or_symptom_hint(goal: str) -> None:
    assert not {"task_not_growth", "symptom_goal"} & set(codes(frame_goal(goal)))


def test_seed_goal_list_has_no_hints() -> None:
    assert check_goals(SEED_GOALS) == []


@pytest.mark.parametrize(
    "goal",
    ["Ship the pricing dashboard", "Migrate the ETL jobs to Airflow", "Finish the churn model by June"],
)
def test_tasks_are_not_growth(goal: str) -> None:
    hints = frame_goal(goal)
    assert codes(hints) == ["task_not_growth"]
    assert hints[0].reframe and "skills" in hints[0].reframe
    assert hints[0].goal == goal


@pytest.mark.parametrize(
    "goal",
    [
        "Improve my multitasking and productivity",
        "Work more hours so I can handle more requests",
        "Handle more requests from partners",
        "Be faster at answering partner questions",
        "Be faster at delivering tickets",
        "Deliver features faster",
        "Do more in less time",  # "do more" of work itself, and efficiency as such, stay symptoms
        "Waste less time, become more efficient",
    ],
)
def test_symptom_goals_reframe_to_prioritization(goal: str) -> None:
    hints = frame_goal(goal)
    assert "symptom_goal" in codes(hints)
    hint = next(h for h in hints if h.code == "symptom_goal")
    assert "prioritization" in hint.message and "stakeholder management" in hint.message
    assert hint.reframe and "push back" in hint.reframe


@pytest.mark.parametrize("goal", ["Get faster at profiling slow pages in the dashboard",
                                  "Get quicker at reading unfamiliar code"])
def test_getting_faster_at_a_skill_is_growth_not_overload(goal: str) -> None:
    """Speed at a craft is the craft getting sharper; speed at answering or delivering stays a symptom above."""
    assert "symptom_goal" not in codes(frame_goal(goal))


@pytest.mark.parametrize("goal", [
    # published growth goals (tests/data/goals_real.csv) the overload hint read as "more output"
    "Definitely want to do more with TypeScript",
    "Do more of the right kind of learning",
    "doing more pair programming and team building",
    "I will learn to run efficient meetings",
    "Become more efficient in GitHub",
    "Enhance Node Autoscaling Efficiency",
])
def test_wanting_more_of_a_practice_is_not_overload(goal: str) -> None:
    assert "symptom_goal" not in codes(frame_goal(goal))


@pytest.mark.parametrize(
    "goal",
    [
        "Improve my communication skills",
        "Work on soft skills like communication and collaboration",
        "Become a stronger leader",
        "Improve collaboration",
    ],
)
def test_soft_skills_without_behaviour_get_a_hint(goal: str) -> None:
    hints = frame_goal(goal)
    assert codes(hints) == ["vague_soft_skill"]
    assert "behaviour" in hints[0].message
    assert hints[0].reframe and "by " in hints[0].reframe


def test_soft_skill_with_behaviour_and_setting_is_fine() -> None:
    assert frame_goal("Improve my communication with partners by presenting at the weekly meeting") == []


def test_too_many_goals() -> None:
    goals = [*SEED_GOALS, "Grow my system design skills by leading two design reviews"]
    hints = check_goals(goals)
    assert codes(hints) == ["too_many_goals"]
    assert "4 goals" in hints[0].message and "3" in hints[0].message
    assert check_goals(goals, max_goals=4) == []


def test_blank_goals_are_ignored_and_duplicates_flagged() -> None:
    hints = check_goals([SEED_GOALS[1], "", "  ", SEED_GOALS[1].upper()])
    assert codes(hints) == ["duplicate_goal"]


def test_no_goals() -> None:
    assert codes(check_goals([])) == ["no_goals"]


def test_check_goals_rejects_bad_input() -> None:
    with pytest.raises(InputError):
        check_goals(SEED_GOALS, max_goals=0)
    with pytest.raises(InputError):
        check_goals([SEED_GOALS[0], 3])  # type: ignore[list-item]


def test_hint_messages_are_one_sentence_naming_the_goal() -> None:
    for hint in check_goals(
        ["Ship the pricing dashboard", "Improve multitasking", "Improve collaboration", "Learn Rust"],
        max_goals=4,
    ):
        assert hint.message.endswith(".")
        assert hint.message.count(". ") == 0
        assert hint.goal and hint.goal[:10] in hint.message
        assert set(hint.to_dict()) == {"code", "message", "reframe", "goal"}


# ---------------------------------------------------------------------------------------------- obstacles


def test_mental_obstacles_catalogue() -> None:
    assert {
        "pushing back on stakeholders",
        "fear of presenting",
        "perfectionism on a draft",
        "asking for help",
    } <= set(MENTAL_OBSTACLES)
    for kind, entry in MENTAL_OBSTACLES.items():
        assert entry["description"].strip(), kind
        assert len(entry["prompts"]) >= 3, kind
        assert entry["trial_run"].strip(), kind


def test_pushing_back_prompts_follow_the_seed() -> None:
    prompts = mental_obstacle_prompts("pushing back on stakeholders")
    assert len(prompts) == 4
    impact, shared, respectful, trial = prompts
    assert "impact" in impact and "priorit" in impact
    assert "partners" in shared and "say no" in shared and "not a personal" in shared
    assert "respectfully" in respectful and "self-serve" in respectful and "priority" in respectful
    assert "draft" in trial.lower() and "before you send" in trial and "1:1" in trial


def test_obstacle_kind_is_forgiving_and_unknown_kinds_fail_clearly() -> None:
    assert mental_obstacle_prompts("Pushing_Back-on  stakeholders") == mental_obstacle_prompts(
        "pushing back on stakeholders"
    )
    with pytest.raises(InputError, match="pushing back on stakeholders"):
        mental_obstacle_prompts("imposter syndrome")


def test_obstacle_prompts_are_copies() -> None:
    mental_obstacle_prompts("asking for help").append("x")
    assert "x" not in mental_obstacle_prompts("asking for help")


@pytest.mark.parametrize("text, topic", [("Be responsible for the on-call rota", "on-call rota"),
                                         ("Be responsible for the CI configuration", "CI configuration")])
def test_a_responsibility_s_suggestion_names_what_it_is_for(text: str, topic: str) -> None:
    """A walk's `kr add` answered "Be responsible for the on-call rota" with "... for the topic"."""
    verdict = check_key_result(text)
    assert not verdict.measurable and f"happen for {topic}, who will check it" in verdict.suggestion
    assert "the topic" not in verdict.suggestion


def test_a_key_result_naming_a_day_no_calendar_has_is_not_measurable() -> None:
    """"Ship the ML runbook by 2026-02-30" was measurable with "has a deadline"; "by 31 February" was said to fall
    outside the quarter. A day that does not exist is no deadline: said so, with a real day suggested."""
    from workbook.coaching.kr_dates import (
        check_key_result_dates,
        check_key_result_in_quarter,
        impossible_dates,
    )

    for text, bad in [("Ship the ML runbook by 2026-02-30", "'2026-02-30'"), ("Ship it by 31 February", "'31 February'"),
                      ("Publish the guide by April 31st", "'April 31st'")]:
        for verdict in (check_key_result_dates(text), check_key_result_in_quarter(text, "2026Q1")):
            assert not verdict.measurable and verdict.reasons[0].startswith(f"{bad} is not a day in the calendar")
            assert not any(r.startswith("has a deadline") for r in verdict.reasons)
            assert "Write a real day" in verdict.suggestion
    assert check_key_result_dates("Ship it by 29 February").measurable  # a day in a leap year
    assert impossible_dates("Ship it by 29 February", 2027) == ["'29 February'"]
    assert not check_key_result_in_quarter("Ship it by 29 February", "2027Q1").measurable
    assert check_key_result_in_quarter("Ship it by 29 February", "2028Q1").measurable
    # real texts: none of the labelled published key results and goals names an impossible day (no false alarm)
    for name in ("kr_real.csv", "goals_real.csv"):
        with open(Path(__file__).parent / "data" / name, encoding="utf-8") as fh:
            assert not [r["text"] for r in csv.DictReader(fh) if impossible_dates(r["text"])]


def test_check_kr_finds_an_impossible_day_with_its_year_or_in_figures_and_suggests_the_months_last_day(cli) -> None:  # type: ignore[no-untyped-def]
    """`check-kr` took "by 29 February 2027" (no leap year) and "by 31/04/2027" for deadlines, and its suggestion
    was "by 28 February" whatever the month the impossible day was in."""
    from workbook.coaching.kr_dates import (
        check_key_result_dates,
        check_key_result_in_quarter,
        impossible_dates,
    )

    assert impossible_dates("Ship it by 29 February 2027") == ["'29 February 2027'"]
    assert impossible_dates("Ship it by 29 February 2027", 2028) == ["'29 February 2027'"]  # its own year counts
    assert impossible_dates("Ship it by 29 February 2028", 2027) == []
    assert impossible_dates("Ship it by April 31st, 2027") == ["'April 31st, 2027'"]
    assert impossible_dates("Ship it by 31/04/2027") == ["'31/04/2027'"]
    assert impossible_dates("Ship it by 31.06.2027 or 04/31/2027") == ["'31.06.2027'", "'04/31/2027'"]
    # a day in either reading of the figures is a day: 12/25/2027 (US), 30/04/2027, 3/4/2027; nor is a version one
    assert impossible_dates("by 12/25/2027, 30/04/2027 or 3/4/2027; release 1.2.2027") == []
    for text, bad, real in [("Publish the on-call guide by 31/04/2027", "'31/04/2027'", "'by 30 April 2027'"),
                            ("Publish the on-call guide by 29 February 2027", "'29 February 2027'", "'by 28 February 2027'"),
                            ("Publish the on-call guide by April 31st", "'April 31st'", "'by 30 April'"),
                            ("Publish the on-call guide by 31 June", "'31 June'", "'by 30 June'"),
                            ("Publish the on-call guide by 2026-11-31", "'2026-11-31'", "'by 30 November 2026'")]:
        verdict = check_key_result_dates(text)
        assert not verdict.measurable and verdict.reasons[0].startswith(f"{bad} is not a day in the calendar"), verdict
        assert real in verdict.suggestion and "28 February" not in verdict.suggestion.replace("28 February 2027", ""), \
            verdict.suggestion
        assert not any(r.startswith(("has a deadline", "has a threshold ('31/04')")) for r in verdict.reasons)
    assert "'by 28 February'" in check_key_result_dates("Ship it by 31 February").suggestion  # in every year
    assert "'by 30 June 2027'" in check_key_result_in_quarter("Ship it by 31 June", "2027Q2").suggestion
    shown = cli("check-kr", "Publish the on-call guide by 31/04/2027", "Publish the on-call guide by 29 February 2027")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("NOT measurable") == 2 and "has a deadline" not in shown.stdout
    assert "suggestion: Write a real day, e.g. 'by 30 April 2027'" in shown.stdout
    assert "suggestion: Write a real day, e.g. 'by 28 February 2027'" in shown.stdout
