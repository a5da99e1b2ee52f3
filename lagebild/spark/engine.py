"""``lagebild batch``: inputs in, Parquet tables out, on the local worker pool or on Spark.

Both engines read the same units (``units.py``), keep the first of several documents with the
same content id, skip the documents OUTPUT already holds with the current pipeline version
(``version.py``; ``force`` redoes all), analyse the rest with the default pipeline and write the
same rows (``tables.py``) through the same commit (``output.py``): for the same inputs their
tables hold the same rows, in another order.

- ``local``: the parent process reads; the batch worker pool (``lagebild.batch``, ``--workers``)
  analyses; the parent writes Parquet with pyarrow.
- ``spark``: the units are parallelised, read on the executors (``flatMap``), copies dropped
  (``reduceByKey`` on the content id, which also spreads the documents evenly over
  ``partitions``), analysed with ``mapPartitionsWithIndex`` (``analyse.py``: the pipeline once per
  Python worker) and written by each task as Parquet files of every table into the staging
  folder (pyarrow; one job, no rows through the JVM: OUTPUT must be a path every executor
  reaches, a shared or mounted file system; see docs/scaling.md).
- ``auto`` (the default): Spark only when the inputs hold at least ``SPARK_MIN_DOCUMENTS``
  documents (estimated from the units) and PySpark is installed. Below that Spark's fixed costs
  (starting the JVM and the Python workers, the pipeline built in each) outweigh what it saves;
  see ``benchmarks/spark_scaling.py`` and docs/scaling.md.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from lagebild.analyze import AnalysisFailure
from lagebild.document import Document
from lagebild.errors import ConfigError, IngestError
from lagebild.settings import Settings
from lagebild.spark.analyse import (
    PEAK_RSS,
    Order,
    ReadError,
    analyse_document,
    process_pipeline,
    read_error_rows,
    result_rows,
    text_signature,
    write_partition,
)
from lagebild.spark.output import (
    PartWriter,
    check_output,
    commit,
    done_documents,
    new_staging,
    read_manifest,
    read_table,
    require_pyarrow,
)
from lagebild.spark.tables import Stamp
from lagebild.spark.units import JSONL_SLICE_LINES, Unit, plan_units, read_unit
from lagebild.spark.version import describe_version, pipeline_version, version_parts

log = logging.getLogger(__name__)

ENGINES = ("auto", "local", "spark")
# below this many documents `--engine auto` analyses locally (see the module docstring)
SPARK_MIN_DOCUMENTS = 20_000
DEFAULT_MASTER = "local[*]"

# the local engine's analyser: documents (unfinished) in, (result, MinHash of the text as read) in
# the same order out
Analysed = tuple[Document | AnalysisFailure, bytes | None]
LocalAnalyser = Callable[[Iterable[Document], Settings, int | None], Iterator[Analysed]]


@dataclass
class BatchRun:
    """What one ``lagebild batch`` run did."""

    engine: str
    output: str
    pipeline_version: str
    units: int = 0
    documents: int = 0  # analysed and written this run
    errors: int = 0  # rows in the errors table from this run
    already_done: int = 0  # skipped: in OUTPUT with this pipeline version
    copies: int = 0  # skipped: the same content id as a document read before in this run
    replaced: int = 0  # old versions dropped: their source was read again with another text
    seconds: float = 0.0
    executor_peak_rss_mb: float = 0.0  # Spark: the largest peak memory of a Python worker
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def estimate_documents(units: list[Unit]) -> int:
    """Roughly how many documents ``units`` hold (a JSONL slice its lines, a Parquet row group ~1000
    rows, a WARC file ~100 pages, any other file one)."""
    n = 0
    for unit in units:
        if unit.kind == "jsonl":
            n += JSONL_SLICE_LINES
        elif unit.kind == "parquet":
            n += 1000
        elif unit.path.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            n += 100
        else:
            n += 1
    return n


def _spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def choose_engine(engine: str, units: list[Unit]) -> tuple[str, str | None]:
    """The engine to run and, for ``auto``, why."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine, None
    estimate = estimate_documents(units)
    if estimate < SPARK_MIN_DOCUMENTS:
        return "local", f"~{estimate} documents: below {SPARK_MIN_DOCUMENTS}, Spark's start-up costs more than it saves"
    if not _spark_available():
        return "local", "PySpark is not installed (pip install 'lagebild[spark]')"
    return "spark", f"~{estimate} documents"


