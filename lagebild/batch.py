"""The batch runner: read sources, skip what is stored, analyse (on every core), check
duplicates, store.

Flow: the parent process reads the sources in order (files, HTML extraction, cleaning, the
content id) and sorts every input into an item: a document to analyse, an exact copy of one read
before or already stored, an unreadable input. Documents to analyse go, in chunks, to ``workers``
processes (``--workers``; ``Settings.workers``, 0 = one per core), each of which builds the
pipeline once and, per document, infers the metadata (title, dateline, author, language, genre;
``finish_document``), hashes the text for the deduplicator and analyses it. Results come back in
input order through a bounded window (a corpus of a million articles is never held in memory),
and the parent alone settles each item in that order: the near-duplicate check and policy, the
report, the one writer. So the store and the report are the same whatever the number of workers
and whichever worker finishes first. ``workers=1`` does the same in this process, without a pool.

What bounds the speed-up (``benchmarks/parallel_cost.py`` counts the instructions of every process):
the parent's share (reading, the near-duplicate check, the store write: about a fifth of the work
when ingesting; HTML extraction, trafilatura at ~25 ms a page, is also the parent's), and what two
workers do that one does not: each learns the word forms of its articles again (the per-form caches
of tagging, morphology and names), and the results cross between processes. A worker therefore
sends the writer only the head of a document and its serialised record (no clauses, which no store
keeps), and finds its next chunk already queued when it finishes one.

Documents are written in transactions of ``batch_size``; a run that is killed loses at most the
documents of the unfinished batch (and those in flight), and a re-run skips every stored
document by its content id *before* analysing it, so resuming neither loses nor duplicates
anything. On KeyboardInterrupt/SystemExit the documents settled so far are committed before
re-raising. A document a component fails on is reported and skipped; so is one whose worker
process dies (a crash in a C extension, the out-of-memory killer): the pool is restarted and the
documents that were in flight are retried one by one to find it. Workers end by themselves within
half a second when the batch process is killed (``kill -9``), so none is left behind.

No document can stall the batch: each has ``LAGEBILD_MAX_SECONDS`` (default 60; 0 = no limit)
for its metadata inference and analysis, after which it is reported as failed ("took longer than
N s") and the batch goes on. The deadline is an alarm (SIGALRM) in the process that analyses, which
interrupts Python code and regular expressions; a worker stuck where no alarm reaches (inside a C
extension) is killed by the batch process when its documents are overdue, and the pool replaced.
In this process (``--workers 1``) only the alarm applies (it needs the main thread, where it is
not already in use).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import process as futures_process
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NamedTuple, Protocol

from lagebild.analyze import AnalysisFailure, analyse_or_fail
from lagebild.document import Document, Token
from lagebild.errors import EXIT_OK, EXIT_SKIPPED, ConfigError, IngestError, PipelineError, StoreError
from lagebild.ingest import build_document, finish_document, read_source
from lagebild.ingest.dedup import Deduplicator, DuplicateMatch, apply_policy
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.settings import Settings
from lagebild.store.base import PreparedRecord, Store, prepare_record

log = logging.getLogger(__name__)

POLICIES = ("skip", "keep", "link")
# Documents go to a worker in chunks, one task each, so that the per-task cost (pickling, queues,
# wake-ups; ~1 ms in this process per task) is shared. On the busy 2-core development machine the
# difference between 1 and 4 documents a task was within the noise (300 articles: this process
# 0.28-0.54 s of CPU one by one, 0.23-0.46 s in fours). Chunks in flight per worker: results are
# settled in input order, so with one each a long article at the head would leave the other
# workers idle (the seed articles run from 305 to 1,198 words); what is in flight is held in
# memory (~40 KB an analysed article), so few.
CHUNK = 4
IN_FLIGHT_PER_WORKER = 3
# 'fork' has two workers ready in ~0.01 s and lets an explicitly passed pipeline (test components
# included) reach them without pickling; 'forkserver' needs ~0.25 s for the first (a fresh
# interpreter imports lagebild and builds the pipeline; measured on 2 cores, pipeline not loaded).
# Workers are forked before this process starts a Python thread (the progress bar's comes after);
# the only other thread there may be is OpenBLAS's idle pool (numpy, via datasketch), which
# re-initialises itself in a forked child. Where fork does not exist, an
# explicitly passed pipeline must pickle.
START_METHODS = ("fork", "forkserver", "spawn")
# Retried alone, this many documents in a row killing their process means the workers cannot run
# at all (a pool initializer that fails, a broken install): the run stops with an error.
MAX_DEATHS_IN_A_ROW = 3
# The deadline of one document's analysis (LAGEBILD_MAX_SECONDS). The seed articles take 0.01-0.1 s
# each and a 1M-character text a few seconds once every component is linear; 60 s leaves room for a
# slow machine and still ends the stalls issue 10 found (a quadratic regex: hours).
DEFAULT_MAX_SECONDS = 60.0
# The batch process kills a worker this long after the deadlines of the documents it is analysing
# (the worker's own alarm should have ended each at its deadline; this is for a stall the alarm
# cannot interrupt, inside a C extension).
KILL_GRACE_S = 5.0


def max_seconds_from_env() -> float:
    """``LAGEBILD_MAX_SECONDS`` (seconds a document may take to analyse; 0 = no limit), default 60
    (read by ``Settings.from_env``)."""
    return Settings.from_env().max_seconds


def _late(seconds: float, stopped: bool = False) -> str:
    what = "; the analysis process was stopped" if stopped else ""
    return f"analysis took longer than {seconds:g} s (LAGEBILD_MAX_SECONDS){what}; document skipped"


class Duplicate(NamedTuple):
    source: str
    kind: str  # exact | near (as the deduplicator reports it)
    of: str  # content id of the document it duplicates


class Skipped(NamedTuple):
    source: str
    reason: str


class Failed(NamedTuple):
    source: str
    doc_id: str
    component: str
    error: str


@dataclass
class BatchReport:
    """What one run did. ``exit_code`` is 0 when nothing was skipped or failed, else 1 (an error
    that stops the run raises instead: the command line exits 3)."""

    ingested: int = 0
    already_stored: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    ingested_ids: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.skipped or self.failed else EXIT_OK

    @property
    def read(self) -> int:
        """Documents read (ingested, known, duplicate or failed; not the unreadable inputs)."""
        return self.ingested + self.already_stored + len(self.duplicates) + len(self.failed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "already_stored": self.already_stored,
            "duplicates": [d._asdict() for d in self.duplicates],
            "skipped": [s._asdict() for s in self.skipped],
            "failed": [f._asdict() for f in self.failed],
            "ingested_ids": list(self.ingested_ids),
            "exit_code": self.exit_code,
        }


# -- writing ---------------------------------------------------------------------------------


@dataclass
class _Pending:
    doc_id: str
    doc: Document | None  # None: a duplicate that is only linked to its original, not stored
    signature: bytes | None = None
    link_to: str | None = None
    label: str | None = None  # how the original lists this duplicate (URL, source)
    kind: str = "duplicate"
    prepared: PreparedRecord | None = None  # its layers and index rows, built by the worker


# What writing one document can raise: StoreError (the stores turn driver errors into it), and what
# serialising an odd document can raise before the driver sees it (a value that does not encode or
# convert). Each costs that document only; the store itself failing ends the run (see below).
WRITE_ERRORS = (StoreError, ValueError, TypeError, OverflowError)


class _Writer:
    """Buffers analysed documents and writes them in one transaction per batch."""

    def __init__(self, store: Store, report: BatchReport, batch_size: int) -> None:
        self.store, self.report, self.batch_size = store, report, max(1, batch_size)
        self.pending: list[_Pending] = []

    def append(self, item: _Pending) -> None:
        self.pending.append(item)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        try:
            added, failed_docs = self._write(self.pending), 0
        except WRITE_ERRORS as exc:
            # one bad document must not cost the batch: write them one by one, report the bad
            log.warning("writing a batch of %d failed (%s); retrying one by one", len(self.pending), exc)
            added, failed_docs = self._write_one_by_one()
        # counted only after the commit: a rolled-back batch is not reported as ingested
        stored_or_known = sum(1 for p in self.pending if p.doc is not None) - failed_docs
        self.report.ingested += len(added)
        self.report.already_stored += stored_or_known - len(added)
        self.report.ingested_ids.extend(added)
        log.info("stored %d documents (%d in total this run)", len(added), self.report.ingested)
        self.pending.clear()

    def _write_one_by_one(self) -> tuple[list[str], int]:
        added: list[str] = []
        failed = failed_docs = 0
        for item in self.pending:
            try:
                added += self._write([item])
            except WRITE_ERRORS as one:
                failed += 1
                failed_docs += item.doc is not None
                if failed == len(self.pending):
                    self.store.count()  # raises when the store itself is the problem (server gone)
                source = (item.doc.meta.source if item.doc else None) or item.label or item.doc_id
                self.report.failed.append(Failed(source, item.doc_id, "store", str(one)))
        return added, failed_docs

    def _add(self, doc: Document, prepared: PreparedRecord | None) -> bool:
        return self.store.add(doc) if prepared is None else self.store.add(doc, prepared)

    def _write(self, items: list[_Pending]) -> list[str]:
        added: list[str] = []
        with self.store.transaction():
            for item in items:
                if item.doc is not None and self._add(item.doc, item.prepared):
                    added.append(item.doc_id)
                if item.signature is not None:
                    self.store.add_signature(item.doc_id, item.signature)
                if item.link_to:
                    self.store.link_duplicate(item.doc_id, item.link_to, item.kind, label=item.label)
        return added


# -- reading ---------------------------------------------------------------------------------


@dataclass
class _Item:
    """One input in reading order. ``kind``: ``analyse`` (a new document), ``copy`` (the same
    content id as a document read before in this run), ``stored`` (already in the store),
    ``skipped`` (unreadable: ``error`` says why)."""

    kind: Literal["analyse", "copy", "stored", "skipped"]
    doc: Document | None = None
    label: str = ""  # how the report names the input (its source)
    where: str = ""  # how the original lists a copy (its URL, else its source)
    error: IngestError | None = None


class _Bar:
    """Progress over sources, with a count of documents; silent until a rich Progress is attached."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.progress: Any = None
        self.task: Any = None
        self.docs = 0

    def attach(self, progress: Any) -> None:
        self.progress = progress
        self.task = progress.add_task("reading", total=self.total)

    def source(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"{Path(name).name[:40]} · {self.docs} docs")

    def doc(self) -> None:
        self.docs += 1

    def source_done(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=f"{self.docs} docs")


