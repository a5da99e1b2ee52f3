"""Finding the counted noun after a number: "30 gecharterten Maschinen", "zwei der größten
Banken", "100.000 an der Grenze stationierte Soldaten", "500 hackers".

``UnitFinder.find_unit(toks, k, direct_only)`` scans from token ``k``: a unit noun (units.yaml)
ends the scan; a word that may stand between number and noun is passed over by one of the
``GAP_RULES`` (each a small named rule; the path it sets goes into the figure's ``rule``); a time
noun or any other word ends it without a unit (English: an unknown plural noun may be the unit).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lagebild.figures.lexicon import Tok, UnitLexicon
from lagebild.figures.quantities import NumberWords
from lagebild.figures.words import FigureWords

__all__ = ["FoundUnit", "UnitFinder"]

_EN_WORDLIKE = re.compile(r"^[A-Za-z][A-Za-z'-]*$")
_MAX_GAP = 4  # words between the number and its noun (adjectives, type names)
_MAX_PHRASES = 3  # prepositional phrases passed over before a closing participle
_FALLBACK_MIN_LEN = 4  # "500 hackers": a plural noun of at least four letters


@dataclass(frozen=True)
class FoundUnit:
    unit: str
    last: int  # index of the last token of the noun
    path: str  # how the noun was reached: noun, adj-noun, partitive, pp-participle, fallback-noun
    demonym: bool = False


@dataclass
class _Scan:
    k: int
    gap: int = 0
    path: str = "noun"


_STOP: Literal["stop"] = "stop"  # a gap rule decided: no unit
GapRule = Callable[["UnitFinder", list[Tok], "_Scan", int], bool | Literal["stop"]]


class UnitFinder:
    """The counted noun after a number in one language's tokens."""

    def __init__(self, lexicon: UnitLexicon, words: FigureWords, numbers: NumberWords, language: str) -> None:
        self.lex = lexicon
        self.w = words
        self.n = numbers
        self.lang = language
        self.time_nouns = lexicon.time_nouns.get(language, set())
        self.adjective_like: Callable[[Tok], bool] = \
            self._adjective_like_en if language == "en" else self._adjective_like_de

    # -- single tokens ----------------------------------------------------------------------------
    def is_time_noun(self, tok: Tok) -> bool:
        return tok.text.lower() in self.time_nouns

    def _adjective_like_en(self, tok: Tok) -> bool:
        low = tok.text.lower()
        if tok.kind != "word" or low in self.w.stop or self.n.parse_word(low) is not None:
            return False
        if low in self.lex.time_nouns.get("en", set()):
            return False
        return _EN_WORDLIKE.match(tok.text) is not None

    def _adjective_like_de(self, tok: Tok) -> bool:
        if tok.kind != "word":
            return False
        low = tok.text.lower()
        if low in self.w.stop or not tok.text[0].islower():
            return False
        return (self.w.adjective is not None and self.w.adjective.match(tok.text) is not None) \
            or low in self.w.adverbs

    def unit_here(self, toks: list[Tok], k: int) -> tuple[str, int, bool] | None:
        """(unit, index of last token, is demonym) of a unit noun starting at ``k``."""
        t = toks[k]
        if t.kind in ("sym", "word") and t.text in self.lex.symbols:
            return self.lex.symbols[t.text], k, False
        if t.kind == "sym" and t.text == "%":
            return "percent", k, False
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

    # -- the scan ---------------------------------------------------------------------------------
    def find_unit(self, toks: list[Tok], k: int, direct_only: bool) -> FoundUnit | None:
        """Search the counted noun from token ``k``."""
        scan = _Scan(k)
        start = k
        while scan.k < len(toks) and scan.gap <= _MAX_GAP:
            t = toks[scan.k]
            if self.is_time_noun(t):
                return None
            hit = self.unit_here(toks, scan.k)
            if hit and self._english_modifier(toks, hit[1]):
                hit = None  # "16 civilian advisers": the unit word only modifies the counted noun
            if hit:
                unit, last, demonym = hit
                if last + 1 < len(toks) and toks[last + 1].text == "/" and toks[last + 1].start == toks[last].end:
                    return None  # a ratio such as "400 km/h"
                return FoundUnit(unit, last, scan.path, demonym)
            skip = None if direct_only else self._designation(toks, scan.k, start)
            if skip:
                scan.k, scan.gap = skip, scan.gap + 1
                continue
            if direct_only or t.kind != "word":
                return self._fallback(toks, start, scan.k, direct_only)
            applied = self._gap_rule(toks, scan, start)
            if applied == _STOP:
                return None
            if not applied:
                return self._fallback(toks, start, scan.k, direct_only)
        return None

    def _gap_rule(self, toks: list[Tok], scan: _Scan, start: int) -> bool | Literal["stop"]:
        for rule in GAP_RULES:
            applied = rule(self, toks, scan, start)
            if applied:
                return applied
        return False

    def _partitive(self, toks: list[Tok], scan: _Scan, start: int) -> bool | Literal["stop"]:
        """"zwei der größten Banken", "two of the largest banks", "Tausende von Menschen"."""
        low = toks[scan.k].text.lower()
        if scan.k != start:
            return False
        then_determiner = low in self.w.partitive_with_determiner or (
            low in self.w.partitive_von and self._von_unit(toks, scan.k))
        if low not in self.w.partitive and not then_determiner:
            return False
        scan.path, scan.k = "partitive", scan.k + 1
        if then_determiner and scan.k < len(toks) and toks[scan.k].text.lower() in self.w.partitive_determiners:
            scan.k += 1
        return True

    def _truncated_coordination(self, toks: list[Tok], scan: _Scan, start: int) -> bool | Literal["stop"]:
        """"Staats- und Regierungschefs": a truncated first part and the conjunction are passed over."""
        k = scan.k
        if not (toks[k].text.endswith("-") and k + 1 < len(toks) and toks[k + 1].text.lower() in self.w.coordination):
            return False
        scan.k += 2
        return True

    def _adjective(self, toks: list[Tok], scan: _Scan, start: int) -> bool | Literal["stop"]:
        """"zwanzig eilig gecharterte Maschinen", "2,000 more air defence missiles", "Leopard 2 tanks"."""
        k = scan.k
        t = toks[k]
        low = t.text.lower()
        # "eilig gecharterte": an uninflected adverb before an inflected adjective
        adverb = (self.lang == "de" and t.text[:1].islower() and low not in self.w.stop and t.text.isalpha()
                  and k + 1 < len(toks) and self.adjective_like(toks[k + 1]))
        if not (adverb or self.adjective_like(t) or (self.lang == "en" and t.text[:1].isupper() and scan.gap < 2)):
            return False
        scan.k += 1
        scan.gap += 1
        if scan.path == "noun":
            scan.path = "adj-noun"
        return True

    def _pp_participle(self, toks: list[Tok], scan: _Scan, start: int) -> bool | Literal["stop"]:
        """"60.000 entlang der Grenze zu Belarus zusammengezogene Soldaten": prepositional phrases
        that a participle or adjective closes."""
        if scan.k != start or toks[scan.k].text.lower() not in self.w.prepositions:
            return False
        nk = self._skip_pp(toks, scan.k)
        if nk is None or nk >= len(toks) or not self.adjective_like(toks[nk]):
            return _STOP
        scan.k, scan.path = nk, "pp-participle"
        return True

    # -- helpers of the scan ----------------------------------------------------------------------
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

    def _plural_noun(self, tok: Tok) -> bool:
        """An English plural noun ("hackers"; not "press", "status", "politics")."""
        low = tok.text
        return (low.endswith("s") and not low.endswith(self.w.uncounted_plural_endings) and low not in self.w.stop
                and not self.is_time_noun(tok))

    def _english_modifier(self, toks: list[Tok], last: int) -> bool:
        """English: a singular unit word followed by a plural noun is a modifier ("shell bombs")."""
        if self.lang != "en":
            return False
        word = toks[last].text.lower()
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if word.endswith("s") or nxt is None or nxt.kind != "word" or not nxt.text.islower():
            return False
        return self._plural_noun(nxt)

    def _fallback(self, toks: list[Tok], start: int, k: int, direct_only: bool) -> FoundUnit | None:
        if self.lang == "de":
            return self._german_fallback(toks, k, direct_only)
        return self._english_fallback(toks, start, k, direct_only)

    def _german_fallback(self, toks: list[Tok], k: int, direct_only: bool) -> FoundUnit | None:
        """German: the common noun where the scan stopped is the unit, as its lemma ("5000 Helme" ->
        helm, "zwei neue Schritte" -> schritt); not a name, not a word of the exclude list."""
        if not self.lex.german_fallback or direct_only or k >= len(toks):
            return None
        word = toks[k].text
        if toks[k].kind != "word" or not word[:1].isupper() or not word.isalpha() or len(word) < _FALLBACK_MIN_LEN \
                or word.lower() in self.lex.german_fallback_exclude or word.isupper():
            return None
        from lagebild.language.morphology import morphology

        m = morphology("de")
        if m.pos_of(word) != "NN":  # a name (for a word HanTa does not know: by lookups, no search)
            return None
        analysis = m.analyze(word)
        if analysis.pos != "NN" or not analysis.lemma or analysis.lemma.lower() in self.lex.german_fallback_exclude:
            return None
        return FoundUnit(analysis.lemma.lower(), k, "fallback-noun")

    def _english_fallback(self, toks: list[Tok], start: int, k: int, direct_only: bool) -> FoundUnit | None:
        """English only: the plural noun that ends the scan is the unit ("500 hackers" -> hacker)."""
        if self.lang != "en" or not self.lex.english_fallback or direct_only or k == start:
            return None
        for last in range(start, k):
            word = toks[last].text
            if word.islower() and word.isalpha() and len(word) >= _FALLBACK_MIN_LEN and self._plural_noun(toks[last]):
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
        return FoundUnit(unit, last, "fallback-noun")

    def _von_unit(self, toks: list[Tok], k: int) -> bool:
        """"Tausende von Menschen": "von" followed (past a determiner and adjectives) by a unit noun."""
        j = k + 1
        if j < len(toks) and toks[j].text.lower() in self.w.partitive_determiners:
            j += 1
        while j < len(toks) and self.adjective_like(toks[j]):
            j += 1
        return j < len(toks) and self.unit_here(toks, j) is not None

    def _skip_pp(self, toks: list[Tok], k: int) -> int | None:
        """Skip one or two prepositional phrases ("an der Grenze zur Ukraine"); index after them."""
        phrases = 0
        while k < len(toks) and toks[k].text.lower() in self.w.prepositions and phrases < _MAX_PHRASES:
            k += 1
            if k < len(toks) and toks[k].text.lower() in self.w.determiners:
                k += 1
            while k < len(toks) and self.adjective_like(toks[k]):
                k += 1
            if k >= len(toks) or toks[k].kind != "word" or not toks[k].text[0].isupper():
                return None
            if self.unit_here(toks, k) or self.is_time_noun(toks[k]):
                return None
            k += 1
            phrases += 1
        return k if phrases else None

    def extend_coordination(self, toks: list[Tok], last: int, unit: str) -> int:
        """"Raketen und Marschflugkörpern": a coordinated noun of the same unit joins the span."""
        k = last + 1
        if k >= len(toks) or toks[k].text.lower() not in self.w.coordination:
            return last
        k += 1
        steps = 0
        while k < len(toks) and steps < 3:
            hit = self.unit_here(toks, k)
            if hit:
                return hit[1] if hit[0] == unit else last
            if not self.adjective_like(toks[k]):
                return last
            k += 1
            steps += 1
        return last


# the rules that pass over a word between the number and its noun, in the order they are tried
GAP_RULES: tuple[GapRule, ...] = (
    UnitFinder._partitive,
    UnitFinder._truncated_coordination,
    UnitFinder._adjective,
    UnitFinder._pp_participle,
)
