"""``lagebild batch INPUT… OUTPUT``: many articles into Parquet tables, on the local worker pool or
on Apache Spark (``lagebild.spark``)."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from lagebild.settings import Settings

# the engines and the threshold of `auto` (lagebild.spark.engine; not imported here, to keep the
# command line's start-up light: tests/test_batch_engine.py checks they agree)
ENGINES = ("auto", "local", "spark")
SPARK_MIN_DOCUMENTS = 20_000


def batch(
    paths: Annotated[list[str], typer.Argument(help="INPUT… OUTPUT: files or folders (JSONL, Parquet, text, HTML, "
                                                    "WARC), then the output folder of Parquet tables.")],
    engine: Annotated[str, typer.Option(
        "--engine", help=f"auto | local | spark. auto: Spark from ~{SPARK_MIN_DOCUMENTS} documents on (when "
                         "PySpark is installed), else the local worker pool.")] = "auto",
    master: Annotated[str | None, typer.Option(
        "--master", help="Spark master: local[2], local[*] (default), spark://host:7077, yarn …")] = None,
    partitions: Annotated[int | None, typer.Option(
        "--partitions", min=1, help="Spark partitions of the documents (default: twice the cores).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=0, help="Local engine: analysis processes (0 = one per core).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Analyse every document again, also those OUTPUT holds with this pipeline version.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run's summary as JSON.")] = False,
) -> None:
    """Analyse many articles into Parquet tables (documents, mentions, actors, timexes, quotes,
    figures, events, stances, commitments, errors). A re-run skips the documents OUTPUT already
    holds with the same pipeline version. Exit code 1 when the errors table got rows.

    Example: lagebild batch examples/corpus out --engine spark --master local[2]
    """
    if len(paths) < 2:
        raise typer.BadParameter("give at least one INPUT and the OUTPUT folder", param_hint="PATHS")
    if engine not in ENGINES:
        raise typer.BadParameter(f"use one of {', '.join(ENGINES)}", param_hint="--engine")
    *inputs, output = paths
    from lagebild.batch import analyze_documents
    from lagebild.spark import run_batch

    run = run_batch(inputs, output, settings=Settings.from_env(), engine=engine, master=master,
                    partitions=partitions, workers=workers, force=force, local_analyser=analyze_documents)
    _report(run, as_json)


def reprocess(
    output: Annotated[str, typer.Argument(help="The OUTPUT folder of an earlier `lagebild batch`.")],
    changed: Annotated[bool, typer.Option(
        "--changed/--all", help="Only the documents whose text or pipeline version (components, settings, "
                                "lexicons, models, knowledge base) changed (default), or every one.")] = True,
    engine: Annotated[str, typer.Option("--engine", help="auto | local | spark (as for batch).")] = "auto",
    master: Annotated[str | None, typer.Option("--master", help="Spark master (as for batch).")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="Spark partitions.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=0, help="Local engine: analysis processes (0 = one per core).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run's summary as JSON.")] = False,
) -> None:
    """Analyse the inputs of the last `lagebild batch` into OUTPUT again: with --changed only the
    articles whose text changed (their old version is dropped) or whose pipeline version differs
    from the current one. Then `lagebild load OUTPUT --db …` brings the store up to date.

    Example: lagebild reprocess out --changed --engine spark --master local[2]
    """
    if engine not in ENGINES:
        raise typer.BadParameter(f"use one of {', '.join(ENGINES)}", param_hint="--engine")
    from lagebild.batch import analyze_documents
    from lagebild.spark import reprocess as reprocess_output

    run = reprocess_output(output, settings=Settings.from_env(), changed=changed, engine=engine, master=master,
                           partitions=partitions, workers=workers, local_analyser=analyze_documents)
    _report(run, as_json)


def _report(run: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(run.as_dict(), indent=2) + "\n")
    else:
        err = Console(stderr=True)
        err.print(Text(f"{run.engine}: {run.documents} documents analysed, {run.already_done} already in "
                       f"{run.output}, {run.copies} copies, {run.replaced} old versions replaced, "
                       f"{run.errors} errors ({run.seconds:.1f} s; "
                       f"pipeline version {run.pipeline_version})"))
        for note in run.notes:
            err.print(Text(note, style="dim"))
    raise typer.Exit(run.exit_code)
