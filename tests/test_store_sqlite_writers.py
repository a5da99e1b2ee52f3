"""SQLite allows one writer: a second one waits, then fails with a message that says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import StoreError
from lagebild.store import open_store
from lagebild.store.sqlite import SQLiteStore
from lagebild.store.testing import sample_documents


def test_store_sqlite_second_writer_gets_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "one.db"
    docs = sample_documents()
    with open_store(str(path)) as first, SQLiteStore(path, timeout=0.05) as second:
        with first.transaction():
            first.add(docs[0])
            with pytest.raises(StoreError, match="one writer at a time"):
                second.add(docs[1])
        assert second.add(docs[1]) is True  # the lock is free again
        assert first.count() == 2


def test_store_sqlite_uses_wal(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        assert store._query("PRAGMA journal_mode") == [("wal",)]
