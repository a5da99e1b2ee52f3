"""Noun or name: a capitalised German word that neither HanTa's lexicon nor the shipped table of its
analyses holds (most compounds and names of a news article), read from lookups instead of HanTa's
morpheme search (about 3 ms a word).

It is a common noun (``NN``) when it, its last hyphen part, that part without a genitive "-s"/"-es",
or its compound head (a tail of four or more letters after at least two) is a noun form of the
Wiktionary lexicon the NER layer reads (``lagebild/models/ner_de_lexicon.tsv.gz``), or when it ends
in one of the ``noun_endings`` of ``lagebild/lexicons/word_forms.yaml``; otherwise a name (``NE``).
Measured on the unknown capitalised forms of 150 Wikinews articles, this agrees with HanTa's best
tag on 88 % (most disagreements are HanTa's: "Sardinien", "Steiermark" as common nouns).
"""

from __future__ import annotations

from functools import lru_cache

from lagebild.lexicon import words

__all__ = ["RULE", "common_noun", "noun_or_name"]

RULE = "unknown-form-lookup"
_HEAD_MIN, _LEFT_MIN = 4, 2  # a compound head has at least 4 letters after at least 2


@lru_cache(maxsize=1)
def _noun_endings() -> tuple[str, ...]:
    return tuple(sorted(words("word_forms", "de.noun_endings"), key=len, reverse=True))


def _classes() -> dict[str, str]:
    from lagebild.language.ner import load_word_lexicon

    return load_word_lexicon().classes


def _lexicon_noun(form: str, classes: dict[str, str]) -> bool | None:
    """True/False when the lexicon knows ``form`` (a noun form or only a name), None when not."""
    c = classes.get(form)
    return None if c is None else "n" in c


def common_noun(form: str) -> bool:
    """Is a capitalised German form HanTa does not know a common noun rather than a name?"""
    classes = _classes()
    last = form.rsplit("-", 1)[-1]
    part = last if len(last) >= 2 and last[:1].isupper() else form
    for stem in (part, part[:-1] if part.endswith("s") else "", part[:-2] if part.endswith("es") else ""):
        known = _lexicon_noun(stem, classes) if stem else None
        if known is not None:
            return known
    for k in range(_LEFT_MIN, len(part) - _HEAD_MIN + 1):  # a lookup per place: inline
        c = classes.get(part[k].upper() + part[k + 1:])
        if c is not None and "n" in c:
            return True
    low = part.lower()
    return low.endswith(_noun_endings())


@lru_cache(maxsize=50_000)
def noun_or_name(form: str) -> tuple[str, str]:
    """("NN", "NE") for a common noun, ("NE", "NN") for a name: both readings, the likelier first.
    Cached per form: the actor, clause and speech layers ask for the same words."""
    return ("NN", "NE") if common_noun(form) else ("NE", "NN")
