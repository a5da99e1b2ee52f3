"""``lagebild timeline``, ``lagebild network`` and ``lagebild picture``: the picture across articles.

Thin wrappers over :mod:`lagebild.picture` (imported when a command runs). The merged events are
recomputed only when the store changed since they were last stored.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from lagebild.commands.common import open_store_at as _open
from lagebild.commands.common import parse_date as _date
from lagebild.errors import EXIT_SKIPPED
from lagebild.render import cell, console
from lagebild.settings import Settings

out = console()
err = console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, "
                                                         "or $LAGEBILD_DB) or postgresql://… URL.")]
FromOption = Annotated[str | None, typer.Option("--from", help="Events on or after this date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Events on or before this date (YYYY-MM-DD).")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="As known on this date: only articles published by then (YYYY-MM-DD).")]

app = typer.Typer(help="Merged events: recompute them, split or merge them (analyst decisions), undo a decision.",
                  no_args_is_help=True, add_completion=False)


def timeline(
    actor: Annotated[str | None, typer.Option("--actor", help="An actor id or name taking part (e.g. Lawrow).")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="A PLOVER type (CONSULT, THREATEN …) or quad class (verbal_conflict …).")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines, one event each.")] = False,
) -> None:
    """Merged events by event date with their sources; --as-of shows what was known on a day.

    Example: lagebild timeline --actor Lawrow --from 2022-01-01 --to 2022-02-28 --as-of 2022-01-15
    """
    from lagebild.picture.merge import update_picture
    from lagebild.picture.timeline import timeline as timeline_fn

    start, end, known = _date(date_from, "--from"), _date(date_to, "--to"), _date(as_of, "--as-of")
    with _open(db) as store:
        entries = timeline_fn(update_picture(store), actor=actor, type=type, date_from=start, date_to=end,
                              as_of=known)
    if as_json:
        for entry in entries:
            sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
    elif entries:
        out.print(_table(entries))
    if not entries:
        err.print("No merged events match (are there stored events? `lagebild components` lists the layers).")
        raise typer.Exit(EXIT_SKIPPED)


def _table(entries: list[dict[str, Any]]) -> Table:
    table = Table("event date", "type", "actors", "place", "sources", "reports", "first reported", "id",
                  title="timeline (event date; sources = independent sources)", title_justify="left")
    for e in entries:
        when = e["event_date"] or "?"
        if e["date_basis"] == "publication":
            when += " (published)"
        if "date" in e["conflicts"]:
            when += " / " + " / ".join(d["value"] for d in e["conflicts"]["date"] if d["value"] != e["event_date"])
        table.add_row(cell(when), cell(e["type"]), cell(" – ".join(e["actors"].values())), cell(e["location"] or ""),
                      str(e["sources"]), str(e["reports"]), cell(e["first_published"] or ""), cell(e["id"]))
    return table


def network(
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml | json | csv")] = "graphml",
    output: Annotated[str | None, typer.Option(
        "--out", "-o", help="Write to this file (replaced only when complete; never the store).")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """The actor network (who interacts with whom, weighted by PLOVER quad class) as GraphML, JSON or CSV.

    Example: lagebild network --format graphml -o network.graphml --from 2025-01-01 --db demo.db
    """
    from lagebild.picture.merge import update_picture
    from lagebild.picture.network import FORMATS, build_network, render_network, write_network
    from lagebild.store.export import check_output_path

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    start, end, known = _date(date_from, "--from"), _date(date_to, "--to"), _date(as_of, "--as-of")
    store_url = Settings.from_env(db=db).db
    if output:
        check_output_path(output, store_url)  # before opening anything: the store is never an output
    with _open(db) as store:
        net = build_network(update_picture(store), date_from=start, date_to=end, as_of=known)
    if output:
        write_network(net, fmt, output, store_url=store_url)
        err.print(Text.assemble(f"{len(net.nodes)} actors, {len(net.edges)} edges written to ", cell(output)))
    else:
        sys.stdout.write(render_network(net, fmt))


@app.command("refresh")
def refresh_cmd(db: DbOption = None) -> None:
    """Recompute the merged events from the stored events and the analysts' decisions.

    Example: lagebild picture refresh --db demo.db
    """
    from lagebild.picture.merge import update_picture

    with _open(db) as store:
        events = update_picture(store, force=True)
    out.print(f"{len(events)} merged events from {sum(len(e['mentions']) for e in events)} reports")


@app.command("split")
def split_cmd(
    event_id: Annotated[str, typer.Argument(help="The merged event's id (ev_…).")],
    reports: Annotated[list[str], typer.Argument(help="Report keys (doc_id:idx, see timeline --json) to split off.")],
    analyst: Annotated[str | None, typer.Option("--analyst", help="Who decides.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: DbOption = None,
) -> None:
    """Split reports off a merged event (a decision kept across re-runs, undoable).

    Example: lagebild picture split ev_0123456789ab 3f2a…:0 --note "two meetings" --db demo.db
    """
    from lagebild.picture.merge import split_event

    with _open(db) as store:
        version = split_event(store, event_id, reports, analyst=analyst, note=note)
    out.print(f"decision {version} saved (undo: lagebild picture undo {version})")


@app.command("merge")
def merge_cmd(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more merged event ids (ev_…).")],
    analyst: Annotated[str | None, typer.Option("--analyst", help="Who decides.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: DbOption = None,
) -> None:
    """Merge events into one (a decision kept across re-runs, undoable).

    Example: lagebild picture merge ev_0123456789ab ev_ba9876543210 --db demo.db
    """
    from lagebild.picture.merge import merge_events

    with _open(db) as store:
        version = merge_events(store, event_ids, analyst=analyst, note=note)
    out.print(f"decision {version} saved (undo: lagebild picture undo {version})")


@app.command("undo")
def undo_cmd(version: Annotated[int, typer.Argument(help="The decision's version.")],
             db: DbOption = None) -> None:
    """Take back a split or merge decision (recorded as a new decision).

    Example: lagebild picture undo 3 --db demo.db
    """
    from lagebild.picture.merge import undo_decision

    with _open(db) as store:
        new = undo_decision(store, version)
    out.print(f"decision {version} undone (decision {new})")


@app.command("decisions")
def decisions_cmd(db: DbOption = None) -> None:
    """List the analysts' decisions (JSON lines, oldest first).

    Example: lagebild picture decisions --db demo.db
    """
    with _open(db) as store:
        for d in store.picture_decisions():
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")


_POLARITY_STYLE = {"support": "green", "oppose": "red", "conditional": "yellow", "mixed": "magenta"}


def matrix_tables(matrix: Any) -> list[Table]:
    """``lagebild stances --matrix``: one row per actor (or country) and issue, one column per
    period; each cell the polarity, how many stances back it and who held it; then the shifts with
    their evidence, then the commentators' opinions (kept apart)."""
    tables = []
    for title, m in (("stance matrix (the actors' own positions)", matrix),
                     ("commentators' opinions (not the actors' positions)", matrix.commentary)):
        if m is None or not m.cells:
            continue
        table = Table("actor" if m.by == "actor" else "actor / country", "issue", *m.periods, title=title,
                      title_justify="left")
        for row, name in m.rows.items():
            for issue in m.issues:
                cells = [m.cell(row, issue, p) for p in m.periods]
                if not any(cells):
                    continue
                table.add_row(cell(name), cell(issue), *(_matrix_cell(c) for c in cells))
        tables.append(table)
    if matrix.shifts:
        shifts = Table("period", "flag", "shift", "evidence", title="shifts", title_justify="left")
        shifts.columns[3].overflow = "fold"
        for s in matrix.shifts:
            refs = "; ".join(f"{e['export_id']}:{e['start']}-{e['end']}" for e in s.evidence)
            shifts.add_row(cell(s.period), cell(s.kind), cell(s.text), cell(refs))
        tables.append(shifts)
    return tables


