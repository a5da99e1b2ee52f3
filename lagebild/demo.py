"""``lagebild demo``: build a database from examples/ and show what a user gets out of it."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lagebild.errors import LagebildError
from lagebild.render import cell
from lagebild.settings import Settings


def run_demo(examples: Path, db: str, out: Console, err: Console) -> None:
    from lagebild.batch import format_report, ingest_sources
    from lagebild.store import open_store

    if not examples.is_dir():
        raise LagebildError(f"{examples} is not a directory; run the demo from the repository root "
                            "or pass --examples PATH")
    sources = [p for p in (examples / "corpus", examples / "bad") if p.exists()]
    settings = Settings.from_env(db=db)
    with open_store(db, create=True) as store:
        report = ingest_sources([str(s) for s in sources], store, settings=settings, progress=True)
        out.print(format_report(report))
        out.print("[dim](the skipped files are the deliberately broken ones in examples/bad)[/]")
        summary = store.actors_summary()[:12]
        table = Table("actor", "type", "documents", "mentions", title="most mentioned actors", title_justify="left")
        for row in summary:
            table.add_row(cell(row.name), cell(row.type), str(row.documents), str(row.mentions))
        out.print(table)
        quotes = store.quotes()
        out.print(Text.assemble(f"{store.count()} documents, {len(quotes)} quotes stored in ", cell(db), "."))
    out.print(Text.assemble(
        "\nNext (the command lives in .venv/bin): ",
        cell(f'lagebild search "Sicherheitsgarantien" --db {db}', style="bold"), ", ",
        cell(f"lagebild quotes --speaker Lawrow --db {db}", style="bold"), ", ",
        cell(f"lagebild timeline --actor Lawrow --db {db}", style="bold"), ", ",
        cell(f"lagebild stances --matrix --db {db}", style="bold"), ", ",
        cell(f"lagebild brief --from 2025-08-01 --to 2025-12-31 --format html -o brief.html --db {db}",
             style="bold"), ", ",
        cell(f"lagebild export --format json --db {db}", style="bold")))
