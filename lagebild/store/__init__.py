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

Bounds (both backends): a search query's repeated terms are merged and more than
``MAX_QUERY_TERMS`` (32) distinct words are refused with a ``QueryError``; a search running
longer than ``search_timeout_s`` (default 10 s) is cancelled with a ``QueryError`` (PostgreSQL:
``statement_timeout``, server-side). Lone surrogates in any text are stored as U+FFFD; any
failure writing a document is a ``StoreError`` naming it. Writing exports: ``store.export``
(``write_export`` refuses to overwrite a store and replaces its output atomically).
"""

from __future__ import annotations

from pathlib import Path

from lagebild.errors import NotFoundError, StoreError
from lagebild.settings import Settings
from lagebild.store.base import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    MAX_QUERY_TERMS,
    ActorSummary,
    EventRow,
    QueryError,
    QuoteRow,
    SearchHit,
    Store,
    normalize_name,
)

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "MAX_QUERY_TERMS",
    "ActorSummary",
    "EventRow",
    "NotFoundError",
    "QueryError",
    "QuoteRow",
    "SearchHit",
    "Store",
    "StoreError",
    "normalize_name",
    "open_store",
    "sqlite_path",
]

PG_SCHEMES = ("postgresql://", "postgres://")


def sqlite_path(url_or_path: str | Path) -> str | None:
    """The file of a SQLite store URL or path (``sqlite:///rel.db`` -> ``rel.db``,
    ``sqlite:////abs.db`` -> ``/abs.db``); None for a PostgreSQL URL. StoreError for other URLs."""
    url = str(url_or_path)
    if url.startswith(PG_SCHEMES):
        return None
    if url.startswith("sqlite://"):
        url = url[len("sqlite://"):]
        url = url[1:] if url.startswith("/") else url
    if "://" in url:
        raise StoreError(f"unknown store URL {url_or_path!r}: use a file path, sqlite:///path or postgresql://...")
    return url or "lagebild.db"


def open_store(url_or_path: str | Path | None = None, *, settings: Settings | None = None,
               readonly: bool = False, create: bool = True, search_timeout_s: float | None = None) -> Store:
    """Open (and migrate) the store at a SQLite path, ``sqlite:///path`` or ``postgresql://...`` URL.

    ``readonly=True`` opens a reader (SQLite: ``mode=ro``, PostgreSQL: read-only transactions)
    that works while another process writes. ``create=False`` (read commands: only ``ingest``
    creates a store) raises ``StoreError("no store at X; run `lagebild ingest … --db X` first")``
    for a missing SQLite file or PostgreSQL schema instead of creating an empty store.
    ``search_timeout_s`` bounds every search (default 10 s; PostgreSQL also ``?search_timeout=``).
    Example: ``open_store("postgresql://postgres@127.0.0.1:5432/test?schema=lagebild")``,
    ``open_store(settings.db, create=False)``.
    """
    if url_or_path is None:
        url_or_path = (settings or Settings.from_env()).db
    path = sqlite_path(url_or_path)
    if path is None:
        from lagebild.store.postgres import PostgresStore

        return PostgresStore(str(url_or_path), readonly=readonly, create=create, search_timeout_s=search_timeout_s)
    from lagebild.store.sqlite import SQLiteStore

    return SQLiteStore(path, readonly=readonly, create=create, search_timeout_s=search_timeout_s)
