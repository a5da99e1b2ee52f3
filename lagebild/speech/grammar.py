"""Shallow German/English grammar without a parser: clause spans and noun phrases over tokens.

Capitalisation carries most of the weight in German (nouns and names are capitalised, verbs
and adjectives are not); closed word lists cover determiners, pronouns and function words.
"""

from __future__ import annotations

from functools import lru_cache

from lagebild.lexicon import words
from lagebild.speech.lexicon import word_set

_G = "speech_grammar"
BOUNDARIES = frozenset(",:;–—()-?!")
SUBORDINATORS = words("function_words", "de.subordinators", "en.subordinators")
QUOTE_MARKS = frozenset("„“”\"»«‚‘’›‹'")
DETERMINERS = words("function_words", "de.articles", "de.possessives", "de.demonstratives", "de.quantifiers",
                    "en.articles", "en.possessives")
OBLIQUE = word_set(_G, "oblique")
SUBJECT_PRONOUNS = word_set(_G, "subject_pronouns")
DEMONSTRATIVE_SUBJECTS = word_set(_G, "demonstrative_subjects")
# function words that may start a main clause before the finite verb or sit between subject and verb
ADVERBS = word_set(_G, "adverbs")
AUXILIARIES = words("function_words", "de.auxiliaries", "en.auxiliaries")
PASSIVE_AUX = word_set(_G, "passive_auxiliaries")
PREPOSITIONS = word_set(_G, "prepositions")
NOT_NP_HEADS = word_set(_G, "not_np_heads")
_NON_NOMINAL_TAGS = tuple(sorted(word_set(_G, "non_nominal_tags")))
_ADJECTIVE_ENDINGS = tuple(sorted(word_set(_G, "adjective_endings")))
_DET_PRONOUNS_DE = word_set(_G, "determiner_pronouns", "de")  # "das isländische Ministerium"
_DET_PRONOUNS = word_set(_G, "determiner_pronouns")
_ARTICLE_PRONOUNS = word_set(_G, "article_pronouns")
COORDINATORS = word_set(_G, "coordinators")
GENITIVE_ARTICLES = word_set(_G, "genitive_articles")


@lru_cache(maxsize=20_000)
def nominal_initial(word: str) -> bool:
    """Can this sentence-initial capitalised word start a noun phrase? (HanTa, cached by form)."""
    if word.lower() in NOT_NP_HEADS or word.lower() in ADVERBS:
        return False
    if word.lower() in DETERMINERS or word.lower() in SUBJECT_PRONOUNS:
        return True
    if not word:
        return True  # HanTa cannot analyse an empty string; let the capital letter decide
    from lagebild.language.morphology import morphology

    return not morphology("de").pos_of(word).startswith(_NON_NOMINAL_TAGS)


def is_cap_word(text: str) -> bool:
    if not text:
        return False
    if text[0].isdigit() and "-" in text:  # "39-Jährige", "G7-Staaten"
        return text.rsplit("-", 1)[-1][:1].isupper()
    return text[0].isupper() and any(c.isalpha() for c in text)


def is_word(text: str) -> bool:
    return bool(text) and text[0].isalpha()


def _adjective_like(low: str) -> bool:
    return low.isalpha() and low.endswith(_ADJECTIVE_ENDINGS) and low not in ADVERBS \
        and low not in PREPOSITIONS and low not in DETERMINERS and low not in SUBORDINATORS


def _skip_modifiers(words: list[str], j: int, limit: int) -> int:
    """Past quotation marks and lower-case adjectives ("die neue „…“ Regierung")."""
    while j < limit and (words[j] in QUOTE_MARKS or (_adjective_like(words[j].lower()) and not words[j][0].isupper())):
        j += 1
    return j


def _skip_capitals(words: list[str], k: int, limit: int) -> int:
    """Past capitalised words and quotation marks (the head and any names after it)."""
    while k < limit and (is_cap_word(words[k]) or words[k] in QUOTE_MARKS):
        k += 1
    return k


