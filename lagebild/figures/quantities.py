"""Numbers as German and English news write them: digits, number words, scales, fractions.

Written for Lagebild because ``text2num`` breaks on "200 Millionen Dollar" and "dreieinhalb"
(NLP-STACK.md). Everything here is pure and works on strings; finding figures in a document is
``lagebild.figures.component``.

- ``parse_digits("100.000", "de") -> 100000``; ``parse_digits("1.5", "en") -> 1.5``
- ``parse_number_word("dreieinhalb", "de") -> 3.5``; ``parse_number_word("zwölftausendfünfhundert")``
- ``parse_number_words(["two", "hundred", "thousand"], "en") -> 200000``
- ``scale_of("Mio.") -> 1e6``; ``scale_of("Billionen", "de") -> 1e12`` (German "Billion" = 10^12)
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = [
    "FRACTIONS",
    "PLURAL_QUANTIFIERS",
    "fraction_of",
    "normalise_value",
    "parse_digits",
    "parse_number_word",
    "parse_number_words",
    "scale_of",
]

# -- digits ----------------------------------------------------------------------------------
_DE_GROUPED = re.compile(r"^\d{1,3}(?:[.\u00a0\u202f\u2009]\d{3})+(?:,\d+)?$")
_EN_GROUPED = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?$")
_PLAIN_DE = re.compile(r"^\d+(?:,\d+)?$")
_PLAIN_EN = re.compile(r"^\d+(?:\.\d+)?$")


def normalise_value(value: float) -> float:
    """Round away binary noise; integral values come back as ``int`` (nicer JSON)."""
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
            return float(re.sub(r"[,\u00a0\u202f\u2009]", "", s))
        if _PLAIN_EN.match(s):
            return float(s)
        # German-style number inside an English text ("100.000 troops" from a translation)
        if _DE_GROUPED.match(s) and "," not in s:
            return float(re.sub(r"[.\u00a0\u202f\u2009]", "", s))
        return None
    if _DE_GROUPED.match(s):
        return float(re.sub(r"[.\u00a0\u202f\u2009]", "", s).replace(",", "."))
    if _PLAIN_DE.match(s):
        return float(s.replace(",", "."))
    # English style inside a German text: "1.5 Millionen" (one dot, not three digits after it)
    if re.match(r"^\d+\.\d{1,2}$", s) or re.match(r"^\d+\.\d{4,}$", s):
        return float(s)
    return None


# -- number words ----------------------------------------------------------------------------
_DE_WORDS: dict[str, float] = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
    "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
_DE_SPECIAL = {"anderthalb": 1.5, "eineinhalb": 1.5, "einundhalb": 1.5}
_DE_MORPHS = sorted([*_DE_WORDS, "hundert", "tausend", "und", "einhalb"], key=len, reverse=True)
_EN_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}


def _split_de(word: str) -> list[str] | None:
    """Segment a German number word into known morphemes (longest match first)."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for m in _DE_MORPHS:
            if word.startswith(m, i):
                out.append(m)
                i += len(m)
                break
        else:
            return None
    return out


def _evaluate(parts: list[str], words: dict[str, float]) -> float | None:
    """Combine number morphemes: units add, "hundert" multiplies the running part, "tausend"
    closes it. German puts the unit before "und" and the tens after it ("ein-und-zwanzig")."""
    german = words is _DE_WORDS
    total, cur = 0.0, 0.0
    prev = ""
    for p in parts:
        if p in ("und", "and"):
            if not prev or prev in ("und", "and"):
                return None
        elif p in ("hundert", "hundred"):
            if cur >= 100 or prev in ("und", "and"):
                return None
            cur = (cur or 1) * 100
        elif p in ("tausend", "thousand"):
            if total or prev in ("und", "and"):
                return None
            total += (cur or 1) * 1000
            cur = 0
        elif p == "einhalb":
            if not prev or prev in ("hundert", "tausend", "und") or cur % 1:
                return None
            cur += 0.5
        elif p in words:
            v = words[p]
            if prev in words:
                # only English "twenty five" (tens then a unit) may stand side by side
                if german or not (words[prev] >= 20 and words[prev] % 10 == 0 and 0 < v < 10):
                    return None
            if german and prev == "und" and not (v >= 20 and v % 10 == 0):
                return None
            if german and prev == "und" and (cur % 100 == 0 or cur % 100 >= 10):
                return None
            cur += v
        else:
            return None
        prev = p
    if not prev or prev in ("und", "and"):
        return None
    return total + cur


