"""From drafts to ``Clause`` records: offsets, fields, arguments, negation, mood and provenance.

A clause's ``rule`` names how it was found (the segment rule, e.g. "subordinator", "v2-clause",
"relative-pronoun", with "+continued"/"+reporting-v1" when assembly joined or linked it) and the
tense rule after a slash; each argument's ``rule`` names the argument rule that chose it.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from lagebild.clauses.arguments import Slot
from lagebild.clauses.draft import Draft
from lagebild.clauses.model import Argument, Clause, Field
from lagebild.clauses.tagging import Word
from lagebild.clauses.words import ClauseWords

__all__ = ["COMPONENT", "clause_record"]

COMPONENT = "clauses"


_START, _END = attrgetter("start"), attrgetter("end")


def _span(words: Sequence[Word]) -> tuple[int, int]:
    """The character span of words in any order (a clause's fields put together)."""
    return min(map(_START, words)), max(map(_END, words))


def argument_record(slot: Slot, text: str) -> Argument:
    phrase = slot.phrase
    # a phrase's words stand in sentence order, so its first and last word bound it
    start, end = phrase.words[0].start, phrase.words[-1].end
    head = phrase.head
    cases = phrase.cases
    case = next(iter(cases)) if len(cases) == 1 else None
    return Argument(start, end, COMPONENT, slot.rule, 1.0, role=slot.role, head=head.token,
                    head_text=head.text, text=text[start:end], case=case, preposition=phrase.prep,
                    shared=slot.shared)


def span_fields(d: Draft) -> list[Field]:
    parts = (("marker", d.marker), ("vorfeld", d.vorfeld), ("left", [d.fin] if d.fin else []),
             ("mittelfeld", d.mittelfeld), ("right", d.right), ("nachfeld", d.nachfeld))
    # each field is a run of the clause's words in sentence order: its first and last word bound it
    return [Field(words[0].start, words[-1].end, COMPONENT, "topological-fields", 1.0, name=name)
            for name, words in parts if words]


def negation_of(d: Draft, wc: ClauseWords) -> Word | None:
    """The first negation word of the clause's own fields ("nicht", "kein …", "never", "not")."""
    for part in (d.vorfeld, d.mittelfeld, d.right, d.nachfeld, d.group):
        for w in part:
            if w.cls == "neg" or w.low in wc.negation:
                return w
    return None


def clause_record(d: Draft, sentence: int, slots: list[Slot], text: str, wc: ClauseWords) -> Clause:
    """A clause record without its verb facts (the language module fills those)."""
    words = [*d.words, *d.marker, *d.group, *d.right, *([d.fin] if d.fin else [])]
    start, end = _span(words)
    neg = negation_of(d, wc)
    marker = d.marker[0].low if d.marker else None
    clause = Clause(start, end, COMPONENT, d.rule, 1.0, sentence=sentence, kind=d.kind, relation=d.relation,
                    parent=d.parent, marker=marker, verb=d.fin.token if d.fin else None,
                    negated=neg is not None, negation=neg.token if neg else None, question=d.question,
                    conditional=d.conditional or (marker in wc.conditional),
                    antecedent=d.antecedent.token if d.antecedent else None)
    clause.arguments = [argument_record(s, text) for s in slots]
    clause.fields = span_fields(d)
    return clause
