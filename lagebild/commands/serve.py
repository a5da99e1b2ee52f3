"""``lagebild serve``: the REST API and the web UI over a store (a thin wrapper over
:func:`lagebild.serve.serve`, imported when the command runs)."""

from __future__ import annotations

from typing import Annotated

import typer

from lagebild.settings import Settings


def serve(
    db: Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, or "
                                                        "$LAGEBILD_DB) or postgresql://… URL.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; other machines also need "
                                           "$LAGEBILD_API_TOKEN to read.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8080,
    rate_limit: Annotated[float, typer.Option("--rate-limit", min=0, help="API requests a second per client "
                                                                          "(0 = no limit).")] = 50.0,
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /openapi.json) and the web UI (/) over a store.

    Reads are open on this machine; writes (POST /api/v1/documents, DELETE) need the token in
    $LAGEBILD_API_TOKEN, sent as `Authorization: Bearer <token>`.

    Example: lagebild serve --db demo.db --port 8080
    """
    from lagebild.serve import serve as run

    settings = Settings.from_env(db=db)
    run(settings.db, host=host, port=port, rate=rate_limit, settings=settings,
        announce=lambda line: typer.echo(line, err=True))
