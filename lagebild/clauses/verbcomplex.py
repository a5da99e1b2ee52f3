"""The German verb complex: finite verb + right bracket → main verb, lemma with particle, modal,
voice, tense and mood.

The main (lexical) verb is the first infinitive, participle or zu-infinitive of the right bracket
("angekündigt" in "hat … angekündigt", "genannt" in "genannt werden wollte"), else the finite verb;
a separable particle joins its lemma ("kündigte … an" → "ankündigen"). The tense rules
(``TENSE_RULES``) read the auxiliaries: werden + participle is passive, werden + infinitive future,
haben/sein + participle perfect (pluperfect with a past auxiliary), else the finite verb's tense.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from lagebild.clauses.draft import Draft
from lagebild.clauses.tagging import Word, verb_lemma
from lagebild.clauses.verbs import finite_mood_tense, finite_number
from lagebild.clauses.words import ClauseWords

__all__ = ["Complex", "complex_de", "lemma_de", "mood_de"]

_DEFAULT_TAG = {"fin": "VVFIN", "inf": "VVINF", "pp": "VVPP", "izu": "VVIZU", "imp": "VVIMP"}


def lemma_de(w: Word) -> str:
    """The verb's infinitive as HanTa reads it with the word's (verb) tag."""
    tag = w.tag if w.tag[:1] == "V" else _DEFAULT_TAG.get(w.cls, "VVFIN")
    return verb_lemma("de", w.text, tag)


def _lemma_in(w: Word, lemmas: dict[int, str]) -> str:
    """The verb's lemma as already read for its clause (``lemma_de`` for a verb not among them)."""
    lemma = lemmas.get(w.i)
    return lemma_de(w) if lemma is None else lemma


_POSITION = attrgetter("i")


@dataclass(init=False)
class Complex:
    verbs: list[Word]
    head: Word | None
    lemma: str
    modal: str | None = None
    passive: bool = False
    copula: bool = False
    tense: str | None = None
    tense_rule: str = ""
    fin_tense: str | None = None
    fin_role: str = ""
    plural: bool | None = None
    roles: tuple[str, ...] = ()  # the role of each verb (werden, sein, haben, modal or "")

    # written out (init=False): mypyc compiles it, and the object is built natively (@dataclass
    # writes __init__ as interpreted code)
    def __init__(self, verbs: list[Word], head: Word | None, lemma: str, modal: str | None = None,
            passive: bool = False, copula: bool = False, tense: str | None = None, tense_rule: str = "",
            fin_tense: str | None = None, fin_role: str = "", plural: bool | None = None,
            roles: tuple[str, ...] = ()) -> None:
        self.verbs = verbs
        self.head = head
        self.lemma = lemma
        self.modal = modal
        self.passive = passive
        self.copula = copula
        self.tense = tense
        self.tense_rule = tense_rule
        self.fin_tense = fin_tense
        self.fin_role = fin_role
        self.plural = plural
        self.roles = roles


def _lexical(right: list[Word]) -> Word | None:
    return next((w for w in right if w.cls in ("inf", "pp", "izu")), None)


def _passive(c: Complex, right: list[Word], roles: dict[int, str]) -> bool:
    """werden (finite, infinitive or "worden") together with a lexical participle; not the future
    perfect "wird gekommen sein"."""
    if "werden" not in roles.values():
        return False
    lexical_pp = any(w.cls == "pp" and roles.get(w.i) != "werden" for w in right)
    perfect_infinitive = any(w.cls == "inf" and roles.get(w.i) in ("haben", "sein") for w in right)
    return lexical_pp and not (c.fin_role == "werden" and perfect_infinitive)


TenseRule = Callable[[Complex, list[Word], dict[int, str]], str | None]


def passive_tense(c: Complex, right: list[Word], roles: dict[int, str]) -> str | None:
    """"wird gebaut" present, "wurde gebaut" past, "ist gebaut worden" perfect."""
    if not c.passive:
        return None
    if any(w.cls == "pp" and roles.get(w.i) == "werden" for w in right):
        return "perfect" if c.fin_tense == "present" else "pluperfect"
    if c.fin_role == "werden":
        return c.fin_tense
    return None


def future(c: Complex, right: list[Word], roles: dict[int, str]) -> str | None:
    """werden + infinitive: future; + participle + haben/sein: future perfect."""
    if c.fin_role != "werden" or c.passive or not right or c.fin_tense != "present":
        return None
    if any(w.cls == "pp" for w in right):
        return "future_perfect"
    return "future" if any(w.cls == "inf" for w in right) else None


def perfect(c: Complex, right: list[Word], roles: dict[int, str]) -> str | None:
    """haben/sein + participle: perfect (pluperfect with "hatte", "war")."""
    if c.fin_role not in ("haben", "sein") or c.passive or c.head is None or c.head.cls != "pp":
        return None
    return "perfect" if c.fin_tense == "present" else "pluperfect"


def simple(c: Complex, right: list[Word], roles: dict[int, str]) -> str | None:
    return c.fin_tense


TENSE_RULES: tuple[tuple[str, TenseRule], ...] = (
    ("passive", passive_tense), ("future", future), ("perfect", perfect), ("finite", simple),
)


def complex_de(d: Draft, wc: ClauseWords) -> Complex:
    """The verb complex of a German draft (fields filled)."""
    right = [w for w in d.right if w.cls != "zu"]
    fin = d.fin
    verbs = sorted(([fin] if fin else []) + d.right, key=_POSITION)
    lexical = _lexical(right)
    head = lexical or fin
    particle = next((w for w in right if w.cls == "part"), None)
    lemmas = {w.i: lemma_de(w) for w in verbs if w.cls != "part" and w.cls != "zu"}  # read once per verb
    roles = {i: wc.verb_roles.get(lemma, "") for i, lemma in lemmas.items()}
    lemma = _lemma_in(head, lemmas) if head is not None else ""
    if particle is not None and lexical is None and roles.get(head.i if head else -1) not in ("sein", "werden"):
        lemma = particle.low + lemma  # "kündigte … an"; not "ist … bereit"
    c = Complex(verbs, head, lemma, roles=tuple([roles.get(w.i, "") for w in verbs]))
    if fin is not None:
        fin_lemma = _lemma_in(fin, lemmas)
        c.fin_role = roles.get(fin.i, "")
        # the flag passed as ``mood_de`` passes it (positionally), so both calls share one cache entry
        c.fin_tense = finite_mood_tense(fin.text, fin_lemma, False)[1]
        c.plural = finite_number(fin.text, fin_lemma)
    c.modal = next((_lemma_in(w, lemmas) for w in verbs if roles.get(w.i) == "modal"), None)
    c.passive = _passive(c, right, roles)
    c.copula = lemma in wc.copulas and fin is not None and not c.passive
    for name, rule in TENSE_RULES:
        tense = rule(c, right, roles)
        if tense is not None:
            c.tense, c.tense_rule = tense, name
            break
    return c


def mood_de(d: Draft, first_singular: bool) -> str:
    """The finite verb's mood (indicative | subjunctive1 | subjunctive2)."""
    if d.fin is None:
        return "indicative"
    return finite_mood_tense(d.fin.text, lemma_de(d.fin), first_singular)[0]
