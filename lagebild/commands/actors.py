"""``lagebild actors``: the actor knowledge base from the command line.

Every command is a thin wrapper over a function of :mod:`lagebild.actors.query`, imported when a
command runs (``lagebild --help`` does not load the actors layer).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from lagebild.errors import EXIT_FAILED, EXIT_SKIPPED, LagebildError
from lagebild.ingest.encoding import terminal_safe

app = typer.Typer(help="The actor knowledge base: list, show, search, who held a role when.",
                  no_args_is_help=True, add_completion=False)


def _fail(exc: Exception) -> None:
    typer.echo(terminal_safe(f"error: {exc}"), err=True)
    raise typer.Exit(EXIT_FAILED)


def _row(*values: object) -> str:
    """A tab-separated line of knowledge-base values (a user's YAML may hold anything), inert."""
    return "\t".join(terminal_safe(v or "") for v in values)


@app.command("list")
def list_cmd(
    type: Annotated[str | None, typer.Option("--type", help="person | state | organisation | group")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Country id or name, e.g. russia.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List actors of the knowledge base.

    Example: lagebild actors list --type person --country russia
    """
    from lagebild.actors import query

    try:
        actors = query.list_actors(type=type, country=country)
    except LagebildError as exc:
        _fail(exc)
        return
    for a in actors:
        if as_json:
            typer.echo(json.dumps({"id": a.id, "name": a.name, "type": a.type, "country": a.country},
                                  ensure_ascii=False))
        else:
            typer.echo(_row(a.id, a.name, a.type, a.country))


@app.command("show")
def show_cmd(id_or_name: Annotated[str, typer.Argument(help="Actor id or any of its names.")]) -> None:
    """Show one actor with its names and posts (JSON).

    Example: lagebild actors show Lawrow
    """
    from lagebild.actors import query

    try:
        typer.echo(json.dumps(query.show_actor(id_or_name), ensure_ascii=False, indent=2))
    except LagebildError as exc:
        _fail(exc)


@app.command("search")
def search_cmd(text: Annotated[str, typer.Argument(help="Part of a name, alias or id.")],
               limit: Annotated[int, typer.Option(help="At most this many results.")] = 20) -> None:
    """Search actors by name, alias or id.

    Example: lagebild actors search selensk
    """
    from lagebild.actors import query

    for a in query.search_actors(text, limit=limit):
        typer.echo(_row(a.id, a.name, a.type, a.country))


@app.command("at")
def at_cmd(role: Annotated[str, typer.Argument(help="Role id, role name or a title as written in text.")],
           day: Annotated[str, typer.Argument(metavar="DATE", help="YYYY-MM-DD")]) -> None:
    """Who held a post on a date.

    Example: lagebild actors at Bundeskanzler 2022-02-15
    """
    from lagebild.actors import query

    try:
        actor = query.holder_at(role, day)
    except ValueError as exc:
        _fail(exc)
        return
    except LagebildError as exc:
        _fail(exc)
        return
    if actor is None:
        typer.echo(terminal_safe(f"no holder of {role!r} on {day} in the knowledge base"), err=True)
        raise typer.Exit(EXIT_SKIPPED)
    typer.echo(_row(actor.name, actor.id, actor.role))
