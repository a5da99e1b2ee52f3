"""Storage: one interface (``Store``), SQLite (default) and PostgreSQL behind it.

    >>> from lagebild.store import open_store
    >>> with open_store("lagebild.db") as store:            # or "postgresql://user@host/db?schema=x"
    ...     store.add(doc); store.search("Waffenstillstand")

The URL comes from the argument, else ``settings.db`` (env ``LAGEBILD_DB``), else ``./lagebild.db``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import NotFoundError, StoreError
from ..settings import Settings
from .base import HIGHLIGHT_END, HIGHLIGHT_START, ActorSummary, QuoteRow, SearchHit, Store, normalize_name

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "ActorSummary",
    "NotFoundError",
    "QuoteRow",
    "SearchHit",
    "Store",
    "StoreError",
    "normalize_name",
    "open_store",
]


def open_store(url_or_path: str | Path | None = None, *, settings: Settings | None = None,
               readonly: bool = False) -> Store:
    """Open (and migrate) the store at a SQLite path, ``sqlite:///path`` or ``postgresql://...`` URL.

    ``readonly=True`` opens a reader (SQLite: ``mode=ro``, PostgreSQL: read-only transactions)
    that works while another process writes.
    Example: ``open_store("postgresql://postgres@127.0.0.1:5432/test?schema=lagebild")``.
    """
    if url_or_path is None:
        url_or_path = (settings or Settings.from_env()).db
    url = str(url_or_path)
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    if url.startswith("sqlite://"):
        url = url[len("sqlite://"):]
        # sqlite:///relative.db -> relative.db, sqlite:////abs/path.db -> /abs/path.db
        url = url[1:] if url.startswith("/") else url
    if "://" in url:
        raise StoreError(f"unknown store URL {url_or_path!r}: use a file path, sqlite:///path or postgresql://...")
    from .sqlite import SQLiteStore

    return SQLiteStore(url or "lagebild.db", readonly=readonly)
