"""Bulk writes for ``lagebild load``: replace documents and write their rows as given, in one
transaction. PostgreSQL gets the rows through ``COPY ... FROM STDIN`` (psycopg's copy), SQLite
through ``executemany``. The rows are the store's own (``document_row``/``index_rows`` in
``base.py``), built elsewhere (the Parquet tables of ``lagebild batch``).

Idempotent: ``delete_documents`` first removes every document about to be written (its index rows,
full text and signature go with it), so loading the same tables twice leaves the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from lagebild.document import Document
from lagebild.errors import StoreError
from lagebild.ingest.dedup import DuplicateMatch, apply_policy
from lagebild.store.base import DOC_TABLES, Store, record_json, scrub_params

_CHUNK = 500  # ids per DELETE ... IN (...)


def delete_documents(store: Store, doc_ids: Sequence[str]) -> None:
    """Remove these documents (and everything hanging on them) if stored; inside a transaction."""
    for i in range(0, len(doc_ids), _CHUNK):
        chunk = list(doc_ids[i : i + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for table in (*DOC_TABLES, "minhash"):
            store._query(f"DELETE FROM {table} WHERE doc_id IN ({marks})", chunk)
        if store.backend == "sqlite":
            store._query(f"DELETE FROM documents_fts WHERE doc_id IN ({marks})", chunk)
        store._query(f"DELETE FROM documents WHERE id IN ({marks})", chunk)


def write_rows(store: Store, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Append ``rows`` to ``table``: COPY on PostgreSQL, executemany on SQLite. Returns the count."""
    from lagebild.store.postgres import PostgresStore

    if isinstance(store, PostgresStore):
        import psycopg
        from psycopg import sql as pgsql

        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(table), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in columns))
        n = 0
        try:
            with store._lock, store._conn.cursor() as cur, cur.copy(statement) as copy:
                for row in rows:
                    copy.write_row(scrub_params(row))
                    n += 1
        except psycopg.Error as exc:
            raise StoreError(f"{store.url}: cannot load the {table} rows: {str(exc).strip()}") from exc
        return n
    batch = [tuple(row) for row in rows]
    marks = ", ".join("?" for _ in columns)
    store._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)
    return len(batch)


def index_fulltext(store: Store, records: Iterable[str]) -> None:
    """Full-text entries of newly written documents, from their stored records (JSON)."""
    for record in records:
        store._index_fulltext(Document.from_record(json.loads(record)))


def mark_duplicate(store: Store, doc_id: str, match: DuplicateMatch) -> None:
    """What ``ingest`` stores for a near (or word-for-word) copy under the ``link`` policy: the
    copy's record marked (``apply_policy``: ``duplicate_of``, its flag, ``also_published_as``),
    the link row, the original listing the copy."""
    record = store._record(doc_id)
    if record is None:
        return
    doc = Document.from_record(record)
    apply_policy(doc, match, "link")
    store._query("UPDATE documents SET duplicate_of = ?, record = ? WHERE id = ?",
                 (doc.meta.duplicate_of, record_json(doc), doc_id))
    store.link_duplicate(doc_id, str(match.of), str(match.kind))
