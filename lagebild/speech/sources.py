"""Speakers the actors layer has no actor for: speech adds them as document actors of their own type.

Three small named rules (``SOURCE_RULES``), tried in order on an unresolved speaker phrase:
``named-person`` (two or more proper-name words, HanTa NE: "Innenkommissarin Ylva Johansson" ->
the person "Ylva Johansson"; a lone surname takes its full name from earlier in the text), ``collective`` ("beide Seiten", "Diplomatenkreise", "U.S. negotiators" ->
a group; ``lagebild/lexicons/speech_sources.yaml``) and ``medium`` ("der Zeitung „Adevărul“" -> the
organisation "Adevărul"; also "des Netzbetreibers Fingrid", English "the Tasnim news agency"), and
``document-owner`` ("a report by the Press Trust of India" -> the organisation); then, for a phrase no
rule names, ``full-name``, ``lone-name`` ("sagte Lucke", "der AStA") and ``english-name`` ("said Burrage"). The actor's id is ``doc:<slug>``, its source "document".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.actors.words import is_common_noun, toponym
from lagebild.actors.words import name_like as word_name_like
from lagebild.document import Actor, Document
from lagebild.lexicon import load
from lagebild.speech.grammar import DETERMINERS
from lagebild.speech.lexicon import word_set

_S = "speech_sources"
_COLLECTIVES: dict[str, str] = {
    k.lower(): v for part in load(_S, {"collectives": dict})["collectives"].values() for k, v in part.items()}
_EN_GROUP_HEADS = word_set(_S, "english_group_heads")
_MEDIA = word_set(_S, "media_nouns") | word_set(_S, "body_nouns")
_DOCUMENTS = word_set(_S, "document_nouns")
_OWNER_PREPOSITIONS = word_set(_S, "owner_prepositions")
_OWNER_WORDS = _OWNER_PREPOSITIONS | word_set(_S, "genitive_articles")
_NAME_PARTICLES = word_set(_S, "name_particles")
_EN_NOT_NAMES = word_set(_S, "english_not_names")
_INSTITUTIONS = word_set(_S, "institution_nouns")
_STRIP = "„“\"»«,()‚‘’'"
_PARTICLES = frozenset({"da", "de", "del", "van", "von", "al", "bin", "el", "la", "le", "di", "dos", "der"})


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "x"


def _is_name_word(word: str) -> bool:
    from lagebild.language.morphology import morphology

    return word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() \
        and morphology("de").pos_of(word).startswith("NE")


def named_person(words: list[str], lang: str) -> tuple[str, str] | None:
    """The trailing proper name of a phrase (two to four name words, particles allowed inside)."""
    run: list[str] = []
    for w in reversed(words):
        if _is_name_word(w) or (run and w.lower() in _PARTICLES and w.islower()):
            run.insert(0, w)
            continue
        break
    while run and run[0].islower():
        run.pop(0)
    if 2 <= len(run) <= 4:
        return " ".join(run), "person"
    return None


def english_group(words: list[str], lang: str) -> tuple[str, str] | None:
    """"U.S. negotiators", "Ukrainian mediators": a group named by the phrase (before any state the
    modifier names: the collective acts, not its government)."""
    lows = [w.lower() for w in words if w.lower() not in DETERMINERS]
    if lang != "en" or not 2 <= len(lows) <= 3 or lows[-1] not in _EN_GROUP_HEADS or not words[-1].islower() \
            or not words[-len(lows)][:1].isupper():
        return None
    phrase = " ".join(words[-len(lows):])
    return phrase[:1].upper() + phrase[1:], "group"


def collective(words: list[str], lang: str) -> tuple[str, str] | None:
    """"beide Seiten", "Diplomaten", "aus Diplomatenkreisen", "U.S. negotiators"."""
    pair = " ".join(w.lower() for w in words[:2])
    if pair in _COLLECTIVES:
        return _COLLECTIVES[pair], "group"
    lows = [w.lower() for w in words if w.lower() not in DETERMINERS]
    if not lows:
        return None
    caps = [w.lower() for w in words if w[:1].isupper() and w.lower() not in DETERMINERS] if lang == "de" else []
    head = caps[0] if caps else lows[-1] if lang == "en" else ""
    if head in _COLLECTIVES and (lang == "de" or len(lows) == 1):
        return _COLLECTIVES[head], "group"
    return english_group(words, lang)


def medium(words: list[str], lang: str) -> tuple[str, str] | None:
    """"der Zeitung „Adevărul“", "des Senders RTS", "the newspaper Dawn": the name after a media noun."""
    for i, w in enumerate(words[:-1]):
        if w.lower() in _MEDIA:
            name = [x for x in words[i + 1:] if x[:1].isupper()]
            if name and len(name) == len(words[i + 1:]) and len(name) <= 4:
                return " ".join(name), "organisation"
    return None


def _body_name(words: list[str]) -> str | None:
    """Capitalised words, with lower-case particles inside ("Press Trust of India"), after any article."""
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if not words or len(words) > 6 or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return None
    if all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return " ".join(words)
    return None


def named_body(words: list[str], lang: str) -> tuple[str, str] | None:
    """``named-body``: an institution noun with a proper modifier ("der Berliner Polizei", "des Statistischen
    Landesamtes", "the Kyiv city administration") is an organisation named by the phrase."""
    last_article = max((i for i, w in enumerate(words) if w.lower() in DETERMINERS), default=-1)
    words = words[last_article + 1:]  # "eines Sprechers der Berliner Polizei": the owner
    if not 2 <= len(words) <= 4 or words[-1].lower().rsplit("-", 1)[-1] not in _INSTITUTIONS:
        return None
    if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    return " ".join(words), "organisation"


def document_owner(words: list[str], lang: str) -> tuple[str, str] | None:
    """"a report by the Press Trust of India", "einem Bericht des Senders RTS": the body that issued the
    document (a medium after its noun, else a capitalised name)."""
    for i, w in enumerate(words[:-1]):
        if w.lower() in _DOCUMENTS and words[i + 1].lower() in _OWNER_WORDS:
            rest = words[i + 2:] if words[i + 1].lower() in _OWNER_PREPOSITIONS else words[i + 1:]
            return medium(rest, lang) or (lambda n: (n, "organisation") if n else None)(_body_name(rest))
    return None


def medium_after(words: list[str], lang: str) -> tuple[str, str] | None:
    """English "the Tasnim news agency", "the state broadcaster's website": a name before its media noun."""
    if lang != "en":
        return None
    k = len(words)
    while k > 0 and words[k - 1].lower() in _MEDIA:
        k -= 1
    if k == len(words):
        return None
    name = _body_name(words[:k])
    return (name, "organisation") if name else None


def lone_name(words: list[str], lang: str) -> tuple[str, str] | None:
    """``lone-name`` (tried last, after ``full-name``): an acronym ("der AStA", "the SBU") is an
    organisation; a lone German surname with no article that the word lexicon does not know as a
    common noun nor as a place ("sagte Lucke"; not "hieß es aus Minsk") is a person."""
    if len(words) == 2 and (words[0].lower() in DETERMINERS or (lang == "de" and is_common_noun(words[0]))):
        words = words[1:]  # "der AStA", "Präsident Müller"
    if len(words) != 1 or not words[0].isalpha() or not words[0][:1].isupper():
        return None
    word = words[0]
    if 2 <= sum(c.isupper() for c in word) and len(word) <= 8:
        return word, "organisation"
    if lang == "de" and len(word) >= 3 and word_name_like(word) and not toponym(word) \
            and word.lower() not in DETERMINERS and not _compound_noun(word):
        return word, "person"
    return None


def _compound_noun(word: str) -> bool:
    """A long German compound whose head (its last part, six letters or more) is a common noun
    ("Millimeterschritte": "Schritte"): German capitalises every noun, so such a word is no surname."""
    return len(word) >= 12 and any(is_common_noun(word[i:].capitalize()) for i in range(3, len(word) - 5))


@dataclass(frozen=True)
class SourceRule:
    name: str
    match: Callable[[list[str], str], tuple[str, str] | None]


SOURCE_RULES: tuple[SourceRule, ...] = (
    SourceRule("document-owner", document_owner),
    SourceRule("medium", medium),
    SourceRule("medium-after", medium_after),
    SourceRule("named-body", named_body),
    SourceRule("named-person", named_person),
    SourceRule("collective", collective),
)


_NAME_BEFORE = re.compile(r"((?:[A-ZÄÖÜ][\w'’-]+ |(?:da|de|van|von|al|bin|el|di|dos) ){1,3})$")


class SourceActors:
    """Adds (once per name) the actors of unresolved speaker phrases to ``doc.actors``."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang

    def actor_for(self, start: int, end: int) -> str | None:
        """The actor id for the speaker phrase ``doc.text[start:end]`` by the first rule that names one."""
        words = [w.strip(_STRIP) for w in self.doc.text[start:end].split()]
        words = [w for w in words if w]
        if not words or len(words) > 8:
            return None
        for rule in SOURCE_RULES:
            hit = rule.match(words, self.lang)
            if hit is not None:
                return self._add(hit[0], hit[1])
        full = self.full_name(words, start)
        if full:
            return self._add(full, "person")
        lone = lone_name(words, self.lang)
        if lone:
            return self._add(*lone)
        name = self.english_name(words)
        return self._add(name, "person") if name else None

    def english_name(self, words: list[str]) -> str | None:
        """``english-name``: one to three capitalised words the text never writes in lower case ("said
        Burrage", "Tanner Fischer said", "O’Connor stated"; not "Officials said", "Experts suggested")."""
        if self.lang != "en" or not 1 <= len(words) <= 3:
            return None
        for w in words:
            if not w[:1].isupper() or not w.replace("’", "").replace("'", "").replace("-", "").isalpha() \
                    or w.lower() in _EN_NOT_NAMES or w.isupper():
                return None
        text = self.doc.text
        if any(re.search(rf"(?<![\w’'-]){re.escape(w.lower())}(?![\w’'-])", text) for w in words):
            return None
        return " ".join(words)

    def group_first(self, start: int, end: int) -> str | None:
        """A collective whose modifier names a state ("U.S. negotiators") is a group before it is that state."""
        words = [w.strip(_STRIP) for w in self.doc.text[start:end].split()]
        hit = english_group([w for w in words if w], self.lang)
        return self._add(*hit) if hit else None

    def document_owner(self, start: int, end: int) -> str | None:
        """The issuer of a document phrase, genitive or "of" inside its name kept ("a report by the Press
        Trust of India")."""
        words = [w.strip(_STRIP) for w in self.doc.text[start:end].split()]
        hit = document_owner([w for w in words if w], self.lang)
        return self._add(*hit) if hit else None

    def full_name(self, words: list[str], start: int) -> str | None:
        """``full-name``: a lone surname ("Ali machte klar, …") whose full name stands earlier in the text
        ("der Präsidenten Nicolás Maduro und Irfaan Ali")."""
        if len(words) != 1 or not _is_name_word(words[0]):
            return None
        text = self.doc.text
        pos = text.rfind(f" {words[0]}", 0, start)
        while pos > 0:
            m = _NAME_BEFORE.search(text, max(0, pos - 60), pos + 1)
            first = m.group(1).split() if m else []
            if first and all(_is_name_word(w) or w.islower() for w in first) and _is_name_word(first[-1]):
                return " ".join([*first, words[0]])
            pos = text.rfind(f" {words[0]}", 0, pos)
        return None

    def _add(self, name: str, kind: str) -> str:
        key = name.casefold()
        for a in self.doc.actors.values():
            if a.name.casefold() == key or key in (x.casefold() for x in a.aliases):
                return a.id
        actor_id = f"doc:{_slug(name)}"
        if actor_id not in self.doc.actors:
            self.doc.actors[actor_id] = Actor(id=actor_id, name=name, type=kind, source="document",
                                              confidence=0.6)
        return actor_id