def run_batch(inputs: Iterable[str | Path], output: str | Path, *, settings: Settings, engine: str = "auto",
              master: str | None = None, partitions: int | None = None, workers: int | None = None,
              force: bool = False, spark: Any = None, local_analyser: LocalAnalyser | None = None) -> BatchRun:
    """Analyse ``inputs`` (files and folders: JSONL, Parquet, text, HTML, WARC) into Parquet tables
    under ``output``. ``engine``: auto | local | spark; ``master`` (Spark; default ``local[*]``),
    ``partitions`` (Spark; default twice the default parallelism), ``workers`` (local), ``force``:
    analyse every document again. ``spark``: a SparkSession to use instead of starting one.
    ``local_analyser``: the worker pool (``lagebild.batch.analyze_documents``; in this process
    without it). Example: ``run_batch(["corpus/"], "out", settings=Settings.from_env(), engine="local")``."""
    started = time.perf_counter()
    require_pyarrow()
    out = Path(output)
    check_output(out)
    inputs = [str(i) for i in inputs]  # as given: a document's source is its path as given
    units = plan_units(inputs)
    chosen, why = choose_engine(engine, units)
    version = pipeline_version(settings)
    run = BatchRun(chosen, str(out), version, units=len(units))
    if why:
        run.notes.append(f"engine {chosen}: {why}")
    done = {} if force else {k: v for k, v in done_documents(out).items() if v == version}
    staging = new_staging(out)
    stamp = Stamp(datetime.now(UTC).isoformat(timespec="seconds"),
                  json.dumps(version_parts(settings), sort_keys=True, separators=(",", ":")))
    if chosen == "spark":
        _run_spark(run, units, settings, done, staging, stamp, spark, master, partitions)
    else:
        _run_local(run, units, settings, done, staging, stamp, workers, local_analyser)
    run.documents = read_table(staging, "documents", ["id"]).num_rows
    run.errors = read_table(staging, "errors", ["row_id"]).num_rows
    run.seconds = round(time.perf_counter() - started, 3)
    manifest = {"pipeline_version": version, "version_of": describe_version(settings), "inputs": inputs, "cwd": os.getcwd(),
                "last_run": {**run.as_dict(), "finished_at": datetime.now(UTC).isoformat(timespec="seconds")}}
    run.replaced = commit(out, staging, os.urandom(4).hex(), manifest, {u.path for u in units})
    return run


def reprocess(output: str | Path, *, settings: Settings, changed: bool = True, **options: Any) -> BatchRun:
    """Analyse the inputs of the last run into ``output`` again: with ``changed``, only the
    documents whose text (an edited article: a new content id for its source) or pipeline version
    (package, components, settings, lexicons, models, knowledge base) changed; else all.
    ``options`` as for ``run_batch`` (engine, master, partitions, workers, spark, local_analyser).
    Example: ``reprocess("out", settings=Settings.from_env(), engine="spark")``."""
    out = Path(output).resolve()
    manifest = read_manifest(out)
    inputs = manifest.get("inputs")
    if not inputs:
        raise ConfigError(f"{output} has no record of its inputs (no {output}/_lagebild.json from `lagebild batch`); "
                          "run `lagebild batch INPUT… OUTPUT` first")
    # read from where the first run read (relative inputs, and so the documents' sources, as then)
    with contextlib.chdir(manifest.get("cwd") or os.getcwd()):
        return run_batch(inputs, out, settings=settings, force=not changed, **options)


# -- local ---------------------------------------------------------------------------------------


def _in_process(docs: Iterable[Document], settings: Settings, workers: int | None) -> Iterator[Analysed]:
    pipe = process_pipeline(settings, "local")
    for doc in docs:
        signature = text_signature(settings, doc)
        yield analyse_document(pipe, doc), signature


