"""Figures: numbers that quantify something, with the unit counted, approximation and rate.

"rund 5000 Langstrecken-Drohnen", "200 Millionen Dollar (rund 176 Millionen Euro)",
"bis zu 1000 Drohnen pro Tag", "zwei der größten Banken", "more than 100,000 Russian troops".

How it works: each paragraph is cut into light tokens (digits, words, signs). At every number
(digits, number words, "Dutzende"-like plurals) the finder reads a scale ("Millionen", "Mrd."),
then looks for the counted noun in ``lexicons/units.yaml`` past adjectives and participles
("30 gecharterten Maschinen"), a partitive ("zwei der ... Banken") or a prepositional phrase
that a participle closes ("100.000 an der Grenze stationierte Soldaten"). A number with no
known unit is not a figure: this keeps years, dates, durations, article numbers and names
("G7", "F-16", "Nord Stream 2") out. Qualifiers before the number ("rund", "bis zu", "more
than") make it approximate; rate phrases ("pro Tag", "monatlich") set ``rate``; an amount
restated in another currency in brackets is linked with ``same_as``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lagebild.document import Document, Figure
from lagebild.figures.lexicon import UNITS_PATH, Tok, UnitLexicon, load_units, tokenize
from lagebild.figures.quantities import (
    GLUED_SCALES,
    PLURAL_QUANTIFIERS,
    fraction_of,
    normalise_value,
    parse_digits,
    parse_number_word,
    parse_number_words,
    scale_of,
)
from lagebild.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["FiguresComponent", "UnitLexicon", "extract_figures", "load_units"]

COMPONENT = "figures"

_DE_ARTICLE_ONE = {"ein", "eine", "einen", "einem", "einer", "eines", "eins"}
_DE_PREPS = {"an", "in", "auf", "aus", "bei", "nahe", "entlang", "vor", "hinter", "neben", "zwischen",
             "von", "mit", "im", "am", "zur", "zum", "beim", "vom", "ins", "ans", "aufs", "nach", "um", "zu",
             "unweit", "nördlich", "südlich", "östlich", "westlich", "gegenüber", "innerhalb", "außerhalb"}
_DE_DETS = {"der", "die", "das", "den", "dem", "des", "ihrer", "seiner", "ihren", "seinen", "ihrem",
            "seinem", "einer", "einem", "eines", "dieser", "diesem", "deren", "dessen"}
_DE_STOP = {
    "die", "der", "den", "dem", "des", "eine", "einen", "einer", "einem", "eines", "keine", "keinen",
    "keiner", "keinem", "seine", "seinen", "seiner", "seinem", "ihre", "ihren", "ihrer", "ihrem",
    "unsere", "unseren", "unserer", "diese", "diesen", "dieser", "diesem", "jene", "jenen", "welche",
    "welchen", "welcher", "alle", "allen", "aller", "beide", "beiden", "sie", "wir", "ihr", "er",
    "aber", "oder", "über", "unter", "hinter", "gegen", "wieder", "haben", "hatte", "hatten", "habe",
    "sein", "seien", "waren", "wäre", "wären", "werden", "werde", "wurde", "wurden", "worden", "würde",
    "würden", "sollen", "solle", "sollte", "sollten", "wollen", "wolle", "wollte", "wollten", "können",
    "könne", "konnte", "konnten", "könnten", "müssen", "müsse", "musste", "mussten", "dürfen", "durfte",
    "stehen", "stehe", "standen", "kommen", "kamen", "gehen", "gingen", "lassen", "liegen", "lagen",
    "geben", "gaben", "sagte", "sagten", "sagen", "meldete", "meldeten", "bleiben", "blieben", "hieß",
    "hieße", "seit", "denen", "deren", "dessen", "wenige", "wenigen", "mehrere", "mehreren", "einige",
    "einigen", "viele", "vielen", "manche", "manchen", "solche", "solchen", "jeder", "jede", "jeden",
    "jedem", "innerhalb", "außerhalb", "oben", "unten", "eben", "ebenfalls", "gerade", "insgesamt",
    "bisher", "zuvor", "später", "früher", "weniger", "mehr", "etwa", "rund", "knapp", "fast", "allein",
}
_DE_ADVERBS = {"meist", "zumeist", "überwiegend", "teils", "teilweise", "bereits", "zusätzlich",
               "gut", "schwer", "leicht", "bislang", "zuletzt", "neu", "frisch", "voll"}
_EN_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "from", "by", "and", "or", "but",
    "are", "were", "was", "is", "be", "been", "being", "have", "has", "had", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "do", "does", "did", "said", "says", "say", "told",
    "that", "which", "who", "whom", "it", "they", "them", "their", "its", "his", "her", "this", "these",
    "those", "than", "as", "not", "also", "still", "less", "per", "each", "every", "while",
    "when", "where", "after", "before", "since", "into", "over", "under", "about", "around", "some",
    "up", "out", "off", "so", "if", "then", "there", "here", "all", "both", "other", "such", "what",
    "we", "you", "he", "she", "i", "our", "your", "no", "any", "many", "much", "few", "most", "only",
    "just", "already", "now", "last", "next", "first", "second", "third", "between", "against", "during",
}
# How sure a path to the unit is (hand-set; on the seeds every path that fired was right, so these
# only rank the paths: the farther the noun from the number, the less sure).
_PATH_PENALTY = {"adj-noun": 0.05, "partitive": 0.1, "pp-participle": 0.2}
_PATH_CAP = {"fallback-noun": 0.5, "ellipsis": 0.6}
_COORD = {"und", "oder", "sowie", "and", "or"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
           "oct.", "nov.", "dec.", "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember"}
_PARTITIVE_DE = {"der"}
_PARTITIVE_EN_DET = {"the", "its", "their", "his", "her", "our", "these", "those"}
_ADJ_END_DE = re.compile(r"^[a-zäöüß][a-zäöüß-]*(?:e|en|er|es|em)$")
_EN_WORDLIKE = re.compile(r"^[A-Za-z][A-Za-z'-]*$")
_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(|\[|,|–|-|—)?\s*(?:umgerechnet|also|d\.\s?h\.|das sind|entspricht|equivalent to|"
    r"the equivalent of|or|oder)?\s*(?:\(|\[)?\s*$", re.I)
_COORD_GAP = re.compile(r"^\s*(?:,|und|oder|sowie|and|or|bis|to|-|–)\s*$", re.I)


@dataclass
class _Number:
    value: float
    end: int  # index of the last token of the number (and scale)
    kind: str  # digits | word | plural | fraction | symbol
    confidence: float
    approximate: bool = False
    qualifier: str | None = None
    unit: str | None = None  # currency from a sign before the number, "fraction"
    year_like: bool = False
    scale: float = 1.0  # the multiplier a scale word applied ("Millionen" -> 1e6)


class FigureFinder:
    """Finds figures in one language. ``find(text, offset)`` returns Figures with document offsets."""

    def __init__(self, lexicon: UnitLexicon, language: str = "de") -> None:
        self.lex = lexicon
        self.lang = "en" if language == "en" else "de"

    # -- public -------------------------------------------------------------------------------
    def find(self, text: str, offset: int = 0, full_text: str | None = None) -> list[Figure]:
        full = full_text if full_text is not None else text
        toks = tokenize(text, offset)
        figures: list[Figure] = []
        rate_side: list[str | None] = []
        i = 0
        while i < len(toks):
            hit = self._figure_at(toks, i, full, figures[-1] if figures else None)
            if hit is None:
                i += 1
                continue
            fig, last, side = hit
            if figures and figures[-1].qualifier == "range_from" and fig.qualifier is None \
                    and _COORD_GAP.match(full[figures[-1].end:fig.start]):
                fig.qualifier, fig.approximate = "range_to", True
            figures.append(fig)
            rate_side.append(side)
            i = last + 1
        self._share_rates(figures, rate_side, full)
        return figures

    # -- numbers ------------------------------------------------------------------------------
    def _blocked_digits(self, toks: list[Tok], i: int, full: str) -> bool:
        t = toks[i]
        before = full[t.start - 1] if t.start > 0 else " "
        after = full[t.end] if t.end < len(full) else " "
        after2 = full[t.end + 1] if t.end + 1 < len(full) else " "
        if before.isalpha() or before in "-/+#№§" or (before == "." and t.start > 1 and full[t.start - 2].isdigit()):
            return True  # G7, F-16, Artikel-5, 9/11, +49
        if after in ":/" and after2.isdigit():
            return True  # 19:00, 9/11
        if after == "-" and after2.isdigit():
            return True  # 2014-2022, 5-6
        if after == "-" and after2.isalpha() and self._compound(toks, i) is None:
            return True  # 5-ähnliche, 30-Tage-Waffenruhe
        if after == "." and not t.glued:
            return True  # ordinal: "17. Januar", "2. Armee"
        if t.glued and not self._glued_ok(toks, i):
            return True  # 16er, 3D, "Klasse 8b"
        if len(t.text) > 1 and t.text.startswith("0") and not re.match(r"^0[,.]\d", t.text):
            return True  # phone numbers, codes
        if i + 1 < len(toks) and toks[i + 1].kind == "num" and toks[i + 1].start - t.end <= 1:
            return True  # digit groups separated by a space: phone numbers, ids
        if i > 0 and toks[i - 1].kind == "num" and t.start - toks[i - 1].end <= 1:
            return True
        prev = toks[i - 1].text.lower() if i > 0 else ""
        if prev in _MONTHS and len(t.text) <= 2:
            return True  # "November 17", "Feb. 24"
        refs = self.lex.reference_words.get(self.lang, set())
        if prev in refs or prev.rsplit("-", 1)[-1] in refs:
            return True
        if i + 1 < len(toks) and toks[i + 1].text.lower() in ("uhr", "h", "o'clock"):
            return True
        return False

    def _glued_ok(self, toks: list[Tok], i: int) -> bool:
        """A suffix glued to digits: a unit ("5km") or a scale ("€1.5bn"; "m", "b", "k" only after a
        currency sign, "$200m", since "8b" is usually a label)."""
        g = toks[i].glued.lower()
        if g in ("km", "kg"):
            return True
        if self.lang == "de":
            return g in ("mio", "mrd")
        if g in ("m", "b", "k"):
            return i > 0 and toks[i - 1].text in self.lex.symbols and toks[i - 1].end == toks[i].start
        return g in GLUED_SCALES

    def _compound(self, toks: list[Tok], i: int) -> tuple[float, str, int] | None:
        """"28-Punkte-Plan", "100-Milliarden-Dollar-Paket", "5000-Mann-Truppe": the number starts a
        compound word; returns (multiplier, unit, index of the compound token)."""
        t = toks[i]
        if i + 2 >= len(toks) or toks[i + 1].text != "-" or toks[i + 2].kind != "word" \
                or toks[i + 1].start != t.end or toks[i + 2].start != toks[i + 1].end:
            return None
        factor = 1.0
        for part in toks[i + 2].text.split("-"):
            s = scale_of(part, self.lang)
            if s is not None:
                factor *= s
                continue
            unit = self.lex.compound_only.get(self.lang, {}).get(part.lower())
            hit = self.lex.lookup([part], self.lang)
            if unit is None and hit is not None:
                unit = hit[0]
            return (factor, unit, i + 2) if unit else None
        return None

    def _scale(self, toks: list[Tok], j: int, value: float) -> tuple[float, int, bool]:
        """Apply scale words after index ``j - 1``; returns (value, index of last token, scaled)."""
        scaled = False
        while j < len(toks) and toks[j].kind == "word":
            w = toks[j].text
            low = w.lower()
            if low in ("dutzend", "dozen"):
                value *= 12
            else:
                s = scale_of(w, self.lang)
                if s is None or (self.lang == "de" and low in ("hundert", "tausend") and w[0].isupper()
                                 and not scaled and value >= 100):
                    break
                value *= s
            scaled = True
            j += 1
        return value, j - 1, scaled

    def _space_grouped(self, toks: list[Tok], i: int, full: str) -> int:
        """Index of the last group of "67 000", "1 200 000" (thousands set off by plain spaces)."""
        t = toks[i]
        if not re.fullmatch(r"[1-9]\d{0,2}", t.text) or t.glued or (i > 0 and toks[i - 1].kind == "num"
                                                                    and t.start - toks[i - 1].end <= 1):
            return i
        j = i
        while (j + 1 < len(toks) and toks[j + 1].kind == "num" and re.fullmatch(r"\d{3}", toks[j + 1].text)
               and full[toks[j].end:toks[j + 1].start] in (" ", "\u00a0", "\u202f", "\u2009")):
            j += 1
        return j

    def _number_at(self, toks: list[Tok], i: int, full: str) -> _Number | None:
        """The number starting at token ``i`` (digits or words, with its scale), or None."""
        if toks[i].kind == "num":
            return self._digits_at(toks, i, full)
        if toks[i].kind == "word":
            return self._words_at(toks, i)
        return None

    def _digits_at(self, toks: list[Tok], i: int, full: str) -> _Number | None:
        t = toks[i]
        grouped = self._space_grouped(toks, i, full)
        if grouped > i:
            before = full[t.start - 1] if t.start > 0 else " "
            if before.isalpha() or before in "-/+#№§":
                return None
            value = float("".join(x.text for x in toks[i:grouped + 1]))
            value, last, _ = self._scale(toks, grouped + 1, value)
            return _Number(value, last, "digits", 0.85)
        if self._blocked_digits(toks, i, full):
            return None
        parsed = parse_digits(t.text, self.lang)
        if parsed is None:
            return None
        value = parsed
        compound = self._compound(toks, i)
        if compound is not None:
            return _Number(value * compound[0], compound[2], "compound", 0.7, unit=compound[1])
        base = value
        if t.glued.lower() in ("km", "kg"):  # "5km": the unit is glued to the number
            hit = self.lex.lookup([t.glued], self.lang)
            return _Number(value, i, "digits", 0.85, unit=hit[0] if hit else None)
        if t.glued and t.glued.lower() in GLUED_SCALES:
            value *= GLUED_SCALES[t.glued.lower()]
        value, last, scaled = self._scale(toks, i + 1, value)
        year_like = (not scaled and not t.glued and re.fullmatch(r"\d{4}", t.text) is not None
                     and 1000 <= value <= 2100)
        if year_like and i > 0 and toks[i - 1].text.lower() in self.lex.year_context.get(self.lang, set()):
            return None
        if year_like and value % 50:
            return None  # "1979 Truppen" is a year; round counts ("2000 Soldaten") stay figures
        return _Number(value, last, "digits", 0.9, year_like=year_like, scale=value / base if base else 1.0)

    def _words_at(self, toks: list[Tok], i: int) -> _Number | None:
        t = toks[i]
        low = t.text.lower()
        # plural quantifiers: "Dutzende", "Tausende", "thousands of", "tens of thousands of"
        if self.lang == "en" and low in ("tens", "hundreds") and i + 2 < len(toks) \
                and toks[i + 1].text.lower() == "of" and toks[i + 2].text.lower() in ("thousands", "millions"):
            phrase = f"{low} of {toks[i + 2].text.lower()}"
            value = PLURAL_QUANTIFIERS.get(phrase, 10000 if low == "tens" else 100000)
            if toks[i + 2].text.lower() == "millions":
                value = 20e6 if low == "tens" else 200e6
            return _Number(value, i + 2, "plural", 0.6, approximate=True, qualifier="several")
        if low in PLURAL_QUANTIFIERS and (t.text[0].isupper() or low != "millionen"):
            if low == "millionen" and i > 0 and toks[i - 1].kind == "num":
                return None
            return _Number(PLURAL_QUANTIFIERS[low], i, "plural", 0.6, approximate=True, qualifier="several")
        if low in ("dutzend", "dozen"):  # "mehrere Dutzend Drohnen"
            value, last, _ = self._scale(toks, i + 1, 12.0)
            return _Number(value, last, "word", 0.75)
        articles = {"a", "an"} if self.lang == "en" else _DE_ARTICLE_ONE
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        nxt_low = nxt.text.lower() if nxt else ""
        # "half a million", "eine halbe Million"
        if self.lang == "en" and low == "half" and nxt_low in ("a", "an") and i + 2 < len(toks):
            value, last, scaled = self._scale(toks, i + 2, 0.5)
            return _Number(value, last, "word", 0.85) if scaled else None
        if low in articles:
            if nxt and nxt_low in ("halbe", "halben", "halb"):
                value, last, scaled = self._scale(toks, i + 2, 0.5)
                return _Number(value, last, "word", 0.85) if scaled else None
            if nxt and fraction_of(nxt_low) is not None and nxt_low not in ("hälfte", "half"):
                return _Number(float(fraction_of(nxt_low) or 0), i + 1, "fraction", 0.6, unit="fraction")
            value, last, scaled = self._scale(toks, i + 1, 1.0)
            if scaled:
                return _Number(value, last, "word", 0.85)
            if self._one_as_number(toks, i):
                return _Number(1.0, i, "word", 0.7)
            return None
        if self.lang == "en":
            j = i
            words: list[str] = []
            while j < len(toks) and toks[j].kind == "word":
                w = toks[j].text.lower()
                if parse_number_word(w, "en") is not None or (w == "and" and words and j + 1 < len(toks)
                                                              and parse_number_word(toks[j + 1].text, "en")):
                    words.append(w)
                    j += 1
                    continue
                break
            if not words:
                return None
            parsed = parse_number_words(words, "en")
            if parsed is None:
                return None
            if words == ["one"] and not (scale_of(nxt_low, "en") or nxt_low in ("and", "dozen")):
                return None  # like German "ein": a lone "one" is an article more often than an amount
            value, last = parsed, j - 1
            if j + 2 < len(toks) and [x.text.lower() for x in toks[j:j + 3]] == ["and", "a", "half"]:
                value += 0.5
                last = j + 2
        else:
            parsed = parse_number_word(low, "de")
            if parsed is None:
                return None
            value, last = parsed, i
        if nxt and fraction_of(toks[last + 1].text if last + 1 < len(toks) else "") is not None \
                and toks[last + 1].text.lower() not in ("hälfte", "half"):
            frac = fraction_of(toks[last + 1].text)
            return _Number(value * float(frac or 0), last + 1, "fraction", 0.6, unit="fraction")
        value, last, _ = self._scale(toks, last + 1, value)
        return _Number(value, last, "word", 0.85)

    # -- units ---------------------------------------------------------------------------------
    def _adjective_like(self, tok: Tok) -> bool:
        low = tok.text.lower()
        if tok.kind != "word":
            return False
        if self.lang == "en":
            if low in _EN_STOP or parse_number_word(low, "en") is not None:
                return False
            if low in self.lex.time_nouns.get("en", set()):
                return False
            return _EN_WORDLIKE.match(tok.text) is not None
        if low in _DE_STOP or not tok.text[0].islower():
            return False
        return _ADJ_END_DE.match(tok.text) is not None or low in _DE_ADVERBS

    def _unit_here(self, toks: list[Tok], k: int) -> tuple[str, int, bool] | None:
        """(unit, index of last token, is demonym) of a unit noun starting at ``k``."""
        t = toks[k]
        if t.kind == "sym" and t.text in self.lex.symbols:
            return self.lex.symbols[t.text], k, False
        if t.kind == "sym" and t.text == "%":
            return "percent", k, False
        if t.kind == "word" and t.text in self.lex.symbols:
            return self.lex.symbols[t.text], k, False
        if t.kind != "word":
            return None
        words = [x.text for x in toks[k:k + 3] if x.kind in ("word", "sym")]
        hit = self.lex.lookup(words, self.lang)
        if hit:
            unit, size = hit
            return unit, k + size - 1, False
        if self.lex.is_demonym(t.text, self.lang):
            return self.lex.demonym_unit, k, True
        return None

    _RANGE_WORDS = {"und", "bis", "and", "to", "-", "–"}

    def _range_end(self, toks: list[Tok], i: int, num: _Number, full: str) -> _Number | None:
        """The upper end of "zwischen 150.000 und 190.000", "150.000 bis 190.000" (number at ``i``)."""
        k = num.end + 1
        if num.kind != "digits" or k + 1 >= len(toks) or toks[k].text.lower() not in self._RANGE_WORDS:
            return None
        if toks[k].text.lower() in ("und", "and") and (i == 0 or toks[i - 1].text.lower() not in ("zwischen", "between")):
            return None
        upper = self._number_at(toks, k + 1, full)
        if upper is None or upper.kind != "digits":
            return None
        if num.scale == 1.0 and upper.scale > 1.0:
            num.value *= upper.scale  # "9 bis 10 Millionen": the scale belongs to both ends
        if upper.value <= num.value:
            return None
        return upper

    def _is_time_noun(self, tok: Tok) -> bool:
        return tok.text.lower() in self.lex.time_nouns.get(self.lang, set())

    def _find_unit(self, toks: list[Tok], k: int, direct_only: bool) -> tuple[str, int, str, bool] | None:
        """Search the counted noun from token ``k``: (unit, last index, path, is demonym)."""
        start = k
        gap = 0
        path = "noun"
        max_gap = 4
        while k < len(toks) and gap <= max_gap:
            t = toks[k]
            if self._is_time_noun(t):
                return None
            hit = self._unit_here(toks, k)
            if hit and self._english_modifier(toks, hit[1]):
                hit = None  # "16 civilian advisers": the unit word only modifies the counted noun
            if hit:
                unit, last, demonym = hit
                if last + 1 < len(toks) and toks[last + 1].text == "/" and toks[last + 1].start == toks[last].end:
                    return None  # a ratio such as "400 km/h"
                return unit, last, path, demonym
            skip = self._designation(toks, k, start)
            if skip and not direct_only:
                k, gap = skip, gap + 1
                continue
            if direct_only or t.kind != "word":
                return self._english_fallback(toks, start, k, direct_only)
            low = t.text.lower()
            if k == start and self.lang == "de" and (low in _PARTITIVE_DE or (low == "von" and self._von_unit(toks, k))):
                path, k = "partitive", k + 1
                if low == "von" and k < len(toks) and toks[k].text.lower() in ("den", "ihren", "seinen", "diesen"):
                    k += 1
                continue
            if k == start and self.lang == "en" and low == "of":
                path, k = "partitive", k + 1
                if k < len(toks) and toks[k].text.lower() in _PARTITIVE_EN_DET:
                    k += 1
                continue
            if t.text.endswith("-") and k + 1 < len(toks) and toks[k + 1].text.lower() in _COORD:
                k += 2
                continue
            # "eilig gecharterte": an uninflected adverb before an inflected adjective
            adverb = (self.lang == "de" and t.text[:1].islower() and low not in _DE_STOP and t.text.isalpha()
                      and k + 1 < len(toks) and self._adjective_like(toks[k + 1]))
            if adverb or self._adjective_like(t) or (self.lang == "en" and t.text[:1].isupper() and gap < 2):
                k += 1
                gap += 1
                if path == "noun":
                    path = "adj-noun"
                continue
            if self.lang == "de" and k == start and low in _DE_PREPS:
                nk = self._skip_pp(toks, k)
                if nk is None:
                    return None
                # a participle or adjective must close the phrase: "... stationierte russische Soldaten"
                if nk >= len(toks) or not self._adjective_like(toks[nk]):
                    return None
                k, path, max_gap = nk, "pp-participle", 4
                continue
            return self._english_fallback(toks, start, k, direct_only)
        return None

    _EN_UNCOUNTED_PLURALS = ("ss", "us", "is", "ics", "ness", "ous")

    @staticmethod
    def _designation(toks: list[Tok], k: int, start: int) -> int | None:
        """A type name inside the gap: "sechs F-16-Kampfjets", "30 Leopard-2-Panzer", "Leopard 2 tanks".
        Returns the index after it, or None."""
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.kind == "word" and t.text.endswith("-") and t.text[:1].isupper() and nxt is not None \
                and nxt.kind == "num" and nxt.start == t.end:
            j = k + 2
            if j < len(toks) and toks[j].text == "-" and toks[j].start == nxt.end:
                j += 1
            return j
        if t.kind == "num" and k > start and toks[k - 1].kind == "word" and toks[k - 1].text[:1].isupper() \
                and len(t.text) <= 3 and not t.glued:
            return k + 1
        return None

    def _english_modifier(self, toks: list[Tok], last: int) -> bool:
        """English: a singular unit word followed by a plural noun is a modifier ("shell bombs")."""
        if self.lang != "en":
            return False
        word = toks[last].text.lower()
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if word.endswith("s") or nxt is None or nxt.kind != "word" or not nxt.text.islower():
            return False
        low = nxt.text
        return (low.endswith("s") and not low.endswith(self._EN_UNCOUNTED_PLURALS) and low not in _EN_STOP
                and not self._is_time_noun(nxt))

    def _english_fallback(self, toks: list[Tok], start: int, k: int, direct_only: bool) -> tuple[str, int, str, bool] | None:
        """English only: the plural noun that ends the scan is the unit ("500 hackers" -> hacker)."""
        if self.lang != "en" or not self.lex.english_fallback or direct_only or k == start:
            return None
        for last in range(start, k):
            word = toks[last].text
            if (word.islower() and word.isalpha() and len(word) >= 4 and word.endswith("s")
                    and not word.endswith(self._EN_UNCOUNTED_PLURALS) and word not in _EN_STOP
                    and not self._is_time_noun(toks[last])):
                break
        else:
            return None
        if word in self.lex.fallback_exclude:
            return None
        if word.endswith("ies"):
            unit = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "xes", "sses")):
            unit = word[:-2]
        else:
            unit = word[:-1]
        return unit, last, "fallback-noun", False

    def _von_unit(self, toks: list[Tok], k: int) -> bool:
        """"Tausende von Menschen": "von" followed (past a determiner and adjectives) by a unit noun."""
        j = k + 1
        if j < len(toks) and toks[j].text.lower() in ("den", "ihren", "seinen", "diesen"):
            j += 1
        while j < len(toks) and self._adjective_like(toks[j]):
            j += 1
        return j < len(toks) and self._unit_here(toks, j) is not None

    def _skip_pp(self, toks: list[Tok], k: int) -> int | None:
        """Skip one or two prepositional phrases ("an der Grenze zur Ukraine"); index after them."""
        phrases = 0
        while k < len(toks) and toks[k].text.lower() in _DE_PREPS and phrases < 3:
            k += 1
            if k < len(toks) and toks[k].text.lower() in _DE_DETS:
                k += 1
            while k < len(toks) and self._adjective_like(toks[k]):
                k += 1
            if k >= len(toks) or toks[k].kind != "word" or not toks[k].text[0].isupper():
                return None
            if self._unit_here(toks, k) or self._is_time_noun(toks[k]):
                return None
            k += 1
            phrases += 1
        return k if phrases else None

    def _extend_coordination(self, toks: list[Tok], last: int, unit: str) -> int:
        """"Raketen und Marschflugkörpern": a coordinated noun of the same unit joins the span."""
        k = last + 1
        if k >= len(toks) or toks[k].text.lower() not in _COORD:
            return last
        k += 1
        steps = 0
        while k < len(toks) and steps < 3:
            hit = self._unit_here(toks, k)
            if hit:
                return hit[1] if hit[0] == unit else last
            if not self._adjective_like(toks[k]):
                return last
            k += 1
            steps += 1
        return last

    # -- qualifiers and rates ---------------------------------------------------------------------
    def _qualifier_before(self, toks: list[Tok], i: int) -> tuple[str, int] | None:
        for key, qualifier in self.lex.qualifiers.get(self.lang, []):
            n = len(key)
            if i - n < 0:
                continue
            if tuple(t.text.lower() for t in toks[i - n:i]) == key:
                # "ein Kredit über 150 Millionen Euro": after a noun, "über"/"unter" means "of"
                if self.lang == "de" and key in (("über",), ("unter",)) and i - n > 0:
                    prev = toks[i - n - 1]
                    if prev.kind == "word" and prev.text[:1].isupper() and not self._sentence_start(toks, i - n - 1):
                        return None
                return qualifier, i - n
        return None

    @staticmethod
    def _sentence_start(toks: list[Tok], k: int) -> bool:
        return k == 0 or toks[k - 1].text in (".", "!", "?", ":", "„", "\"", "»", "+")

    def _rate_after(self, toks: list[Tok], k: int) -> tuple[str, int] | None:
        for key, rate in self.lex.rates_after:
            n = len(key)
            if tuple(t.text.lower() for t in toks[k:k + n]) == key:
                return rate, k + n - 1
        return None

    # words that may stand between a leading rate adverb and the figure: "monatlich mit rund 5000"
    _RATE_BRIDGE = {"mit", "je", "insgesamt", "bis", "zu", "um", "auf", "with", "up", "to", "by", "some"}

    def _rate_before(self, toks: list[Tok], i: int) -> str | None:
        for k in range(i - 1, max(-1, i - 4), -1):
            t = toks[k]
            if t.kind != "word":
                return None
            rate = self.lex.rates_before.get(t.text.lower())
            if rate:
                return rate
            if t.text.lower() not in self._RATE_BRIDGE:
                return None
        return None

    # -- one figure -------------------------------------------------------------------------------
    def _one_as_number(self, toks: list[Tok], i: int) -> bool:
        """German "ein"-forms as the number one: only right before a unit noun and right after a
        qualifier of amount ("mehr als einen Kilometer", "knapp einem Prozent", "rund eine Million" is
        a scale and handled elsewhere). Everywhere else the word is an article."""
        if self.lang == "en" or i + 1 >= len(toks) or toks[i + 1].kind != "word":
            return False
        q = self._qualifier_before(toks, i)
        if q is None:
            return False
        key = tuple(t.text.lower() for t in toks[q[1]:i])
        if key not in self.lex.one_qualifiers.get(self.lang, set()):
            return False  # "knapp einem Anschlag entgangen", "über einen Angriff": adverb + article
        hit = self.lex.lookup([t.text for t in toks[i + 1:i + 4]], self.lang)
        return hit is not None

    def _figure_at(self, toks: list[Tok], i: int, full: str,
                   previous: Figure | None = None) -> tuple[Figure, int, str | None] | None:
        first = i
        prefix_unit: str | None = None
        t = toks[i]
        if t.text in self.lex.symbols and i + 1 < len(toks) and toks[i + 1].kind == "num" \
                and toks[i + 1].start - t.end <= 1:
            prefix_unit = self.lex.symbols[t.text]
            i += 1
        num = self._number_at(toks, i, full)
        if num is None or self._vague(toks, i, num):
            return None
        path = {"fraction": "fraction", "compound": "compound"}.get(num.kind, "currency-sign")
        if num.unit is not None and prefix_unit is None and num.kind == "digits":
            path = "glued-unit"
        demonym = False
        last = num.end
        unit = prefix_unit or num.unit
        range_to: _Number | None = None
        if unit is None:
            found = self._find_unit(toks, num.end + 1, direct_only=num.year_like)
            if found is not None and found[2] == "partitive" and num.value == 1:
                return None  # "one of the bloodiest attacks" names one thing, it counts nothing
            if found is not None:
                unit, last, path, demonym = found
                if unit == "percent" and num.kind == "plural":
                    return None
                last = self._extend_coordination(toks, last, unit)
            else:
                # the lower end of a range ("zwischen 150.000 und 190.000 Soldaten") is a figure of
                # its own with the unit of the upper end; the upper end is found on the next step
                range_to = self._range_end(toks, i, num, full)
                upper = self._find_unit(toks, range_to.end + 1, direct_only=False) if range_to else None
                if upper is not None:
                    # one figure for the whole range, value = lower end, value_to = upper end (the
                    # blind2 gold convention: "zwischen 4.000 und 5.000 Wagner-Kämpfer" -> 4000)
                    unit, last, path, demonym = upper[0], upper[1], "range", upper[3]
                    if i > 0 and toks[i - 1].text.lower() in ("zwischen", "between"):
                        first = i - 1
                elif self._elided(num, toks[i], previous, full) or self._elided_bare(toks, i, num, previous, full):
                    # "rund 135 Milliarden Euro, davon knapp 50 Milliarden für ...": the unit is elided
                    unit, last, path = previous.unit if previous else None, num.end, "ellipsis"
                else:
                    return None
        if self.lang == "en" and num.kind == "word" and num.value == 2 and i > 0 \
                and toks[i - 1].text.lower() in ("the", "these", "those", "both"):
            # "the two governments" refers back to a known pair, like German "die beiden" (not a
            # count); seed/dev/blind gold counts no definite pair and counts "zwei der ... Banken"
            return None
        value = num.value
        confidence = num.confidence
        if demonym:
            low = toks[last].text.lower()
            forms = self.lex.small_group_forms
            if value <= self.lex.small_group_max and any(low.startswith(f) for f in forms):
                unit = self.lex.small_group_unit
            confidence -= 0.25
        confidence = min(confidence - _PATH_PENALTY.get(path, 0.0), _PATH_CAP.get(path, 1.0))
        qualifier, approximate = num.qualifier, num.approximate
        q = self._qualifier_before(toks, first)
        if q is not None:
            qualifier, approximate = q[0], True
            first = q[1]
        if range_to is not None and path == "range":
            qualifier, approximate = "range", False
        rate_hit = self._rate_after(toks, last + 1)
        rate, side = None, None
        if rate_hit:
            rate, side = rate_hit[0], "after"
        else:
            rate = self._rate_before(toks, first)
            side = "before" if rate else None
        start, end = toks[first].start, toks[last].end
        rule = f"{num.kind}+{path}" if num.kind != path else num.kind
        fig = Figure(start, end, COMPONENT, rule, round(max(0.1, min(confidence, 1.0)), 3),
                     text=full[start:end], value=normalise_value(value), unit=unit,
                     approximate=approximate, qualifier=qualifier, rate=rate)
        if range_to is not None and path == "range":
            fig.value_to = normalise_value(range_to.value)
        return fig, last, side

    _SCALE_WORDS = {"tausend", "hundert", "thousand", "hundred", "thousands", "hundreds"}

    def _vague(self, toks: list[Tok], i: int, num: _Number) -> bool:
        """A vague plural states no number (see units.yaml ``vague_plurals``)."""
        if self.lex.emit_vague_plurals:
            return False
        if num.kind == "plural":
            return True
        return (num.kind == "word" and toks[i].text.lower() in self._SCALE_WORDS and i > 0
                and toks[i - 1].text.lower() in self.lex.vague_before.get(self.lang, set()))

    def _elided_bare(self, toks: list[Tok], i: int, num: _Number, previous: Figure | None, full: str) -> bool:
        """"schickte 1.500 Soldaten und plane bis zu 12.000 zu schicken": an unscaled number with a
        qualifier of amount and no noun after it repeats the unit of the previous figure of the same
        sentence (a count noun, not a measure); anything else without a unit is skipped."""
        if previous is None or previous.unit in (None, "fraction", "percent", "percentage_point") \
                or num.year_like or num.kind != "digits" or self._qualifier_before(toks, i) is None:
            return False
        nxt = toks[num.end + 1] if num.end + 1 < len(toks) else None
        if nxt is not None and nxt.kind == "word" and nxt.text[:1].isupper():
            return False  # an unknown noun follows: it is counted, not the earlier unit
        between = full[previous.end:toks[i].start]
        return len(between) <= 120 and not re.search(r"[.!?;]\s", between)

    @staticmethod
    def _elided(num: _Number, tok: Tok, previous: Figure | None, full: str) -> bool:
        """A scaled number without a unit ("knapp 50 Milliarden") in the same sentence shortly
        after a figure whose unit it repeats."""
        if previous is None or previous.unit in (None, "fraction", "percent", "percentage_point") \
                or num.scale <= 1.0:
            return False
        between = full[previous.end:tok.start]
        return len(between) <= 120 and not re.search(r"[.!?;]\s", between)

    def _share_rates(self, figures: list[Figure], sides: list[str | None], full: str) -> None:
        """Coordinated figures share a rate: "monatlich 5000 Drohnen und 200 Raketen"."""
        for a in range(len(figures) - 1):
            fa, fb = figures[a], figures[a + 1]
            if not _COORD_GAP.match(full[fa.end:fb.start]):
                continue
            if fa.rate and not fb.rate and sides[a] == "before":
                fb.rate, sides[a + 1] = fa.rate, "before"
            elif fb.rate and not fa.rate and sides[a + 1] == "after":
                fa.rate, sides[a] = fb.rate, "after"


def link_conversions(figures: list[Figure], text: str, currencies: Iterable[str]) -> None:
    """"200 Millionen Dollar (rund 176 Millionen Euro)": two amounts in two currencies stated as the
    same money are linked both ways through ``same_as`` (indexes into ``figures``)."""
    cur = set(currencies)
    for a in range(len(figures) - 1):
        fa, fb = figures[a], figures[a + 1]
        if fa.unit not in cur or fb.unit not in cur or fa.unit == fb.unit:
            continue
        if fb.start - fa.end > 40 or not _CONVERSION_GAP.match(text[fa.end:fb.start]):
            continue
        fa.same_as, fb.same_as = a + 1, a


def extract_figures(text: str, language: str = "de", lexicon: UnitLexicon | None = None) -> list[Figure]:
    """Figures of a plain text (offsets into ``text``). Example: ``extract_figures("rund 5000 Drohnen")``."""
    lex = lexicon or load_units()
    figures = FigureFinder(lex, language).find(text, 0, text)
    link_conversions(figures, text, lex.currencies)
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

    @property
    def lexicon(self) -> UnitLexicon:
        if self._lexicon is None:
            self._lexicon = load_units(self.units_path)
        return self._lexicon

    def __call__(self, doc: Document) -> Document:
        finder = FigureFinder(self.lexicon, doc.language)
        spans = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
        figures: list[Figure] = []
        for start, end in spans:
            figures.extend(finder.find(doc.text[start:end], start, doc.text))
        link_conversions(figures, doc.text, self.lexicon.currencies)
        doc.figures = figures
        log.debug("figures: %d in document %s", len(figures), doc.id)
        return doc
