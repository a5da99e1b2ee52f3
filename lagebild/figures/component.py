"""Figures: numbers that quantify something, with the unit counted, approximation and rate.

"rund 5000 Langstrecken-Drohnen", "200 Millionen Dollar (rund 176 Millionen Euro)",
"bis zu 1000 Drohnen pro Tag", "zwei der größten Banken", "more than 100,000 Russian troops".

How it works: each paragraph is cut into light tokens (digits, words, signs). At every number
(digits, number words, "Dutzende"-like plurals; ``numbers.py``) the finder reads a scale
("Millionen", "Mrd."), then looks for the counted noun in ``lexicons/units.yaml`` past adjectives
and participles ("30 gecharterten Maschinen"), a partitive ("zwei der ... Banken") or a
prepositional phrase that a participle closes ("100.000 an der Grenze stationierte Soldaten";
``units.py``). A number with no known unit is not a figure: this keeps years, dates, durations,
article numbers and names ("G7", "F-16", "Nord Stream 2") out. Qualifiers before the number
("rund", "bis zu", "more than") make it approximate; rate phrases ("pro Tag", "monatlich") set
``rate``; an amount restated in another currency in brackets is linked with ``same_as``.

Each step is a small named rule; a figure's ``rule`` is "<number rule>+<unit rule>" (for example
"digits+adj-noun", "number-words+partitive", "article-scale+range").
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lagebild.document import Document, Figure
from lagebild.figures.lexicon import UNITS_PATH, Tok, UnitLexicon, load_units, tokenize
from lagebild.figures.numbers import Number, NumberReader
from lagebild.figures.quantities import normalise_value, number_words
from lagebild.figures.units import UnitFinder
from lagebild.figures.words import FigureWords, figure_words
from lagebild.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["FiguresComponent", "UnitLexicon", "extract_figures", "load_units"]

COMPONENT = "figures"

# How sure a path to the unit is (hand-set; on the seeds every path that fired was right, so these
# only rank the paths: the farther the noun from the number, the less sure).
_PATH_PENALTY = {"adj-noun": 0.05, "partitive": 0.1, "pp-participle": 0.2}
_PATH_CAP = {"fallback-noun": 0.5, "ellipsis": 0.6}
_DEMONYM_PENALTY = 0.25
_NUMBER_PATHS = {"fraction": "fraction", "compound": "compound"}  # a unit the number itself carries
# a unit that an elided repetition ("davon knapp 50 Milliarden") never takes over
_NOT_ELIDED = (None, "fraction", "percent", "percentage_point")
_ELLIPSIS_REACH = 120  # characters between the figure and the number that repeats its unit
_SENTENCE_END = re.compile(r"[.!?;]\s")
_PAIR = 2  # "the two governments": a definite pair is no count
_CONVERSION_REACH = 40  # characters between an amount and its conversion


@dataclass
class _Reading:
    """The unit found for one number and how: ``path`` names the unit rule (provenance)."""

    unit: str | None
    last: int
    path: str
    demonym: bool = False
    first: int | None = None  # a range opener ("zwischen") moves the figure's start
    range_to: Number | None = None


@dataclass(frozen=True)
class _At:
    """One number being read: its tokens, index, value, the text and the figure before it."""

    toks: list[Tok]
    i: int
    num: Number
    full: str
    previous: Figure | None
    prefix_unit: str | None


_NO: Literal["no"] = "no"  # a unit rule applied and decided: no figure here
UnitRule = Callable[["FigureFinder", _At], "_Reading | Literal['no'] | None"]


class FigureFinder:
    """Finds figures in one language. ``find(text, offset)`` returns Figures with document offsets."""

    def __init__(self, lexicon: UnitLexicon, language: str = "de") -> None:
        self.lex = lexicon
        self.lang = "en" if language == "en" else "de"
        self.words: FigureWords = figure_words(self.lang)
        numbers = number_words(self.lang)
        self.numbers = NumberReader(lexicon, self.words, numbers, self.lang)
        self.units = UnitFinder(lexicon, self.words, numbers, self.lang)
        # rate phrases after the noun by their first word, in the lexicon's order (longest first)
        self._rates_after: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, rate in lexicon.rates_after:
            if key:
                self._rates_after.setdefault(key[0], []).append((key, rate))

    # -- public -------------------------------------------------------------------------------
    def find(self, text: str, offset: int = 0, full_text: str | None = None) -> list[Figure]:
        full = full_text if full_text is not None else text
        toks = tokenize(text, offset, self.words.abbreviations)
        figures: list[Figure] = []
        rate_side: list[str | None] = []
        resume = 0  # the token after the last figure: no figure starts inside one
        for i in self.numbers.starts(toks):
            if i < resume:
                continue
            hit = self._figure_at(toks, i, full, figures[-1] if figures else None)
            if hit is None:
                continue
            fig, last, side = hit
            if figures and figures[-1].qualifier == "range_from" and fig.qualifier is None \
                    and self.words.coordination_gap.match(full[figures[-1].end:fig.start]):
                fig.qualifier, fig.approximate = "range_to", True
            figures.append(fig)
            rate_side.append(side)
            resume = last + 1
        self._share_rates(figures, rate_side, full)
        return figures

    # -- one figure -------------------------------------------------------------------------------
    def _figure_at(self, toks: list[Tok], i: int, full: str,
                   previous: Figure | None = None) -> tuple[Figure, int, str | None] | None:
        first = i
        prefix_unit: str | None = None
        t = toks[i]
        if t.text in self.lex.symbols and i + 1 < len(toks) and toks[i + 1].kind == "num" \
                and toks[i + 1].start - t.end <= 1:
            prefix_unit = self.lex.symbols[t.text]
            i += 1
        num = self.numbers.number_at(toks, i, full)
        if num is None or self._vague(toks, i, num):
            return None
        at = _At(toks, i, num, full, previous, prefix_unit)
        reading = self._reading(at)
        if reading is None or self._definite_pair(toks, i, num):
            return None
        if reading.first is not None:
            first = reading.first
        return self._figure(at, reading, first)

    def _reading(self, at: _At) -> _Reading | None:
        """The unit rules in order; the first that applies decides."""
        for rule in UNIT_RULES:
            out = rule(self, at)
            if out == _NO:
                return None
            if isinstance(out, _Reading):
                return out
        return None

    def _figure(self, at: _At, reading: _Reading, first: int) -> tuple[Figure, int, str | None] | None:
        toks, num, path, last = at.toks, at.num, reading.path, reading.last
        is_range = reading.range_to is not None and path == "range"
        value = num.value
        if not math.isfinite(value) or (is_range and reading.range_to and not math.isfinite(reading.range_to.value)):
            return None  # digits beyond 1e308: no usable amount
        unit, confidence = reading.unit, num.confidence
        if reading.demonym:
            low = toks[last].text.lower()
            if value <= self.lex.small_group_max and any(low.startswith(f) for f in self.lex.small_group_forms):
                unit = self.lex.small_group_unit
            confidence -= _DEMONYM_PENALTY
        confidence = min(confidence - _PATH_PENALTY.get(path, 0.0), _PATH_CAP.get(path, 1.0))
        qualifier, approximate = num.qualifier, num.approximate
        q = self.numbers.qualifier_before(toks, first)
        if q is not None:
            qualifier, approximate = q[0], True
            first = q[1]
        if is_range:
            qualifier, approximate = "range", False
        rate, side = self._rate(toks, first, last)
        start, end = toks[first].start, toks[last].end
        rule = f"{num.rule}+{path}" if num.rule != path else num.rule
        fig = Figure(start, end, COMPONENT, rule, round(max(0.1, min(confidence, 1.0)), 3),
                     text=at.full[start:end], value=normalise_value(value), unit=unit,
                     approximate=approximate, qualifier=qualifier, rate=rate)
        if is_range and reading.range_to is not None:
            fig.value_to = normalise_value(reading.range_to.value)
        return fig, last, side

    # -- unit rules -------------------------------------------------------------------------------
    def _carried_unit(self, at: _At) -> _Reading | Literal["no"] | None:
        """A currency sign before the number ("$400 million"), a unit glued to it ("5km"), a
        compound ("28-Punkte-Plan") or a fraction ("ein Drittel") carries the unit."""
        num = at.num
        unit = at.prefix_unit or num.unit
        if unit is None:
            return None
        path = _NUMBER_PATHS.get(num.kind, "currency-sign")
        if num.unit is not None and at.prefix_unit is None and num.kind == "digits":
            path = "glued-unit"
        return _Reading(unit, num.end, path)

    def _counted_noun(self, at: _At) -> _Reading | Literal["no"] | None:
        """The counted noun after the number (``units.py``)."""
        num = at.num
        found = self.units.find_unit(at.toks, num.end + 1, direct_only=num.year_like)
        if found is None:
            return None
        if found.path == "partitive" and num.value == 1:
            return _NO  # "one of the bloodiest attacks" names one thing, it counts nothing
        if found.unit == "percent" and num.kind == "plural":
            return _NO
        last = self.units.extend_coordination(at.toks, found.last, found.unit)
        return _Reading(found.unit, last, found.path, found.demonym)

    def _range(self, at: _At) -> _Reading | Literal["no"] | None:
        """The lower end of a range ("zwischen 150.000 und 190.000 Soldaten") takes the unit of the
        upper end: one figure for the whole range, value = lower end, value_to = upper end (the
        blind2 gold convention: "zwischen 4.000 und 5.000 Wagner-Kämpfer" -> 4000)."""
        toks, i = at.toks, at.i
        range_to = self._range_end(toks, i, at.num, at.full)
        upper = self.units.find_unit(toks, range_to.end + 1, direct_only=False) if range_to else None
        if upper is None:
            return None
        first = i - 1 if i > 0 and toks[i - 1].text.lower() in self.words.range_open else None
        return _Reading(upper.unit, upper.last, "range", upper.demonym, first=first, range_to=range_to)

    def _ellipsis(self, at: _At) -> _Reading | Literal["no"] | None:
        """"rund 135 Milliarden Euro, davon knapp 50 Milliarden für ...": the unit is elided."""
        if not (self._elided(at) or self._elided_bare(at)):
            return None
        return _Reading(at.previous.unit if at.previous else None, at.num.end, "ellipsis")

    def _range_end(self, toks: list[Tok], i: int, num: Number, full: str) -> Number | None:
        """The upper end of "zwischen 150.000 und 190.000", "150.000 bis 190.000" (number at ``i``)."""
        k = num.end + 1
        w = self.words
        if num.kind != "digits" or k + 1 >= len(toks) or toks[k].text.lower() not in w.range_words:
            return None
        if toks[k].text.lower() in w.range_and and (i == 0 or toks[i - 1].text.lower() not in w.range_open):
            return None
        upper = self.numbers.number_at(toks, k + 1, full)
        if upper is None or upper.kind != "digits":
            return None
        if num.scale == 1.0 and upper.scale > 1.0:
            num.value *= upper.scale  # "9 bis 10 Millionen": the scale belongs to both ends
        if upper.value <= num.value:
            return None
        return upper

    def _elided_bare(self, at: _At) -> bool:
        """"schickte 1.500 Soldaten und plane bis zu 12.000 zu schicken": an unscaled number with a
        qualifier of amount and no noun after it repeats the unit of the previous figure of the same
        sentence (a count noun, not a measure); anything else without a unit is skipped."""
        toks, i, num, previous = at.toks, at.i, at.num, at.previous
        if previous is None or previous.unit in _NOT_ELIDED or num.year_like or num.kind != "digits" \
                or self.numbers.qualifier_before(toks, i) is None:
            return False
        nxt = toks[num.end + 1] if num.end + 1 < len(toks) else None
        if nxt is not None and nxt.kind == "word" and nxt.text[:1].isupper():
            return False  # an unknown noun follows: it is counted, not the earlier unit
        return _close_after(at.full, previous.end, toks[i].start)

    @staticmethod
    def _elided(at: _At) -> bool:
        """A scaled number without a unit ("knapp 50 Milliarden") in the same sentence shortly
        after a figure whose unit it repeats."""
        previous = at.previous
        if previous is None or previous.unit in _NOT_ELIDED or at.num.scale <= 1.0:
            return False
        return _close_after(at.full, previous.end, at.toks[at.i].start)

    # -- vetoes -----------------------------------------------------------------------------------
    def _vague(self, toks: list[Tok], i: int, num: Number) -> bool:
        """A vague plural states no number (see units.yaml ``vague_plurals``)."""
        if self.lex.emit_vague_plurals:
            return False
        if num.kind == "plural":
            return True
        return (num.kind == "word" and toks[i].text.lower() in self.words.bare_scales and i > 0
                and toks[i - 1].text.lower() in self.lex.vague_before.get(self.lang, set()))

    def _definite_pair(self, toks: list[Tok], i: int, num: Number) -> bool:
        """"the two governments" refers back to a known pair, like German "die beiden" (not a
        count); seed/dev/blind gold counts no definite pair and counts "zwei der ... Banken"."""
        return (num.kind == "word" and num.value == _PAIR and i > 0
                and toks[i - 1].text.lower() in self.words.definite_pair_before)

    # -- rates ------------------------------------------------------------------------------------
    def _rate(self, toks: list[Tok], first: int, last: int) -> tuple[str | None, str | None]:
        """The figure's rate and the side it was found on ("1000 Drohnen pro Tag", "monatlich 5000")."""
        after = self._rate_after(toks, last + 1)
        if after:
            return after[0], "after"
        before = self._rate_before(toks, first)
        return before, "before" if before else None

    def _rate_after(self, toks: list[Tok], k: int) -> tuple[str, int] | None:
        if k >= len(toks):
            return None
        for key, rate in self._rates_after.get(toks[k].text.lower(), ()):
            n = len(key)
            if tuple(t.text.lower() for t in toks[k:k + n]) == key:
                return rate, k + n - 1
        return None

    def _rate_before(self, toks: list[Tok], i: int) -> str | None:
        for k in range(i - 1, max(-1, i - 4), -1):
            t = toks[k]
            if t.kind != "word":
                return None
            rate = self.lex.rates_before.get(t.text.lower())
            if rate:
                return rate
            if t.text.lower() not in self.words.rate_bridge:
                return None
        return None

    def _share_rates(self, figures: list[Figure], sides: list[str | None], full: str) -> None:
        """Coordinated figures share a rate: "monatlich 5000 Drohnen und 200 Raketen"."""
        for a in range(len(figures) - 1):
            fa, fb = figures[a], figures[a + 1]
            if not self.words.coordination_gap.match(full[fa.end:fb.start]):
                continue
            if fa.rate and not fb.rate and sides[a] == "before":
                fb.rate, sides[a + 1] = fa.rate, "before"
            elif fb.rate and not fa.rate and sides[a + 1] == "after":
                fa.rate, sides[a] = fb.rate, "after"


