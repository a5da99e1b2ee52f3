"""The command line: every command is a thin wrapper over a typed Python function."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lagebild.commands import actors as actors_commands
from lagebild.commands import train as train_commands
from lagebild.errors import LagebildError
from lagebild.settings import Settings

app = typer.Typer(
    name="lagebild",
    help="Lagebild turns news articles about diplomacy and conflict into a sourced, time-aware situation "
         "picture.\n\nExample: lagebild analyze article.txt --json",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, "
                                                         "or $LAGEBILD_DB) or postgresql://… URL.")]
PublishedOption = Annotated[str | None, typer.Option("--published", help="Override the publication date "
                                                                         "(YYYY-MM-DD) of every article.")]


def _settings(db: str | None = None) -> Settings:
    return Settings.from_env(db=db)


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=name) from None


def _open(db: str | None) -> Any:
    from lagebild.store import open_store

    return open_store(_settings(db).db)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


WorkersOption = Annotated[int | None, typer.Option(
    "--workers", "-w", min=0, help="Analysis processes: 0 = one per core (default: $LAGEBILD_WORKERS, else 0); "
                                   "1 analyses in this process.")]
LanguageOption = Annotated[str | None, typer.Option("--language", help="The language of every article (de, en); "
                                                                       "skips language detection.")]


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, '-' for stdin, .urls files, feed URLs.")],
    db: DbOption = None,
    published: PublishedOption = None,
    language: LanguageOption = None,
    policy: Annotated[str | None, typer.Option(help="Duplicate policy: skip | keep | link (default link).")] = None,
    workers: WorkersOption = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
) -> None:
    """Read, analyse and store articles. Exit code 1 when anything was skipped.

    Example: lagebild ingest examples/corpus --db demo.db --workers 4
    """
    from lagebild.batch import format_report, ingest_sources

    settings = _settings(db)
    with _open(db) as store:
        report = ingest_sources(sources, store, settings=settings, policy=policy,
                                published=_date(published, "--published"), language=language,
                                progress=progress, workers=workers)
    err.print(format_report(report))
    raise typer.Exit(report.exit_code)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or directories ('-' reads stdin).")],
    published: PublishedOption = None,
    language: LanguageOption = None,
    workers: WorkersOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of export documents.")] = False,
) -> None:
    """Analyse articles without storing them.

    Example: lagebild analyze ../shared/seeds/*.txt --json > export.json
    """
    from lagebild.analyze import AnalysisFailure
    from lagebild.batch import analyze_sources
    from lagebild.document import Document

    overrides = {"published": _date(published, "--published"), "language": language}
    docs: list[Document] = []
    skipped = 0
    for result in analyze_sources(paths, _settings(), workers=workers, overrides=overrides):
        if isinstance(result, Document):
            docs.append(result)
        elif isinstance(result, AnalysisFailure):
            skipped += 1
            err.print(f"[red]failed[/] {escape(result.source)}: component {result.component!r}: "
                      f"{escape(result.error)}")
        else:
            skipped += 1
            err.print(f"[yellow]skipped[/] {escape(result.source)}: {escape(result.reason)}")
    if as_json:
        sys.stdout.write(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(_analysis_table(docs))
        out.print(f"{len(docs)} analysed, {skipped} skipped. Store them with: lagebild ingest PATH…")
    raise typer.Exit(1 if skipped else 0)


# the columns of `lagebild analyze` after the id: (header, value of a Document)
_ANALYSIS_COLUMNS: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("date", lambda d: str(d.meta.published or "–")),
    ("genre", lambda d: d.meta.genre or "–"),
    ("lang", lambda d: d.meta.language or "–"),
    ("actors", lambda d: str(len(d.actors))),
    ("timexes", lambda d: str(len(d.timexes))),
    ("quotes", lambda d: str(len(d.quotes))),
    ("figures", lambda d: str(len(d.figures))),
)


def _analysis_table(docs: list[Any]) -> Table:
    table = Table()
    table.add_column("id", overflow="fold", min_width=12)
    for header, _value in _ANALYSIS_COLUMNS:
        table.add_column(header, no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=30)
    for d in docs:
        table.add_row(d.export_id, *(value(d) for _header, value in _ANALYSIS_COLUMNS),
                      escape((d.meta.title or d.text[:50]).replace("\n", " ")))
    return table


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query (words, \"phrases\", -exclusions).")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Maximum number of hits.")] = 20,
) -> None:
    """Full-text search over stored articles.

    Example: lagebild search "Sicherheitsgarantien" --db demo.db
    """
    with _open(db) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        out.print(f"No article matches {query!r}. Ingest articles first: lagebild ingest PATH…")
        return
    from rich.text import Text

    table = Table("id", "date", "title", "snippet")
    table.columns[0].overflow = "fold"
    for h in hits:
        snippet = escape(h.snippet or "").replace("<mark>", "[bold yellow]").replace("</mark>", "[/]")
        table.add_row(str(h.export_id or h.doc_id), str(h.published or "–"), h.title or "–",
                      Text.from_markup(snippet))
    out.print(table)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="A stored document id / file stem, or a path to analyse now.")],
    db: DbOption = None,
) -> None:
    """Show an article with its annotations highlighted.

    Example: lagebild show 000_9b559d87cc15ea2d --db demo.db
    """
    from lagebild.render import render_document

    if Path(doc).exists():
        from lagebild.analyze import analyze as analyze_fn

        document = analyze_fn(Path(doc))
    else:
        with _open(db) as store:
            document = store.get(doc)
    out.print(render_document(document))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one array) | jsonl | csv")] = "json",
    db: DbOption = None,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export stored documents with all their layers.

    Example: lagebild export --format jsonl --db demo.db -o corpus.jsonl
    """
    from lagebild.store.export import export as export_fn

    if fmt not in ("json", "jsonl", "csv"):
        raise typer.BadParameter("use json, jsonl or csv", param_hint="--format")
    with _open(db) as store:
        if output:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = export_fn(store, fmt, fh)
            err.print(f"{n} documents written to {output}")
        else:
            export_fn(store, fmt, sys.stdout)


@app.command("eval")
def eval_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of *.gold.json files.")],
    docs_dir: Annotated[Path, typer.Argument(help="Directory with the articles the gold files name.")],
    layer: Annotated[str | None, typer.Option(help="Also list the FP/FN items of this layer.")] = None,
    per_doc: Annotated[bool, typer.Option("--per-doc", help="Scores per document.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    gold_date: Annotated[bool, typer.Option("--gold-date/--system-date",
                                            help="Score layers with the gold publication date as the document "
                                                 "date (TempEval protocol; default) or the inferred one.")] = True,
) -> None:
    """Score the analysis against gold files (P/R/F1 per layer, metadata accuracy).

    Example: lagebild eval ../shared/eval/seeds ../shared/seeds
    """
    from lagebild.evaluate import LAYERS, METADATA, evaluate

    report = evaluate(gold_dir, docs_dir, use_gold_date=gold_date)
    if as_json:
        out.print_json(json.dumps(report.as_dict()))
        return
    table = Table("layer", "P", "R", "F1", "TP", "FP", "FN", title=f"{len(report.docs)} documents, {gold_dir}")
    for name in LAYERS:
        c = report.layer(name)
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    out.print(table)
    out.print("metadata accuracy: " + ", ".join(f"{m} {report.metadata_accuracy(m):.2f}" for m in METADATA))
    if per_doc:
        t = Table("document", *LAYERS, *METADATA)
        for d in report.docs:
            t.add_row(d.doc, *(f"{d.layers[n].f1:.2f}" if n in d.layers else "–" for n in LAYERS),
                      *("ok" if d.metadata.get(m) else f"✗ {d.metadata_values[m][0]}" for m in METADATA))
        out.print(t)
    if layer:
        for d in report.docs:
            lines = d.errors.get(layer, [])
            if lines:
                out.print(f"[bold]{d.doc}[/]")
                for line in lines:
                    out.print("  " + line, markup=False)


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Speaker name, alias or actor id (e.g. Lawrow).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date, YYYY-MM-DD.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct | indirect | reported")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """Who said what: stored quotes filtered by speaker and date.

    Example: lagebild quotes --speaker "Lawrow" --from 2022-01-01 --db demo.db
    """
    with _open(db) as store:
        rows = store.quotes(speaker=speaker, date_from=_date(date_from, "--from"),
                            date_to=_date(date_to, "--to"), kind=kind)
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r.as_dict() if hasattr(r, "as_dict") else r.__dict__,
                                        ensure_ascii=False, default=str) + "\n")
        return
    if not rows:
        out.print("No quotes match. Try without --from/--to, or ingest more articles.")
        return
    table = Table("date", "speaker", "kind", "quote", "document")
    table.columns[4].overflow = "fold"
    for r in rows:
        table.add_row(str(r.date or "–"), r.speaker_name or "–", r.kind, r.text, str(r.export_id or r.doc_id))
    out.print(table)


@app.command()
def components() -> None:
    """List the registered pipeline components with the layers they need and add.

    Example: lagebild components
    """
    from lagebild.pipeline import registered

    table = Table("component", "needs", "adds", "what")
    for reg in registered().values():
        table.add_row(reg.name, ", ".join(reg.needs) or "–", ", ".join(reg.adds), reg.doc)
    out.print(table)


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Where to build the demo database.")] = "demo.db",
    examples: Annotated[Path, typer.Option(help="The examples directory.")] = Path("examples"),
) -> None:
    """Build the demo database from examples/ and print what is in it.

    Example: lagebild demo --db demo.db
    """
    from lagebild.demo import run_demo

    run_demo(examples, db, out, err)


app.add_typer(actors_commands.app, name="actors",
              help="The actor knowledge base: list, show, search, who held a role when.")
app.add_typer(train_commands.app, name="train", help="Train the project's own models (e.g. `lagebild train ner`).")


def main() -> None:
    try:
        app()
    except LagebildError as exc:
        err.print(f"[red]error:[/] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
