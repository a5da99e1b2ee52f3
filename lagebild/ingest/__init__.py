"""Ingestion: readers per source kind, text cleaning, metadata inference (header, dateline,
author, genre, language, republication disclaimers) and duplicate detection.

Public API (used by ``lagebild.analyze`` and the batch runner):
``read_source(source, settings, overrides) -> Iterator[Document | IngestError]``,
``document_from_text(text, **meta) -> Document``, ``apply_overrides(doc, meta) -> Document``,
``finish_document(doc, overrides) -> Document`` (after ``read_source(..., finish=False)``),
``replace_invalid_text(text) -> (text, replaced)`` (lone surrogates to U+FFFD),
``Deduplicator``, ``DuplicateMatch``, ``apply_policy``, ``link_source``.
"""

from __future__ import annotations

from lagebild.ingest.build import apply_overrides as apply_overrides
from lagebild.ingest.build import build_document as build_document
from lagebild.ingest.build import document_from_text as document_from_text
from lagebild.ingest.build import finish_document as finish_document
from lagebild.ingest.build import infer_metadata as infer_metadata
from lagebild.ingest.build import replace_invalid_text as replace_invalid_text
from lagebild.ingest.dedup import Deduplicator as Deduplicator
from lagebild.ingest.dedup import DuplicateMatch as DuplicateMatch
from lagebild.ingest.dedup import apply_policy as apply_policy
from lagebild.ingest.dedup import link_source as link_source
from lagebild.ingest.readers import read_source as read_source