# the unit rules in the order they are tried; the path each sets goes into the figure's ``rule``
UNIT_RULES: tuple[UnitRule, ...] = (
    FigureFinder._carried_unit,
    FigureFinder._counted_noun,
    FigureFinder._range,
    FigureFinder._ellipsis,
)


def _close_after(full: str, end: int, start: int) -> bool:
    """Is ``full[end:start]`` (between a figure and a number after it) short and without a sentence
    end? The length is tested first: the gap is copied only when it is short."""
    return start - end <= _ELLIPSIS_REACH and not _SENTENCE_END.search(full, end, max(end, start))


def link_conversions(figures: list[Figure], text: str, currencies: Iterable[str],
                     gap: re.Pattern[str] | None = None) -> None:
    """"200 Millionen Dollar (rund 176 Millionen Euro)": two amounts in two currencies stated as the
    same money are linked both ways through ``same_as`` (indexes into ``figures``). ``gap``: what
    may stand between them (figures.yaml ``conversion_gap`` by default)."""
    cur = set(currencies)
    pattern = gap if gap is not None else figure_words().conversion_gap
    for a in range(len(figures) - 1):
        fa, fb = figures[a], figures[a + 1]
        if fa.unit not in cur or fb.unit not in cur or fa.unit == fb.unit:
            continue
        if fb.start - fa.end > _CONVERSION_REACH or not pattern.match(text[fa.end:fb.start]):
            continue
        fa.same_as, fb.same_as = a + 1, a


