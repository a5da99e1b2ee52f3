"""Shallow German/English grammar without a parser: clause spans and noun phrases over tokens.

Capitalisation carries most of the weight in German (nouns and names are capitalised, verbs
and adjectives are not); closed word lists cover determiners, pronouns and function words.
"""

from __future__ import annotations

from functools import lru_cache

BOUNDARIES = frozenset({",", ":", ";", "–", "—", "(", ")", "-", "?", "!"})
SUBORDINATORS = frozenset({"dass", "daß", "ob", "weil", "wenn", "als", "wie", "nachdem", "obwohl", "während",
                           "damit", "sodass", "falls", "bevor", "seit", "seitdem", "indem", "wobei", "wo",
                           "that", "because", "while", "when", "if", "as", "whether"})
QUOTE_MARKS = frozenset("„“”\"»«‚‘’›‹'")
DETERMINERS = frozenset({
    "der", "die", "das", "ein", "eine", "dieser", "diese", "dieses", "jener", "jene", "sein", "seine",
    "ihr", "ihre", "unser", "unsere", "dessen", "deren", "kein", "keine", "beide", "alle", "viele",
    "mehrere", "einige", "zahlreiche", "manche", "the", "a", "an", "his", "her", "their", "its", "our",
    "den", "dem", "des", "einen", "einem", "eines", "einer", "seinem", "seinen", "seines", "seiner",
    "ihrem", "ihren", "ihres", "ihrer", "diesem", "diesen", "unserem", "unseren",
})
OBLIQUE = frozenset({"den", "dem", "des", "einen", "einem", "eines", "seinem", "seinen", "seines", "ihrem",
                     "ihren", "ihres", "diesem", "diesen", "unserem", "unseren", "ihn", "ihm", "ihnen",
                     "mich", "mir", "dich", "dir", "sich", "uns", "euch", "him", "them", "me", "us"})
SUBJECT_PRONOUNS = frozenset({"er", "sie", "wir", "ich", "man", "diese", "dieser", "jener", "jene", "letzterer",
                              "letztere", "he", "she", "they", "we", "i", "it"})
DEMONSTRATIVE_SUBJECTS = frozenset({"diese", "dieser", "jener", "jene", "letzterer", "letztere", "der", "die"})
# function words that may start a main clause before the finite verb or sit between subject and verb
ADVERBS = frozenset({
    "und", "aber", "doch", "auch", "denn", "zudem", "so", "nun", "dann", "außerdem", "jedoch", "wiederum",
    "dagegen", "hingegen", "allerdings", "indes", "bereits", "schon", "noch", "selbst", "ebenfalls",
    "sogar", "nur", "oder", "sowie", "zugleich", "gleichzeitig", "inzwischen", "erneut",
    "ferner", "daher", "deshalb", "also", "trotzdem", "immerhin", "zuletzt", "anschließend",
    "daraufhin", "darauf", "dazu", "hierzu", "dabei", "damals", "jetzt", "heute", "gestern", "vorgestern",
    "bisher", "zuvor", "später", "weiterhin", "nochmals", "abermals", "ausdrücklich", "öffentlich", "offen",
    "wiederholt", "mehrfach", "zunächst", "schließlich", "letztlich", "weiter", "ebenso", "jedenfalls",
    "derweil", "unterdessen", "indessen", "seinerseits", "ihrerseits", "nochmal", "umgehend", "prompt",
    "and", "but", "then", "however", "later", "meanwhile",
})
AUXILIARIES = frozenset({
    "hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten", "ist", "war", "sind", "waren", "sei",
    "wäre", "wird", "wurde", "werden", "wurden", "werde", "würde", "würden", "kann", "konnte", "können",
    "könnte", "will", "wollte", "wollen", "soll", "sollte", "sollen", "muss", "musste", "müsse", "ließ",
    "lässt", "ließen", "dürfte", "möchte", "mag", "has", "had", "have", "was", "were", "is", "would",
    "did", "does",
})
PASSIVE_AUX = frozenset({"wird", "wurde", "werden", "wurden", "worden", "werde", "würde"})
PREPOSITIONS = frozenset({
    "bei", "mit", "in", "im", "am", "an", "auf", "vor", "nach", "gegenüber", "von", "vom", "zu", "zum", "zur",
    "für", "über", "aus", "unter", "durch", "gegen", "ohne", "um", "seit", "bis", "beim", "ins", "laut",
    "at", "on", "with", "for", "from", "to", "during", "after", "before", "by", "of",
})


