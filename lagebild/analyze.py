"""The Python entry point: ``lagebild.analyze(text | Path | Document, **meta) -> Document`` (a
``str`` is always text; a file is a ``pathlib.Path`` or ``path=``), and the
per-partition path that batch runs (worker processes, later Spark partitions) map over documents:
``analyze_partition(docs, settings) -> Iterator[Document | AnalysisFailure]``."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import ComponentError, IngestError
from lagebild.lexicon import gc_paused
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings

# the process whose first analysis loaded the pipeline's resources (and froze them, see run_pipeline)
_LOADED_IN: int | None = None


def run_pipeline(pipeline: Pipeline, doc: Document) -> Document:
    """``pipeline(doc)``. The first analysis in a process loads the components' resources (the
    tokenizer, the knowledge base, the automaton, the models: ~250,000 objects that live as long as
    the process): it runs with the cyclic garbage collector paused, and ``gc.freeze()`` then moves
    everything alive into the collector's permanent generation, so that no later collection walks
    those objects again (each full collection did, in every process: 0.3-0.4 s at start-up, and a
    share of every later document). A forked worker process does this again for itself."""
    global _LOADED_IN
    pid = os.getpid()
    if _LOADED_IN == pid:
        return pipeline(doc)
    try:
        with gc_paused():
            return pipeline(doc)
    finally:
        _LOADED_IN = pid
        gc.freeze()
        young_collections_rarer()


# objects allocated before the collector looks at the youngest generation: an analysis makes and
# drops millions of small objects, and most are freed by their reference counts before a collection
# would look at them; at Python's default of 700 the collector took 7 % of the analysis of 850
# articles, at 10,000 4.5 % (a collection every ~0.3 s instead of every ~0.02 s; garbage in cycles
# waits that much longer)
YOUNG_GENERATION = 10_000


def young_collections_rarer() -> None:
    """Raise the collector's first threshold to ``YOUNG_GENERATION`` (never lower it)."""
    first, *older = gc.get_threshold()
    if 0 < first < YOUNG_GENERATION:
        gc.set_threshold(YOUNG_GENERATION, *older)


def analyze(text_or_path: str | Path | Document | None = None, *, path: str | Path | None = None,
            pipeline: Pipeline | None = None, settings: Settings | None = None, **meta: Any) -> Document:
    """Analyse one article given as text (a ``str``, always: never read as a file name), as a file
    (a ``pathlib.Path``, or any path as ``path=``; the first article in it), or as a Document.

    Metadata keywords (``title, url, published, author, outlet, language, genre``) override
    what ingestion finds; ``published`` may be a ``date`` or an ISO string. A given ``language``
    is not detected again.
    Examples: ``analyze("Putin traf Scholz am Montag.", published="2022-02-15")``,
    ``analyze(Path("article.html"))``, ``analyze(path="article.html")``.
    """
    from lagebild import ingest

    if (text_or_path is None) == (path is None):
        raise TypeError("analyze() takes the article as text (a str), a Path or a Document, or a file as path=; "
                        "give exactly one")
    settings = settings or Settings.from_env()
    if path is not None or isinstance(text_or_path, Path):
        source = Path(path if path is not None else text_or_path)  # type: ignore[arg-type]
        results = list(ingest.read_source(source, settings, overrides=meta))
        docs = [r for r in results if isinstance(r, Document)]
        if not docs:
            errors = [r for r in results if isinstance(r, IngestError)]
            raise errors[0] if errors else IngestError(str(source), "no article found")
        doc = docs[0]
    elif isinstance(text_or_path, Document):
        doc = text_or_path
        ingest.apply_overrides(doc, meta)
    else:
        doc = ingest.document_from_text(str(text_or_path), **meta)
    return run_pipeline(pipeline or default_pipeline(settings), doc)


def analyze_many(docs: Iterable[Document], *, pipeline: Pipeline | None = None,
                 settings: Settings | None = None, published: date | None = None) -> Iterator[Document]:
    """Analyse already-ingested documents; ``published`` overrides every document's date."""
    pipe = pipeline or default_pipeline(settings)
    for doc in docs:
        if published is not None:
            doc.meta.published = published
            doc.meta.published_source = "override"
        yield run_pipeline(pipe, doc)


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
        return run_pipeline(pipeline, doc)
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
