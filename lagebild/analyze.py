"""The Python entry point: ``lagebild.analyze(text_or_path, **meta) -> Document``, and the
per-partition path that batch runs (worker processes, later Spark partitions) map over documents:
``analyze_partition(docs, settings) -> Iterator[Document | AnalysisFailure]``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import ComponentError, IngestError
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).exists()


def analyze(text_or_path: str | Path | Document, *, pipeline: Pipeline | None = None,
            settings: Settings | None = None, **meta: Any) -> Document:
    """Analyse one article given as text, as a path to a file, or as a Document.

    Metadata keywords (``title, url, published, author, outlet, language, genre``) override
    what ingestion finds; ``published`` may be a ``date`` or an ISO string. A given ``language``
    is not detected again.
    Example: ``analyze("Putin traf Scholz am Montag.", published="2022-02-15")``.
    """
    from lagebild import ingest

    settings = settings or Settings.from_env()
    if isinstance(text_or_path, Document):
        doc = text_or_path
        ingest.apply_overrides(doc, meta)
    elif isinstance(text_or_path, Path) or _looks_like_path(text_or_path):
        results = list(ingest.read_source(Path(text_or_path), settings, overrides=meta))
        docs = [r for r in results if isinstance(r, Document)]
        if not docs:
            errors = [r for r in results if isinstance(r, IngestError)]
            raise errors[0] if errors else IngestError(str(text_or_path), "no article found")
        doc = docs[0]
    else:
        doc = ingest.document_from_text(str(text_or_path), **meta)
    return (pipeline or default_pipeline(settings))(doc)


def analyze_many(docs: Iterable[Document], *, pipeline: Pipeline | None = None,
                 settings: Settings | None = None, published: date | None = None) -> Iterator[Document]:
    """Analyse already-ingested documents; ``published`` overrides every document's date."""
    pipe = pipeline or default_pipeline(settings)
    for doc in docs:
        if published is not None:
            doc.meta.published = published
            doc.meta.published_source = "override"
        yield pipe(doc)


@dataclass(frozen=True)
class AnalysisFailure:
    """A document a component failed on, as plain strings so that it crosses process boundaries
    (worker processes, Spark executors) where the exception itself might not pickle."""

    doc_id: str
    source: str  # the file/URL/line the document came from, else its id
    component: str  # the failing component ("worker" when the analysing process died)
    error: str  # repr of the cause

    @classmethod
    def from_error(cls, doc: Document, err: ComponentError) -> AnalysisFailure:
        return cls(doc.id, doc.meta.source or doc.id, err.component, repr(err.cause))


def analyse_or_fail(pipeline: Pipeline, doc: Document) -> Document | AnalysisFailure:
    """``pipeline(doc)``, or the failure when a component raised (a batch skips it and reports it)."""
    try:
        return pipeline(doc)
    except ComponentError as err:
        return AnalysisFailure.from_error(doc, err)


def analyze_partition(docs: Iterable[Document], settings: Settings | None = None, *,
                      pipeline: Pipeline | None = None) -> Iterator[Document | AnalysisFailure]:
    """Analyse a partition of documents: the pipeline is built once (``default_pipeline(settings)``
    unless given) and mapped over ``docs`` in order; a document a component fails on comes back
    as an ``AnalysisFailure`` instead of ending the partition. What batch worker processes run,
    and what a Spark job's ``mapPartitions`` can run. Example:
    ``for out in analyze_partition(docs, Settings.from_env()): ...``."""
    pipe = pipeline or default_pipeline(settings)
    for doc in docs:
        yield analyse_or_fail(pipe, doc)
