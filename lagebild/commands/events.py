"""``lagebild events``: stored PLOVER events filtered by actor, type, date and modality.

The Python equivalent is ``Store.events(actor=…, type=…, date_from=…, date_to=…)`` (see
``lagebild.store``), which this command prints.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from lagebild.commands.common import json_line
from lagebild.commands.common import open_store_at as _open
from lagebild.commands.common import parse_date as _date
from lagebild.errors import EXIT_SKIPPED
from lagebild.render import cell, console

out = console()
err = console(stderr=True)

PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated", "question")


def events(
    actor: Annotated[str | None, typer.Option(help="Source or target: an actor id or name (e.g. Lawrow).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="A PLOVER type: " + ", ".join(PLOVER) + ".")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events on or after this date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events on or before this date (YYYY-MM-DD).")] = None,
    modality: Annotated[str | None, typer.Option(help="One of " + ", ".join(MODALITIES) + ".")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, "
                                                     "or $LAGEBILD_DB) or postgresql://… URL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines, one event each.")] = False,
) -> None:
    """Who did what to whom, when: stored PLOVER events filtered by actor, type and date.

    Example: lagebild events --actor Putin --type THREATEN --from 2025-08-01 --to 2025-08-31 --db demo.db
    """
    if type is not None and type.strip().upper() not in PLOVER:
        raise typer.BadParameter(f"{type!r} is not a PLOVER type; use one of {', '.join(PLOVER)}",
                                 param_hint="--type")
    if modality is not None and modality not in MODALITIES:
        raise typer.BadParameter(f"{modality!r} is not a modality; use one of {', '.join(MODALITIES)}",
                                 param_hint="--modality")
    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    with _open(db) as store:
        rows = store.events(actor=actor, type=type, date_from=start, date_to=end, modality=modality)
    if as_json:
        for r in rows:
            sys.stdout.write(json_line(r.as_dict()))
        return
    if not rows:
        err.print("No events match. Try without --type/--from/--to, or ingest more articles.")
        raise typer.Exit(EXIT_SKIPPED)
    table = Table("date", "type", "source", "target", "modality", "evidence", "document")
    table.columns[5].overflow = "fold"
    for r in rows:
        table.add_row(cell(r.date or "–"), cell(r.type + (f" ({r.mode})" if r.mode else "")),
                      cell(r.source_name or "–"), cell(r.target_name or "–"), cell(r.modality or "–"),
                      cell(r.text), cell(r.export_id or r.doc_id))
    out.print(table)
