"""What runs on a Spark executor: the pipeline, built once per Python worker process, mapped over
a partition of documents (``analyze_partition``'s contract), each result turned into table rows.

Nothing is downloaded: the pipeline loads its lexicons, models and knowledge base from the files
inside the installed package (``lagebild/lexicons``, ``lagebild/models``, ``lagebild/actors/data``),
so an executor needs the package (a wheel, or a packed virtual environment) and nothing else.
Spark keeps its Python workers between tasks (``spark.python.worker.reuse``, the default), so a
worker builds the pipeline for its first partition and reuses it for every later one; a document
that fails (a component raises, its metadata cannot be read, its record does not serialise)
becomes an ``errors`` row and the partition goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from lagebild.analyze import AnalysisFailure, analyse_or_fail
from lagebild.document import Document
from lagebild.errors import IngestError, LagebildError
from lagebild.ingest import finish_document
from lagebild.ingest.dedup import Deduplicator
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings
from lagebild.spark.output import PartWriter
from lagebild.spark.tables import Row, Stamp, document_tables, error_row, failure_row

log = logging.getLogger(__name__)

# the pipeline of this process, by pipeline version (built on the first partition a worker runs)
_PIPELINES: dict[str, Pipeline] = {}
_HASHERS: dict[int, Deduplicator] = {}  # MinHash of the texts, by number of permutations

PEAK_RSS = "_peak_rss_kb"  # in what write_partition yields: the Python worker's peak memory

# where a document was read: (input unit, position in the unit); the near-duplicate order
Order = tuple[int, int]


def process_pipeline(settings: Settings, version: str) -> Pipeline:
    pipe = _PIPELINES.get(version)
    if pipe is None:
        pipe = _PIPELINES[version] = default_pipeline(settings)
    return pipe


def text_signature(settings: Settings, doc: Document) -> bytes:
    """The MinHash of the text as read (what ``ingest`` stores for its duplicate check)."""
    num_perm = settings.dedup.minhash_num_perm
    hasher = _HASHERS.get(num_perm)
    if hasher is None:
        hasher = _HASHERS[num_perm] = Deduplicator(num_perm=num_perm)
    return hasher.signature(doc.text)


def analyse_document(pipe: Pipeline, doc: Document) -> Document | AnalysisFailure:
    """Finish (metadata inference) and analyse one document as read; any failure is returned."""
    source = doc.meta.source or doc.id
    try:
        finish_document(doc, {})
    except IngestError as err:
        return AnalysisFailure(doc.id, source, "ingest", err.reason)
    except Exception as exc:  # noqa: BLE001 -- that document's failure, as the batch worker pool reports it
        return AnalysisFailure(doc.id, source, "ingest", repr(exc))
    try:
        return analyse_or_fail(pipe, doc)
    except Exception as exc:  # noqa: BLE001 -- never the partition's failure
        return AnalysisFailure(doc.id, source, "worker", repr(exc))


def result_rows(result: Document | AnalysisFailure, input_name: str, version: str, stamp: Stamp,
                order: Order = (0, 0), signature: bytes | None = None) -> list[tuple[str, Row]]:
    """The rows of one analysed document (or its errors row)."""
    if isinstance(result, AnalysisFailure):
        return [("errors", failure_row(result, input_name, version))]
    try:
        return list(document_tables(result, version, stamp, order, signature))
    except (LagebildError, ValueError, TypeError, OverflowError) as exc:
        reason = str(exc)
        return [("errors", error_row(result.id, input_name, result.meta.source or result.id, "store", reason,
                                     version))]


class ReadError(NamedTuple):
    """An input that could not be read, as plain strings (an IngestError does not unpickle)."""

    source: str
    reason: str


def read_error_rows(error: IngestError | ReadError, input_name: str, version: str) -> list[tuple[str, Row]]:
    return [("errors", error_row(None, input_name, error.source, "read", error.reason, version))]


def analyse_partition_rows(settings: Settings, version: str, stamp: Stamp,
                           items: Iterable[tuple[str, Order, Any]]) -> Iterator[tuple[str, Row]]:
    """``mapPartitions`` body: ``items`` are (input, order, Document | ReadError)."""
    pipe: Pipeline | None = None
    for input_name, order, item in items:
        if isinstance(item, IngestError | ReadError):
            yield from read_error_rows(item, input_name, version)
            continue
        if pipe is None:
            pipe = process_pipeline(settings, version)
        signature = text_signature(settings, item)
        yield from result_rows(analyse_document(pipe, item), input_name, version, stamp, order, signature)


def write_partition(settings: Settings, version: str, stamp: Stamp, staging: str, index: int,
                    items: Iterable[tuple[str, Order, Any]]) -> Iterator[dict[str, int]]:
    """``mapPartitionsWithIndex`` body: analyse the partition and write its rows as Parquet files
    into ``staging`` (``part-p<index>-*.parquet``: a retried task rewrites the same files);
    yields the rows written per table and the worker's peak memory. One Spark job writes every table, with no rows crossing
    into the JVM."""
    writer = PartWriter(Path(staging), prefix=f"p{index:05d}")
    for table, row in analyse_partition_rows(settings, version, stamp, items):
        writer.add(table, row)
    writer.close()
    yield {**writer.counts, PEAK_RSS: peak_rss_kb()}


def peak_rss_kb() -> int:
    """The peak resident memory of this process (KiB; 0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
