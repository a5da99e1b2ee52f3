"""The command line: every command is a thin wrapper over a typed Python function.

Whatever an article, a source or a user supplies is printed as inert text (``lagebild.render.cell``:
never Rich markup, no control characters). Errors end a command with one line and exit code 3;
see ``EXIT_CODES``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup
from typer.exceptions import TyperException

from lagebild.commands import actors as actors_commands
from lagebild.commands import batch as batch_commands
from lagebild.commands import brief as brief_commands
from lagebild.commands import events as events_commands
from lagebild.commands import load as load_commands
from lagebild.commands import picture as picture_commands
from lagebild.commands import serve as serve_commands
from lagebild.commands import train as train_commands
from lagebild.commands.common import json_line
from lagebild.commands.common import open_store_at as _open
from lagebild.commands.common import parse_date as _date
from lagebild.errors import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, LagebildError, NotFoundError, StoreError
from lagebild.render import cell, console, terminal_safe
from lagebild.settings import Settings

EXIT_CODES = ("Exit codes: 0 done · 1 done, but inputs were skipped or failed (listed), or nothing matched · "
              "2 usage error (a bad option or argument) · 3 failed (an error stopped the command: the store, "
              "a setting, an output path, a crash).")

out = console()
err = console(stderr=True)


class _Group(TyperGroup):
    """The top command group: an error in any command ends it with one line on stderr and exit
    code 3 (``EXIT_FAILED``), an unexpected one (a bug) with its traceback too; Click's own
    usage errors keep exit code 2."""

    def invoke(self, ctx: Any) -> Any:  # a typer Context (its base class is private to typer)
        try:
            return super().invoke(ctx)
        except LagebildError as exc:
            _error(exc)
            raise typer.Exit(EXIT_FAILED) from None
        except (typer.Exit, typer.Abort, TyperException):  # exit codes, usage errors (2), Ctrl-C
            raise
        except BrokenPipeError:  # the reader went away (`lagebild export | head`): stop quietly, as cat does
            _quiet_stdout()
            raise typer.Exit(EXIT_OK) from None
        except Exception as exc:  # noqa: BLE001 -- a bug: reported in full, and the exit code says "failed"
            err.print(terminal_safe("".join(traceback.format_exception(exc))), markup=False, highlight=False)
            err.print(Text.assemble(("internal error: ", "red"), terminal_safe(repr(exc)),
                                    " (a bug in Lagebild: please report it with the traceback above)"))
            raise typer.Exit(EXIT_FAILED) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush into a closed pipe stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test runner's captured stdout)
        pass


def _error(exc: BaseException) -> None:
    """One line on stderr (not wrapped at the terminal's width: a path stays whole)."""
    err.print(Text.assemble(("error: ", "red"), terminal_safe(exc)), soft_wrap=True)


app = typer.Typer(
    name="lagebild",
    help="Lagebild turns news articles about diplomacy and conflict into a sourced, time-aware situation "
         "picture.\n\n" + EXIT_CODES + "\n\nExample: lagebild analyze article.txt --json",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    cls=_Group,
)

DbOption = Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, "
                                                         "or $LAGEBILD_DB) or postgresql://… URL.")]
PublishedOption = Annotated[str | None, typer.Option("--published", help="Override the publication date "
                                                                         "(YYYY-MM-DD) of every article.")]


def _settings(db: str | None = None) -> Settings:
    return Settings.from_env(db=db)


def _version(value: bool) -> None:
    if not value:
        return
    from lagebild import __version__, compiled_modules

    compiled = compiled_modules()
    build = (f"{len(compiled)} hot modules compiled (mypyc)" if compiled
             else "pure Python (`pip install .` with a C compiler compiles the hot modules)")
    out.print(f"lagebild {__version__}: {build}, Python {sys.version.split()[0]}", soft_wrap=True, markup=False)
    raise typer.Exit()


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
          version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and the build, and exit.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


WorkersOption = Annotated[int | None, typer.Option(
    "--workers", "-w", min=0, help="Analysis processes: 0 = one per core (default: $LAGEBILD_WORKERS, else 0); "
                                   "1 analyses in this process.")]