class _Reader:
    """Reads the sources in order and sorts every input into an ``_Item``. An exact copy (same
    content id as a document read before, or one in the store) is never analysed. Documents come
    unfinished (``read_source(..., finish=False)``): inferring their metadata is the analyst's
    work, in the worker processes."""

    def __init__(self, store: Store, settings: Settings, overrides: dict[str, Any], bar: _Bar,
                 allow_private: bool = False) -> None:
        self.store, self.settings, self.overrides, self.bar = store, settings, overrides, bar
        self.allow_private = allow_private
        self.seen: set[str] = set()

    def items(self, sources: Iterable[str | Path]) -> Iterator[_Item]:
        for src in sources:
            self.bar.source(str(src))
            for result in read_source(src, self.settings, self.overrides, finish=False,
                                      allow_private=self.allow_private):
                yield self._sort(result, str(src))
            self.bar.source_done()

    def _sort(self, result: Document | IngestError, src: str) -> _Item:
        if isinstance(result, IngestError):
            return _Item("skipped", label=result.source, error=result)
        doc = result
        self.bar.doc()
        label = doc.meta.source or src
        where = doc.meta.url or label
        if doc.id in self.seen:
            return _Item("copy", doc, label, where)
        if self.store.has(doc.id):
            return _Item("stored", doc, label, where)
        self.seen.add(doc.id)
        return _Item("analyse", doc, label, where)


