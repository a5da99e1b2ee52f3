"""One sentence → its clauses (German: topological fields; English: verb groups)."""

from __future__ import annotations

from lagebild.clauses.arguments import Slot, VerbFacts, arguments_de
from lagebild.clauses.build import clause_record
from lagebild.clauses.draft import Draft
from lagebild.clauses.english import analyse_en
from lagebild.clauses.german import clauses_de
from lagebild.clauses.model import Clause
from lagebild.clauses.tagging import Word, tag_words
from lagebild.clauses.verbcomplex import complex_de, mood_de
from lagebild.clauses.words import ClauseWords, clause_words
from lagebild.document import Document, Token

__all__ = ["analyse_document", "analyse_sentence", "sentence_clauses"]


def _shared_subject(d: Draft, slots: list[Slot], earlier: list[list[Slot]]) -> list[Slot]:
    """"… hat zugestimmt und will …": a coordinated clause that starts with its verb takes the
    subject of the clause it is coordinated with."""
    asyndetic = d.rule.endswith("+asyndetic")
    if not (d.shares_subject or asyndetic) or d.parent is None or any(s.role == "subject" for s in slots):
        return slots
    if d.parent >= len(earlier):
        return slots
    subject = next((s for s in earlier[d.parent] if s.role == "subject"), None)
    if subject is None:
        return slots
    return [Slot("subject", subject.phrase, "coordination-shared-subject", shared=True), *slots]


def _german(words: list[Word], sentence: int, text: str, wc: ClauseWords) -> list[Clause]:
    out: list[Clause] = []
    done: list[list[Slot]] = []
    for d in clauses_de(words, wc):
        c = complex_de(d, wc)
        facts = VerbFacts(c.passive, c.copula, c.plural, c.lemma, c.lemma in wc.es_subject_verbs)
        slots = _shared_subject(d, arguments_de(d, facts, wc), done)
        done.append(slots)
        clause = clause_record(d, sentence, slots, text, wc)
        subject = clause.subject
        clause.mood = mood_de(d, subject is not None and subject.head_text.lower() == "ich")
        clause.head = c.head.token if c.head is not None else None
        clause.verbs = [w.token for w in c.verbs]
        clause.lemma, clause.modal, clause.tense = c.lemma, c.modal, c.tense
        clause.voice = "passive" if c.passive else "active"
        clause.rule = f"{clause.rule}/{c.tense_rule}" if c.tense_rule else clause.rule
        out.append(clause)
    return out


def analyse_sentence(words: list[Word], sentence: int, text: str, language: str) -> list[Clause]:
    """The clauses of one tagged sentence; ``parent`` indices count within the sentence."""
    if not words:
        return []
    wc = clause_words(language)
    if wc.language == "de":
        return _german(words, sentence, text, wc)
    return analyse_en(words, sentence, text, wc)


# -- a whole document (here, not in component.py, so that mypyc compiles it: it runs per sentence) --
def _sentences(tokens: list[Token]) -> list[list[int]]:
    """Token indices per sentence, in one pass."""
    out: list[list[int]] = []
    for k, t in enumerate(tokens):
        n = t.sentence
        while len(out) <= n:
            out.append([])
        out[n].append(k)
    return out


def sentence_clauses(doc: Document, sentence: int, indices: list[int], mode: str = "lexical") -> list[Clause]:
    """The clauses of one sentence (its tokens given by index); parents count within the sentence."""
    toks = [doc.tokens[i] for i in indices]
    language = doc.language
    words = tag_words([t.text for t in toks], indices, [(t.start, t.end) for t in toks], language, mode)
    return analyse_sentence(words, sentence, doc.text, language)


def analyse_document(doc: Document, mode: str = "lexical") -> list[Clause]:
    out: list[Clause] = []
    for n, indices in enumerate(_sentences(doc.tokens)):
        if not indices:
            continue
        base = len(out)
        for c in sentence_clauses(doc, n, indices, mode):
            if c.parent is not None:
                c.parent += base
            out.append(c)
    return out