def parse_number_word(word: str, language: str = "de") -> float | None:
    """One number word: "zwölf", "dreieinhalb", "hunderttausend", "einundzwanzig", "twenty-five".

    Articles ("ein", "eine", "a") are not numbers on their own: the caller decides in context.
    """
    w = word.lower().strip()
    if not w:
        return None
    if language == "en":
        if "-" in w:
            return parse_number_words(w.split("-"), "en")
        if w in _EN_WORDS:
            return _EN_WORDS[w]
        if w in ("hundred", "thousand"):
            return 100 if w == "hundred" else 1000
        return None
    if w in _DE_SPECIAL:
        return _DE_SPECIAL[w]
    if w.endswith("einhalb") and w[: -len("einhalb")] in _DE_SPECIAL:
        return None
    parts = _split_de(w)
    if not parts:
        return None
    return _evaluate(parts, _DE_WORDS)


def parse_number_words(words: list[str], language: str = "en") -> float | None:
    """A sequence of English number words: ["two", "hundred", "and", "fifty"] -> 250."""
    if language != "en":
        if len(words) == 1:
            return parse_number_word(words[0], language)
        return None
    parts: list[str] = []
    for w in words:
        lw = w.lower()
        if "-" in lw:
            parts.extend(lw.split("-"))
        else:
            parts.append(lw)
    if not parts or parts[-1] == "and":
        return None
    return _evaluate(parts, _EN_WORDS)


# -- scales, fractions, plural quantifiers ---------------------------------------------------
_SCALES_DE: dict[str, float] = {
    "hundert": 1e2, "tausend": 1e3, "tsd": 1e3, "tsd.": 1e3,
    "million": 1e6, "millionen": 1e6, "mio": 1e6, "mio.": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mrd.": 1e9,
    "billion": 1e12, "billionen": 1e12, "bio": 1e12, "bio.": 1e12,
}
_SCALES_EN: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}
# suffixes glued to digits: "$200m", "€1.5bn", "5k"
GLUED_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
                                  "mio": 1e6, "mrd": 1e9}


def scale_of(word: str, language: str = "de") -> float | None:
    """The multiplier of a scale word ("Millionen", "Mrd.", "billion"), or None."""
    w = word.lower()
    table = _SCALES_EN if language == "en" else _SCALES_DE
    if w in table:
        return table[w]
    # the other language's scale word in a mixed text, except the false friend "Billion"
    other = _SCALES_DE if language == "en" else _SCALES_EN
    if w in other and w not in ("billion", "billions", "hundred", "thousand", "million"):
        return other[w]
    return None


FRACTIONS: dict[str, Fraction] = {
    "hälfte": Fraction(1, 2), "drittel": Fraction(1, 3), "viertel": Fraction(1, 4),
    "fünftel": Fraction(1, 5), "sechstel": Fraction(1, 6), "achtel": Fraction(1, 8),
    "zehntel": Fraction(1, 10), "half": Fraction(1, 2), "third": Fraction(1, 3),
    "thirds": Fraction(1, 3),
    "fifth": Fraction(1, 5), "fifths": Fraction(1, 5), "tenth": Fraction(1, 10),
}


def fraction_of(word: str) -> Fraction | None:
    return FRACTIONS.get(word.lower())


# "Dutzende Drohnen", "Tausende Menschen", "thousands of troops": approximate amounts. The value
# is the smallest amount the plural allows (two dozen, two thousand ...), flagged approximate.
PLURAL_QUANTIFIERS: dict[str, float] = {
    "dutzende": 24, "dutzenden": 24, "hunderte": 200, "hunderten": 200, "tausende": 2000,
    "tausenden": 2000, "zehntausende": 20000, "zehntausenden": 20000, "hunderttausende": 200000,
    "hunderttausenden": 200000, "millionen": 2e6, "milliarden": 2e9, "dozens": 24, "hundreds": 200, "thousands": 2000,
    "tens of thousands": 20000, "hundreds of thousands": 200000, "millions": 2e6, "billions": 2e9,
}
