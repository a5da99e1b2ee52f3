"""``lagebild brief``: write a checked briefing (Markdown or HTML), or check one (``--check FILE``)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from lagebild.commands.common import open_store_at as _open
from lagebild.commands.common import parse_date as _date
from lagebild.errors import EXIT_FAILED
from lagebild.render import cell, console
from lagebild.settings import Settings

out = console()
err = console(stderr=True)

FORMATS = ("md", "html", "pdf")


def _check(path: str, db: str | None) -> None:
    from lagebild.picture.brief_check import check_file

    with _open(db) as store:
        report = check_file(path, store)
    for c in report.checks:
        if not c.supported:
            err.print(Text.assemble(("unsupported: ", "red"), cell(c.claim.text)), soft_wrap=True)
            for problem in c.problems:
                err.print(Text.assemble("  - ", cell(problem)), soft_wrap=True)
    for line in report.bad_footnotes:
        err.print(Text.assemble(("malformed footnote: ", "red"), cell(line)), soft_wrap=True)
    supported = sum(c.supported for c in report.checks)
    out.print(f"{supported} of {len(report.checks)} sentences supported by their citations "
              f"(citation precision {report.precision:.1%}); "
              + ("check passed" if report.passed else "check FAILED"), soft_wrap=True)
    if not report.passed:
        raise typer.Exit(EXIT_FAILED)


def brief(
    date_from: Annotated[str | None, typer.Option("--from", help="First day of the period (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day of the period (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only what involves this actor (name or id).")] = None,
    issue: Annotated[str | None, typer.Option("--issue", help="Only articles in which someone takes a position on "
                                                              "this issue (e.g. ceasefire).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="As known on this day: only articles published by "
                                                              "then (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md | html | pdf (html and pdf with plots; pdf needs -o and "
                                                                  "the pdf extra, WeasyPrint)")] = "md",
    output: Annotated[str | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    check: Annotated[str | None, typer.Option("--check", help="Check this briefing file (md or html) against the "
                                                              "store instead; exit code 3 when a sentence is "
                                                              "unsupported.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, or "
                                                        "$LAGEBILD_DB) or postgresql://… URL.")] = None,
) -> None:
    """A briefing whose every sentence is compiled from stored records and cites its spans as
    footnotes (document, title, date, sentence, characters, quoted span). Sentences their citations
    do not support are dropped; the closing note says how many.

    Example: lagebild brief --from 2025-08-01 --to 2025-12-31 --format html -o brief.html --db demo.db
    Example: lagebild brief --check brief.md --db demo.db
    """
    if check is not None:
        _check(check, db)
        return
    from lagebild.picture.brief import compile_brief
    from lagebild.picture.brief_model import render_html, render_markdown, render_pdf

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "pdf" and not output:
        raise typer.BadParameter("a PDF goes to a file: add -o FILE.pdf", param_hint="--format")
    start, end, known = _date(date_from, "--from"), _date(date_to, "--to"), _date(as_of, "--as-of")
    store_url = Settings.from_env(db=db).db
    if output:
        from lagebild.store.export import check_output_path

        check_output_path(output, store_url)
    with _open(db) as store:
        result = compile_brief(store, date_from=start, date_to=end, as_of=known, actor=actor, issue=issue,
                               plots=fmt != "md")
    text = render_html(result.briefing) if fmt == "html" else render_markdown(result.briefing)
    if output:
        from lagebild.picture.network import write_bytes

        write_bytes(render_pdf(result.briefing) if fmt == "pdf" else text.encode("utf-8"), output,
                    store_url=store_url)
        err.print(Text.assemble(f"{result.written} sentences written to ", cell(output),
                                f"; {len(result.dropped)} of {result.candidates} candidate sentences dropped "
                                "(their citations did not support them)"), soft_wrap=True)
    else:
        sys.stdout.write(text)
    if result.written == 0:
        err.print("Nothing to brief on: no stored records in this period (try other --from/--to).")
        raise typer.Exit(1)


__all__ = ["EXIT_FAILED", "brief"]