# -- analysing: in this process or in worker processes ------------------------------------------


@dataclass
class _Outcome:
    """What analysing one document gives back (it pickles: it crosses from a worker process)."""

    result: Document | AnalysisFailure
    signature: bytes | None  # the MinHash of the text for the deduplicator (None: not asked for)
    # for a store: the layers and index rows, built in the worker; ``result`` then holds only its
    # head (``Document.head_only``), so that the parent unpickles a few strings, not the layers
    prepared: PreparedRecord | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Tokens travel as plain tuples: pickling ~300 Token objects was 75 % of the cost of
        # sending an analysed seed article (1.45 ms of dumps + loads; as tuples 0.6 ms, rebuilt)
        if isinstance(self.result, Document) and self.result.tokens:
            doc = self.result.without_recomputed()  # the clauses: rebuilt by clauses_of(doc) if asked for
            doc.tokens = []
            return _outcome_with_tokens, (doc, list(map(_token_row, self.result.tokens)), self.signature,
                                          self.prepared)
        return _Outcome, (self.result, self.signature, self.prepared)


_token_row = attrgetter(*(f.name for f in fields(Token)))  # a Token's fields as a tuple, in order


def _outcome_with_tokens(doc: Document, rows: list[tuple[Any, ...]], signature: bytes | None,
                         prepared: PreparedRecord | None = None) -> _Outcome:
    doc.tokens = [Token(*row) for row in rows]
    return _Outcome(doc, signature, prepared)


class _DeadlineExceeded(BaseException):
    """Raised by the alarm in the analysis of a document past its deadline. Not an Exception, so
    that neither a component's ``except Exception`` nor the pipeline's wrapping of component
    errors catches it on its way to ``_Analyst``."""


