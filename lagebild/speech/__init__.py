"""The speech layer: direct quotes, indirect speech (Konjunktiv I) and reported speech with speakers.

Modules: ``quotes`` (quotation-mark spans), ``konjunktiv`` (Konjunktiv I from word forms),
``lexicon`` (reporting verbs, ``lagebild/lexicons/reporting_verbs.yaml``), ``grammar`` (clauses
and noun phrases without a parser), ``cues`` (cue verbs and markers with their speaker phrase),
``classify`` (names and titles vs. someone's words), ``speakers`` (speaker phrase -> actor),
``extract`` (the passes over a document). The component is ``lagebild.speech.component``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagebild.speech.konjunktiv import is_konjunktiv1
from lagebild.speech.quotes import QuoteSpan, find_quotes

if TYPE_CHECKING:
    from lagebild.document import Document, Quote

__all__ = ["QuoteSpan", "extract_quotes", "find_quotes", "is_konjunktiv1"]


def extract_quotes(doc: Document, *, broad: bool = False) -> list[Quote]:
    """The Quote records of ``doc`` (needs tokens and sentences; uses mentions when present)."""
    from lagebild.speech.component import build_quotes

    return build_quotes(doc, broad=broad)