def extract_figures(text: str, language: str = "de", lexicon: UnitLexicon | None = None) -> list[Figure]:
    """Figures of a plain text (offsets into ``text``). Example: ``extract_figures("rund 5000 Drohnen")``."""
    lex = lexicon or load_units()
    finder = FigureFinder(lex, language)
    figures = finder.find(text, 0, text)
    link_conversions(figures, text, lex.currencies, finder.words.conversion_gap)
    return figures


class FiguresComponent:
    """Numbers with units, money, approximations, rates and conversions (rules + units.yaml)."""

    name = COMPONENT
    needs: tuple[str, ...] = ("tokens", "sentences")
    adds: tuple[str, ...] = ("figures",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings
        configured = settings.figures.units_path if settings else None
        self.units_path = Path(configured) if configured else UNITS_PATH
        self._lexicon: UnitLexicon | None = None
        self._finders: dict[str, FigureFinder] = {}

    def __getstate__(self) -> dict[str, object]:
        """Pickles (a spawned batch worker gets the pipeline by pickling) without the finders:
        their caches are rebuilt on first use."""
        return {**self.__dict__, "_finders": {}}

    @property
    def lexicon(self) -> UnitLexicon:
        if self._lexicon is None:
            self._lexicon = load_units(self.units_path)
        return self._lexicon

    def _finder(self, language: str) -> FigureFinder:
        lang = "en" if language == "en" else "de"
        if lang not in self._finders:
            self._finders[lang] = FigureFinder(self.lexicon, lang)
        return self._finders[lang]

    def __call__(self, doc: Document) -> Document:
        finder = self._finder(doc.language)
        spans = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
        figures: list[Figure] = []
        for start, end in spans:
            figures.extend(finder.find(doc.text[start:end], start, doc.text))
        link_conversions(figures, doc.text, self.lexicon.currencies, finder.words.conversion_gap)
        doc.figures = figures
        log.debug("figures: %d in document %s", len(figures), doc.id)
        return doc
