"""The commitments ledger: every stored promise, threat, ultimatum, plan and demand with a status
computed across the whole store as of a date, and the evidence that set it.

Statuses (rating the outcome, not the intention):

- ``kept``: a later statement reports that it happened (a kept phrase of
  ``lexicons/commitments_ledger.yaml`` in a sentence about it, or a later asserted PLOVER event of
  the matching type with the actor as source);
- ``broken``: a later statement reports that it did not happen ("Nach dem Gipfel geschah: nichts",
  "kam nicht zustande", a negated later event of the matching type);
- ``superseded``: the same actor made a later commitment of the same kind about the same thing;
- ``overdue``: its deadline lies before the as-of date and nothing says what became of it;
- ``due``: its deadline is the as-of date;
- ``pending``: no deadline passed and no outcome reported.

A "later statement" is a sentence after the commitment in the same article (a broken/kept phrase
within ``follow_up`` sentences refers back to it without repeating its words), or a sentence of an
article published on or after the commitment's date that names its actor or addressee and shares
``min_shared`` content words with it. Only articles published up to the as-of date count.
The ledger reads documents, so it sits above the store layer; it is recomputed on every call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from lagebild.document import Commitment, Document
from lagebild.events.lexicon import SYMMETRIC, event_lexicon
from lagebild.lexicon import load

__all__ = ["STATUSES", "Evidence", "LedgerEntry", "commitments_ledger", "rate"]

STATUSES = ("pending", "due", "overdue", "kept", "broken", "superseded")
LEXICON = "commitments_ledger"
_WORD = re.compile(r"\w+", re.UNICODE)
STEM = 6  # content words compare by their first letters ("Sanktionen" ~ "Sanktion")
MIN_WORD = 5
GRACE = timedelta(days=7)  # a deed this long after a deadline still fulfils the commitment


@dataclass(frozen=True, slots=True)
class Evidence:
    """What set a status: a span of a stored document (or the commitment itself)."""

    doc_id: str
    export_id: str
    start: int
    end: int
    text: str
    rule: str
    date: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "export_id": self.export_id, "start": self.start, "end": self.end,
                "text": self.text, "rule": self.rule, "date": self.date}


@dataclass(slots=True)
class LedgerEntry:
    doc_id: str
    export_id: str
    index: int  # in the document's commitments
    commitment: Commitment
    actor_name: str | None
    addressee_name: str | None
    made: str | None  # when it was made (YYYY-MM-DD)
    status: str = "pending"
    evidence: list[Evidence] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)  # actors named in the commitment's span
    surfaces: list[str] = field(default_factory=list)  # how they are named there ("Russland", "Washington")
    actor_side: set[str] = field(default_factory=set)  # the actor and the state it belongs to

    def as_dict(self) -> dict[str, Any]:
        c = self.commitment
        return {"doc_id": self.doc_id, "export_id": self.export_id, "index": self.index, "kind": c.kind,
                "actor": c.actor, "actor_name": self.actor_name, "addressee": c.addressee,
                "addressee_name": self.addressee_name, "content": c.content, "condition": c.condition,
                "deadline": c.deadline, "made": self.made, "start": c.start, "end": c.end, "status": self.status,
                "status_evidence": [e.as_dict() for e in self.evidence]}


@dataclass(frozen=True)
class _Cues:
    broken: dict[str, tuple[re.Pattern[str], ...]]
    kept: dict[str, tuple[re.Pattern[str], ...]]
    follow_up: int
    min_shared: int
    supersede_shared: int
    event_types: dict[str, str]


def _phrase(p: str) -> re.Pattern[str]:
    parts = [re.escape(x.strip()) for x in p.casefold().split("…")]
    body = r".{0,60}?".join(parts)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = load(LEXICON)

    def table(key: str) -> dict[str, tuple[re.Pattern[str], ...]]:
        # one alternation per language: a sentence is searched once, not once per phrase
        return {lang: (re.compile("|".join(f"(?:{_phrase(str(p)).pattern})" for p in phrases)),)
                for lang, phrases in (data.get(key) or {}).items() if phrases}

    return _Cues(table("broken"), table("kept"), int(data.get("follow_up", 2)), int(data.get("min_shared", 2)),
                 int(data.get("supersede_shared", 3)), {str(k).casefold(): str(v) for k, v in (data.get("event_types") or {}).items()})


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    data = load("function_words")
    out: set[str] = set()
    for lang in ("de", "en"):
        for words in (data.get(lang) or {}).values():
            if isinstance(words, list):
                out.update(str(w).casefold() for w in words)
    return frozenset(out)


def content_words(text: str, skip: Iterable[str] = ()) -> set[str]:
    """Stems of the longer non-function words of a text: what two statements about the same thing
    share. ``skip``: words left out too (the actor's own name)."""
    stop = _function_words()
    skipped = {w.casefold()[:STEM] for s in skip for w in _WORD.findall(s.replace("_", " "))}
    return {w.casefold()[:STEM] for w in _WORD.findall(text)
            if len(w) >= MIN_WORD and not w.isdigit() and w.casefold() not in stop} - skipped


def _find(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    low = text.casefold()
    for p in patterns:
        m = p.search(low)
        if m:
            return m
    return None


def _verb_types(text: str, language: str) -> set[str]:
    """The PLOVER types of the event lexicon's plain verb readings whose lemma is a lower-case word of
    the text ("… soll der Nato-Russland-Rat tagen" -> CONSULT; "Tagen", days, is a noun)."""
    lex = event_lexicon()
    return {t.type for w in _WORD.findall(text) if w.islower()
            for t in lex.verb_triggers(language, w) if not t.object and not t.frame}


@dataclass(slots=True)
class _Stored:
    """One stored document with its indexes: the actors of each sentence, the sentences of each
    actor, the events of each source, and the content words of each sentence (computed once)."""

    doc: Document
    published: str | None
    actors_by_sentence: dict[int, set[str]]
    sentences_by_actor: dict[str, set[int]] = field(default_factory=dict)
    events_by_source: dict[str, list[Any]] = field(default_factory=dict)
    words: dict[int, set[str]] = field(default_factory=dict)

    def sentence_words(self, si: int) -> set[str]:
        found = self.words.get(si)
        if found is None:
            sent = self.doc.sentences[si]
            found = self.words[si] = content_words(self.doc.text[sent.start:sent.end])
        return found


def _index(doc: Document) -> _Stored:
    by_sentence: dict[int, set[str]] = {}
    by_actor: dict[str, set[int]] = {}
    for m in doc.mentions:
        if m.actor:
            si = doc.sentence_at(m.start)
            if si is not None:
                by_sentence.setdefault(si, set()).add(m.actor)
                by_actor.setdefault(m.actor, set()).add(si)
    by_source: dict[str, list[Any]] = {}
    for e in doc.events:
        for who in {e.source, e.target if e.type in SYMMETRIC else None} - {None}:
            by_source.setdefault(str(who), []).append(e)  # a meeting is the deed of both sides
    return _Stored(doc, doc.meta.published.isoformat() if doc.meta.published else None, by_sentence,
                   by_actor, by_source)


class _Rater:
    def __init__(self, docs: list[_Stored], as_of: date) -> None:
        self.docs, self.as_of, self.cues = docs, as_of.isoformat(), _cues()
        self._wanted: dict[tuple[int, str], frozenset[str]] = {}
        self._own: dict[int, set[str]] = {}

    def evidence(self, s: _Stored, start: int, end: int, rule: str) -> Evidence:
        text = " ".join(s.doc.text[start:end].split())
        return Evidence(s.doc.id, s.doc.export_id, start, end, text, rule, s.published)

    def outcome(self, entry: LedgerEntry, home: _Stored) -> tuple[str, Evidence] | None:
        """The first later statement that says the commitment was kept or broken."""
        c = entry.commitment
        words = content_words(c.content + " " + (c.condition or ""), self.names(entry))
        home_sentence = c.sentence if c.sentence is not None else home.doc.sentence_at(c.start)
        for s in self.docs:
            if s.published and entry.made and s.published < entry.made[:10]:
                continue
            found = self.outcome_in(entry, s, words, home_sentence if s is home else None)
            if found:
                return found
        return None

    def outcome_in(self, entry: LedgerEntry, s: _Stored, words: set[str],
                   home_sentence: int | None) -> tuple[str, Evidence] | None:
        c, doc = entry.commitment, s.doc
        lang = doc.language if doc.language in self.cues.broken else "de"
        who = {a for a in (c.actor, c.addressee) if a} | entry.participants
        found = self.event_outcome(entry, s, words, home_sentence)
        if found is not None and found[0] == "kept":
            return found  # a later deed of the actor outweighs a phrase
        for si in self.candidates(s, who, home_sentence):
            sent = doc.sentences[si]
            text = doc.text[sent.start:sent.end]
            near = home_sentence is not None and si - home_sentence <= self.cues.follow_up
            named = s.actors_by_sentence.get(si, set())
            about = self.about(entry, s, si, words, who & named, home_sentence)
            if not (near or about):
                continue
            # a report of a deed must name it, by what was promised (not its condition)
            deed = about and self.about(entry, s, si, self.own_words(entry), who & named, home_sentence)
            deed = deed and _met_by_other(entry, named)
            for status, table in (("broken", self.cues.broken), ("kept", self.cues.kept)):
                if status == "kept" and not deed:
                    continue  # "geschah: nichts" refers back on its own
                m = _find(table.get(lang, ()), text)
                if m is not None:
                    rule = f"{status}_phrase" + ("_follow_up" if near and not about else "")
                    return status, self.evidence(s, sent.start, sent.end, rule)
        return found

    def about(self, entry: LedgerEntry, s: _Stored, si: int, words: set[str], named: set[str],
              home_sentence: int | None) -> bool:
        """Another sentence speaks of the commitment when it names one of its actors and shares
        ``min_shared`` of these words with it, or, in an article of the days up to a week after its
        deadline, names its actor and shares one."""
        shared = len(words & s.sentence_words(si))
        return (shared >= self.cues.min_shared and bool(named)) or (
            shared >= 1 and entry.commitment.actor in named and self.by_deadline(entry, s, home_sentence))

    def own_words(self, entry: LedgerEntry) -> set[str]:
        """The content words of what was promised, without its condition and its actors' names."""
        key = id(entry)
        found = self._own.get(key)
        if found is None:
            found = self._own[key] = content_words(entry.commitment.content, self.names(entry))
        return found

    def by_deadline(self, entry: LedgerEntry, s: _Stored, home_sentence: int | None) -> bool:
        """Another article published between the commitment and a week after its deadline: a
        sentence there that names its actor and one of its words speaks of it."""
        deadline = entry.commitment.deadline
        if home_sentence is not None or not deadline or not s.published or not entry.made:
            return False
        return entry.made[:10] <= s.published <= (date.fromisoformat(deadline[:10]) + GRACE).isoformat()

    def candidates(self, s: _Stored, who: set[str], home_sentence: int | None) -> list[int]:
        """The sentences that may speak of a commitment, in text order: those naming one of its actors
        (the index by actor), and in its own article the ``follow_up`` sentences after it."""
        found: set[int] = set()
        for a in who:
            found |= s.sentences_by_actor.get(a, set())
        if home_sentence is not None:
            found = {si for si in found if si > home_sentence}
            found |= set(range(home_sentence + 1, min(len(s.doc.sentences), home_sentence + self.cues.follow_up + 1)))
        return sorted(found)

    def event_outcome(self, entry: LedgerEntry, s: _Stored, words: set[str],
                      home_sentence: int | None) -> tuple[str, Evidence] | None:
        c = entry.commitment
        wanted = self.wanted(entry, s.doc.language)
        if not wanted or c.kind == "demand" or not c.actor:
            return None
        for e in s.events_by_source.get(c.actor, []):
            if e.type not in wanted or (home_sentence is not None and e.start <= c.end):
                continue
            if not (e.date and entry.made and e.date[:10] > entry.made[:10]):
                continue  # only an event dated after the commitment fulfils (or breaks) it
            if not self.same_deed(entry, s, e, words):
                continue
            if e.modality == "negated":
                return "broken", self.evidence(s, e.start, e.end, f"negated_event_{e.type}")
            if e.modality == "asserted":
                return "kept", self.evidence(s, e.start, e.end, f"event_{e.type}")
        return None

    def wanted(self, entry: LedgerEntry, language: str) -> frozenset[str]:
        """The event types that would fulfil the commitment: from what was promised, not its
        condition (computed once per commitment and language)."""
        key = (id(entry), language)
        found = self._wanted.get(key)
        if found is None:
            c = entry.commitment
            own = self.own_words(entry)
            types = {t for stem, t in self.cues.event_types.items() if any(w.startswith(stem[:STEM]) for w in own)}
            found = self._wanted[key] = frozenset(types | _verb_types(c.content, language))
        return found

    def same_deed(self, entry: LedgerEntry, s: _Stored, e: Any, words: set[str]) -> bool:
        """A later event of a compatible type with the commitment's actor on one side is that deed:
        when the commitment names others (its addressee, actors in its span), the event's other side
        must be one of them; else the event must fall before the deadline (or in the week after it),
        or its sentence share a content word with the commitment."""
        c = entry.commitment
        other = e.target if e.source == c.actor else e.source
        others = (entry.participants | {c.addressee}) - {c.actor, None}
        if others:
            return other in others
        if c.deadline and e.date[:10] <= (date.fromisoformat(c.deadline[:10]) + GRACE).isoformat():
            return True
        si = s.doc.sentence_at(e.start)
        return si is not None and bool(words & s.sentence_words(si))

    @staticmethod
    def names(entry: LedgerEntry) -> list[str]:
        return [n for n in (entry.commitment.actor, entry.actor_name, entry.commitment.addressee,
                            entry.addressee_name, *entry.surfaces) if n]

    def superseded(self, entry: LedgerEntry, entries: list[LedgerEntry]) -> LedgerEntry | None:
        c = entry.commitment
        words = content_words(c.content, self.names(entry))
        for other in entries:
            o = other.commitment
            if other is entry or o.actor != c.actor or o.kind != c.kind or not other.made or not entry.made:
                continue
            if other.made > entry.made and len(words & content_words(o.content, self.names(other))) >= \
                    self.cues.supersede_shared:
                return other
        return None

    def status(self, entry: LedgerEntry, home: _Stored, entries: list[LedgerEntry]) -> None:
        found = self.outcome(entry, home)
        if found:
            entry.status, ev = found
            entry.evidence = [ev]
            return
        newer = self.superseded(entry, entries)
        if newer is not None:
            entry.status = "superseded"
            newer_doc = next(s for s in self.docs if s.doc.id == newer.doc_id)
            entry.evidence = [self.evidence(newer_doc, newer.commitment.start, newer.commitment.end, "later_commitment")]
            return
        c = entry.commitment
        own = self.evidence(home, c.start, c.end, "deadline" if c.deadline else "made")
        if c.deadline and c.deadline < self.as_of:
            entry.status, entry.evidence = "overdue", [own]
        elif c.deadline and c.deadline == self.as_of:
            entry.status, entry.evidence = "due", [own]
        else:
            entry.status, entry.evidence = "pending", [own]


def rate(documents: Iterable[Document], as_of: date | None = None) -> list[LedgerEntry]:
    """The ledger of these documents as of ``as_of`` (default today): every commitment made up to
    that date, with its status and evidence. Documents published after ``as_of`` are ignored."""
    as_of = as_of or date.today()
    stored = [_index(d) for d in documents if d.meta.published is None or d.meta.published <= as_of]
    stored.sort(key=lambda s: (s.published or "9999", s.doc.id))
    entries: list[tuple[LedgerEntry, _Stored]] = []
    for s in stored:
        for i, c in enumerate(s.doc.commitments):
            made = c.date or s.published
            if made and made[:10] > as_of.isoformat():
                continue
            inside = [m for m in s.doc.mentions if m.actor and c.start <= m.start < c.end]
            entries.append((LedgerEntry(s.doc.id, s.doc.export_id, i, c, s.doc.actor_name(c.actor),
                                        s.doc.actor_name(c.addressee), made, participants={m.actor for m in inside
                                                                                           if m.actor},
                                        surfaces=[m.text for m in inside], actor_side=_side(s.doc, c.actor)), s))
    rater = _Rater(stored, as_of)
    plain = [e for e, _ in entries]
    for entry, home in entries:
        rater.status(entry, home, plain)
    return plain


def _met_by_other(entry: LedgerEntry, named: set[str]) -> bool:
    """A demand is met by the one it is made of: a report that it was must name its addressee, or,
    with none known, an actor outside the demander's side ("Moskau hatte Entwürfe vorgelegt" does not
    meet Putin's demand). Other commitments are kept by their own actor."""
    c = entry.commitment
    if c.kind != "demand":
        return True
    if c.addressee:
        return c.addressee in named
    return bool(named - entry.actor_side)


def _side(doc: Document, actor_id: str | None) -> set[str]:
    """The actor and its state ("vladimir_putin" -> also "russia"): who cannot meet its own demand."""
    if not actor_id:
        return set()
    actor = doc.actors.get(actor_id)
    return {actor_id} | ({actor.country} if actor is not None and actor.country else set())


def _actor_matches(entry: LedgerEntry, who: str) -> bool:
    from lagebild.store.base import normalize_name

    want = normalize_name(who.replace("_", " "))
    names = [entry.commitment.actor or "", entry.actor_name or ""]
    return any(want and (normalize_name(n.replace("_", " ")) == want
                         or f" {want} " in f" {normalize_name(n.replace('_', ' '))} ") for n in names)


def commitments_ledger(store: Any, *, as_of: date | None = None, status: str | None = None,
                       actor: str | None = None, kind: str | None = None) -> list[LedgerEntry]:
    """The ledger over a whole store (``lagebild.store.Store``), filtered by status, actor (id or
    name, case/accent-insensitive) and kind. Duplicates of stored articles are left out."""
    if status is not None and status not in STATUSES:
        from lagebild.errors import LagebildError

        raise LagebildError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    entries = rate(store.iter_documents(include_duplicates=False), as_of)  # undated articles count too
    return [e for e in entries if (status is None or e.status == status)
            and (actor is None or _actor_matches(e, actor)) and (kind is None or e.commitment.kind == kind)]
