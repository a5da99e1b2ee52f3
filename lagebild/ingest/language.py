"""Language identification: a function-word vote (a unanimous one for short texts, a clear majority
for longer ones), lingua for the rest, restricted to the languages Lagebild handles.

lingua reads only its trigram models for texts of 120 characters or more, but every n-gram model
(1- to 5-grams) below that: for a one-line text the detector costs ~0.35 s and ~87 MB more
(measured with German and English loaded). lingua counts letters only (``letter_count``; measured:
119 letters in 197 characters load every model, 120 letters do not), so a Wikinews article of 134
characters with 118 letters is short for it (0.71 s and +104 MB, once per process). A short text whose German or English function words
(``function_words.yaml``: articles, pronouns, prepositions, subordinators, auxiliaries, months,
weekdays)
vote clearly for one language is decided by that vote; lingua decides the rest. Callers that know
the language (source metadata, ``--language``) never get here.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from lagebild.lexicon import load, words

_lock = threading.Lock()
# lingua needs no more than a few hundred characters to tell German from English;
# the prefix keeps long inputs cheap.
_SAMPLE_CHARS = 3000
# below this many letters lingua loads all its n-gram models (lingua's own threshold)
SHORT_TEXT_CHARS = 120
# a short text is decided by the vote when one language has at least this many function words
# and the other none; otherwise lingua decides. Measured on the UD sentences under 120 characters
# (English EWT dev+test 3,502, German GSD 1,304): the vote decided 1,550 English and 955 German
# ones and was never wrong; lingua agreed on all but 2 of them (both lingua's errors). Wrong on all
# 4,806: lingua alone 185, vote then lingua 183.
_MIN_VOTES = 2
# a longer text is decided by the vote when one language has at least _MAJORITY_MIN function words
# in the sample and _MAJORITY_RATIO times as many as the other; otherwise lingua decides (1.2 ms a
# text, a twentieth of an article's analysis). Measured on texts of 120 characters or more: 850
# German Wikinews articles (848 decided by the vote), UD German GSD in groups of five sentences
# (347 of 356) and the UD English EWT documents (324 of 452): the vote was never wrong; lingua
# alone was wrong once (an EWT document).
_MAJORITY_MIN = 8
_MAJORITY_RATIO = 5
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*langs).build()


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    """Every list of each language in function_words.yaml (articles ... auxiliaries, months,
    weekdays), without the forms the languages share ("in", "april")."""
    data = load("function_words")
    lists = {lang: words("function_words", *(f"{lang}.{name}" for name in data.get(lang, {})))
             for lang in ("de", "en")}
    return {lang: own - frozenset().union(*(v for k, v in lists.items() if k != lang)) for lang, own in lists.items()}


def vote_language(text: str, languages: tuple[str, ...] = ("de", "en")) -> str | None:
    """The language whose function words the text uses when the vote is clear (at least
    ``_MIN_VOTES`` of one language's and none of the other's), else None."""
    counts = function_word_counts(text, languages)
    voted = [lang for lang, n in counts.items() if n]
    if len(voted) == 1 and counts[voted[0]] >= _MIN_VOTES:
        return voted[0]
    return None


def function_word_counts(text: str, languages: tuple[str, ...] = ("de", "en")) -> dict[str, int]:
    """How many of each language's function words ``text`` has (the forms two languages share
    do not count)."""
    lists = _function_words()
    words = _WORD.findall(text.casefold())
    return {lang: sum(map(lists[lang].__contains__, words)) for lang in languages if lang in lists}


def majority_language(text: str, languages: tuple[str, ...] = ("de", "en")) -> str | None:
    """The language whose function words clearly dominate a longer text (``_MAJORITY_MIN`` and
    ``_MAJORITY_RATIO`` times the others'), else None."""
    counts = sorted(function_word_counts(text, languages).items(), key=lambda kv: kv[1], reverse=True)
    if not counts or counts[0][1] < _MAJORITY_MIN:
        return None
    if len(counts) > 1 and counts[0][1] < _MAJORITY_RATIO * counts[1][1]:
        return None
    return counts[0][0]


def letter_count(text: str) -> int:
    """How many letters ``text`` has: the length lingua compares with its 120 characters."""
    return sum(map(str.isalpha, text))


def detect_language(text: str, languages: tuple[str, ...] = ("de", "en")) -> str | None:
    """ISO 639-1 code of the text's language among ``languages``; None for no letters."""
    sample = text[:_SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    # short: a text that lingua would read with all its models
    short = letter_count(sample) < SHORT_TEXT_CHARS
    voted = vote_language(sample, languages) if short else majority_language(sample, languages)
    if voted is not None:
        return voted
    with _lock:
        detector = _detector(tuple(sorted(set(languages))))
    lang = detector.detect_language_of(sample)
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()