LanguageOption = Annotated[str | None, typer.Option("--language", help="The language of every article (de, en); "
                                                                       "skips language detection.")]
AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private", help="Also fetch URLs (and follow redirects) to loopback, private and link-local "
                            "addresses (refused by default: a feed could make Lagebild fetch internal hosts).")]


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, '-' for stdin, .urls files, feed URLs.")],
    db: DbOption = None,
    published: PublishedOption = None,
    language: LanguageOption = None,
    policy: Annotated[str | None, typer.Option(help="Duplicate policy: skip | keep | link (default link).")] = None,
    workers: WorkersOption = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Read, analyse and store articles (creates the store). Exit code 1 when anything was skipped.

    A document whose analysis takes longer than $LAGEBILD_MAX_SECONDS (default 60) is skipped.

    Example: lagebild ingest examples/corpus --db demo.db --workers 4
    """
    from lagebild.batch import format_report, ingest_sources

    settings = _settings(db)
    with _open(db, create=True) as store:
        report = ingest_sources(sources, store, settings=settings, policy=policy,
                                published=_date(published, "--published"), language=language,
                                progress=progress, workers=workers, allow_private=allow_private)
    err.print(format_report(report))
    raise typer.Exit(report.exit_code)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or directories ('-' reads stdin).")],
    published: PublishedOption = None,
    language: LanguageOption = None,
    workers: WorkersOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of export documents.")] = False,
    allow_private: AllowPrivateOption = False,
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
    for result in analyze_sources(paths, _settings(), workers=workers, overrides=overrides,
                                  allow_private=allow_private):
        if isinstance(result, Document):
            docs.append(result)
        elif isinstance(result, AnalysisFailure):
            skipped += 1
            err.print(Text.assemble(("failed ", "red"), cell(result.source), f": component {result.component!r}: ",
                                    cell(result.error)))
        else:
            skipped += 1
            err.print(Text.assemble(("skipped ", "yellow"), cell(result.source), ": ", cell(result.reason)))
    if as_json:
        sys.stdout.write(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(_analysis_table(docs))
        out.print(f"{len(docs)} analysed, {skipped} skipped. Store them with: lagebild ingest PATH…")
    raise typer.Exit(EXIT_SKIPPED if skipped else EXIT_OK)


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
        table.add_row(cell(d.export_id), *(cell(value(d)) for _header, value in _ANALYSIS_COLUMNS),
                      cell((d.meta.title or d.text[:50]).replace("\n", " ")))
    return table


# "-Putin" is the query, not an unknown option (search has no short options to confuse it with)
@app.command(context_settings={"ignore_unknown_options": True})
def search(
    query: Annotated[str, typer.Argument(help="Full-text query (words, \"phrases\", -exclusions). A query "
                                              "that starts with a dash may follow --: lagebild search -- -Putin")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Maximum number of hits.")] = 20,
) -> None:
    """Full-text search over stored articles.

    Example: lagebild search "Sicherheitsgarantien" --db demo.db
    """
    from lagebild.render import highlighted
    from lagebild.store.base import HIGHLIGHT_END, HIGHLIGHT_START

    with _open(db) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        out.print(Text.assemble("No article matches ", cell(repr(query)),
                                ". Ingest articles first: lagebild ingest PATH…"))
        return
    table = Table("id", "date", "title", "snippet")
    table.columns[0].overflow = "fold"
    for h in hits:
        table.add_row(cell(h.export_id or h.doc_id), cell(h.published or "–"), cell(h.title or "–"),
                      highlighted(h.snippet or "", HIGHLIGHT_START, HIGHLIGHT_END))
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

    path = _existing_path(doc)
    if path is None and len(doc) > _MAX_ID:
        raise NotFoundError(f"{_short(doc)} ({len(doc)} characters) is neither a file nor a folder, and too long "
                            "to be a document id; give a content id (16 hex), an export id (a file stem) or a path")
    if path is not None:
        from lagebild.analyze import analyze as analyze_fn

        document = analyze_fn(path)
    else:
        try:
            store = _open(db)
        except StoreError as exc:
            raise NotFoundError(f"{_short(doc)} is neither a file nor a folder, and there is no store to look it "
                                f"up in: {exc}") from exc
        with store:
            document = store.get(doc)
    out.print(render_document(document))


def _existing_path(value: str) -> Path | None:
    """``value`` as an existing file or folder; None for anything else (an id, a string too long
    to be a file name, one with a NUL)."""
    try:
        path = Path(value)
        return path if path.exists() else None
    except (OSError, ValueError):  # ENAMETOOLONG, an embedded NUL
        return None


_MAX_ID = 255  # an export id is a file stem: no file name is longer


def _short(value: str, limit: int = 80) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one array) | jsonl | csv")] = "json",
    db: DbOption = None,
    output: Annotated[str | None, typer.Option(
        "--out", "-o", help="Write to this file instead of stdout (replaced only when complete; never the "
                            "store or another database).")] = None,
) -> None:
    """Export stored documents with all their layers.

    Example: lagebild export --format jsonl --db demo.db -o corpus.jsonl
    """
    from lagebild.store.export import check_output_path, write_export
    from lagebild.store.export import export as export_fn

    if fmt not in ("json", "jsonl", "csv"):
        raise typer.BadParameter("use json, jsonl or csv", param_hint="--format")
    store_url = _settings(db).db
    if output:
        check_output_path(output, store_url)  # before opening anything: the store is never an output
    with _open(db) as store:
        if output:
            n = write_export(store, fmt, output, store_url=store_url)
            err.print(Text.assemble(f"{n} documents written to ", cell(output)))
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
    table = Table("layer", "P", "R", "F1", "TP", "FP", "FN", title=cell(f"{len(report.docs)} documents, {gold_dir}"))
    for name in LAYERS:
        if not report.annotated(name):  # no gold file of the run lists this layer: nothing to score
            table.add_row(name, *["–"] * 6)
            continue
        c = report.layer(name)
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    out.print(table)
    out.print("metadata accuracy: " + ", ".join(f"{m} {report.metadata_accuracy(m):.2f}" for m in METADATA))
    if per_doc:
        t = Table("document", *LAYERS, *METADATA)
        for d in report.docs:
            t.add_row(cell(d.doc), *(f"{d.layers[n].f1:.2f}" if n in d.layers else "–" for n in LAYERS),
                      *(cell("ok" if d.metadata.get(m) else f"✗ {d.metadata_values[m][0]}") for m in METADATA))
        out.print(t)
    if layer:
        for d in report.docs:
            lines = d.errors.get(layer, [])
            if lines:
                out.print(cell(d.doc, style="bold"))
                for line in lines:
                    out.print(cell("  " + line))


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
            sys.stdout.write(json_line(r.as_dict() if hasattr(r, "as_dict") else r.__dict__))
        return
    if not rows:
        out.print("No quotes match. Try without --from/--to, or ingest more articles.")
        return
    table = Table("date", "speaker", "kind", "quote", "document")
    table.columns[4].overflow = "fold"
    for r in rows:
        table.add_row(cell(r.date or "–"), cell(r.speaker_name or "–"), cell(r.kind), cell(r.text),
                      cell(r.export_id or r.doc_id))
    out.print(table)


@app.command()
def stances(
    actor: Annotated[str | None, typer.Option(help="Actor name, alias or id (e.g. Russland, Scholz).")] = None,
    issue: Annotated[str | None, typer.Option(help="Issue words (e.g. \"security guarantees\", ceasefire).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    matrix: Annotated[bool, typer.Option("--matrix", help="Actor × issue over time, shifts flagged, each cell "
                                                          "with its evidence; commentators kept apart.")] = False,
    by: Annotated[str, typer.Option("--by", help="Matrix rows: country (a person under the state they speak "
                                                 "for) | actor.")] = "country",
    period: Annotated[str, typer.Option("--period", help="Matrix columns: year | quarter | month.")] = "year",
) -> None:
    """Who stands where on which issue: stored stances with polarity and evidence.

    Example: lagebild stances --actor Russland --issue "foreign troops" --db demo.db
    Example: lagebild stances --matrix --by country --period year --db demo.db
    """
    from lagebild.commands.stances import stances_table
    from lagebild.picture.positions import stances_of

    if matrix:
        _stance_matrix(actor, issue, _date(date_from, "--from"), _date(date_to, "--to"), db, as_json, by, period)
        return
    with _open(db) as store:
        rows = stances_of(store, actor=actor, issue=issue, date_from=_date(date_from, "--from"),
                          date_to=_date(date_to, "--to"))
    if as_json:
        for r in rows:
            sys.stdout.write(json_line(r.as_dict()))
    elif rows:
        out.print(stances_table(rows))
    else:
        out.print("No stances match. Try another --actor or --issue, or ingest more articles.")
    if not rows:
        raise typer.Exit(EXIT_SKIPPED)


def _stance_matrix(actor: str | None, issue: str | None, start: date | None, end: date | None, db: str | None,
                   as_json: bool, by: str, period: str) -> None:
    from lagebild.commands.picture import matrix_tables
    from lagebild.picture.matrix import BY, PERIODS, stance_matrix

    if by not in BY:
        raise typer.BadParameter(f"use one of {', '.join(BY)}", param_hint="--by")
    if period not in PERIODS:
        raise typer.BadParameter(f"use one of {', '.join(PERIODS)}", param_hint="--period")
    with _open(db) as store:
        m = stance_matrix(store.iter_documents(include_duplicates=False), by=by, period=period, actor=actor,
                          issue=issue, date_from=start, date_to=end, settings=_settings(db))
    if as_json:
        sys.stdout.write(json.dumps(m.as_dict(), ensure_ascii=False) + "\n")
    else:
        for table in matrix_tables(m):
            out.print(table)
    if not m.cells and not (m.commentary and m.commentary.cells):
        if not as_json:
            out.print("No stances match. Try another --actor or --issue, or ingest more articles.")
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def commitments(
    status: Annotated[str | None, typer.Option(help="pending | due | overdue | kept | broken | superseded")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Rate as of this date, YYYY-MM-DD (default today).")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name, alias or id (e.g. Trump).")] = None,
    kind: Annotated[str | None, typer.Option(help="promise | threat | ultimatum | plan | demand")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """The commitments ledger: promises, threats, ultimatums, plans and demands across the store, each
    with its status as of a date and the evidence (document and span) that set it.

    Example: lagebild commitments --status overdue --as-of 2025-09-01 --db demo.db
    """
    from lagebild.commands.commitments import commitments_table
    from lagebild.picture.ledger import STATUSES, commitments_ledger

    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"{status!r}: use one of {', '.join(STATUSES)}", param_hint="--status")
    when = _date(as_of, "--as-of") or date.today()
    with _open(db) as store:
        entries = commitments_ledger(store, as_of=when, status=status, actor=actor, kind=kind)
    if as_json:
        for e in entries:
            sys.stdout.write(json_line({**e.as_dict(), "as_of": when.isoformat()}))
    elif entries:
        out.print(commitments_table(entries, when.isoformat()))
    else:
        out.print("No commitments match. Try another --status or --as-of, or ingest more articles.")
    if not entries:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def components() -> None:
    """List the registered pipeline components with the layers they need and add.

    Example: lagebild components
    """
    from lagebild.pipeline import registered

    table = Table("component", "needs", "adds", "what")
    for reg in registered().values():
        table.add_row(cell(reg.name), cell(", ".join(reg.needs) or "–"), cell(", ".join(reg.adds)), cell(reg.doc))
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
app.command("serve")(serve_commands.serve)
app.command("events")(events_commands.events)
app.command("timeline")(picture_commands.timeline)
app.command("network")(picture_commands.network)
app.command("brief")(brief_commands.brief)
app.command("claims")(picture_commands.claims)
app.add_typer(picture_commands.app, name="picture",
              help="Merged events: recompute, split or merge them (analyst decisions), undo a decision.")
app.add_typer(train_commands.app, name="train", help="Train the project's own models (e.g. `lagebild train ner`).")
app.command("batch")(batch_commands.batch)
app.command("load")(load_commands.load)
app.command("reprocess")(batch_commands.reprocess)


def main() -> None:
    try:
        app()
    except LagebildError as exc:  # raised outside a command (the group handles those)
        _error(exc)
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
