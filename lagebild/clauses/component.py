"""The clause layer as a pipeline component, and ``clauses_of(doc)`` for the layers above it.

The component tags each sentence (``tagging.py``: HanTa's tags per word form, cached, plus context
rules), cuts it into clauses and fills their verb complex, arguments, frames, mood, tense,
negation and question flag (German: ``german.py`` by topological fields, ``arguments.py``,
``verbcomplex.py``; English: ``english.py``). The clauses of the whole document are one list in
text order; ``Clause.parent`` indexes into it.

The component stores the list in ``doc.clauses`` and adds "clauses" to ``doc.layers``; clauses are
never stored nor sent between processes (``Document.without_recomputed``), so ``clauses_of(doc)``
reads them, computing them first where the component has not run on this copy of the document.
The work per sentence is in ``analyse.py``, which mypyc compiles (component modules stay Python).
"""

from __future__ import annotations

import logging

from lagebild.clauses.analyse import analyse_document, sentence_clauses
from lagebild.clauses.model import Clause
from lagebild.document import Document
from lagebild.errors import ConfigError
from lagebild.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["ClausesComponent", "clauses_of", "sentence_clauses"]

ATTRIBUTE = "clauses"
TAGGERS = ("lexical", "viterbi")


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
