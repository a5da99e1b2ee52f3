"""Noun phrases and prepositional phrases inside a clause: determiner/adjective/noun chunks whose
head is the last noun (a pronoun stands alone), an attached genitive ("der Sprecher des Weißen
Hauses"), coordinated phrases ("Peter und Paul": the first is the head), and a preposition with its
noun phrase. German cases come from the forms: the determiner or pronoun (``case_forms``, or a
determiner stem + ending), else a strong adjective ending; a bare noun can be any case but the
genitive."""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.clauses.classes import C
from lagebild.clauses.tagging import Word
from lagebild.clauses.words import ClauseWords

__all__ = ["Phrase", "chunk"]

ANY_CASE = frozenset({"nom", "acc", "dat"})
_HEADS = frozenset({"noun", "name"})
_PRONOUNS = frozenset({"pron", "refl", "rel", "wh"})
_CASE_WORDS = frozenset({C.DET, C.PRON, C.REFL, C.REL, C.WH, C.RELAT})  # words whose form shows the case
_PRE = frozenset({C.DET, C.ADJ, C.NUM, C.RELAT, C.WHDET})
_PREPOSITIONS = frozenset({C.PREP, C.PREPART})
# the classes a noun phrase can start with: ``_np_end`` finds none at a word of any other class
_NP_STARTS = _PRONOUNS | _PRE | _HEADS | {C.ADV, C.TRUNC, C.POSS}
_ATTRIBUTE_INSIDE = frozenset({C.PREP, C.PREPART, C.DET, C.NOUN, C.NAME, C.NUM, C.ADV, C.ADJ, C.TRUNC})
_ATTRIBUTE_REACH = 10  # words between a determiner and the participle of an extended attribute


@dataclass(init=False, slots=True)
class Phrase:
    """A noun phrase (``prep`` None) or a prepositional phrase, as word positions of the sentence."""

    words: list[Word]
    head: Word
    cases: frozenset[str] = ANY_CASE
    prep: str | None = None
    rule: str = "np"
    segment: int = 0  # the comma-separated segment the phrase starts in
    apposition: bool = False  # a phrase right after another one, set off by a comma
    conjuncts: list[Word] = field(default_factory=list)
    number: bool | None = None  # True plural, False singular, None unknown (from the forms)

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, words: list[Word], head: Word, cases: frozenset[str] = ANY_CASE, prep: str | None = None,
            rule: str = "np", segment: int = 0, apposition: bool = False, conjuncts: list[Word] | None = None,
            number: bool | None = None) -> None:
        self.words = words
        self.head = head
        self.cases = cases
        self.prep = prep
        self.rule = rule
        self.segment = segment
        self.apposition = apposition
        self.conjuncts = [] if conjuncts is None else conjuncts
        self.number = number

    @property
    def first(self) -> Word:
        return self.words[0]

    @property
    def last(self) -> Word:
        return self.words[-1]


def _strip_ending(low: str, stems: tuple[str, ...]) -> str | None:
    for stem in stems:
        if low.startswith(stem) and len(low) - len(stem) <= 2:
            return low[len(stem):]
    return None


def cases_of(words: list[Word], wc: ClauseWords) -> frozenset[str]:
    """The cases a German noun phrase can have, read off its first determiner, pronoun or adjective."""
    if wc.language != "de":
        return ANY_CASE
    for w in words:
        if w.cls in _CASE_WORDS:
            forms = wc.case_forms.get(w.low)
            if forms is not None:
                return forms
            ending = _strip_ending(w.low, wc.determiner_stems)
            if ending is not None and ending in wc.determiner_endings:
                return wc.determiner_endings[ending]
            return ANY_CASE
        if w.cls == "adj":
            ending = next((e for e in wc.adjective_ending_order if w.low.endswith(e)), None)
            return wc.adjective_endings[ending] if ending is not None else ANY_CASE
    return ANY_CASE


def _number(first: Word, wc: ClauseWords) -> bool | None:
    if first.low in wc.singular_forms and first.cls in ("det", "pron", "rel"):
        return False
    if first.low in wc.plural_forms and first.cls in ("det", "pron"):
        return True
    return None


def _np_end(ws: list[Word], i: int) -> int:
    """The end (exclusive) of a noun phrase starting at ``i``, or ``i`` when none starts there."""
    w = ws[i]
    if w.cls in _PRONOUNS:
        return i + 1
    j = _attribute_end(ws, i) if w.cls == "det" else i
    while j < len(ws):
        cls = ws[j].cls
        if cls in _PRE or (cls == "adv" and _adjective_follows(ws, j)):  # "die [sehr] hohen Kosten"
            j += 1
        elif cls == "trunc" and _truncated(ws, j):
            j += 2
        else:
            break
    k = j
    while k < len(ws) and (ws[k].cls in _HEADS or ws[k].cls == "poss") and not _new_head(ws, i, j, k):
        k += 1
    if k > j:
        if ws[k - 1].cls == "poss":  # English "the president 's": the possessor, then its noun
            return _np_end(ws, k) if k < len(ws) and _np_end(ws, k) > k else k - 1
        return k
    if j > i and ws[j - 1].cls in ("adj", "num", "det"):
        return j  # "die Deutschen" read as an adjective, "beide", "die" alone
    return i


def _new_head(ws: list[Word], i0: int, j: int, k: int) -> bool:
    """German: a common noun after a bare name starts a new phrase ("Peres Finanzminister"), unless
    the name is a genitive ("Norwegens Finanzriese") or has a determiner ("der Braunschweiger Biologe"). (Splitting two common nouns too cost 1.7 points
    of subject F1 on the GSD dev news: "die Sparte Intensivmedizin" is one phrase more often.)"""
    if k == j or ws[k].cls != "noun" or ws[k].tag[:1] != "N":
        return False
    before = ws[k - 1]
    return before.cls == "name" and k - 1 == j and j == i0 and not before.low.endswith("s")


