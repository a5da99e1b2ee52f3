"""Map a speaker phrase (character span) to an actor id.

Order: a mention of the actors layer inside the phrase (persons first, then the longest);
the actors layer's reference resolver (``lagebild.actors.resolve_reference``) for pronouns and
role nouns when it exists; else the latest earlier mention of a compatible actor (a person
for "er"/"sie"/role nouns, gender-checked where the knowledge base knows the gender).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable
from typing import Any

from lagebild.actors import References, get_kb
from lagebild.actors.mention_list import MentionList
from lagebild.document import Document, Mention
from lagebild.lexicon import load
from lagebild.speech.lexicon import word_set

log = logging.getLogger(__name__)

_S = "speech_speakers"
# pronoun -> the gender of the person it refers to (None: either)
PERSON_PRONOUNS: dict[str, str | None] = dict(load(_S, {"person_pronouns": dict})["person_pronouns"])
COLLECTIVE_PRONOUNS = word_set(_S, "collective_pronouns")
INDEFINITE = word_set(_S, "indefinite_articles")
# government words in a speaker phrase or source ("Regierungssprecher", "aus Regierungskreisen")
GOVERNMENT_WORDS = tuple(sorted(word_set(_S, "government_words")))
# document and spokesperson heads whose genitive owner is the real source; message nouns
_SOURCE_HEADS = tuple(sorted(word_set(_S, "source_heads")))
_GENITIVE_WORDS = word_set(_S, "genitive_words")
_DEFINITE = word_set(_S, "definite_articles")
_REFERRING = word_set(_S, "referring_determiners")


def _gender_lookup() -> Callable[[str], str | None]:
    kb = get_kb()

    def lookup(actor_id: str) -> str | None:
        a = kb.actor(actor_id)
        return a.gender if a is not None else None

    return lookup


def _place_country(name: str) -> str | None:
    """The country of a place the knowledge base knows ("Berlin" -> germany), else None."""
    for place in get_kb().places.values():
        if place.country and name in place.all_names():
            return place.country
    return None


def _genitive_offset(text: str) -> int | None:
    """Offset of a genitive attribute after the head ("der Berater| des Kremlchefs")."""
    words = text.split()
    pos = 0
    for i, w in enumerate(words):
        pos = text.find(w, pos)
        if i > 0 and w.lower() in _GENITIVE_WORDS and words[i - 1][:1].isupper():
            return pos
        pos += len(w)
    return None


def _source_head(head: str) -> bool:
    """A document or spokesperson head whose genitive owner is the real source ("Berichten des WSJ")."""
    last = head.split()[-1].lower().rsplit("-", 1)[-1] if head.split() else ""
    return last.endswith(_SOURCE_HEADS)


class SpeakerResolver:
    """Resolves speaker phrases of one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mentions: list[Mention] = sorted((m for m in doc.mentions if m.actor), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self._all = MentionList(doc.mentions)  # every mention, with position queries
        self._of_actor: dict[str, list[Mention]] = {}  # actor -> its mentions in self.mentions' order
        for m in self.mentions:
            self._of_actor.setdefault(m.actor or "", []).append(m)
        self._actor_starts = {a: [m.start for m in ms] for a, ms in self._of_actor.items()}
        self._references: References | None = None  # built on the first reference to resolve
        self._resolve_reference: Callable[..., Any] = self._reference
        self._gender = _gender_lookup() if self.mentions else (lambda _id: None)

    def _reference(self, doc: Document, start: int, end: int, text: str | None = None) -> str | None:
        """``lagebild.actors.resolve_reference`` with the document's mentions indexed once."""
        if self._references is None or self._references.doc is not doc:
            self._references = References(doc)
        return self._references.resolve(start, end, text)

    def actor_type(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        a = self.doc.actors.get(actor_id)
        return a.type if a else None

    def gender(self, actor_id: str) -> str | None:
        a = self.doc.actors.get(actor_id)
        g = getattr(a, "gender", None) if a else None
        return g or self._gender(actor_id)

    def inside(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])  # may reach beyond the phrase ("Kieler Instituts [für Weltwirtschaft]")
            i += 1
        # a mention that starts before the phrase and reaches into it ("von der Leyen")
        j = bisect.bisect_left(self.starts, start) - 1
        if j >= 0 and self.mentions[j].end > start:
            out.append(self.mentions[j])
        return out

    def last_ending_by(self, actor: str, offset: int) -> Mention | None:
        """The last mention of ``actor`` (in text order) that ends at or before ``offset``."""
        ms = self._of_actor.get(actor, [])
        i = bisect.bisect_right(self._actor_starts.get(actor, []), offset) - 1
        while i >= 0 and ms[i].end > offset:  # skips only the mentions that hold ``offset``: a few
            i -= 1
        return ms[i] if i >= 0 else None

    def any_ending_by(self, actor: str, offset: int, since: int) -> bool:
        """Does a mention of ``actor`` start at or after ``since`` and end at or before ``offset``?"""
        ms = self._of_actor.get(actor, [])
        i = bisect.bisect_left(self._actor_starts.get(actor, []), since)
        while i < len(ms) and ms[i].start <= offset:
            if ms[i].end <= offset:
                return True
            i += 1
        return False

    def latest_before(self, offset: int, *, types: tuple[str, ...] = ("person",), gender: str | None = None,
                      window: int = 1500) -> str | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0 and offset - self.mentions[i].start <= window:
            m = self.mentions[i]
            t = self.actor_type(m.actor)
            if t in types and m.actor:
                g = self.gender(m.actor) if gender else None
                if not gender or g is None or g == gender:
                    return m.actor
            i -= 1
        return None

    def head_span(self, start: int, end: int) -> tuple[int, int]:
        """The phrase without a genitive owner: "der Berater [des Kremlchefs]" speaks as the adviser;
        a document head keeps its owner ("Berichten des „Wall Street Journal“")."""
        text = self.doc.text[start:end]
        gen = _genitive_offset(text)
        if gen is None or _source_head(text[:gen]):
            return start, end
        return start, start + len(text[:gen].rstrip())

    def resolve(self, start: int, end: int) -> tuple[str | None, float]:
        """(actor id, confidence) for the speaker phrase ``doc.text[start:end]``."""
        start, end = self.head_span(start, end)
        text = self.doc.text[start:end]
        inside = self.inside(start, end)
        words0 = text.split()
        if words0 and words0[0].lower() in INDEFINITE:
            # "a government spokesman", "ein Regierungssprecher": someone new, never an earlier speaker by
            # coreference; a government word speaks for the state of the place named before it
            named = [m for m in inside if m.kind in ("name", "title_name", "metonym")]
            if named:
                best = max(named, key=lambda m: (self.actor_type(m.actor) == "person", m.end - m.start))
                return best.actor, 0.8
            if any(g in text.lower() for g in GOVERNMENT_WORDS):
                return self.state_of_place(start), 0.5
            return None, 0.0
        if inside:
            persons = [m for m in inside if self.actor_type(m.actor) == "person"]
            pool = persons or inside
            best = max(pool, key=lambda m: (m.kind == "name", m.end - m.start, m.start))
            conf = 0.9 if best.kind in ("name", "title_name") else 0.75
            return best.actor, conf
        low = text.lower()
        words = text.split()
        if words and any(g in low for g in GOVERNMENT_WORDS) and words[0].lower() not in _DEFINITE:
            # "aus Regierungskreisen", "government sources": the state of the place named before
            return self.state_of_place(start), 0.5
        referring = low in PERSON_PRONOUNS or (bool(words) and words[0].lower() in _REFERRING)
        if referring:
            got = self._resolve_reference(self.doc, start, end, text)
            if got:
                return got, 0.7
        if low in PERSON_PRONOUNS:
            return self.latest_before(start, gender=PERSON_PRONOUNS[low]), 0.6
        if low in COLLECTIVE_PRONOUNS:
            return None, 0.0
        singular_person = bool(words) and (words[0].lower() in ("der", "the") or (
            words[0].lower() == "die" and words[-1].endswith("in") and words[-1][:1].isupper()))
        if singular_person and all(not w[:1].isupper() or i == len(words) - 1
                                                                      for i, w in enumerate(words[1:], 1)):
            # a role noun without a name: "der Experte", "die russische Außenministerin"
            return self.latest_before(start, gender=self._role_gender(text)), 0.5
        return None, 0.0

    def state_of_place(self, offset: int) -> str | None:
        """The state whose government a phrase at ``offset`` stands for: the latest state, metonym or known
        place (a capital -> its country) in the sentence before ``offset`` ("In Berlin, a government
        spokesman …"), else in the sentence before that."""
        si = self.doc.sentence_at(offset)
        if si is None:
            return None
        lo = self.doc.sentences[max(0, si - 1)].start
        for m in sorted(self._all.starting_in(lo, offset), key=lambda m: -m.start):
            if m.actor and self.actor_type(m.actor) == "state":
                return m.actor
            if m.actor is None and m.kind == "location":
                country = _place_country(self.doc.text[m.start:m.end])
                if country:
                    return country
        return None

    @staticmethod
    def _role_gender(text: str) -> str | None:
        head = text.split()[-1] if text.split() else ""
        if head.endswith("in") and head[:1].isupper() and len(head) > 5:
            return "f"
        if text.split()[0].lower() == "der":
            return "m"
        return None
