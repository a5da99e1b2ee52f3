"""The clause layer as a pipeline component, and ``clauses_of(doc)`` for the layers above it.

The component tags each sentence (``tagging.py``: HanTa's tags per word form, cached, plus context
rules), cuts it into clauses and fills their verb complex, arguments, frames, mood, tense,
negation and question flag (German: ``german.py`` by topological fields, ``arguments.py``,
``verbcomplex.py``; English: ``english.py``). The clauses of the whole document are one list in
text order; ``Clause.parent`` indexes into it.

The ``Document`` has no ``clauses`` field yet: the component stores the list as the attribute
``clauses`` (a ``Document`` has no ``__slots__``) and adds "clauses" to ``doc.layers``;
``clauses_of(doc)`` reads it, computing it first when the component has not run.
"""

from __future__ import annotations

import logging
from operator import attrgetter

from lagebild.clauses.analyse import analyse_sentence
from lagebild.clauses.model import Clause
from lagebild.clauses.tagging import Word, tag_words
from lagebild.document import Document, Token
from lagebild.errors import ConfigError
from lagebild.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["ClausesComponent", "clauses_of", "sentence_clauses"]

ATTRIBUTE = "clauses"
_TEXT, _SPAN = attrgetter("text"), attrgetter("start", "end")
TAGGERS = ("lexical", "viterbi")


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
    toks = list(map(doc.tokens.__getitem__, indices))
    language = doc.language
    # attribute getters in C: these lists are built for every sentence
    words: list[Word] = tag_words(list(map(_TEXT, toks)), indices, list(map(_SPAN, toks)), language, mode)
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


def clauses_of(doc: Document) -> list[Clause]:
    """The document's clauses (computed and stored on first use when the component has not run)."""
    if ATTRIBUTE not in doc.layers:
        doc.clauses = analyse_document(doc)
        doc.layers.add(ATTRIBUTE)
    return doc.clauses


class ClausesComponent:
    """Clauses per sentence: finite verb and verb complex, subject, objects, frames, clausal
    complements, relative and "wie" clauses, negation, mood, tense, question (German by
    topological fields, English by verb groups)."""

    name = "clauses"
    needs: tuple[str, ...] = ("tokens", "sentences")
    adds: tuple[str, ...] = ("clauses",)

    def __init__(self, settings: Settings | None = None, *, tagger: str = "lexical") -> None:
        """``tagger``: "lexical" (HanTa's tags per word form, cached, and context rules; the default)
        or "viterbi" (HanTa's sentence tagger: on UD dev 0.9 points better in German, 5 in English,
        and about twelve times slower; ``benchmarks/results/clauses_ud.md``)."""
        if tagger not in TAGGERS:
            raise ConfigError(f"clauses: tagger must be one of {', '.join(TAGGERS)}, not {tagger!r}")
        self.settings = settings
        self.tagger = settings.clauses.tagger if settings is not None and tagger == "lexical" else tagger

    def __call__(self, doc: Document) -> Document:
        doc.clauses = analyse_document(doc, self.tagger)
        doc.layers.add(ATTRIBUTE)
        return doc