def _truncated(ws: list[Word], j: int) -> bool:
    """"Rohstoff- und Energiekosten": a truncated word and its coordinator belong to the phrase."""
    return ws[j].cls == "trunc" and j + 1 < len(ws) and ws[j + 1].cls == "conj"


def _attribute_end(ws: list[Word], i: int) -> int:
    """German extended attribute: "der [zum 1. Januar geplanten] Zollunion", "die [dort
    stationierten] Soldaten" — from the determiner on, a run of phrase words up to an attributive
    adjective or participle that a noun follows; returns where the adjective stands (or ``i + 1``)."""
    if i + 1 >= len(ws) or ws[i + 1].cls not in ("prep", "prepart", "adv", "num"):
        return i + 1
    for k in range(i + 1, min(len(ws) - 1, i + _ATTRIBUTE_REACH)):
        cls = ws[k].cls
        if cls == "adj" and _noun_follows(ws, k):
            return k if ws[k - 1].cls != "prep" else i + 1
        if cls not in _ATTRIBUTE_INSIDE:
            break
    return i + 1


def _noun_follows(ws: list[Word], k: int) -> bool:
    j = k + 1
    while j < len(ws) and ws[j].cls in ("adj", "num"):
        j += 1
    return j < len(ws) and ws[j].cls in _HEADS


def _adjective_follows(ws: list[Word], j: int) -> bool:
    k = j + 1
    while k < len(ws) and ws[k].cls == "adv":
        k += 1
    return k < len(ws) and ws[k].cls in ("adj", "num")


def _head(words: list[Word]) -> Word:
    """The last noun or name, else the last word."""
    for w in reversed(words):
        if w.cls in _HEADS:
            return w
    return words[-1]


def _genitive_follows(ws: list[Word], i: int, wc: ClauseWords) -> bool:
    """German: a phrase whose determiner is only genitive ("des", "eines") right after a noun, "der"
    directly after a common noun, or a bare "-er" adjective phrase after a noun ("Nachfahren
    japanischer Einwanderer") is the noun's attribute."""
    if wc.language != "de" or i >= len(ws) or i == 0 or ws[i - 1].cls not in _HEADS:
        return False
    w = ws[i]
    if w.cls == "adj":
        return w.low.endswith("er") and _noun_follows(ws, i)
    if w.cls != "det":
        return False
    forms = wc.case_forms.get(w.low)
    return forms == frozenset({"gen"}) or (w.low == "der" and ws[i - 1].cls == "noun")


def _noun_phrase(ws: list[Word], i: int, wc: ClauseWords) -> tuple[Phrase, int] | None:
    end = _np_end(ws, i)
    if end == i:
        return None
    words = ws[i:end]
    rule = "pronoun" if len(words) == 1 and words[0].cls in _PRONOUNS else "det-adj-noun"
    phrase = Phrase(words, _head(words), cases_of(words, wc), rule=rule, number=_number(words[0], wc))
    while end < len(ws) and phrase.head.cls in _HEADS and _genitive_follows(ws, end, wc):
        more = _np_end(ws, end)
        if more == end:
            break
        phrase.words.extend(ws[end:more])
        phrase.rule = "np+genitive"
        end = more
    return phrase, end


def _coordinate(ws: list[Word], end: int, phrase: Phrase, wc: ClauseWords) -> int:
    """"A und B": the second phrase joins the first (whose head stays the head)."""
    while end + 1 < len(ws) and ws[end].low in wc.np_coordinators and ws[end + 1].cls not in ("fin", "prep", "prepart"):
        nxt = _noun_phrase(ws, end + 1, wc)
        if nxt is None:
            break
        other, stop = nxt
        phrase.words.extend(ws[end:stop])
        phrase.conjuncts.append(other.head)
        phrase.number = True
        end = stop
    return end


def chunk(ws: list[Word], wc: ClauseWords, segments: list[int] | None = None) -> list[Phrase]:
    """The noun and prepositional phrases among ``ws`` (words of one clause field, in order; verbs,
    particles and punctuation stay outside any phrase). ``segments[i]`` numbers the comma-separated
    part word ``i`` stands in; a noun phrase that opens a part right after a noun phrase (adverbs
    between allowed: "insbesondere die Agenda 21") is an apposition."""
    out: list[Phrase] = []
    ends: list[int] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        if w.cls in _PREPOSITIONS:
            found = _prepositional(ws, i, wc)
        else:
            found = _noun_phrase(ws, i, wc) if w.cls in _NP_STARTS else None
        if found is None:
            i += 1
            continue
        phrase, end = found
        end = _coordinate(ws, end, phrase, wc)
        if phrase.prep is None and end < len(ws) and ws[end].cls == "postp":
            phrase.words.append(ws[end])  # "den Ergebnissen zufolge"
            phrase.prep, phrase.rule = ws[end].low, "np+postposition"
            end += 1
        if segments is not None:
            phrase.segment = segments[i]
            phrase.apposition = bool(out) and out[-1].segment < phrase.segment and out[-1].prep is None \
                and phrase.prep is None and all(x.cls == "adv" for x in ws[ends[-1]:i])
        out.append(phrase)
        ends.append(end)
        i = end
    return out


def _prepositional(ws: list[Word], i: int, wc: ClauseWords) -> tuple[Phrase, int] | None:
    prep = ws[i]
    inner = _noun_phrase(ws, i + 1, wc) if i + 1 < len(ws) else None
    if inner is None:
        return None
    phrase, end = inner
    name = wc.contracted.get(prep.low, prep.low)
    return Phrase([prep, *phrase.words], phrase.head, phrase.cases, name, "prep+np"), end
