"""Reading the number at a token: digits (with scale words and glued suffixes) or number words.

``NumberReader.number_at(toks, i, full)`` returns a ``Number`` (value, last token, kind, the
name of the rule that read it) or None. Digits are read by one rule with named vetoes (a label,
a date, an ordinal, a phone number ...); words by a list of small named rules tried in order
(``WORD_RULES``): the first that applies decides, and its name goes into the figure's ``rule``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Literal

from lagebild.figures.lexicon import Tok, UnitLexicon
from lagebild.figures.quantities import NumberWords, parse_digits
from lagebild.figures.words import FigureWords

__all__ = ["NO_NUMBER", "Number", "NumberReader"]

_LABEL_BEFORE = "-/+#№§"  # G7, F-16, Artikel-5, 9/11, +49
_SENTENCE_OPENERS = frozenset('.!?:„"»+')
_GROUP_SPACES = (" ", "\u00a0", "\u202f", "\u2009")
_GROUP_HEAD = re.compile(r"[1-9]\d{0,2}")
_GROUP = re.compile(r"\d{3}")
_FOUR_DIGITS = re.compile(r"\d{4}")
_DECIMAL_ZERO = re.compile(r"^0[,.]\d")
_ROUND_YEAR = 50  # "1979 Truppen" is a year; round counts ("2000 Soldaten") stay figures
_WORD_CACHE = 8192  # distinct word forms remembered per reader (see quantities._WORD_CACHE)


@dataclass(init=False)
class Number:
    value: float
    end: int  # index of the last token of the number (and scale)
    kind: str  # digits | word | plural | fraction | compound
    confidence: float
    approximate: bool = False
    qualifier: str | None = None
    unit: str | None = None  # currency from a sign before the number, "fraction"
    year_like: bool = False
    scale: float = 1.0  # the multiplier a scale word applied ("Millionen" -> 1e6)
    rule: str = ""  # the name of the rule that read the number

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, value: float, end: int, kind: str, confidence: float, approximate: bool = False,
            qualifier: str | None = None, unit: str | None = None, year_like: bool = False, scale: float = 1.0,
            rule: str = "") -> None:
        self.value = value
        self.end = end
        self.kind = kind
        self.confidence = confidence
        self.approximate = approximate
        self.qualifier = qualifier
        self.unit = unit
        self.year_like = year_like
        self.scale = scale
        self.rule = rule


class _Verdict(Enum):
    NO_NUMBER = "no number"  # a rule applied and decided: no number here


NO_NUMBER = _Verdict.NO_NUMBER
_Outcome = Number | Literal[_Verdict.NO_NUMBER] | None  # None: the rule does not apply
WordRule = Callable[["NumberReader", list[Tok], int], _Outcome]


class NumberReader:
    """Numbers in one language's tokens (units.yaml, figures.yaml, figures_numbers.yaml)."""

    def __init__(self, lexicon: UnitLexicon, words: FigureWords, numbers: NumberWords, language: str) -> None:
        self.lex = lexicon
        self.w = words
        self.n = numbers
        self.lang = language
        # qualifiers by their last word, in the lexicon's order (longest phrase first)
        self._qualifiers: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, qualifier in lexicon.qualifiers.get(language, []):
            if key:
                self._qualifiers.setdefault(key[-1], []).append((key, qualifier))
        n = numbers
        self._word_triggers = (n.plural_phrase_heads | frozenset(n.plural_quantifiers) | frozenset(n.dozens)
                               | n.half_before_article | words.one_words)
        self._word_may_start = lru_cache(maxsize=_WORD_CACHE)(self._word_starts)

    # -- entry ----------------------------------------------------------------------------------
    def starts(self, toks: list[Tok]) -> list[int]:
        """The indexes of the tokens where a figure may start: digits, a currency sign, a word a word
        rule reads. A cheap test that spares the full reading for most tokens, made in one pass over
        the paragraph (a method call per token cost more than the test)."""
        symbols, word_may_start = self.lex.symbols, self._word_may_start
        return [i for i, t in enumerate(toks)
                if t.kind == "num" or t.text in symbols or (t.kind == "word" and word_may_start(t.text))]

    def _word_starts(self, text: str) -> bool:
        low = text.lower()
        return low in self._word_triggers or self.n.parse_word(low) is not None

    def number_at(self, toks: list[Tok], i: int, full: str) -> Number | None:
        """The number starting at token ``i`` (digits or words, with its scale), or None."""
        kind = toks[i].kind
        if kind == "num":
            return self.digits_at(toks, i, full)
        if kind == "word":
            return self.words_at(toks, i)
        return None

    # -- digits ---------------------------------------------------------------------------------
    def digits_at(self, toks: list[Tok], i: int, full: str) -> Number | None:
        t = toks[i]
        grouped = self._space_grouped(toks, i, full)
        if grouped > i:
            before = full[t.start - 1] if t.start > 0 else " "
            if before.isalpha() or before in _LABEL_BEFORE:
                return None
            value = float("".join(x.text for x in toks[i:grouped + 1]))
            value, last, _ = self.scale(toks, grouped + 1, value)
            return Number(value, last, "digits", 0.85, rule="digits-spaced")
        if self._blocked_digits(toks, i, full):
            return None
        parsed = parse_digits(t.text, self.lang)
        if parsed is None:
            return None
        value = parsed
        compound = self._compound(toks, i)
        if compound is not None:
            return Number(value * compound[0], compound[2], "compound", 0.7, unit=compound[1], rule="compound")
        glued = t.glued.lower()
        if glued in self.w.glued_units:  # "5km": the unit is glued to the number
            hit = self.lex.lookup([t.glued], self.lang)
            return Number(value, i, "digits", 0.85, unit=hit[0] if hit else None, rule="digits")
        base = value
        if glued in self.n.glued_scales:
            value *= self.n.glued_scales[glued]
        value, last, scaled = self.scale(toks, i + 1, value)
        year_like = (not scaled and not t.glued and _FOUR_DIGITS.fullmatch(t.text) is not None
                     and 1000 <= value <= 2100)
        if year_like and i > 0 and toks[i - 1].text.lower() in self.lex.year_context.get(self.lang, set()):
            return None
        if year_like and value % _ROUND_YEAR:
            return None
        return Number(value, last, "digits", 0.9, year_like=year_like, scale=value / base if base else 1.0,
                      rule="digits")

    def _blocked_digits(self, toks: list[Tok], i: int, full: str) -> bool:
        """Digits that are no amount: a label, a date or time, an ordinal, a code."""
        t = toks[i]
        before = full[t.start - 1] if t.start > 0 else " "
        after = full[t.end] if t.end < len(full) else " "
        after2 = full[t.end + 1] if t.end + 1 < len(full) else " "
        if before.isalpha() or before in _LABEL_BEFORE or (before == "." and t.start > 1 and full[t.start - 2].isdigit()):
            return True  # G7, F-16, Artikel-5, 9/11, +49
        if (after in ":/" and after2.isdigit()) or (after == "-" and after2.isdigit()):
            return True  # 19:00, 9/11, 2014-2022, 5-6
        if after == "-" and after2.isalpha() and self._compound(toks, i) is None:
            return True  # 5-ähnliche, 30-Tage-Waffenruhe
        if after == "." and not t.glued:
            return True  # ordinal: "17. Januar", "2. Armee"
        if t.glued and not self._glued_ok(toks, i):
            return True  # 16er, 3D, "Klasse 8b"
        if len(t.text) > 1 and t.text.startswith("0") and not _DECIMAL_ZERO.match(t.text):
            return True  # phone numbers, codes
        if (i + 1 < len(toks) and toks[i + 1].kind == "num" and toks[i + 1].start - t.end <= 1) \
                or (i > 0 and toks[i - 1].kind == "num" and t.start - toks[i - 1].end <= 1):
            return True  # digit groups separated by a space: phone numbers, ids
        prev = toks[i - 1].text.lower() if i > 0 else ""
        if prev in self.w.months and len(t.text) <= 2:
            return True  # "November 17", "Feb. 24"
        refs = self.lex.reference_words.get(self.lang, set())
        if prev in refs or prev.rsplit("-", 1)[-1] in refs:
            return True
        return i + 1 < len(toks) and toks[i + 1].text.lower() in self.w.clock_words

    def _glued_ok(self, toks: list[Tok], i: int) -> bool:
        """A suffix glued to digits: a unit ("5km") or a scale ("€1.5bn"; "m", "b", "k" only after a
        currency sign, "$200m", since "8b" is usually a label)."""
        g = toks[i].glued.lower()
        if g in self.w.glued_units:
            return True
        if g in self.n.glued_after_currency:
            return i > 0 and toks[i - 1].text in self.lex.symbols and toks[i - 1].end == toks[i].start
        return g in self.n.glued_scales

    def _compound(self, toks: list[Tok], i: int) -> tuple[float, str, int] | None:
        """"28-Punkte-Plan", "100-Milliarden-Dollar-Paket", "5000-Mann-Truppe": the number starts a
        compound word; returns (multiplier, unit, index of the compound token)."""
        t = toks[i]
        if i + 2 >= len(toks) or toks[i + 1].text != "-" or toks[i + 2].kind != "word" \
                or toks[i + 1].start != t.end or toks[i + 2].start != toks[i + 1].end:
            return None
        factor = 1.0
        for part in toks[i + 2].text.split("-"):
            s = self.n.scale_of(part)
            if s is not None:
                factor *= s
                continue
            unit = self.lex.compound_only.get(self.lang, {}).get(part.lower())
            hit = self.lex.lookup([part], self.lang)
            if unit is None and hit is not None:
                unit = hit[0]
            return (factor, unit, i + 2) if unit else None
        return None

    def scale(self, toks: list[Tok], j: int, value: float) -> tuple[float, int, bool]:
        """Apply scale words from index ``j``; returns (value, index of last token, scaled)."""
        scaled = False
        while j < len(toks) and toks[j].kind == "word":
            w = toks[j].text
            low = w.lower()
            if low in self.n.dozens:
                value *= self.n.dozens[low]
            else:
                s = self.n.scale_of(w)
                if s is None or (low in self.n.scale_nouns and w[0].isupper() and not scaled and value >= 100):
                    break
                value *= s
            scaled = True
            j += 1
        return value, j - 1, scaled

    @staticmethod
    def _space_grouped(toks: list[Tok], i: int, full: str) -> int:
        """Index of the last group of "67 000", "1 200 000" (thousands set off by plain spaces)."""
        t = toks[i]
        if not _GROUP_HEAD.fullmatch(t.text) or t.glued or (i > 0 and toks[i - 1].kind == "num"
                                                             and t.start - toks[i - 1].end <= 1):
            return i
        j = i
        while (j + 1 < len(toks) and toks[j + 1].kind == "num" and _GROUP.fullmatch(toks[j + 1].text)
               and full[toks[j].end:toks[j + 1].start] in _GROUP_SPACES):
            j += 1
        return j

    # -- words ------------------------------------------------------------------------------------
    def words_at(self, toks: list[Tok], i: int) -> Number | None:
        """Run the word rules in order; the first that applies decides."""
        if not self._word_may_start(toks[i].text):
            return None  # no rule can apply (the last rule needs a number word here)
        for name, rule in WORD_RULES:
            out = rule(self, toks, i)
            if out is NO_NUMBER:
                return None
            if out is not None:
                out.rule = out.rule or name
                return out
        return None

    def _plural_phrase(self, toks: list[Tok], i: int) -> _Outcome:
        """"tens of thousands", "hundreds of millions": an approximate plural amount."""
        low = toks[i].text.lower()
        if low not in self.n.plural_phrase_heads or i + 2 >= len(toks) \
                or toks[i + 1].text.lower() != self.n.plural_phrase_link:
            return None
        tail = toks[i + 2].text.lower()
        value = self.n.plural_quantifiers.get(f"{low} {self.n.plural_phrase_link} {tail}")
        if tail not in self.n.plural_phrase_tails or value is None:
            return None
        return Number(value, i + 2, "plural", 0.6, approximate=True, qualifier="several")

    def _plural(self, toks: list[Tok], i: int) -> _Outcome:
        """"Dutzende", "Tausende", "thousands": an approximate plural amount ("Millionen" only
        capitalised and not after digits, where it is a scale)."""
        t = toks[i]
        low = t.text.lower()
        if low not in self.n.plural_quantifiers or (low in self.n.plural_strict and not t.text[0].isupper()):
            return None
        if low in self.n.plural_strict and i > 0 and toks[i - 1].kind == "num":
            return NO_NUMBER
        return Number(self.n.plural_quantifiers[low], i, "plural", 0.6, approximate=True, qualifier="several")

    def _dozen(self, toks: list[Tok], i: int) -> _Outcome:
        """"mehrere Dutzend Drohnen", "a dozen tanks"."""
        low = toks[i].text.lower()
        if low not in self.n.dozens:
            return None
        value, last, _ = self.scale(toks, i + 1, self.n.dozens[low])
        return Number(value, last, "word", 0.75)

    def _half_article(self, toks: list[Tok], i: int) -> _Outcome:
        """"half a million"."""
        if toks[i].text.lower() not in self.n.half_before_article or i + 2 >= len(toks) \
                or toks[i + 1].text.lower() not in self.w.one_words:
            return None
        value, last, scaled = self.scale(toks, i + 2, 0.5)
        return Number(value, last, "word", 0.85) if scaled else NO_NUMBER

    def _article(self, toks: list[Tok], i: int) -> _Outcome:
        """"eine halbe Million", "ein Drittel", "eine Million", "mehr als einen Kilometer"; any
        other article is no number."""
        if toks[i].text.lower() not in self.w.one_words:
            return None
        for name, rule in ARTICLE_RULES:
            out = rule(self, toks, i)
            if out is not None:
                if isinstance(out, Number):
                    out.rule = name
                return out
        return NO_NUMBER

    def _article_half(self, toks: list[Tok], i: int) -> _Outcome:
        if i + 1 >= len(toks) or toks[i + 1].text.lower() not in self.n.half_after_article:
            return None
        value, last, scaled = self.scale(toks, i + 2, 0.5)
        return Number(value, last, "word", 0.85) if scaled else NO_NUMBER

    def _article_fraction(self, toks: list[Tok], i: int) -> _Outcome:
        nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        frac = self.n.fraction_of(nxt) if nxt else None
        if frac is None or nxt in self.n.fractions_not_counted:
            return None
        return Number(float(frac), i + 1, "fraction", 0.6, unit="fraction")

    def _article_scale(self, toks: list[Tok], i: int) -> _Outcome:
        value, last, scaled = self.scale(toks, i + 1, 1.0)
        return Number(value, last, "word", 0.85) if scaled else None

    def _one_before_unit(self, toks: list[Tok], i: int) -> _Outcome:
        return Number(1.0, i, "word", 0.7) if self.one_as_number(toks, i) else None

    def _number_words(self, toks: list[Tok], i: int) -> _Outcome:
        """Number words ("zwölf", "dreieinhalb", "two hundred thousand"), then a fraction or a scale."""
        read = self._compound_word(toks, i) if self.n.compound_words else self._word_sequence(toks, i)
        if read is None:
            return NO_NUMBER
        value, last = read
        nxt = toks[last + 1].text if last + 1 < len(toks) else ""
        frac = self.n.fraction_of(nxt) if nxt else None
        if frac is not None and nxt.lower() not in self.n.fractions_not_counted:
            return Number(value * float(frac), last + 1, "fraction", 0.6, unit="fraction")
        value, last, _ = self.scale(toks, last + 1, value)
        return Number(value, last, "word", 0.85)

    def _compound_word(self, toks: list[Tok], i: int) -> tuple[float, int] | None:
        parsed = self.n.parse_word(toks[i].text.lower())
        return None if parsed is None else (parsed, i)

    def _word_sequence(self, toks: list[Tok], i: int) -> tuple[float, int] | None:
        """English number words apart ("two hundred and fifty"), "and a half" after them; a lone
        "one" is an article more often than an amount."""
        j = i
        words: list[str] = []
        while j < len(toks) and toks[j].kind == "word":
            w = toks[j].text.lower()
            if self.n.parse_word(w) is not None or (w in self.n.joiners and words and j + 1 < len(toks)
                                                   and self.n.parse_word(toks[j + 1].text)):
                words.append(w)
                j += 1
                continue
            break
        parsed = self.n.parse_words(words) if words else None
        if parsed is None:
            return None
        nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        if words == [self.n.lone_one] and not (self.n.scale_of(nxt) or nxt in self.n.lone_one_followers):
            return None
        value, last = parsed, j - 1
        half = self.n.and_a_half
        if half and j + len(half) - 1 < len(toks) and tuple(x.text.lower() for x in toks[j:j + len(half)]) == half:
            value += 0.5
            last = j + len(half) - 1
        return value, last

    # -- words before the number ------------------------------------------------------------------
    def qualifier_before(self, toks: list[Tok], i: int) -> tuple[str, int] | None:
        """The qualifier phrase ending right before token ``i`` ("rund", "mehr als", "up to") and
        the index where it starts."""
        if i == 0:
            return None
        for key, qualifier in self._qualifiers.get(toks[i - 1].text.lower(), ()):
            n = len(key)
            if i - n < 0 or tuple(t.text.lower() for t in toks[i - n:i]) != key:
                continue
            # "ein Kredit über 150 Millionen Euro": after a noun, "über"/"unter" means "of"
            if n == 1 and key[0] in self.w.qualifiers_of_after_noun and i - n > 0:
                prev = toks[i - n - 1]
                if prev.kind == "word" and prev.text[:1].isupper() and not self.sentence_start(toks, i - n - 1):
                    return None
            return qualifier, i - n
        return None

    @staticmethod
    def sentence_start(toks: list[Tok], k: int) -> bool:
        return k == 0 or toks[k - 1].text in _SENTENCE_OPENERS

    def one_as_number(self, toks: list[Tok], i: int) -> bool:
        """German "ein"-forms as the number one: only right before a unit noun and right after a
        qualifier of amount ("mehr als einen Kilometer", "knapp einem Prozent", "rund eine Million" is
        a scale and handled elsewhere). Everywhere else the word is an article."""
        ones = self.lex.one_qualifiers.get(self.lang, set())
        if not ones or i + 1 >= len(toks) or toks[i + 1].kind != "word":
            return False
        q = self.qualifier_before(toks, i)
        if q is None:
            return False
        if tuple(t.text.lower() for t in toks[q[1]:i]) not in ones:
            return False  # "knapp einem Anschlag entgangen", "über einen Angriff": adverb + article
        return self.lex.lookup([t.text for t in toks[i + 1:i + 4]], self.lang) is not None


# the word rules in the order they are tried (the name goes into the figure's ``rule``)
WORD_RULES: tuple[tuple[str, WordRule], ...] = (
    ("plural-phrase", NumberReader._plural_phrase),
    ("plural", NumberReader._plural),
    ("dozen", NumberReader._dozen),
    ("half-article", NumberReader._half_article),
    ("article", NumberReader._article),
    ("number-words", NumberReader._number_words),
)
# after an article that may be the number one ("ein", "a"), in order
ARTICLE_RULES: tuple[tuple[str, WordRule], ...] = (
    ("article-half", NumberReader._article_half),
    ("article-fraction", NumberReader._article_fraction),
    ("article-scale", NumberReader._article_scale),
    ("one-before-unit", NumberReader._one_before_unit),
)
