"""Ingestion: readers per source kind, text cleaning, metadata inference (header, dateline,
author, genre, language, republication disclaimers) and duplicate detection.

Public API (used by ``lagebild.analyze`` and the batch runner):
``read_source(source, settings) -> Iterator[Document | IngestError]``,
``document_from_text(text, **meta) -> Document``, ``apply_overrides(doc, meta) -> Document``,
``Deduplicator``, ``DuplicateMatch``, ``apply_policy``, ``link_source``.
"""

from __future__ import annotations

from lagebild.ingest.build import apply_overrides, build_document, document_from_text, infer_metadata
from lagebild.ingest.dedup import Deduplicator, DuplicateMatch, apply_policy, link_source
from lagebild.ingest.readers import read_source

__all__ = [
    "Deduplicator",
    "DuplicateMatch",
    "apply_overrides",
    "apply_policy",
    "build_document",
    "document_from_text",
    "infer_metadata",
    "link_source",
    "read_source",
]
