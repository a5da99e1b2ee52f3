"""English clauses: verb groups, subject/object, passive agent, negation, that-clauses, reporting
clauses, relative clauses, tense and hypothetical mood, on hand-written sentences."""

from __future__ import annotations

import pytest

from lagebild.clauses import Clause, ClausesComponent
from lagebild.document import Document, Metadata
from lagebild.language import tokenize

COMPONENT = ClausesComponent()


def analyse(text: str) -> tuple[Document, list[Clause]]:
    doc = COMPONENT(tokenize(Document(text, Metadata(language="en"))))
    return doc, list(doc.clauses)


def tok(doc: Document, k: int | None) -> str | None:
    return None if k is None else doc.tokens[k].text


def by_verb(doc: Document, clauses: list[Clause], verb: str) -> Clause:
    found = [c for c in clauses if tok(doc, c.verb) == verb or (c.verb is None and tok(doc, c.head) == verb)]
    assert len(found) == 1, [(tok(doc, c.verb), c.kind) for c in clauses]
    return found[0]


def role(doc: Document, c: Clause, name: str) -> str | None:
    a = c.argument(name)
    return None if a is None else doc.tokens[a.head].text


def test_clauses_en_subject_object_and_frame() -> None:
    doc, (c,) = analyse("The government imposed new sanctions on Russia.")
    assert (tok(doc, c.verb), c.lemma, c.tense, c.voice) == ("imposed", "impose", "past", "active")
    assert (role(doc, c, "subject"), role(doc, c, "object")) == ("government", "sanctions")
    assert [(f.preposition, doc.tokens[f.head].text) for f in c.frames] == [("on", "Russia")]


def test_clauses_en_subject_with_prepositional_phrases() -> None:
    doc, (c,) = analyse("The head of the delegation from Kyiv rejected the offer.")
    assert (role(doc, c, "subject"), role(doc, c, "object")) == ("head", "offer")


def test_clauses_en_passive_with_by_agent() -> None:
    doc, (c,) = analyse("The treaty was signed by both sides on Friday.")
    assert (c.voice, c.tense, c.lemma) == ("passive", "past", "sign")
    assert (role(doc, c, "subject"), role(doc, c, "agent")) == ("treaty", "sides")
    assert c.object is None


def test_clauses_en_perfect_passive_and_verb_group() -> None:
    doc, (c,) = analyse("The talks had not been held by the government.")
    assert [tok(doc, v) for v in c.verbs] == ["had", "not", "been", "held"]
    assert (c.voice, c.tense, c.negated, tok(doc, c.negation)) == ("passive", "pluperfect", True, "not")
    assert role(doc, c, "agent") == "government"


@pytest.mark.parametrize(("text", "negated"), [
    ("The minister did not comment.", True),
    ("Moscow never confirmed the report.", True),
    ("The minister didn't comment.", True),
    ("The minister commented.", False),
])
def test_clauses_en_negation(text: str, negated: bool) -> None:
    doc, (c,) = analyse(text)
    assert c.negated is negated


def test_clauses_en_that_clause_is_the_complement() -> None:
    doc, clauses = analyse("The spokesman said that the talks had failed.")
    main, comp = by_verb(doc, clauses, "said"), by_verb(doc, clauses, "had")
    assert (comp.kind, comp.marker, comp.relation, clauses[comp.parent] is main) == \
        ("subordinate", "that", "ccomp", True)
    assert (role(doc, comp, "subject"), comp.tense, tok(doc, comp.head)) == ("talks", "pluperfect", "failed")
    assert role(doc, main, "subject") == "spokesman"


def test_clauses_en_complement_without_that() -> None:
    doc, clauses = analyse("She said he would resign.")
    main, comp = by_verb(doc, clauses, "said"), by_verb(doc, clauses, "would")
    assert (comp.relation, clauses[comp.parent] is main, role(doc, comp, "subject")) == ("ccomp", True, "he")
    assert main.object is None
    assert comp.mood == "subjunctive2"


def test_clauses_en_reporting_clause_after_the_quote() -> None:
    doc, clauses = analyse('"We will not give in," the chancellor said.')
    quote, report = by_verb(doc, clauses, "will"), by_verb(doc, clauses, "said")
    assert (quote.relation, clauses[quote.parent] is report, report.relation) == ("ccomp", True, "root")
    assert role(doc, report, "subject") == "chancellor"
    assert (quote.tense, quote.negated) == ("future", True)


def test_clauses_en_relative_clause() -> None:
    doc, clauses = analyse("The man who called the police was arrested.")
    main, rel = by_verb(doc, clauses, "was"), by_verb(doc, clauses, "called")
    assert (rel.kind, rel.relation, clauses[rel.parent] is main, tok(doc, rel.antecedent)) == \
        ("relative", "relcl", True, "man")
    assert (role(doc, rel, "subject"), role(doc, rel, "object")) == ("who", "police")
    assert (role(doc, main, "subject"), main.voice) == ("man", "passive")


def test_clauses_en_to_infinitive_is_xcomp() -> None:
    doc, clauses = analyse("Russia wants to end the war.")
    main, inf = by_verb(doc, clauses, "wants"), by_verb(doc, clauses, "end")
    assert (inf.kind, inf.relation, clauses[inf.parent] is main, role(doc, inf, "object")) == \
        ("infinitive", "xcomp", True, "war")


def test_clauses_en_conditional_and_question() -> None:
    doc, clauses = analyse("If Russia attacks, NATO will respond. Did the talks fail?")
    cond = by_verb(doc, clauses, "attacks")
    assert (cond.conditional, cond.relation, role(doc, cond, "subject")) == (True, "advcl", "Russia")
    question = by_verb(doc, clauses, "Did")
    assert question.question and role(doc, question, "subject") == "talks"


def test_clauses_en_double_object() -> None:
    doc, (c,) = analyse("The president gave Ukraine new weapons.")
    assert (role(doc, c, "dative"), role(doc, c, "object")) == ("Ukraine", "weapons")
