"""Classifying quoted material and clauses: names and titles vs. someone's words, speech-like
quotes, relative clauses, finite verbs (HanTa, cached by word form)."""

from __future__ import annotations

from lagebild.document import Document
from lagebild.lexicon import words
from lagebild.speech.grammar import is_cap_word
from lagebild.speech.lexicon import word_set
from lagebild.speech.paragraphs import Paragraphs
from lagebild.speech.quotes import QuoteSpan
from lagebild.speech.speakers import SpeakerResolver

_Q = "speech_quotes"
_SO_CALLED = word_set(_Q, "so_called")
_TITLE_SMALL = word_set(_Q, "title_small_words")
_FOREIGN_SMALL = word_set(_Q, "foreign_small_words")
_NAME_PREV = word_set(_Q, "name_nouns")
# a word that names what follows ("called", "Codename"): a quoted title-case word after it is a name
_NAMING = word_set(_Q, "naming_words")
_ARTICLES = words("function_words", "de.articles", "en.articles")
_RELATIVE = word_set(_Q, "relative_pronouns")
_PRONOUNS = word_set(_Q, "pronouns")
_SPEECH_PERSONS = word_set(_Q, "speech_persons")
_EN_NONFINITE_TAGS = word_set(_Q, "nonfinite_tags")
_PHRASE_TAGS = tuple(sorted(word_set(_Q, "phrase_tags")))
_NAME_TAGS = tuple(sorted(word_set(_Q, "name_tags")))
_ADJECTIVE_ENDINGS = tuple(sorted(word_set("speech_grammar", "adjective_endings")))
_SENTENCE_END = (".", "!", "?")


def relative_start(words: list[str]) -> bool:
    """"die sich auf … verließen": a relative clause, not reported content."""
    if len(words) < 2 or words[0].lower() not in _RELATIVE:
        return False
    second = words[1]
    return second[:1].islower() and not (second.endswith(_ADJECTIVE_ENDINGS) and len(words) > 2
                                         and is_cap_word(words[2]))


def name_like(phrase: str) -> bool:
    """Does the phrase contain a proper name (HanTa NE) or a pronoun?"""
    from lagebild.language.morphology import morphology

    words = [w.strip("„“\"»«,") for w in phrase.split()]
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return True
    m = morphology("de")
    return any(w[:1].isupper() and m.pos_of(w).startswith("NE") for w in words)


def has_finite(words: list[str], lang: str = "de") -> bool:
    """Does the clause contain a finite verb? (HanTa, lower-case words only, cached by form)."""
    if lang != "de":
        return True
    from lagebild.language.morphology import morphology

    m = morphology("de")
    return any(w[:1].islower() and w.isalpha() and "FIN" in m.pos_of(w) for w in words)


def en_has_verb(words: list[str]) -> bool:
    """Does an English word sequence contain a verb that can be finite (HanTa CLAWS tags; past participles
    count, "held" is both)? "further evacuations on Wednesday", "little about the goals" have none."""
    from lagebild.language.morphology import morphology

    m = morphology("en")
    for w in words:
        if not (w[:1].islower() and w.replace("'", "").isalpha()):
            continue
        pos = m.pos_of(w)
        if pos.startswith("V") and pos not in _EN_NONFINITE_TAGS:
            return True
    return False


def speech_like(words: list[str], lang: str) -> bool:
    """Quoted words that read as someone's utterance: a clause with a finite verb, or first/second person."""
    lows = {w.lower().strip(".,!?;:") for w in words}
    if lows & _SPEECH_PERSONS:
        return True
    return len(words) >= 4 and has_finite([w.strip(".,!?;:") for w in words], lang)


def is_name(doc: Document, q: QuoteSpan, lang: str, resolver: SpeakerResolver,
            paragraphs: Paragraphs | None = None) -> bool:
    """A quoted name or title ("New York Times", "Shenzhou 6", "Jungle Fever", "bbc.co.uk");
    ``paragraphs``: the document's, when asking for many quotes."""
    content = doc.text[q.start:q.end]
    words = content.split()
    before = doc.text[max(0, q.open - 5):q.open].split()
    prev = before[-1].lower() if before else ""
    last_word = (doc.text[max(0, q.open - 20):q.open].split() or [""])[-1].lower()
    if prev.strip("„\"»«") in _SO_CALLED or last_word.strip("„\"»«") in _SO_CALLED:
        return True  # "die sogenannte „Zeitenwende“": a term, not someone's words
    wide = doc.text[max(0, q.open - 20):q.open].split()
    core = content.rstrip().removesuffix(".").split()  # "… to be called the "Trump Route for … Prosperity.""
    wide = [w for w in wide if w.lower() not in _ARTICLES]  # "to be called the …"
    if wide and wide[-1].lower().strip("„\"»«“”") in _NAMING and 1 <= len(core) <= 8 \
            and all(is_cap_word(w) or w.lower() in _TITLE_SMALL for w in core) and is_cap_word(core[-1]) \
            and not content.rstrip().endswith(("!", "?")):
        return True  # 'an operation it called "Spiderweb"', "Codename „Sommersturm“": a name, not words
    if len(words) == 1 and "." in content.strip(".") and not content.endswith("."):
        return True  # a domain name
    if 1 < len(words) <= 6 and any(c.isdigit() for c in content) and all(
            is_cap_word(w) or w[0].isdigit() for w in words):
        return True  # "Shenzhou 6", "Hvalur 9"
    if 2 <= len(words) <= 10 and all(is_cap_word(w) or w.lower() in _TITLE_SMALL for w in words) \
            and is_cap_word(words[-1]) and not content.rstrip().endswith(_SENTENCE_END):
        paragraphs = paragraphs or Paragraphs(doc)
        para = paragraphs.at(q.open)
        heading = para is not None and paragraphs.is_all_of(para, q.start, q.end)
        if not heading and (prev in _NAME_PREV or not german_phrase(words, lang)):
            return True  # title case that is not a German noun phrase: a title or a name
    if len(words) == 1 and lang == "de" and words[0][:1].isupper():
        from lagebild.language.morphology import morphology

        if morphology("de").pos_of(words[0].strip(".,!?")).startswith(_NAME_TAGS):
            return True  # a quoted proper name ("Silverbird", "Reuters")
    for m in resolver.inside(q.start, q.end):
        if m.start <= q.start and m.end >= q.end and resolver.actor_type(m.actor) != "person":
            return True
    return False


def german_phrase(words: list[str], lang: str) -> bool:
    """Are the title-case words German common nouns/adjectives (a quoted phrase, not a title)?"""
    if lang != "de":
        return False
    from lagebild.language.morphology import morphology

    if any(w.lower() in _FOREIGN_SMALL for w in words):
        return False  # "Union pour un Mouvement Populaire", "Department of Zoology"
    m = morphology("de")
    tags = [m.pos_of(w.strip(".,!?;:")) for w in words if w.lower() not in _TITLE_SMALL]
    nouns = sum(t.startswith("NN") for t in tags)
    return bool(tags) and all(t.startswith(_PHRASE_TAGS) for t in tags) \
        and nouns * 2 > len(tags)
