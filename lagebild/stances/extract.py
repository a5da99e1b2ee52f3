"""Stances: an issue term of ``lexicons/issues.yaml`` in a clause whose verb (or a phrase of the
clause or sentence) says support, opposition or a condition (``lexicons/stances.yaml``), and the
actor whose position it is.

Rules (their names go into provenance): ``verb_cue`` (the polarity comes from the verb of the clause
holding the issue term or of a clause above it: "lehnt … ab", "unterstützt", "fordert"),
``phrase_cue`` ("ist für Moskau inakzeptabel", "rote Linie"), ``modal_cue`` ("Polen will …").
The holder is, in this order: the clause's subject; the speaker of the quote the clause sits in;
the actor of a "für X" frame ("für den Kreml ein rotes Tuch"); in a commentary, the author when the
sentence is normative ("Deutschland sollte … liefern") and no actor holds it (``holder_kind``
``commentator``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from lagebild.document import Argument, Clause, Document, Mention, Stance
from lagebild.errors import ConfigError
from lagebild.lexicon import load

COMPONENT = "stances"
POLARITIES = ("support", "oppose", "conditional")
CONFIDENCE = {"verb_cue": 0.7, "phrase_cue": 0.6, "modal_cue": 0.55}
FLIP = {"support": "oppose", "oppose": "support", "conditional": "conditional"}
MAX_UP = 3  # clauses above the one holding the issue term that may carry its polarity


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    anchors: tuple[str, ...] = ()  # per pattern, words it cannot match without (a cheap test first)


@dataclass(frozen=True)
class StanceLexicon:
    issues: tuple[Issue, ...]
    verbs: dict[str, tuple[str, str]]  # lemma -> (polarity, polarity when negated)
    modals: frozenset[str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    conditional: tuple[re.Pattern[str], ...]
    holder_frames: frozenset[str]
    normative: frozenset[str]
    # every issue's anchor in one automaton (None when an anchor is empty): a sentence that holds
    # none of them holds no issue term, and the issues are not tried one by one there
    any_anchor: ahocorasick.Automaton | None = None

    def may_hold_issue(self, low: str) -> bool:
        """Some issue's anchor occurs in ``low`` (always true without an anchor automaton)."""
        return self.any_anchor is None or next(self.any_anchor.iter(low), None) is not None


def _term(term: str) -> re.Pattern[str]:
    parts = []
    for piece in term.casefold().split("…"):
        piece = piece.strip()
        body = re.escape(piece[:-1]) + r"\w*" if piece.endswith("*") else re.escape(piece) + r"(?!\w)"
        parts.append(body)
    return re.compile(r"(?<!\w)" + r".{0,40}?".join(parts))


def _anchor(term: str) -> str:
    """The first literal piece of a term (without a trailing ``*``): a sentence without it cannot match."""
    return term.casefold().split("…")[0].strip().rstrip("*")


def _polarity(value: Any, where: str) -> str:
    if value not in POLARITIES:
        raise ConfigError(f"stances.yaml: {where}: polarity {value!r} is not one of {', '.join(POLARITIES)}")
    return str(value)


@lru_cache(maxsize=4)
def load_lexicon(language: str) -> StanceLexicon:
    issues_data = load("issues").get("issues") or {}
    issues = []
    for issue_id, spec in issues_data.items():
        if not isinstance(spec, dict):
            raise ConfigError(f"issues.yaml: issues.{issue_id} must be a mapping with label, de, en")
        terms = [str(t) for t in spec.get(language) or []] + [str(t) for t in spec.get("terms") or []]
        issues.append(Issue(str(issue_id), str(spec.get("label") or issue_id), tuple(_term(t) for t in terms),
                            tuple(_anchor(t) for t in terms)))
    data = load("stances").get(language) or {}
    verbs: dict[str, tuple[str, str]] = {}
    for lemma, spec in (data.get("verbs") or {}).items():
        where = f"{language}.verbs.{lemma}"
        if isinstance(spec, dict):
            pol = _polarity(spec.get("polarity"), where)
            verbs[str(lemma).casefold()] = (pol, _polarity(spec.get("negated", FLIP[pol]), where))
        else:
            pol = _polarity(spec, where)
            verbs[str(lemma).casefold()] = (pol, FLIP[pol])
    phrases = tuple((_term(str(p)), _polarity(v, f"{language}.phrases.{p}")) for p, v in (data.get("phrases") or {}).items())
    return StanceLexicon(tuple(issues), verbs, frozenset(str(m) for m in data.get("modals") or []), phrases,
                         tuple(_term(str(p)) for p in data.get("conditional") or []),
                         frozenset(str(p).casefold() for p in data.get("holder_frames") or []),
                         frozenset(str(p).casefold() for p in data.get("normative") or []),
                         _any_of([a for issue in issues for a in issue.anchors]))