def _cannot_start(words: list[str], i: int, limit: int, first_in_sentence: bool) -> bool:
    """A word that never starts a noun phrase: "es", "heute", or a sentence-initial adverb/verb
    (HanTa); "das"/"dies" (and "the") do when a capitalised word follows, past lower-case adjectives."""
    low = words[i].lower()
    j0 = i + 1
    while low in _DET_PRONOUNS_DE and j0 < limit - 1 and _adjective_like(words[j0].lower()) \
            and not words[j0][0].isupper():
        j0 += 1  # "das isländische Ministerium": the noun after the adjectives decides
    nxt_cap = j0 < limit and is_cap_word(words[j0])
    if low in NOT_NP_HEADS and not (low in _DET_PRONOUNS and nxt_cap):
        return True
    return first_in_sentence and not (low in _DET_PRONOUNS_DE and nxt_cap) and not nominal_initial(words[i])


def _pronoun(words: list[str], i: int, limit: int) -> bool:
    """A subject pronoun on its own ("er", "diese"), not a determiner ("diese Woche") and not an
    article before a lower-case word read as a pronoun ("der neue …")."""
    low = words[i].lower()
    nxt = words[i + 1] if i + 1 < limit else ""
    if low not in SUBJECT_PRONOUNS or (low in DEMONSTRATIVE_SUBJECTS and is_cap_word(nxt)):
        return False
    return not (low in _ARTICLE_PRONOUNS and nxt and not nxt[0].isupper())


def _coordination(words: list[str], i: int, j: int, k: int, limit: int) -> int:
    """A coordinated phrase: "Sonia und Willy Bogner", "Merz und Macron"."""
    if k < limit - 1 and words[k].lower() in COORDINATORS and is_cap_word(words[k + 1]) and k + 1 - i < 8:
        c = k + 1
        while c < limit and is_cap_word(words[c]):
            c += 1
        return c
    return k


def _genitive_attribute(words: list[str], i: int, j: int, k: int, limit: int) -> int:
    """A genitive attribute: "eine Studie des Kieler Instituts", "der Präsident der Ukraine"."""
    if k < limit - 1 and words[k].lower() in GENITIVE_ARTICLES and k > j:
        g = _skip_modifiers(words, k + 1, limit)
        g2 = _skip_capitals(words, g, limit)
        if g2 > g:
            return g2
    return k


# Extensions of a phrase's end past its head, in order; each returns the new end.
NP_EXTENSIONS = (_coordination, _genitive_attribute)


def np_forward(words: list[str], i: int, limit: int, first_in_sentence: bool = False) -> tuple[int, int] | None:
    """A noun phrase starting at ``words[i]`` (exclusive end ``limit``): pronoun, or
    [determiner] adjective* CapitalisedWord+ (quotation marks inside are skipped), extended by a
    coordination and a genitive attribute. A genitive name before the head ("Russlands
    Außenminister …") is part of the capitalised run."""
    if i >= limit or _cannot_start(words, i, limit, first_in_sentence):
        return None
    if _pronoun(words, i, limit):
        return (i, i + 1)
    j = _skip_modifiers(words, i + 1 if words[i].lower() in DETERMINERS else i, limit)
    k = _skip_capitals(words, j, limit)
    for extend in NP_EXTENSIONS:
        k = extend(words, i, j, k, limit)
    # trailing quote marks belong to the phrase only when they close one opened inside it
    while k > j and words[k - 1] in QUOTE_MARKS and sum(w in QUOTE_MARKS for w in words[i:k]) % 2 == 1:
        k -= 1
    if k == j or not any(is_cap_word(w) for w in words[j:k]):
        return None
    if first_in_sentence and k - i == 1 and words[i].lower() in ADVERBS:
        return None
    return (i, min(k, i + 10))


def is_nominative_start(word: str) -> bool:
    return word.lower() not in OBLIQUE and word.lower() not in PREPOSITIONS
