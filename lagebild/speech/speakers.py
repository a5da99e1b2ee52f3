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
from functools import lru_cache
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
# "ein Sprecher der Gruppe": a body noun after a definite genitive article refers back to the body named last
_ANAPHORIC_BODIES = word_set(_S, "anaphoric_bodies")
_OFFICIAL_HEADS = word_set(_S, "official_heads")
_BODY_PRONOUNS = word_set(_S, "body_pronouns")
_DEFINITE_GENITIVE = word_set(_S, "definite_genitive_articles")


def _gender_lookup() -> Callable[[str], str | None]:
    kb = get_kb()

    def lookup(actor_id: str) -> str | None:
        a = kb.actor(actor_id)
        return a.gender if a is not None else None

    return lookup


@lru_cache(maxsize=1)
def _states_by_name() -> tuple[dict[str, str], dict[str, str]]:
    """KB states by name and capital ("Israel", "Jerusalem" -> israel), and by demonym stem, lower case
    ("ukrainisch", "ukrainian" -> ukraine)."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for a in get_kb().actors.values():
        if a.type != "state":
            continue
        for part in (*a.names.values(), *(a.capital or {}).values()):
            for n in [part] if isinstance(part, str) else part:
                names.setdefault(n, a.id)
        for dem in a.demonyms.values():
            for d in [dem] if isinstance(dem, str) else dem:
                demonyms.setdefault(d.lower(), a.id)
    return names, demonyms


def _place_country(name: str) -> str | None:
    """The country of a place the knowledge base knows ("Berlin" -> germany; a state or its capital
    named as a place: "in Israel", "in Jerusalem" -> israel), else None."""
    for place in get_kb().places.values():
        if place.country and name in place.all_names():
            return place.country
    return _states_by_name()[0].get(name)


def _demonym_state(words: list[str]) -> str | None:
    """``demonym-official``: "a senior Ukrainian official", "ein ukrainischer Regierungsvertreter" -> the
    state of the demonym (an official speaks for the government, which gold names by its state)."""
    if not any(w.lower().strip(",.") in _OFFICIAL_HEADS for w in words):
        return None
    dems = _states_by_name()[1]
    for w in words:
        low = w.lower()
        for stem in (low, low[:-1], low[:-2]):
            if stem in dems:
                return dems[stem]
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
        # a place after the head ("Beobachtern in Chisinau") says where, not who
        inside = [m for m in self.inside(start, end) if m.kind != "location" or m.start <= start + 4]
        words0 = text.split()
        owner = self._anaphoric_owner(start, end, text)
        if owner is not None:
            return owner, 0.6
        if words0 and words0[0].lower() in INDEFINITE:
            # "a government spokesman", "ein Regierungssprecher": someone new, never an earlier speaker by
            # coreference; a government word speaks for the state of the place named before it
            named = [m for m in inside if m.kind in ("name", "title_name", "metonym")]
            if named:
                best = max(named, key=lambda m: (self.actor_type(m.actor) == "person", m.end - m.start))
                return best.actor, 0.8
            if any(g in text.lower() for g in GOVERNMENT_WORDS):
                return self.state_of_place(start), 0.5
            state = _demonym_state(words0)
            return (state, 0.5) if state else (None, 0.0)
        if inside:
            persons = [m for m in inside if self.actor_type(m.actor) == "person"]
            pool = persons or inside
            best = max(pool, key=lambda m: (m.kind == "name", m.end - m.start, m.start))
            conf = 0.9 if best.kind in ("name", "title_name") else 0.75
            return best.actor, conf
        low = text.lower()
        words = text.split()
        if words and any(g in low for g in GOVERNMENT_WORDS) and words[0].lower() not in _DEFINITE:
            # "aus Regierungskreisen (in Jerusalem)", "government sources": the state of the place named
            # in the phrase, else of the place named before
            return self.state_within(start, end) or self.state_of_place(start), 0.5
        referring = low in PERSON_PRONOUNS or (bool(words) and words[0].lower() in _REFERRING)
        if referring:
            got = self._resolve_reference(self.doc, start, end, text)
            if got:
                return got, 0.7
        if low in PERSON_PRONOUNS:
            return self.latest_before(start, gender=PERSON_PRONOUNS[low]), 0.6
        if low in COLLECTIVE_PRONOUNS:
            return None, 0.0
        if low in _BODY_PRONOUNS:
            return self.latest_before(start, types=("organisation", "group"), window=600), 0.5
        singular_person = bool(words) and (words[0].lower() in ("der", "the") or (
            words[0].lower() == "die" and words[-1].endswith("in") and words[-1][:1].isupper()))
        if singular_person and all(not w[:1].isupper() or i == len(words) - 1
                                                                      for i, w in enumerate(words[1:], 1)):
            # a role noun without a name: "der Experte", "die russische Außenministerin"
            return self.latest_before(start, gender=self._role_gender(text)), 0.5
        return None, 0.0

    def _anaphoric_owner(self, start: int, end: int, text: str) -> str | None:
        """``anaphoric-owner``: "ein Sprecher der Gruppe", "a spokesman of the group", "die Gruppe" -> the
        latest organisation or group named before (a body noun without a name inside the phrase)."""
        if self.inside(start, end):
            return None
        gen = _genitive_offset(text)
        if gen is not None and _source_head(text[:gen]):
            owner = text[gen:].split()
        elif gen is None and text.split()[:1] and text.split()[0].lower() in _DEFINITE:
            owner = text.split()  # "die Gruppe erklärte": the body itself
        else:
            return None
        if len(owner) != 2 or owner[0].lower() not in _DEFINITE_GENITIVE | _DEFINITE \
                or owner[1].lower().rsplit("-", 1)[-1] not in _ANAPHORIC_BODIES:
            return None
        return self.latest_before(start, types=("organisation", "group"), window=1200)

    def state_within(self, start: int, end: int) -> str | None:
        """A state, or the country of a known place, named inside [start, end) ("in Jerusalem")."""
        for m in self._all.starting_in(start, end):
            if m.actor and (self.actor_type(m.actor) == "state" or m.kind == "location"):
                return m.actor  # a place the actors layer linked to its state ("Jerusalem" -> israel)
            if m.actor is None and m.kind == "location":
                country = _place_country(self.doc.text[m.start:m.end])
                if country:
                    return country
        return None

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
