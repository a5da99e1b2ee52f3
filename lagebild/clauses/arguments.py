"""German arguments: subject, accusative and dative object, passive agent, predicate and frames.

The noun phrases of a clause's fields (opener, Vorfeld, Mittelfeld, Nachfeld; appositions and
attached genitives left out) are the candidates. Their possible cases come from their forms
(``phrases.cases_of``). The subject is chosen by the first rule of ``SUBJECT_RULES`` that finds one,
then the dative and accusative objects by ``OBJECT_RULES``; every argument records its rule's name.
A passive clause has no accusative object (its nominative is the subject) and takes a "von"/"durch"
phrase as its agent; a copula's second nominative is its predicate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.clauses.draft import Draft
from lagebild.clauses.phrases import Phrase, chunk
from lagebild.clauses.tagging import Word
from lagebild.clauses.words import ClauseWords

__all__ = ["Slot", "VerbFacts", "arguments_de", "candidates"]

_NOM = frozenset({"nom"})
_ACC_DAT = frozenset({"acc", "dat"})


@dataclass(init=False, slots=True)  # not frozen: mypyc builds a frozen dataclass in interpreted code
class Slot:
    """An argument found: its role, phrase and the rule that found it."""

    role: str
    phrase: Phrase
    rule: str
    shared: bool = False

    # written out (init=False), here and in this module's other per-item classes: mypyc compiles it,
    # and the object is built natively (@dataclass writes __init__ as interpreted code)
    def __init__(self, role: str, phrase: Phrase, rule: str, shared: bool = False) -> None:
        self.role = role
        self.phrase = phrase
        self.rule = rule
        self.shared = shared


@dataclass(init=False, slots=True)  # not frozen: mypyc builds a frozen dataclass in interpreted code
class VerbFacts:
    """What the argument rules need to know of the verb complex."""

    passive: bool
    copula: bool
    plural: bool | None  # the finite verb is plural (True), singular (False), or either (None)
    lemma: str = ""
    es_subject: bool = False  # the verb's "es" is its subject ("es gibt")

    def __init__(self, passive: bool, copula: bool, plural: bool | None, lemma: str = "",
            es_subject: bool = False) -> None:
        self.passive = passive
        self.copula = copula
        self.plural = plural
        self.lemma = lemma
        self.es_subject = es_subject


def candidates(d: Draft, wc: ClauseWords) -> list[Phrase]:
    """The clause's phrases, field by field (a phrase never spans a verb)."""
    segs = dict(zip((w.i for w in d.words), d.segs, strict=True))
    out: list[Phrase] = []
    opener = d.marker if d.kind in ("relative", "question") else []
    for part in (opener, d.vorfeld, d.mittelfeld, d.nachfeld):
        if part:
            out.extend(chunk(part, wc, [segs.get(w.i, 0) for w in part]))
    return out


def _nominal(phrases: list[Phrase]) -> list[Phrase]:
    """Argument candidates: noun phrases that are not appositions, bare numbers ("1996") or a
    relative determiner alone."""
    return [p for p in phrases if p.prep is None and not p.apposition and p.head.cls not in ("relat", "num")]


# -- subject rules -------------------------------------------------------------------------------
SubjectRule = Callable[[list[Phrase], Draft, VerbFacts], Phrase | None]


def relative_pronoun_subject(nps: list[Phrase], d: Draft, facts: VerbFacts) -> Phrase | None:
    """"der …", "die … kam": the relative pronoun is the subject when it can be nominative and no
    other phrase must be."""
    if d.kind != "relative" or not nps or nps[0].first not in d.marker or "nom" not in nps[0].cases:
        return None
    if any(p.cases == _NOM for p in nps[1:]):
        return None
    return nps[0]


def expletive_es(nps: list[Phrase], d: Draft, facts: VerbFacts) -> Phrase | None:
    """"Es besteht die Gefahr": a Vorfeld "es" holds the place of the nominative after the verb."""
    if facts.es_subject or facts.copula or len(d.vorfeld) != 1 or d.vorfeld[0].low != "es":
        return None
    rest = [p for p in nps if p.first is not d.vorfeld[0] and "nom" in p.cases]
    return rest[0] if rest else None


def copula_definite(nps: list[Phrase], d: Draft, facts: VerbFacts) -> Phrase | None:
    """"Das ist unsere Sache": of a copula's two nominatives the one with a determiner is the subject
    when the first is a demonstrative pronoun (UD's reading)."""
    if not facts.copula:
        return None
    noms = [p for p in nps if "nom" in p.cases]
    if len(noms) < 2 or noms[1].first.cls != "det":
        return None
    first = noms[0]
    return noms[1] if first.first.cls == "pron" and first.first.tag == "PDS" else None