def _any_of(anchors: list[str]) -> ahocorasick.Automaton | None:
    """One automaton of the anchors: it answers "does this sentence hold any of them" in one pass
    over the sentence, where a regex alternation tries every anchor at every position."""
    if not anchors or not all(anchors):
        return None
    automaton = ahocorasick.Automaton()
    for a in set(anchors):
        automaton.add_word(a, a)
    automaton.make_automaton()
    return automaton


class Extractor:
    """The stances of one document (clauses, mentions, quotes filled)."""

    def __init__(self, doc: Document, lex: StanceLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.clauses: list[Clause] = list(getattr(doc, "clauses", []) or [])
        self.by_sentence: dict[int, list[int]] = {}
        for i, c in enumerate(self.clauses):
            self.by_sentence.setdefault(c.sentence, []).append(i)
        self.mentions: list[Mention] = sorted((m for m in doc.mentions if m.actor), key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.commentary = (doc.meta.genre or "") == "commentary"

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        while i > 0 and self.mentions[i - 1].end > start:
            i -= 1
        out = [m for m in self.mentions[i:] if m.start < end and m.end > start]
        return [m for m in out if not any(o is not m and o.start <= m.start and m.end <= o.end
                                          and o.end - o.start > m.end - m.start for o in out)]

    def phrase_actors(self, arg: Argument) -> list[str]:
        found = self.mentions_in(arg.start, arg.end)
        parts: list[list[Mention]] = [[]]
        for m in found:
            if parts[-1]:
                gap = self.doc.text[parts[-1][-1].end:m.start].casefold()
                if "," in gap or any(f" {w} " in f" {gap} " for w in ("und", "and", "sowie", "wie auch")):
                    parts.append([])
            parts[-1].append(m)
        out: list[str] = []
        for part in parts:
            if part and part[-1].actor and part[-1].actor not in out:
                out.append(part[-1].actor)
        return out

    def quote_at(self, start: int, end: int) -> int | None:
        for qi, q in enumerate(self.doc.quotes):
            if q.start <= start and end <= q.end + 1:
                return qi
        return None

    # -- polarity ----------------------------------------------------------------------------
    def clause_polarity(self, c: Clause) -> tuple[str, str] | None:
        """(polarity, rule) from the clause's verb or modal."""
        cue = self.lex.verbs.get(c.lemma.casefold())
        if cue is not None:
            return (cue[1] if c.negated else cue[0]), "verb_cue"
        if c.modal in self.lex.modals:
            return ("oppose" if c.negated else "support"), "modal_cue"
        return None

    def phrase_polarity(self, text: str) -> str | None:
        low = text.casefold()
        for pattern, pol in self.lex.phrases:
            if pattern.search(low):
                return pol
        return None

    def conditional(self, text: str) -> bool:
        low = text.casefold()
        return any(p.search(low) for p in self.lex.conditional)

    # -- holder ------------------------------------------------------------------------------
    def holder(self, c: Clause, sentence_text: str, rule: str) -> tuple[str | None, str, int | None]:
        """(actor, holder_kind, quote index) of the position stated in clause ``c``."""
        quote = self.quote_at(c.start, c.start + 1)
        if self.commentary and quote is None and any(
                self.doc.tokens[k].text.casefold() in self.lex.normative for k in c.verbs if k < len(self.doc.tokens)):
            return self.author(), "commentator", None  # "Deutschland sollte … liefern": the writer's opinion
        subj = c.agent if c.voice == "passive" and c.agent else (c.subject if c.voice != "passive" else None)
        if subj is not None:
            actors = self.phrase_actors(subj) or self.group_before(subj)
            if actors:
                return actors[0], "own", quote
        if quote is not None and self.doc.quotes[quote].speaker:
            return self.doc.quotes[quote].speaker, "own", quote
        for arg in c.frames if rule == "phrase_cue" else ():  # "ist für Moskau inakzeptabel"
            if (arg.preposition or "").casefold() in self.lex.holder_frames:
                actors = self.phrase_actors(arg)
                if actors:
                    return actors[0], "own", quote
        if self.commentary and quote is None:
            words = {w.casefold() for w in re.findall(r"\w+", sentence_text)}
            if words & self.lex.normative or self.phrase_polarity(sentence_text):
                return self.author(), "commentator", None
        return None, "own", quote

    def group_before(self, arg: Argument) -> list[str]:
        """A subject that is a group noun of the events lexicon ("Die Länder wollen …"): the latest
        group named before it, up to two sentences back."""
        from lagebild.events.lexicon import event_lexicon

        text = self.doc.text[arg.start:arg.end].casefold()
        if text not in event_lexicon().group_nouns.get(self.doc.language, ()):
            return []
        first = self.doc.sentence_at(arg.start) or 0
        floor = self.doc.sentences[max(0, first - 2)].start
        for m in reversed(self.mentions[:bisect_left(self._starts, arg.start)]):
            if m.start < floor:
                break
            actor = self.doc.actors.get(m.actor or "")
            if actor is not None and actor.type == "group":
                return [actor.id]
        return []

    def author(self) -> str | None:
        name = self.doc.meta.author
        if not name:
            return None
        for actor in self.doc.actors.values():
            if actor.name.casefold() == name.casefold():
                return actor.id
        return name

    # -- the walk ----------------------------------------------------------------------------
    def innermost(self, sentence: int, pos: int) -> int | None:
        best = None
        for ci in self.by_sentence.get(sentence, []):
            c = self.clauses[ci]
            if c.start <= pos < c.end and (best is None or c.end - c.start < self.clauses[best].end - self.clauses[best].start):
                best = ci
        return best

    def decide(self, ci: int | None, sentence_text: str) -> tuple[int | None, str, str] | None:
        """(clause, polarity, rule): the first clause from ``ci`` up that carries a polarity."""
        k, steps = ci, 0
        while k is not None and steps <= MAX_UP:
            c = self.clauses[k]
            found = self.clause_polarity(c)
            if found is None:
                pol = self.phrase_polarity(self.doc.text[c.start:c.end])
                found = (pol, "phrase_cue") if pol else None
            if found is not None:
                return k, found[0], found[1]
            k, steps = c.parent, steps + 1
        pol = self.phrase_polarity(sentence_text)
        return (ci, pol, "phrase_cue") if pol else None

    def run(self) -> list[Stance]:
        out: list[Stance] = []
        seen: set[tuple[str | None, str, int]] = set()
        for si, sent in enumerate(self.doc.sentences):
            text = self.doc.text[sent.start:sent.end]
            low = text.casefold()
            if not self.lex.may_hold_issue(low):
                continue
            for issue in self.lex.issues:
                m = next((found for a, p in zip(issue.anchors, issue.patterns, strict=True)
                          if a in low and (found := p.search(low)) is not None), None)
                if m is None:
                    continue
                stance = self.stance(si, sent.start, text, issue, m.start())
                if stance is not None and (stance.actor, stance.issue, si) not in seen:
                    seen.add((stance.actor, stance.issue, si))
                    out.append(stance)
        return out

    def stance(self, si: int, s_start: int, text: str, issue: Issue, offset: int) -> Stance | None:
        ci = self.innermost(si, s_start + offset)
        decided = self.decide(ci, text)
        if decided is None:
            return None
        k, polarity, rule = decided
        clause = self.clauses[k] if k is not None else None
        if clause is None:
            return None
        actor, kind, quote = self.holder(clause, text, rule)
        if actor is None:
            return None
        span_text = self.doc.text[clause.start:clause.end]
        if polarity != "conditional" and (self.conditional(span_text) or clause.conditional):
            polarity = "conditional"
        date = self.doc.quotes[quote].date if quote is not None else None
        published = self.doc.meta.published.isoformat() if self.doc.meta.published else None
        start = min(clause.start, s_start + offset)
        end = max(clause.end, s_start + offset + 1)
        return Stance(start, end, COMPONENT, rule, CONFIDENCE.get(rule, 0.5), actor=actor, issue=issue.label,
                      polarity=polarity, date=date or published, holder_kind=kind, quote=quote, sentence=si,
                      evidence=" ".join(text.split()), cue=clause.lemma or None)