def _run_local(run: BatchRun, units: list[Unit], settings: Settings, done: dict[str, str], staging: Path,
               stamp: Stamp, workers: int | None, analyser: LocalAnalyser | None) -> None:
    writer = PartWriter(staging)
    sent: deque[tuple[str, Order]] = deque()  # input and order of each document sent to analysis
    seen: set[str] = set()
    version = run.pipeline_version

    def documents() -> Iterator[Document]:
        for unit in units:
            for pos, item in enumerate(read_unit(unit, settings)):
                if isinstance(item, IngestError):
                    for table, row in read_error_rows(item, unit.path, version):
                        writer.add(table, row)
                    continue
                if item.id in seen:
                    run.copies += 1
                    continue
                seen.add(item.id)
                if item.id in done:
                    run.already_done += 1
                    continue
                sent.append((unit.path, (unit.index, pos)))
                yield item

    for result, signature in (analyser or _in_process)(documents(), settings, workers):
        input_name, order = sent.popleft()
        for table, row in result_rows(result, input_name, version, stamp, order, signature):
            writer.add(table, row)
    writer.close()


# -- Spark ---------------------------------------------------------------------------------------


def spark_session(master: str | None = None, partitions: int | None = None) -> Any:
    """A SparkSession for ``master`` (the active one when there is one; under ``spark-submit``
    its ``--master`` unless ``master`` is given): no web UI, the executors' Python the same as
    this one's unless ``PYSPARK_PYTHON`` or ``spark.pyspark.python`` says otherwise."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("--engine spark needs PySpark: pip install 'lagebild[spark]' (and Java 17+)") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    from pyspark import SparkConf, SparkContext

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    SparkContext._ensure_initialized()  # the JVM: under spark-submit it holds --master and --conf
    builder = (SparkSession.builder.appName("lagebild batch")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.python.worker.reuse", "true"))
    if master or not SparkConf().contains("spark.master"):  # spark-submit's --master wins when not given
        builder = builder.master(master or DEFAULT_MASTER)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _read_keyed(settings: Settings, counters: dict[str, Any], unit: Unit,
                ) -> Iterator[tuple[str, tuple[Order, str, Any]]]:
    """(content id, (order, input, Document)) of each document of ``unit``; an unreadable input
    gets a key of its own, so it is never taken for a copy."""
    for pos, item in enumerate(read_unit(unit, settings)):
        if isinstance(item, IngestError):
            yield f"\x00error:{unit.index}:{pos}", ((unit.index, pos), unit.path, ReadError(item.source, item.reason))
        else:
            counters["read"].add(1)
            yield item.id, ((unit.index, pos), unit.path, item)


def _first(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    return a if a[0] <= b[0] else b


def _todo(done: Any, counters: dict[str, Any], pair: tuple[str, Any]) -> bool:
    """Not in OUTPUT with this pipeline version (counted: Spark accumulators)."""
    if pair[0].startswith("\x00"):
        return True
    if pair[0] in done.value:
        counters["done"].add(1)
        return False
    counters["todo"].add(1)
    return True


def _payload(pair: tuple[str, tuple[Order, str, Any]]) -> tuple[str, Order, Any]:
    order, input_name, item = pair[1]
    return input_name, order, item


def _run_spark(run: BatchRun, units: list[Unit], settings: Settings, done: dict[str, str], staging: Path,
               stamp: Stamp, spark: Any, master: str | None, partitions: int | None) -> None:
    session = spark or spark_session(master, partitions)
    sc = session.sparkContext
    n = partitions or max(2, 2 * sc.defaultParallelism)
    done_ids = sc.broadcast(frozenset(done))
    counters = {kind: sc.accumulator(0) for kind in ("read", "done", "todo")}
    read = sc.parallelize(units, max(1, min(len(units), 4 * n))).flatMap(partial(_read_keyed, settings, counters))
    # the copies of a content id meet in one partition (the first read is kept); the documents
    # spread evenly over the n partitions by the hash of their id
    todo = read.reduceByKey(_first, n).filter(partial(_todo, done_ids, counters)).map(_payload)
    # one job: each partition analysed and written as Parquet by the executor (pyarrow)
    write = partial(write_partition, settings, run.pipeline_version, stamp, str(staging.resolve()))
    try:
        written = todo.mapPartitionsWithIndex(write).collect()
    finally:
        done_ids.unpersist()
    run.already_done = int(counters["done"].value)
    run.copies = max(0, int(counters["read"].value) - run.already_done - int(counters["todo"].value))
    rows = sum(v for counts in written for k, v in counts.items() if k != PEAK_RSS)
    run.executor_peak_rss_mb = round(max((c[PEAK_RSS] for c in written), default=0) / 1024, 1)
    run.notes.append(f"Spark {sc.version}, master {sc.master}, {n} partitions, {rows} rows")
