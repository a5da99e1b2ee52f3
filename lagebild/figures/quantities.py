"""Numbers as German and English news write them: digits, number words, scales, fractions.

Written for Lagebild because ``text2num`` breaks on "200 Millionen Dollar" and "dreieinhalb"
(NLP-STACK.md). The words are data (``lagebild/lexicons/figures_numbers.yaml``); everything here
works on strings; finding figures in a document is ``lagebild.figures.component``.

- ``parse_digits("100.000", "de") -> 100000``; ``parse_digits("1.5", "en") -> 1.5``
- ``parse_number_word("dreieinhalb", "de") -> 3.5``; ``parse_number_word("zwölftausendfünfhundert")``
- ``parse_number_words(["two", "hundred", "thousand"], "en") -> 200000``
- ``scale_of("Mio.") -> 1e6``; ``scale_of("Billionen", "de") -> 1e12`` (German "Billion" = 10^12)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.lexicon import lexicon_dirs, load

__all__ = [
    "NumberWords",
    "fraction_of",
    "normalise_value",
    "number_words",
    "parse_digits",
    "parse_number_word",
    "parse_number_words",
    "scale_of",
]

LEXICON = "figures_numbers"
_SCHEMA: dict[str, type | tuple[type, ...]] = {"combine": dict, "shared": dict, "de": dict, "en": dict}
# Bounded caches: number-word parsing runs on every word token (~30k per 40 articles); the distinct
# lower-cased words of 240 test articles are ~25k, the frequent ones a few thousand.
_WORD_CACHE = 8192

# -- digits ----------------------------------------------------------------------------------
_DE_GROUPED = re.compile(r"^\d{1,3}(?:[.\u00a0\u202f\u2009]\d{3})+(?:,\d+)?$")
_EN_GROUPED = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?$")
_PLAIN_DE = re.compile(r"^\d+(?:,\d+)?$")
_PLAIN_EN = re.compile(r"^\d+(?:\.\d+)?$")
_EN_STYLE_IN_DE = re.compile(r"^\d+\.(?:\d{1,2}|\d{4,})$")
_EN_SEPARATORS = re.compile(r"[,\u00a0\u202f\u2009]")
_DE_SEPARATORS = re.compile(r"[.\u00a0\u202f\u2009]")


def normalise_value(value: float) -> int | float:
    """Round away binary noise; integral values come back as ``int`` (nicer JSON). A value that is
    not finite (digits past 1e308) comes back unchanged: the finder skips such figures. (Typed
    ``int | float``, not ``float``: a compiled build, mypyc, would turn a returned ``int`` into a float.)"""
    if not math.isfinite(value):
        return value
    rounded = round(value, 6)
    if rounded == int(rounded) and abs(rounded) < 1e18:
        return int(rounded)
    return rounded


def parse_digits(text: str, language: str = "de") -> float | None:
    """A number written in digits, German ("100.000", "1,5") or English ("2,000", "1.5") style.

    A separator followed by exactly three digits groups thousands; otherwise German reads ","
    and English "." as the decimal mark. Returns None for anything else ("9/11", "19:00").
    """
    s = text.strip()
    if not s:
        return None
    if language == "en":
        if _EN_GROUPED.match(s):
            return float(_EN_SEPARATORS.sub("", s))
        if _PLAIN_EN.match(s):
            return float(s)
        # German-style number inside an English text ("100.000 troops" from a translation)
        if _DE_GROUPED.match(s) and "," not in s:
            return float(_DE_SEPARATORS.sub("", s))
        return None
    if _DE_GROUPED.match(s):
        return float(_DE_SEPARATORS.sub("", s).replace(",", "."))
    if _PLAIN_DE.match(s):
        return float(s.replace(",", "."))
    # English style inside a German text: "1.5 Millionen" (one dot, not three digits after it)
    if _EN_STYLE_IN_DE.match(s):
        return float(s)
    return None


# -- number words ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Combine:
    """The morphemes that join number words (``combine`` in figures_numbers.yaml)."""

    conjunctions: frozenset[str]
    hundreds: frozenset[str]
    thousands: frozenset[str]
    halves: frozenset[str]
    half_not_after: frozenset[str]


@dataclass
class _Running:
    """The state of combining number morphemes: the closed thousands, the running part, the last
    morpheme."""

    total: float = 0.0
    cur: float = 0.0
    prev: str = ""


class NumberWords:
    """The number words, scales and glued suffixes of one language (figures_numbers.yaml compiled).

    ``parse_word`` and ``scale_of`` are cached (bounded): the finder asks them for every word."""

    def __init__(self, language: str, data: Mapping[str, Any]) -> None:
        self.language = language
        own = _section(data, language)
        shared = _section(data, "shared")
        comb = _section(data, "combine")
        self.combine = _Combine(**{f.name: _words(comb, f.name, "combine") for f in fields(_Combine)})
        self.words = _numbers(own, "words", language)
        self.special = _numbers(own, "special", language)
        self.standalone = _numbers(own, "standalone", language)
        self.compound_words = bool(own.get("compound_words", False))
        self.tens_then_units = bool(own.get("tens_then_units", False))
        self.units_and_tens = bool(own.get("units_and_tens", False))
        segments = [*self.words, *_words(own, "segments", language)]
        self._segment = re.compile("|".join(re.escape(m) for m in sorted(segments, key=len, reverse=True))) \
            if segments else None
        self.scales = _numbers(own, "scales", language)
        foreign_except = _words(own, "foreign_scales_except", language)
        self.foreign_scales = {w: v for other in _languages(data) if other != language
                               for w, v in _numbers(_section(data, other), "scales", other).items()
                               if w not in foreign_except and w not in self.scales}
        self.scale_nouns = _words(own, "scale_nouns", language)
        self.glued_scales = _numbers(own, "glued_scales", language)
        self.glued_after_currency = _words(own, "glued_scales_after_currency", language)
        # the finder's number rules ("half a million", "tens of thousands", "one and a half", "one")
        self.half_before_article = _words(own, "half_before_article", language)
        self.plural_phrase_heads = _words(own, "plural_phrase_heads", language)
        self.plural_phrase_link = str(own.get("plural_phrase_link", "")).lower()
        self.plural_phrase_tails = _words(own, "plural_phrase_tails", language)
        self.joiners = _words(own, "joiners", language)
        self.and_a_half = tuple(str(w).lower() for w in own.get("and_a_half", []))
        self.lone_one = str(own.get("lone_one", "")).lower()
        self.lone_one_followers = _words(own, "lone_one_followers", language)
        self.half_after_article = _words(shared, "half_after_article", "shared")
        self.dozens = _numbers(shared, "dozens", "shared")
        self.fractions = _fractions(shared)
        self.fractions_not_counted = _words(shared, "fractions_not_counted", "shared")
        self.plural_quantifiers = _numbers(shared, "plural_quantifiers", "shared")
        self.plural_strict = _words(shared, "plural_quantifiers_strict", "shared")
        self.parse_word: Callable[[str], float | None] = lru_cache(maxsize=_WORD_CACHE)(self._parse_word)
        self.scale_of: Callable[[str], float | None] = lru_cache(maxsize=_WORD_CACHE)(self._scale_of)

    # -- one word, many words ---------------------------------------------------------------
    def _parse_word(self, word: str) -> float | None:
        w = word.lower().strip()
        if not w:
            return None
        if not self.compound_words:
            if "-" in w:
                return self.parse_words(w.split("-"))
            return self.words.get(w, self.standalone.get(w))
        if w in self.special:
            return self.special[w]
        if any(w.endswith(h) and w[: -len(h)] in self.special for h in self.combine.halves):
            return None
        parts = self._split(w)
        if not parts:
            return None
        return self._evaluate(parts)

    def parse_words(self, words: list[str]) -> float | None:
        """A sequence of number words: ["two", "hundred", "and", "fifty"] -> 250 (a language that
        writes a number as one word takes exactly one)."""
        if self.compound_words:
            return self.parse_word(words[0]) if len(words) == 1 else None
        parts: list[str] = []
        for w in words:
            parts.extend(w.lower().split("-"))
        if not parts or parts[-1] in self.combine.conjunctions:
            return None
        return self._evaluate(parts)

    def _split(self, word: str) -> list[str] | None:
        """Segment a compound number word into known morphemes (longest match first)."""
        if self._segment is None:
            return None
        out: list[str] = []
        i = 0
        while i < len(word):
            m = self._segment.match(word, i)
            if m is None:
                return None
            out.append(m.group())
            i = m.end()
        return out

    # -- combining morphemes: one small rule per kind of morpheme -----------------------------
    def _evaluate(self, parts: list[str]) -> float | None:
        """Combine number morphemes: units add, "hundert" multiplies the running part, "tausend"
        closes it. German puts the unit before "und" and the tens after it ("ein-und-zwanzig")."""
        run = _Running()
        for p in parts:
            if not self._step(run, p):
                return None
            run.prev = p
        if not run.prev or run.prev in self.combine.conjunctions:
            return None
        return run.total + run.cur

    def _step(self, run: _Running, p: str) -> bool:
        c = self.combine
        if p in c.conjunctions:
            return bool(run.prev) and run.prev not in c.conjunctions
        if p in c.hundreds:
            return _hundred(run, c)
        if p in c.thousands:
            return _thousand(run, c)
        if p in c.halves:
            return _half(run, c)
        if p in self.words:
            return self._unit_or_tens(run, self.words[p])
        return False

    def _unit_or_tens(self, run: _Running, v: float) -> bool:
        prev = run.prev
        if prev in self.words:
            # only "twenty five" (tens then a unit) may stand side by side, and only where allowed
            pv = self.words[prev]
            if not (self.tens_then_units and pv >= 20 and pv % 10 == 0 and 0 < v < 10):
                return False
        if self.units_and_tens and prev in self.combine.conjunctions:
            if not (v >= 20 and v % 10 == 0) or run.cur % 100 == 0 or run.cur % 100 >= 10:
                return False  # "einundzwanzig": a unit, "und", then a round tens
        run.cur += v
        return True

    # -- scales ---------------------------------------------------------------------------------
    def _scale_of(self, word: str) -> float | None:
        w = word.lower()
        if w in self.scales:
            return self.scales[w]
        # the other language's scale word in a mixed text, except the false friend "Billion"
        return self.foreign_scales.get(w)

    def fraction_of(self, word: str) -> Fraction | None:
        return self.fractions.get(word.lower())


def _hundred(run: _Running, c: _Combine) -> bool:
    if run.cur >= 100 or run.prev in c.conjunctions:
        return False
    run.cur = (run.cur or 1) * 100
    return True


def _thousand(run: _Running, c: _Combine) -> bool:
    if run.total or run.prev in c.conjunctions:
        return False
    run.total += (run.cur or 1) * 1000
    run.cur = 0.0
    return True


def _half(run: _Running, c: _Combine) -> bool:
    if not run.prev or run.prev in c.half_not_after or run.cur % 1:
        return False
    run.cur += 0.5
    return True


# -- reading the lexicon ----------------------------------------------------------------------
def _languages(data: Mapping[str, Any]) -> list[str]:
    return [k for k in data if k not in ("combine", "shared", "meta")]


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    sec = data.get(key)
    if not isinstance(sec, dict):
        raise ConfigError(f"lexicon {LEXICON}: key {key!r} must be a mapping")
    return sec


def _mapping(sec: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = sec.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"lexicon {LEXICON}: key {where}.{key} must be a mapping")
    return value


def _numbers(sec: Mapping[str, Any], key: str, where: str) -> dict[str, float]:
    out = {}
    for k, v in _mapping(sec, key, where).items():
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise ConfigError(f"lexicon {LEXICON}: {where}.{key}.{k} must be a number, not {v!r}")
        out[str(k).lower()] = float(v)
    return out


def _fractions(shared: Mapping[str, Any]) -> dict[str, Fraction]:
    out = {}
    for k, v in _mapping(shared, "fractions", "shared").items():
        try:
            out[str(k).lower()] = Fraction(str(v))
        except (ValueError, ZeroDivisionError) as exc:
            raise ConfigError(f"lexicon {LEXICON}: shared.fractions.{k} must be a fraction such as 1/3, "
                              f"not {v!r}") from exc
    return out


def _words(sec: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    value = sec.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"lexicon {LEXICON}: key {where}.{key} must be a list of words")
    return frozenset(str(w).lower() for w in value)


@lru_cache(maxsize=8)
def _number_words(language: str, dirs: tuple[Path, ...]) -> NumberWords:
    return NumberWords(language, load(LEXICON, _SCHEMA))


def number_words(language: str = "de") -> NumberWords:
    """The compiled number words of ``language`` ("en", else German), shipped lexicon merged with
    the user directories (cached per process and set of directories)."""
    return _number_words("en" if language == "en" else "de", lexicon_dirs())


# -- the functional interface ------------------------------------------------------------------
def parse_number_word(word: str, language: str = "de") -> float | None:
    """One number word: "zwölf", "dreieinhalb", "hunderttausend", "einundzwanzig", "twenty-five".

    Articles ("ein", "eine", "a") are not numbers on their own: the caller decides in context.
    """
    return number_words(language).parse_word(word)


def parse_number_words(words: list[str], language: str = "en") -> float | None:
    """A sequence of English number words: ["two", "hundred", "and", "fifty"] -> 250."""
    return number_words(language).parse_words(words)


def scale_of(word: str, language: str = "de") -> float | None:
    """The multiplier of a scale word ("Millionen", "Mrd.", "billion"), or None."""
    return number_words(language).scale_of(word)


def fraction_of(word: str) -> Fraction | None:
    """The share a fraction word names ("Drittel" -> 1/3), in either language."""
    return number_words("de").fraction_of(word)
