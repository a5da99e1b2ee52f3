"""``lagebild load OUTPUT --db …``: the Parquet tables of ``lagebild batch`` into a store."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from lagebild.settings import Settings


def load(
    folder: Annotated[str, typer.Argument(help="The OUTPUT folder of `lagebild batch`.")],
    db: Annotated[str | None, typer.Option("--db", help="Store: a SQLite path (default ./lagebild.db, or "
                                                        "$LAGEBILD_DB) or postgresql://… URL.")] = None,
    policy: Annotated[str | None, typer.Option(
        help="Duplicate policy, as for ingest: skip | keep | link (default link).")] = None,
) -> None:
    """Bulk-load the tables of `lagebild batch` into a store (COPY on PostgreSQL), then check for
    duplicates as `lagebild ingest` does, in the order the articles were read. Loading the same
    tables again gives the same rows; a document analysed again replaces its old rows.

    Example: lagebild load out --db postgresql://postgres@127.0.0.1:5432/test
    """
    from lagebild.spark import load_tables
    from lagebild.store import open_store

    settings = Settings.from_env(db=db)
    with open_store(settings.db, create=True) as store:
        report = load_tables(folder, store, settings=settings, policy=policy)
    sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