def only_nominative(nps: list[Phrase], d: Draft, facts: VerbFacts) -> Phrase | None:
    """Exactly one phrase whose form is nominative only ("er", "ich", "wir")."""
    noms = [p for p in nps if p.cases == _NOM]
    return noms[0] if len(noms) == 1 else None


def agreeing_nominative(nps: list[Phrase], d: Draft, facts: VerbFacts) -> Phrase | None:
    """The first phrase that can be nominative and does not disagree in number with the finite
    verb ("Den Antrag lehnten die Grünen ab": "die Grünen", not a singular "der Antrag")."""
    if facts.plural is None:
        return None
    for p in nps:
        if "nom" in p.cases and p.number in (None, facts.plural):
            return p
    return None


def first_nominative(nps: list[Phrase], d: Draft, facts: VerbFacts) -> Phrase | None:
    """The first phrase that can be nominative (Vorfeld before Mittelfeld)."""
    return next((p for p in nps if "nom" in p.cases), None)


SUBJECT_RULES: tuple[tuple[str, SubjectRule], ...] = (
    ("relative-pronoun-nominative", relative_pronoun_subject),
    ("expletive-es", expletive_es),
    ("copula-definite-subject", copula_definite),
    ("only-nominative", only_nominative),
    ("agreeing-nominative", agreeing_nominative),
    ("first-nominative", first_nominative),
)


# -- object rules ----------------------------------------------------------------------------------
ObjectRule = Callable[[list[Phrase], VerbFacts], Phrase | None]


def dative_form(nps: list[Phrase], facts: VerbFacts) -> Phrase | None:
    """A phrase whose form is dative only ("dem Minister", "ihm"; "einer Frau" is not). (Also taking
    any non-subject phrase that can be dative but not accusative, "der Ukraine", cost 6 points of
    dative F1 on the GSD dev news: most are unattached genitives.)"""
    return next((p for p in nps if p.cases == frozenset({"dat"})), None)


def dative_first(nps: list[Phrase], facts: VerbFacts) -> Phrase | None:
    """Two object phrases, the first can be dative ("ihren Neugeborenen keine Vornamen"): the
    Mittelfeld puts the dative before the accusative."""
    if facts.passive or facts.copula:
        return None
    objects = [p for p in nps if "acc" in p.cases or "dat" in p.cases]
    if len(objects) >= 2 and objects[0].cases == _ACC_DAT and "acc" in objects[1].cases \
            and objects[0].head.cls != "refl":
        return objects[0]
    return None


def accusative_form(nps: list[Phrase], facts: VerbFacts) -> Phrase | None:
    """A phrase that can be accusative, one that can only be accusative first."""
    if facts.passive or facts.copula:
        return next((p for p in nps if p.head.cls == "refl"), None)
    accs = [p for p in nps if "acc" in p.cases and p.cases != frozenset({"dat"})]
    only = [p for p in accs if p.cases == frozenset({"acc"})]
    found = only or accs
    return found[0] if found else None


def copula_predicate(nps: list[Phrase], facts: VerbFacts) -> Phrase | None:
    """"ist Präsident": a copula's second nominative."""
    if not facts.copula:
        return None
    return next((p for p in nps if "nom" in p.cases), None)


OBJECT_RULES: tuple[tuple[str, str, ObjectRule], ...] = (
    ("predicate", "copula-predicate", copula_predicate),
    ("dative", "dative-form", dative_form),
    ("dative", "dative-before-accusative", dative_first),
    ("object", "accusative-form", accusative_form),
)


def _frames(pps: list[Phrase], facts: VerbFacts, wc: ClauseWords) -> list[Slot]:
    out = []
    agent = facts.passive
    for p in pps:
        if agent and p.prep in wc.agent_prepositions:
            out.append(Slot("agent", p, "passive-von-agent"))
            agent = False
        else:
            out.append(Slot("frame", p, "preposition+np"))
    return out


def arguments_de(d: Draft, facts: VerbFacts, wc: ClauseWords) -> list[Slot]:
    """The German clause's arguments (see the module docstring)."""
    phrases = candidates(d, wc)
    nps = _nominal(phrases)
    slots: list[Slot] = []
    no_subject = d.shares_subject or d.kind == "infinitive"
    for name, rule in () if no_subject else SUBJECT_RULES:
        subject = rule(nps, d, facts)
        if subject is not None:
            slots.append(Slot("subject", subject, name))
            nps = [p for p in nps if p is not subject]
            break
    taken: set[str] = set()
    for role, name, orule in OBJECT_RULES:
        if role in taken:
            continue
        found = orule(nps, facts)
        if found is not None:
            slots.append(Slot(role, found, name))
            taken.add(role)
            nps = [p for p in nps if p is not found]
    slots.extend(_frames([p for p in phrases if p.prep is not None], facts, wc))
    return slots


def head_word(slot: Slot) -> Word:
    return slot.phrase.head
