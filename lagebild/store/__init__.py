"""Storage: one interface (``Store``), SQLite (default) and PostgreSQL behind it.

    >>> from lagebild.store import open_store
    >>> with open_store("lagebild.db") as store:            # or "postgresql://user@host/db?schema=x"
    ...     store.add(doc); store.search("Waffenstillstand")

The URL comes from the argument, else ``settings.db`` (env ``LAGEBILD_DB``), else ``./lagebild.db``.

Both backends pass one test suite (``tests/test_store_*.py``). Where they differ:

- Full text. PostgreSQL stems the index with the Snowball configuration of each document's
  language (german / english / simple) and parses queries with ``websearch_to_tsquery``.
  SQLite's FTS5 (``unicode61``, diacritics removed) has no stemmer: a query word matches itself
  or any word starting with its German or English Snowball stem, so it also finds compounds
  ("Krieg" finds "Kriegsende") where PostgreSQL does not. Neither joins verb and noun
  ("verhandeln" does not find "Verhandlungen"). Phrases, ``OR`` and ``-word`` work in both.
- Writers. SQLite (WAL) has one writer at a time, others wait up to 30 s; readers never block.
  PostgreSQL takes parallel writers.
"""

from __future__ import annotations

from pathlib import Path

from lagebild.errors import NotFoundError, StoreError
from lagebild.settings import Settings
from lagebild.store.base import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    ActorSummary,
    QuoteRow,
    SearchHit,
    Store,
    normalize_name,
)

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
        from lagebild.store.postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    if url.startswith("sqlite://"):
        url = url[len("sqlite://"):]
        # sqlite:///relative.db -> relative.db, sqlite:////abs/path.db -> /abs/path.db
        url = url[1:] if url.startswith("/") else url
    if "://" in url:
        raise StoreError(f"unknown store URL {url_or_path!r}: use a file path, sqlite:///path or postgresql://...")
    from lagebild.store.sqlite import SQLiteStore

    return SQLiteStore(url or "lagebild.db", readonly=readonly)
