"""The API's store connections: read-only readers in a small pool, a writer opened per write.

Reads go through connections that cannot write (SQLite ``mode=ro``; PostgreSQL
``default_transaction_read_only``), so no read request can change the store whatever it sends.
A write (ingest, delete) opens its own read-write connection, one write at a time.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from lagebild.errors import StoreError
from lagebild.store import Store, open_store, sqlite_path

READERS = 4  # read-only connections; requests beyond wait for one (SQLite readers never block each other)


class Stores:
    """``stores.reader()`` / ``stores.writer()`` as context managers."""

    def __init__(self, url: str, readers: int = READERS) -> None:
        self.url = url
        if sqlite_path(url) == ":memory:":
            raise StoreError("the API cannot serve an in-memory SQLite store; give a file (--db PATH)")
        self._pool: queue.Queue[Store] = queue.Queue()
        self._all: list[Store] = []
        first = self._first_reader()
        for i in range(max(1, readers)):
            store = first if i == 0 else open_store(url, readonly=True, create=False)
            self._all.append(store)
            self._pool.put(store)
        self._write_lock = threading.Lock()

    def _first_reader(self) -> Store:
        """A reader; a store from an older version (readers refuse one that needs migrations) is
        migrated first by a writer, once."""
        try:
            return open_store(self.url, readonly=True, create=False)
        except StoreError as exc:
            if "needs migrations" not in str(exc):
                raise
        open_store(self.url, create=False).close()
        return open_store(self.url, readonly=True, create=False)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        store = self._pool.get()
        try:
            yield store
        finally:
            self._pool.put(store)

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self._write_lock, open_store(self.url, create=False) as store:
            yield store

    def close(self) -> None:
        for store in self._all:
            store.close()
