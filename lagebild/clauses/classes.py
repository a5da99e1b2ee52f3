"""The coarse word classes the clause rules work with (the values of ``tag_classes`` in
``lexicons/clauses.yaml``) and the kinds of clause. Both are string enums: a class compares equal to
its name ("noun")."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["C", "Kind"]


class C(StrEnum):
    FIN = "fin"
    INF = "inf"
    PP = "pp"
    IZU = "izu"
    IMP = "imp"
    GER = "ger"
    NOUN = "noun"
    NAME = "name"
    PRON = "pron"
    REFL = "refl"
    TRUNC = "trunc"
    DET = "det"
    ADJ = "adj"
    NUM = "num"
    POSS = "poss"
    PREP = "prep"
    PREPART = "prepart"
    POSTP = "postp"
    REL = "rel"
    RELAT = "relat"
    WH = "wh"
    WHDET = "whdet"
    SUB = "sub"
    INF_SUB = "inf_sub"
    CONJ = "conj"
    COMP = "comp"
    COMP_THAT = "comp_that"
    PART = "part"
    ZU = "zu"
    NEG = "neg"
    ADV = "adv"
    BOUND = "bound"
    PUNCT = "punct"
    OTHER = "other"


class Kind(StrEnum):
    MAIN = "main"
    SUBORDINATE = "subordinate"
    RELATIVE = "relative"
    WIE = "wie"
    QUESTION = "question"
    INFINITIVE = "infinitive"


EMBEDDED = frozenset(Kind) - {Kind.MAIN}