def _matrix_cell(c: Any) -> Text:
    if c is None:
        return Text("")
    n = sum(c.counts.values())
    return Text.assemble((c.polarity, _POLARITY_STYLE.get(c.polarity, "")), f" ({n})\n",
                         cell(", ".join(c.holders), style="dim"))


def claims(
    unit: Annotated[str | None, typer.Option("--unit", help="Only this unit (e.g. soldier, usd, point).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only claims naming this actor, or made by it.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD).")] = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines, one group each.")] = False,
) -> None:
    """Figures as claims: the same quantity across sources and dates, grouped; agreement and
    contradiction shown with who claims what.

    Example: lagebild claims --unit soldier --from 2022-01-01 --to 2022-02-28 --db demo.db
    """
    from lagebild.picture.claims import claims_in

    with _open(db) as store:
        groups = claims_in(store.iter_documents(include_duplicates=False), unit=unit, actor=actor,
                           date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"),
                           as_of=_date(as_of, "--as-of"))
    if as_json:
        for g in groups:
            sys.stdout.write(json.dumps(g.as_dict(), ensure_ascii=False) + "\n")
    elif groups:
        out.print(_claims_table([g.as_dict() for g in groups]))
    if not groups:
        err.print("No figures with a unit match. Try another --unit or period, or ingest more articles.")
        raise typer.Exit(EXIT_SKIPPED)


def _claims_table(groups: list[dict[str, Any]]) -> Table:
    table = Table("unit", "published", "status", "value", "as stated", "claimed by", "documents",
                  title="figures as claims (one block per group)", title_justify="left")
    table.columns[6].overflow = "fold"
    for g in groups:
        period = g["first"] if g["first"] == g["last"] else f"{g['first']} – {g['last']}"
        for i, v in enumerate(g["values"]):
            table.add_row(cell(g["unit"]) if i == 0 else "", cell(period or "") if i == 0 else "",
                          Text(g["status"], style="green" if g["status"] == "agree" else "red") if i == 0 else "",
                          cell(f"{v['value']:,.0f}" if v["value"] >= 1 else f"{v['value']:g}"),
                          cell(" | ".join(v["texts"])), cell(", ".join(v["claimants"])),
                          cell(", ".join(v["documents"])), end_section=i == len(g["values"]) - 1)
    return table