class _Alarm:
    """``with _Alarm(seconds):`` raises ``_DeadlineExceeded`` in the block after ``seconds``
    (SIGALRM: Python code and regular expressions are interrupted, a C extension only when it
    returns). Does nothing for 0 seconds or less, off the main thread, where SIGALRM does not
    exist, or when a timer is already set (someone else's: pytest-timeout, an application); the
    handler and timer before it are restored after."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.previous: Any = None
        self.armed = False

    def __enter__(self) -> _Alarm:
        self.armed = (self.seconds > 0 and hasattr(signal, "setitimer")
                      and threading.current_thread() is threading.main_thread()
                      and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, _ring)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.armed:
            return
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, self.previous)


def _ring(signum: int, frame: object) -> None:
    raise _DeadlineExceeded


def _running_component(tb: TracebackType | None) -> str:
    """The component the pipeline was running where ``tb`` was raised; "ingest" outside it
    (metadata inference)."""
    name = "ingest"
    for frame, _line in _frames(tb):
        if frame.f_code is _PIPELINE_CALL:
            component = frame.f_locals.get("comp")
            name = str(getattr(component, "name", name))
    return name


def _frames(tb: TracebackType | None) -> Iterator[tuple[Any, int]]:
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


_PIPELINE_CALL = Pipeline.__call__.__code__


class _Analyst:
    """What every worker runs on a document as read: infer its metadata and set the run's
    overrides (``finish_document``), hash its text for the deduplicator, analyse it, all within
    ``max_seconds`` (0: no limit)."""

    def __init__(self, pipeline: Pipeline, num_perm: int | None, overrides: dict[str, Any],
                 max_seconds: float = 0.0, records: bool = False) -> None:
        self.pipeline, self.overrides, self.max_seconds = pipeline, overrides, max_seconds
        self.hasher = Deduplicator(num_perm=num_perm) if num_perm else None
        self.records = records  # documents go to a store: serialise their layers here (in the worker)

    def __call__(self, doc: Document) -> _Outcome:
        signature = self.hasher.signature(doc.text) if self.hasher is not None else None
        source = doc.meta.source or doc.id
        try:
            with _Alarm(self.max_seconds):
                result = self._analyse(doc)
        except _DeadlineExceeded as late:
            result = AnalysisFailure(doc.id, source, _running_component(late.__traceback__), _late(self.max_seconds))
        if self.records and isinstance(result, Document):
            # the store's record of its layers and its index rows, built where the analysis ran
            prepared = prepare_record(result)
            if prepared is not None:
                return _Outcome(result.head_only(), signature, prepared)
        return _Outcome(result, signature)

    def _analyse(self, doc: Document) -> Document | AnalysisFailure:
        source = doc.meta.source or doc.id
        try:
            finish_document(doc, self.overrides)
        except IngestError as err:  # an override that cannot be read: that document's failure
            return AnalysisFailure(doc.id, source, "ingest", err.reason)
        except Exception as exc:  # noqa: BLE001 -- reported, as the pipeline reports a component's error
            # the metadata inference is a step of the analysis like a component: what it raises on
            # one document is that document's failure (reported with its cause), never the batch's
            log.exception("metadata inference failed on %s", source)
            return AnalysisFailure(doc.id, source, "ingest", repr(exc))
        return analyse_or_fail(self.pipeline, doc)


# The analyst of a worker process, built once by the pool initializer. A process-wide name because
# that is how a ProcessPoolExecutor task reaches per-process state; it is never set in the parent.
_WORKER_ANALYST: _Analyst | None = None


def _start_worker(settings: Settings, pipeline: Pipeline | None, num_perm: int | None,
                  overrides: dict[str, Any], max_seconds: float = 0.0, records: bool = False) -> None:
    global _WORKER_ANALYST
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it commits, then stops us
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="lagebild-parent-watch",
                     daemon=True).start()
    # what a forked worker inherits is never garbage: keep the collector from walking (and so
    # copying) those pages
    gc.freeze()
    _WORKER_ANALYST = _Analyst(pipeline or default_pipeline(settings), num_perm, overrides, max_seconds, records)


# how often a worker looks whether its parent still lives
PARENT_CHECK_S = 0.5


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (``kill -9`` of the batch): its
    task queue would otherwise keep it waiting for ever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _analyse_in_worker(docs: list[Document]) -> list[_Outcome]:
    if _WORKER_ANALYST is None:
        raise RuntimeError("worker process without an analyst: the pool initializer did not run")
    return [_WORKER_ANALYST(doc) for doc in docs]


Results = Iterator[tuple[_Item, _Outcome | None]]


class _Analyser(Protocol):
    def map(self, items: Iterable[_Item]) -> Results: ...

    def close(self) -> None: ...


class _InProcess:
    """``--workers 1``: analyse in this process, one document at a time."""

    def __init__(self, analyst: _Analyst) -> None:
        self.analyst = analyst

    def map(self, items: Iterable[_Item]) -> Results:
        for item in items:
            yield item, (self.analyst(item.doc) if item.kind == "analyse" and item.doc else None)

    def close(self) -> None:
        pass


class _Pool:
    """Worker processes that build the pipeline once each. Documents go out in chunks of up to
    ``chunk`` (one task each) and results come back in input order through a window of
    ``IN_FLIGHT_PER_WORKER`` chunks per worker. A chunk not back ``KILL_GRACE_S`` after the
    deadlines of its documents (``max_seconds`` each) means a worker is stuck: every worker is
    killed, the pool replaced, and the documents in flight retried one by one."""

    def __init__(self, workers: int, settings: Settings, pipeline: Pipeline | None, num_perm: int | None,
                 overrides: dict[str, Any], chunk: int = CHUNK, max_seconds: float = 0.0, records: bool = False) -> None:
        self.workers, self.chunk, self.max_seconds = workers, max(1, chunk), max_seconds
        self.window = workers * IN_FLIGHT_PER_WORKER
        self._initargs = (settings, pipeline, num_perm, overrides, max_seconds, records)
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        method = next(m for m in START_METHODS if m in multiprocessing.get_all_start_methods())
        # The executor queues one chunk beyond those running (EXTRA_QUEUED_CALLS, read when it is
        # built): a worker done with its chunk then often waited for this process's feeder thread,
        # which waits for the interpreter lock while the writer works (on 2 cores, about a tenth of
        # a worker's time). Queued as deep as the window, the next chunk is there when a worker asks.
        default_extra = futures_process.EXTRA_QUEUED_CALLS
        futures_process.EXTRA_QUEUED_CALLS = max(default_extra, self.window - self.workers)  # type: ignore[misc]
        try:
            executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method),
                                           initializer=_start_worker, initargs=self._initargs)
        finally:
            futures_process.EXTRA_QUEUED_CALLS = default_extra  # type: ignore[misc]
        executor.submit(os.getpid)  # forks every worker now, before this process starts a thread
        return executor

    def _restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def _kill(self) -> None:
        """Kill every worker (one is stuck past its deadlines; which one has which task the pool
        does not say) and start new ones."""
        # ProcessPoolExecutor has no public way to stop a running task (Python 3.14 adds
        # terminate_workers()); its worker processes are in _processes (pid -> Process)
        for process in list((getattr(self._executor, "_processes", None) or {}).values()):
            process.kill()
        self._restart()

    def _wait(self, items: list[_Item]) -> float | None:
        """How long to wait for the results of ``items`` before a worker counts as stuck."""
        if self.max_seconds <= 0:
            return None
        return sum(item.kind == "analyse" for item in items) * self.max_seconds + KILL_GRACE_S

    def _submit(self, items: list[_Item]) -> Future[list[_Outcome]] | None:
        docs = [item.doc for item in items if item.kind == "analyse" and item.doc is not None]
        return self._executor.submit(_analyse_in_worker, docs) if docs else None

    def _chunks(self, items: Iterable[_Item]) -> Iterator[list[_Item]]:
        """Consecutive items holding up to ``chunk`` documents to analyse."""
        chunk: list[_Item] = []
        to_analyse = 0
        for item in items:
            chunk.append(item)
            to_analyse += item.kind == "analyse"
            if to_analyse >= self.chunk:
                yield chunk
                chunk, to_analyse = [], 0
        if chunk:
            yield chunk

    def map(self, items: Iterable[_Item]) -> Results:
        chunks = self._chunks(items)
        window: deque[tuple[list[_Item], Future[list[_Outcome]] | None]] = deque()
        while True:
            while len(window) < self.window and (chunk := next(chunks, None)) is not None:
                window.append((chunk, self._submit(chunk)))
            if not window:
                return
            chunk, future = window.popleft()
            try:
                outcomes = iter(future.result(timeout=self._wait(chunk)) if future is not None else ())
            except (BrokenProcessPool, FutureTimeout) as exc:
                # a worker died or is stuck: find the document by retrying those in flight alone
                retry = [*chunk, *(item for c, _ in window for item in c)]
                log.warning("an analysis process %s; retrying the %d documents in flight one by one",
                            "died" if isinstance(exc, BrokenProcessPool) else "is stuck past its deadline",
                            sum(item.kind == "analyse" for item in retry))
                window.clear()
                if isinstance(exc, BrokenProcessPool):
                    self._restart()
                else:
                    self._kill()
                yield from self._one_by_one(retry)
                continue
            for item in chunk:
                yield item, (next(outcomes) if item.kind == "analyse" and item.doc is not None else None)

    def _one_by_one(self, items: list[_Item]) -> Results:
        deaths = 0
        for item in items:
            future = self._submit([item])
            if future is None:
                yield item, None
                continue
            try:
                (outcome,), deaths = future.result(timeout=self._wait([item])), 0
            except FutureTimeout:
                self._kill()
                assert item.doc is not None
                log.error("skipped document %s: %s", item.label, _late(self.max_seconds, stopped=True))
                outcome = _Outcome(AnalysisFailure(item.doc.id, item.label or item.doc.id, "worker",
                                                   _late(self.max_seconds, stopped=True)), None)
                deaths = 0
            except BrokenProcessPool as exc:
                deaths += 1
                if deaths >= MAX_DEATHS_IN_A_ROW:  # not one document: the workers cannot run at all
                    raise PipelineError(f"analysis processes died on {deaths} documents in a row ({exc}); "
                                        "run with --workers 1 to see the error") from exc
                self._restart()
                assert item.doc is not None
                outcome = _Outcome(AnalysisFailure(item.doc.id, item.label or item.doc.id, "worker",
                                                   "the analysis process died on this document"), None)
            yield item, outcome

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def resolve_workers(workers: int | None, settings: Settings) -> int:
    """The number of analysis processes: ``workers``, else ``settings.workers``; 0 = one per core."""
    n = settings.workers if workers is None else workers
    if n < 0:
        raise ConfigError(f"workers must be 0 (one per core) or more, not {n}")
    return n or os.cpu_count() or 1


@contextmanager
def _analysis(items: Iterable[_Item], workers: int, settings: Settings, pipeline: Pipeline | None,
              num_perm: int | None, overrides: dict[str, Any], max_seconds: float = 0.0,
              records: bool = False) -> Iterator[Results]:
    """The analysed stream of ``items`` in input order. Reads ahead up to ``CHUNK`` documents per
    worker first: with fewer than two to analyse no pool is started (``lagebild analyze one.txt``),
    never more workers than documents, and a short input is spread over all of them."""
    source = iter(items)
    head: list[_Item] = []
    to_analyse = 0
    if workers > 1:
        for item in source:
            head.append(item)
            to_analyse += item.kind == "analyse"
            if to_analyse >= workers * CHUNK:
                break
        workers = min(workers, to_analyse)
    stream = _chain(head, source)
    analyser: _Analyser
    if workers > 1:
        if pipeline is None:  # built (needs checked, modules imported) once here; forked workers inherit it
            warm_up(default_pipeline(settings), num_perm)
        elif num_perm:  # the hasher's library (datasketch imports scipy: 0.7 s) once, not in each worker
            Deduplicator(num_perm=num_perm).signature(WARM_UP_TEXT)
        analyser = _Pool(workers, settings, pipeline, num_perm, overrides,
                         chunk=min(CHUNK, -(-to_analyse // workers)), max_seconds=max_seconds, records=records)
    else:
        analyser = _InProcess(_Analyst(pipeline or default_pipeline(settings), num_perm, overrides, max_seconds))
    try:
        yield analyser.map(stream)
    finally:
        analyser.close()


# What the parent analyses once before it forks the workers: a German article of a few sentences,
# so that what the components load on first use (models, lexicons, compiled rules, caches on disk)
# is loaded once, shared by every forked worker, instead of loaded again in each.
WARM_UP_TEXT = ("Berlin besorgt über Lage\n\nBERLIN, 3. März 2025. Bundeskanzler Friedrich Merz hat am Montag "
                "in Berlin den französischen Präsidenten Emmanuel Macron empfangen. Man werde die Ukraine "
                "weiter unterstützen, sagte Merz. Die Regierung kündigte 2,5 Milliarden Euro Hilfe an; "
                "bis Ende Juni sollen Entscheidungen fallen. „Wir stehen zusammen“, sagte Macron.")


def warm_up(pipeline: Pipeline, num_perm: int | None = None) -> None:
    """Analyse ``WARM_UP_TEXT`` once in this process (and hash it with ``num_perm`` permutations, as
    the workers will). Its result is dropped; a component that fails on it (the analyst reports,
    never raises, a document's failure) fails on the real documents too, and is reported for each
    of them there."""
    outcome = _Analyst(pipeline, num_perm, {})(build_document(WARM_UP_TEXT, source="warm-up", finish=False))
    if isinstance(outcome.result, AnalysisFailure):
        log.debug("warm-up analysis failed in %s: %s", outcome.result.component, outcome.result.error)


def _chain(head: list[_Item], rest: Iterator[_Item]) -> Iterator[_Item]:
    yield from head
    yield from rest


# -- settling, in input order ----------------------------------------------------------------


class _Settler:
    """Settles every item in input order: the report, the near-duplicate check and policy, what
    the writer stores. The one place that changes the store."""

    def __init__(self, store: Store, settings: Settings, policy: str, report: BatchReport, batch_size: int) -> None:
        self.policy, self.report = policy, report
        self.writer = _Writer(store, report, batch_size)
        self.dedup = Deduplicator(settings.near_duplicate_threshold, num_perm=settings.dedup.minhash_num_perm)
        for doc_id, signature in store.signatures():
            self.dedup.add(doc_id, "", signature=signature)
        self.dropped: set[str] = set()  # ids dropped as near duplicates (their later exact copies too)

    def run(self, results: Results) -> None:
        try:
            for item, outcome in results:
                self.settle(item, outcome)
        except (KeyboardInterrupt, SystemExit):
            log.warning("interrupted: committing the %d documents analysed so far", len(self.writer.pending))
            self.writer.flush()
            raise
        self.writer.flush()

    def settle(self, item: _Item, outcome: _Outcome | None) -> None:
        if item.kind == "skipped":
            assert item.error is not None
            log.warning("skipped %s: %s", item.error.source, item.error.reason)
            self.report.skipped.append(Skipped(item.error.source, item.error.reason))
            return
        doc = item.doc
        assert doc is not None
        if item.kind == "copy" and doc.id in self.dropped:
            self._near_duplicate(item, doc, self.dedup.check(doc.id, doc.text))
        elif item.kind == "copy":
            self.report.duplicates.append(Duplicate(item.label, "exact", doc.id))
            self._link(item, doc.id, "exact")
        elif item.kind == "stored":
            self.report.already_stored += 1
            self._link(item, doc.id, "exact")  # the same text from another source: remember where
        else:
            assert outcome is not None
            self._analysed(item, outcome)

    def _link(self, item: _Item, of: str, kind: str) -> None:
        if self.policy == "link" and item.doc is not None:
            self.writer.append(_Pending(item.doc.id, None, link_to=of, label=item.where, kind=kind))

    def _near_duplicate(self, item: _Item, doc: Document, match: DuplicateMatch | None) -> bool:
        """Report a near-duplicate match; True when the policy drops the document."""
        if match is None:
            return False
        self.report.duplicates.append(Duplicate(item.label, str(match.kind), str(match.of)))
        if apply_policy(doc, match, self.policy):
            return False
        self.dropped.add(doc.id)
        self._link(item, str(match.of), str(match.kind))
        return True

    def _analysed(self, item: _Item, outcome: _Outcome) -> None:
        result = outcome.result
        doc = result if isinstance(result, Document) else item.doc
        assert doc is not None
        match = self.dedup.check(doc.id, doc.text, outcome.signature)
        if self._near_duplicate(item, doc, match):
            return
        if isinstance(result, AnalysisFailure):
            log.error("skipped document %s: component %r failed: %s", result.source, result.component, result.error)
            self.report.failed.append(Failed(result.source, result.doc_id, result.component, result.error))
            return
        link_to, kind = (str(match.of), str(match.kind)) if match is not None and self.policy == "link" \
            else (None, "duplicate")
        signature = outcome.signature or self.dedup.signature(doc.text)
        self.dedup.add(doc.id, doc.text, signature=signature)
        self.writer.append(_Pending(doc.id, doc, signature, link_to, kind=kind, prepared=outcome.prepared))


def _policy(policy: str | None, settings: Settings) -> str:
    policy = policy or settings.duplicate_policy
    if policy not in POLICIES:
        raise ConfigError(f"unknown duplicate policy {policy!r}; use one of {', '.join(POLICIES)}")
    return policy


def ingest_sources(sources: Iterable[str | Path], store: Store, *, settings: Settings,
                   pipeline: Pipeline | None = None, policy: str | None = None,
                   published: date | None = None, language: str | None = None,
                   progress: bool | Literal["always"] = True, batch_size: int = 50,
                   workers: int | None = None, max_seconds: float | None = None,
                   allow_private: bool = False) -> BatchReport:
    """Ingest files, directories, URLs, feeds (whatever ``lagebild.ingest.read_source`` reads)
    into ``store``. Duplicate ``policy``: skip | keep | link (default ``settings.duplicate_policy``).
    ``published`` and ``language`` override every document's date and language (a given language
    is not detected). ``workers``: analysis processes (default ``settings.workers``, 0 = one per
    core; a ``pipeline`` you pass runs in this process unless you ask for workers, then it is
    forked into them). ``progress`` shows a bar when stderr is a terminal (``"always"`` forces
    it). ``max_seconds``: the deadline of each document's analysis (default
    ``LAGEBILD_MAX_SECONDS``, else 60; 0 = none). ``allow_private``: fetch URLs on loopback and
    private networks too (``--allow-private``; see ``lagebild.ingest.fetch``).
    Example: ``ingest_sources(["articles/"], open_store("x.db"), settings=Settings.from_env())``.
    """
    policy = _policy(policy, settings)
    source_list = list(sources)
    report = BatchReport()
    settler = _Settler(store, settings, policy, report, batch_size)
    bar = _Bar(len(source_list))
    overrides = {k: v for k, v in {"published": published, "language": language}.items() if v is not None}
    items = _Reader(store, settings, overrides, bar, allow_private).items(source_list)
    n = 1 if workers is None and pipeline is not None else resolve_workers(workers, settings)
    deadline = settings.max_seconds if max_seconds is None else max_seconds
    # records=True: each worker serialises the layers of its documents for the store (the writer,
    # one process for all workers, then only adds the metadata)
    with _analysis(items, n, settings, pipeline, settings.dedup.minhash_num_perm, overrides, deadline,
                   records=n > 1) as results, _progress_bar(progress, bar):
        settler.run(results)
    return report


def analyze_sources(sources: Iterable[str | Path], settings: Settings, *, workers: int | None = None,
                    pipeline: Pipeline | None = None, overrides: dict[str, Any] | None = None,
                    max_seconds: float | None = None, allow_private: bool = False,
                    ) -> Iterator[Document | IngestError | AnalysisFailure]:
    """Read and analyse without storing, in input order, on ``workers`` processes as
    ``ingest_sources`` (``max_seconds`` and ``allow_private`` as there): each input gives its
    analysed Document, its IngestError (unreadable) or its AnalysisFailure (a component failed,
    the deadline passed). Example:
    ``[d for d in analyze_sources(["a.txt"], Settings.from_env()) if isinstance(d, Document)]``."""
    clean = {k: v for k, v in (overrides or {}).items() if v is not None}
    items = (_Item("skipped", error=r) if isinstance(r, IngestError) else _Item("analyse", r)
             for src in sources
             for r in read_source(src, settings, clean, finish=False, allow_private=allow_private))
    n = 1 if workers is None and pipeline is not None else resolve_workers(workers, settings)
    deadline = settings.max_seconds if max_seconds is None else max_seconds
    with _analysis(items, n, settings, pipeline, None, clean, deadline) as results:
        for item, outcome in results:
            if outcome is not None:
                yield outcome.result
            elif item.error is not None:
                yield item.error


def analyze_documents(docs: Iterable[Document], settings: Settings, workers: int | None = None, *,
                      max_seconds: float | None = None) -> Iterator[tuple[Document | AnalysisFailure, bytes | None]]:
    """Analyse documents read with ``read_source(..., finish=False)`` on ``workers`` processes (as
    ``ingest_sources``: metadata inferred and the text's MinHash computed in the workers, the same
    deadline), in input order: each gives (its analysed Document or its AnalysisFailure, the
    MinHash signature of its text as read). ``docs`` is consumed lazily, a bounded window ahead.
    The local engine of ``lagebild batch`` (``lagebild.spark``). Example:
    ``list(analyze_documents(read_source("a/", s, finish=False), s, workers=2))``."""
    items = (_Item("analyse", doc) for doc in docs)
    n = resolve_workers(workers, settings)
    deadline = settings.max_seconds if max_seconds is None else max_seconds
    with _analysis(items, n, settings, None, settings.dedup.minhash_num_perm, {}, deadline) as results:
        for _item, outcome in results:
            if outcome is not None:
                yield outcome.result, outcome.signature


@contextmanager
def _progress_bar(progress: bool | Literal["always"], bar: _Bar) -> Iterator[_Bar]:
    from rich.console import Console

    console = Console(stderr=True, force_terminal=True if progress == "always" else None)
    if not progress or not console.is_terminal:
        yield bar
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as rich_bar:
        bar.attach(rich_bar)
        yield bar


def format_report(report: BatchReport, *, limit: int = 20) -> Any:
    """A rich renderable summarising the run (the CLI prints it to stderr)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from lagebild.ingest.encoding import terminal_safe

    parts: list[Any] = [Text.assemble(
        ("ingested ", ""), (str(report.ingested), "bold green"),
        (f", already stored {report.already_stored}, duplicates {len(report.duplicates)}, ", ""),
        (f"skipped {len(report.skipped)}", "bold yellow" if report.skipped else ""), (", ", ""),
        (f"failed {len(report.failed)}", "bold red" if report.failed else ""),
    )]
    sections: list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]] = [
        ("duplicates", ("source", "kind", "of"), [tuple(d) for d in report.duplicates]),
        ("skipped", ("source", "reason"), [tuple(s) for s in report.skipped]),
        ("failed", ("source", "component", "error"), [(f.source, f.component, f.error) for f in report.failed]),
    ]
    for title, columns, rows in sections:
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for column in columns:  # fold, never truncate: a user must see which file and why
            table.add_column(column, overflow="fold")
        for row in rows[:limit]:
            table.add_row(*(Text(terminal_safe(v)) for v in row))
        parts.append(table)
        if len(rows) > limit:
            parts.append(Text(f"… and {len(rows) - limit} more {title}"))
    return Group(*parts)
