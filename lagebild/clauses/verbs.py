"""Mood and tense of a German finite verb form, from its lemma's paradigm (the ``ablaut``
conjugator, cached per lemma).

A form is Konjunktiv II (``subjunctive2``) when it is in the lemma's Konjunktiv II paradigm and not
a preterite indicative form ("käme", "hätte", "würde"; not the weak "sagte"); Konjunktiv I
(``subjunctive1``) when it is a Konjunktiv I form that is not a present indicative form of the same
person ("sei", "komme" with a third-person subject, "habe" unless the subject is "ich"); otherwise
indicative, present or past by the paradigm it is in. Separable verbs are conjugated with the
particle split off ("kündigte an") and joined again for verb-final clauses ("ankündigte").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Paradigm", "finite_mood_tense", "finite_number", "paradigm"]

_lock = threading.Lock()
_THIRD_SINGULAR = 2  # index of the 3rd person singular in ablaut's six forms
_FIRST_SINGULAR = 0


@dataclass(frozen=True, slots=True)
class Paradigm:
    """Finite forms per person (1sg, 2sg, 3sg, 1pl, 2pl, 3pl) and the perfect auxiliary."""

    present: tuple[frozenset[str], ...]
    preterite_persons: tuple[frozenset[str], ...]
    konjunktiv1: tuple[frozenset[str], ...]
    konjunktiv2_persons: tuple[frozenset[str], ...]
    auxiliary: str  # "haben" | "sein"

    @property
    def preterite(self) -> frozenset[str]:
        return frozenset().union(*self.preterite_persons)

    @property
    def konjunktiv2(self) -> frozenset[str]:
        return frozenset().union(*self.konjunktiv2_persons)

    def persons(self, form: str) -> set[int]:
        """The persons (0-5) whose forms include ``form`` in any tense or mood."""
        return {i for table in (self.present, self.preterite_persons, self.konjunktiv1, self.konjunktiv2_persons)
                for i, forms in enumerate(table) if form in forms}


def _forms(entry: str) -> frozenset[str]:
    """"kündigte an" -> {"kündigte", "ankündigte"}."""
    parts = entry.split(" ")
    if len(parts) == 1:
        return frozenset(parts)
    return frozenset({parts[0], "".join(parts[1:]) + parts[0]})


@lru_cache(maxsize=20_000)
def paradigm(lemma: str) -> Paradigm | None:
    """The lemma's present, preterite and Konjunktiv forms; None when it is not a German infinitive."""
    import ablaut

    try:
        with _lock:
            conj = ablaut.conjugate(lemma)
            present, preterite = list(conj.present), list(conj.preterite)
            k1, k2, aux = list(conj.konjunktiv1), list(conj.konjunktiv2), str(conj.auxiliary)
    except (ValueError, KeyError, IndexError):  # not an infinitive ablaut can conjugate
        return None
    return Paradigm(tuple(_forms(f) for f in present), tuple(_forms(f) for f in preterite),
                    tuple(_forms(f) for f in k1), tuple(_forms(f) for f in k2), aux)


def _subjunctive1(form: str, p: Paradigm, first_singular: bool) -> bool:
    persons = [i for i, forms in enumerate(p.konjunktiv1) if form in forms]
    if not persons:
        return False
    indicative = {i for i, forms in enumerate(p.present) if form in forms}
    if not indicative:
        return True
    # "habe", "komme": Konjunktiv I of the 3rd singular, indicative of the 1st
    return _THIRD_SINGULAR in persons and _THIRD_SINGULAR not in indicative and not first_singular \
        and indicative <= {_FIRST_SINGULAR}


_SINGULAR = frozenset({0, 1, 2})
_PLURAL = frozenset({3, 4, 5})


@lru_cache(maxsize=50_000)
def finite_number(form: str, lemma: str) -> bool | None:
    """True when the finite form is plural only, False when singular only, None when either or unknown."""
    p = paradigm(lemma)
    if p is None:
        return None
    persons = p.persons(form.lower())
    if persons and persons <= _PLURAL:
        return True
    if persons and persons <= _SINGULAR:
        return False
    return None


@lru_cache(maxsize=50_000)
def finite_mood_tense(form: str, lemma: str, first_singular: bool = False) -> tuple[str, str | None]:
    """(mood, tense) of a finite verb form: mood indicative | subjunctive1 | subjunctive2, tense
    present | past (None when the lemma cannot be conjugated)."""
    p = paradigm(lemma)
    if p is None:
        return "indicative", None
    f = form.lower()
    if f in p.konjunktiv2 and f not in p.preterite:
        return "subjunctive2", "past"
    if _subjunctive1(f, p, first_singular):
        return "subjunctive1", "present"
    if any(f in forms for forms in p.present):
        return "indicative", "present"
    if f in p.preterite:
        return "indicative", "past"
    return "indicative", None