NOT_NP_HEADS = frozenset({"es", "das", "dies", "was", "wer", "tags", "heute", "gestern", "morgen", "bislang", "bisher",
                          "jetzt", "zuvor", "später", "kurz", "this", "that", "there", "it", "what"})
_NON_NOMINAL_TAGS = ("ADV", "PROAV", "PAV", "KON", "KOUS", "KOKOM", "APPR", "PTK", "PWAV", "PWS", "ADJ(D)", "VV", "VA",
                     "VM", "PIS", "PDS")


@lru_cache(maxsize=20_000)
def nominal_initial(word: str) -> bool:
    """Can this sentence-initial capitalised word start a noun phrase? (HanTa, cached by form)."""
    if word.lower() in NOT_NP_HEADS or word.lower() in ADVERBS:
        return False
    if word.lower() in DETERMINERS or word.lower() in SUBJECT_PRONOUNS:
        return True
    from lagebild.language import morphology

    try:
        tag = morphology("de").analyze(word).pos
    except Exception:  # an odd token: let the capital letter decide
        return True
    return not tag.startswith(_NON_NOMINAL_TAGS)


def is_cap_word(text: str) -> bool:
    if not text:
        return False
    if text[0].isdigit() and "-" in text:  # "39-Jährige", "G7-Staaten"
        return text.rsplit("-", 1)[-1][:1].isupper()
    return text[0].isupper() and any(c.isalpha() for c in text)


def is_word(text: str) -> bool:
    return bool(text) and text[0].isalpha()


def _adjective_like(low: str) -> bool:
    return low.isalpha() and low.endswith(("e", "en", "er", "es", "em")) and low not in ADVERBS \
        and low not in PREPOSITIONS and low not in DETERMINERS and low not in SUBORDINATORS


def np_forward(words: list[str], i: int, limit: int, first_in_sentence: bool = False) -> tuple[int, int] | None:
    """A noun phrase starting at ``words[i]`` (exclusive end ``limit``): pronoun, or
    [determiner] adjective* CapitalisedWord+ (quotation marks inside are skipped)."""
    if i >= limit:
        return None
    low = words[i].lower()
    j0 = i + 1
    while low in ("das", "dies") and j0 < limit - 1 and _adjective_like(words[j0].lower()) \
            and not words[j0][0].isupper():
        j0 += 1  # "das isländische Ministerium": the noun after the adjectives decides
    nxt_cap = j0 < limit and is_cap_word(words[j0])
    if (low in NOT_NP_HEADS and not (low in ("das", "dies", "the") and nxt_cap)) or (
            first_in_sentence and not (low in ("das", "dies") and nxt_cap) and not nominal_initial(words[i])):
        return None
    nxt = words[i + 1] if i + 1 < limit else ""
    if low in SUBJECT_PRONOUNS and not (low in DEMONSTRATIVE_SUBJECTS and is_cap_word(nxt)):
        if not (low in ("der", "die") and nxt and not nxt[0].isupper()):
            return (i, i + 1)
    j = i
    if low in DETERMINERS:
        j += 1
    elif words[i][:1].isupper() and words[i].endswith("s") and j + 1 < limit and is_cap_word(words[j + 1]):
        pass  # genitive name before the head: "Russlands Außenminister ..."
    while j < limit and (words[j] in QUOTE_MARKS or (_adjective_like(words[j].lower()) and not words[j][0].isupper())):
        j += 1
    k = j
    while k < limit and (is_cap_word(words[k]) or words[k] in QUOTE_MARKS):
        k += 1
    # a coordinated phrase: "Sonia und Willy Bogner", "Merz und Macron"
    if k < limit - 1 and words[k].lower() in ("und", "sowie", "and") and is_cap_word(words[k + 1]) \
            and k + 1 - i < 8:
        c = k + 1
        while c < limit and is_cap_word(words[c]):
            c += 1
        k = c
    # a genitive attribute: "eine Studie des Kieler Instituts", "der Präsident der Ukraine"
    if k < limit - 1 and words[k].lower() in ("des", "der") and k > j:
        g = k + 1
        while g < limit and (words[g] in QUOTE_MARKS or (_adjective_like(words[g].lower())
                                                         and not words[g][0].isupper())):
            g += 1
        g2 = g
        while g2 < limit and (is_cap_word(words[g2]) or words[g2] in QUOTE_MARKS):
            g2 += 1
        if g2 > g:
            k = g2
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
