"""Is a text written in English? The measurability checker's evidence rules and word weights read English only;
on text in another script or another language its verdict is a guess, and it must say so (docs/measurability.md,
"Language"). Offline, nothing downloaded at run time:

- another script: most of the text's words are written in a script other than Latin (Chinese, Japanese, Cyrillic,
  Greek, Arabic, ...). A Chinese, Japanese or Korean character counts as a word of its own, since those scripts
  put no space between words and a handful of them outweigh the product names written in Latin beside them
  ("每天1道LeetCode" is Chinese with one English name in it).
- another language in Latin letters: at least two of its words are function words of Spanish, Portuguese, French,
  German, Italian or Dutch (or words of a deadline: "antes de junio") that are not English words, and they
  outnumber its English function words ("Aumentar las ventas en un 20%"); or it has no English function word at
  all and py3langid (langid.py's naive Bayes model over byte n-grams, which ships its weights in the wheel) is at
  least 0.9 sure it is not English, choosing among English and those six ("Conseguir trabajo como desarrollador
  senior") or, when that choice is unsure, among English and eighteen languages written in Latin letters
  ("Przebiec 400 km"). A foreign name in an English sentence stays English ("Ship the São Paulo launch";
  "Present at the Café de la Gare": 2 against 2). The model is loaded on first need (about 0.5 s), and only
  text with no English function word needs it.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from typing import Any

from .text import phrases

__all__ = ["mostly_unread_script", "mostly_other_language", "unread_language", "language_identifier", "UNREAD_WHY"]

# How a check says which of the two tests found the text is not English (the key-result reasons, the suggester).
UNREAD_WHY = {"script": "most of this text is in another script", "language": "this text reads as another language"}

# Scripts written without spaces between words: each character is counted as one word.
_UNSPACED = ("CJK UNIFIED IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL SYLLABLE", "CJK COMPATIBILITY IDEOGRAPH")

# Function words common in key results and goals, per language, leaving out any that is also an English word
# or common in English text ("a", "in", "an", "as", "do", "no", "per", "pro", "son", "die", "e", "o").
_FOREIGN = frozenset(phrases(
    # Spanish
    "de, el, la, los, las, del, y, para, con, por, una, un, que, en, es, al, su, sus, nuestro, nuestra, nuestros, "
    "cada, más, lo, se, mi, mis, este, esta, estos, entre, sobre, hasta, desde, sin, también, "
    # Portuguese
    "da, das, dos, em, com, uma, um, os, ao, aos, pelo, pela, nossa, nosso, até, não, é, "
    # French
    "le, les, des, du, et, pour, avec, une, dans, sur, au, aux, est, nous, notre, nos, je, ce, cette, ces, "
    "chaque, leur, leurs, d'un, d'une, l'équipe, "
    # German
    "der, das, und, zu, mit, von, für, den, dem, auf, ist, ein, eine, einen, einem, nicht, wir, ich, "
    "unsere, unser, bis, im, zum, zur, aus, bei, oder, "
    # Italian
    "il, gli, della, delle, dei, di, che, nel, nella, sono, alla, ogni, nostro, nostra, degli, dal, "
    # Dutch
    "het, een, van, voor, met, naar, niet, zijn, wij, ik, ons, onze, elke, tot, "
    # words of time a key result's deadline uses: before, after, during, within; the months
    "antes, después, durante, depois, avant, après, pendant, prima, dopo, entro, nach, während, vor, tijdens, "
    "binnen, enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre, "
    "janeiro, fevereiro, março, maio, junho, julho, setembro, outubro, novembro, dezembro, janvier, février, "
    "avril, juin, juillet, août, septembre, octobre, décembre, januar, februar, märz, juni, juli, oktober, "
    "dezember, gennaio, febbraio, aprile, maggio, giugno, luglio, settembre, ottobre, dicembre, januari, "
    "februari, maart, mei, augustus, "
    # at least, my, some: "Leggere almeno 6 libri", "Formaliser mes processus"
    "almeno, menos, moins, mindestens, minstens, mio, mia, miei, mie, dalla, dalle, alle, agli, sul, sulla, "
    "alguna, algún, meu, minha, mes, mein, meine, meinen, mijn"
))  # not "April", "August", "September", "November", "December", "Mars", "Mai": English words or names too

# English function words. Not counted: those that are function words of the six too ("in", "per", "is", "an",
# "as", "on": "Leggere almeno 8 ore al mese in ... per ..." is Italian), which are evidence of neither.
_ENGLISH = frozenset(phrases(
    "the, of, and, to, for, with, by, at, from, a, are, be, our, my, we, i, all, each, every, "
    "that, this, into, than, least, more, will, have, has, it, its, or, not, new, your, their, them, "
    "one, two, three, out, up, about, before, after, within, until, most, which, who, what, how"
))

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def mostly_unread_script(text: str) -> bool:
    """True when most of ``text``'s words are in a script other than Latin: a run of non-Latin letters is a word,
    and so is each Chinese, Japanese or Korean character. Accented Latin letters are Latin; a unit written against
    its number ("$10M", "300ms", "2000km") is not a Latin word."""
    latin = other = 0
    for match in _WORD.finditer(text):
        run = match.group()
        latin_part = "".join(ch if _is_latin(ch) else " " for ch in run).split()
        after_digit = match.start() > 0 and text[match.start() - 1].isdigit() and _is_latin(run[0])
        latin += len(latin_part) - (1 if after_digit else 0)
        rest = "".join(" " if _is_latin(ch) else ch for ch in run)
        for piece in rest.split():
            unspaced = sum(unicodedata.name(ch, "").startswith(_UNSPACED) for ch in piece)
            other += unspaced + (1 if unspaced < len(piece) else 0)
    return other > latin


# The languages py3langid chooses among, and how sure it must be. Chosen on the 118 published key results in
# six languages that the function words alone had been scored on once (docs/measurability-model.md): 0.9
# flags 87 of them with none of 5,359 English key results and goals; fastText's small model flagged English
# ("Tour du Mont Blanc", "Improve DHT scalability"). A second choice among more languages written in Latin
# letters (Polish, Turkish, Swedish, ...) is asked only when the first is not sure; asked alone it would spread
# its certainty and lose some of the six (82 of the 87 the first choice found).
LATIN_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl")
MORE_LATIN_LANGUAGES = (*LATIN_LANGUAGES, "pl", "tr", "sv", "da", "no", "cs", "ro", "ca", "hu", "fi", "id", "vi")
MODEL_CERTAINTY = 0.9


@functools.cache
def language_identifier() -> tuple[Any, ...]:
    """py3langid's model as two choosers, among LATIN_LANGUAGES and among MORE_LATIN_LANGUAGES (one model file
    read once, about 0.5 s), or () when it cannot be loaded: the function words still answer (a language guess is
    an extra the checker must not fail for)."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        choosers = []
        for languages in (LATIN_LANGUAGES, MORE_LATIN_LANGUAGES):
            chooser = copy.copy(model)  # set_languages gives the copy its own slices of the shared weights
            chooser.set_languages(list(languages))
            choosers.append(chooser)
        return tuple(choosers)
    except Exception:  # noqa: BLE001 - missing package, unreadable or corrupt model file: answer without it
        return ()


def mostly_other_language(text: str) -> bool:
    """True when ``text`` is in Latin letters but reads as Spanish, Portuguese, French, German, Italian or Dutch:
    two or more of those languages' function words and more of them than English function words, or no
    English function word and py3langid at least MODEL_CERTAINTY sure it is one of those six, or, asked among more
    languages written in Latin letters (MORE_LATIN_LANGUAGES), that it is one of those."""
    words = [w.lower() for w in _WORD.findall(text)]
    foreign = sum(w in _FOREIGN for w in words)
    english = sum(w in _ENGLISH for w in words)
    if foreign >= 2 and foreign > english:
        return True
    if english or not words:
        return False
    return any(language != "en" and certainty >= MODEL_CERTAINTY  # the second chooser only when the first is unsure
               for language, certainty in (chooser.classify(text) for chooser in language_identifier()))


def unread_language(text: str) -> str:
    """"script" or "language" when ``text`` is not in English (which of the two tests said so), else ""."""
    if mostly_unread_script(text):
        return "script"
    return "language" if mostly_other_language(text) else ""
