"""The speech layer: direct quotes, indirect speech (Konjunktiv I) and reported speech with speakers.

Modules: ``quotes`` (quotation-mark spans), ``konjunktiv`` (Konjunktiv I from word forms),
``lexicon`` (reporting verbs, ``lagebild/lexicons/reporting_verbs.yaml``), ``grammar`` (clauses
and noun phrases without a parser), ``cues`` (cue verbs and markers with their speaker phrase),
``speakers`` (speaker phrase -> actor), ``extract`` (the passes over a document).
"""

from __future__ import annotations

from .konjunktiv import is_konjunktiv1
from .quotes import QuoteSpan, find_quotes

__all__ = ["QuoteSpan", "extract_quotes", "find_quotes", "is_konjunktiv1"]


def extract_quotes(doc):  # type: ignore[no-untyped-def]
    """The Quote records of ``doc`` (needs tokens and sentences; uses mentions when present)."""
    from ..components.speech import build_quotes

    return build_quotes(doc)
