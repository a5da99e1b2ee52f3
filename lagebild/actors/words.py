"""Words for the actors rules: normalisation, and what kind of word a token is (common noun,
first name, place name).

The answers come from the language layer's resources, loaded lazily on first use (they take a
moment to load): the Wiktionary word classes shipped with the NER model (``n`` noun, ``f``/``l``
first/last name, ``t`` toponym), the NER gazetteer's first names, and HanTa's context-free analysis.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Casefold, strip accents (ä -> a), ß -> ss, unify apostrophes (cached: words repeat)."""
    if text.isascii():
        return text.lower().replace("`", "'")
    s = unicodedata.normalize("NFKD", text.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").replace("`", "'")


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, str]:
    """The Wiktionary word classes by word (loaded once: the import and the load are not free, and
    the rules ask for every other token)."""
    from lagebild.language.ner import load_word_lexicon

    return load_word_lexicon().classes


def _classes(word: str) -> str | None:
    return _word_classes().get(word)


def part_of_speech(word: str) -> str:
    """HanTa's context-free part of speech of a German word ("ADJ(A)", "NN", "NE", ...)."""
    from lagebild.language.morphology import morphology

    return morphology("de").pos_of(word)


def hanta_noun(word: str) -> bool:
    """HanTa analyses ``word`` as a common noun (NN)."""
    return part_of_speech(word) == "NN"


@lru_cache(maxsize=8192)
def is_common_noun(word: str) -> bool:
    """A German common noun ("Welt", "Politik"), not a name ("Kluge", "Lokshin")?

    First the Wiktionary word classes shipped with the NER model (n = noun, f/l = first/last name);
    for words it lacks, HanTa -- but only when HanTa knows the word as one noun stem, since it
    guesses NN for any unknown capitalised word ("Lokshin" -> lok+s+hin); for words neither HanTa
    nor its shipped table holds, a noun only when its compound head is a Wiktionary noun or it ends
    in a noun ending (``lagebild.language.guess``)."""
    classes = _classes(word)
    if classes is not None:
        return "n" in classes and "f" not in classes
    from lagebild.language.morphology import morphology

    m = morphology("de")
    if not m.knows(word):  # neither HanTa nor its table: a noun only with a Wiktionary noun head or ending
        return m.pos_of(word) == "NN"
    a = m.analyze(word)
    return a.pos == "NN" and len(a.morphemes) <= 2 and all(lab != "FUGE" for _, lab in a.morphemes)


def name_like(word: str) -> bool:
    """Could ``word`` be part of a person's name? Not when the word lexicon knows it only as a
    common noun ("Sanktionen"); first and last names ("Kluge", "Fischer"), and words it does not
    know ("Lokshin"), may be."""
    classes = _classes(word)
    if classes is None:
        return True
    return "f" in classes or "l" in classes or "n" not in classes


@lru_cache(maxsize=1)
def listed_first_names() -> frozenset[str]:
    """The given names of ``lexicons/first_names.yaml`` (German, English, Slavic, Turkish, Arabic),
    normalised."""
    from lagebild.lexicon import load

    groups = load("first_names", {"names": dict})["names"]
    return frozenset(norm(str(n)) for group in groups.values() for n in group or [])


def lexicon_first_name(word: str) -> bool:
    """The word lexicon knows ``word`` as a first name (~1,400 of them: "Ingo"), or
    ``lexicons/first_names.yaml`` lists it ("Deniz", "Danielle")."""
    return "f" in (_classes(word) or "") or norm(word) in listed_first_names()


def toponym(word: str) -> bool:
    """The word lexicon knows ``word`` as a place name (class t)."""
    return "t" in (_classes(word) or "")


def first_names() -> frozenset[str]:
    """The NER gazetteer's first names and those of ``lexicons/first_names.yaml``, normalised."""
    from lagebild.language.ner import load_gazetteer

    return frozenset(norm(w) for w in load_gazetteer().first_names) | listed_first_names()
