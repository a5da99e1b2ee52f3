"""``lagebild load OUTPUT --db …``: the Parquet tables of ``lagebild batch`` into a store, in bulk.

One transaction: the documents of the tables are removed from the store if there (so a second
load of the same tables gives the same rows, and a document analysed again replaces its old
rows), then every table is written (COPY on PostgreSQL, executemany on SQLite; see
``lagebild.store.bulk``), then the full-text index of the new documents. Parquet files are read
one at a time, in batches, so memory stays bounded by a file's row group, not the corpus.

Then the duplicate check of ``lagebild ingest``, in the order the documents were read (the
``read_unit``/``read_position`` columns), from the MinHash signatures and word hashes the
executors computed: a near or word-for-word copy of a document stored or loaded before it is
marked and linked (policy ``link``, the default), removed (``skip``) or kept (``keep``); the
signatures are stored for later runs. So the store, and the cross-document picture computed from
it (merged events, the commitments ledger, the stance matrix), is the one ``ingest`` gives. This
pass is sequential and holds one signature per document (~0.5 KB) in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.ingest.dedup import POLICIES, Deduplicator, DuplicateMatch
from lagebild.settings import Settings
from lagebild.spark.output import parquet_files, require_pyarrow
from lagebild.spark.tables import STORE_TABLES, columns
from lagebild.store import bulk
from lagebild.store.base import DOCUMENT_COLUMNS, Store, index_rows

log = logging.getLogger(__name__)

BATCH_ROWS = 5_000


@dataclass
class LoadReport:
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: int = 0  # rows of the errors table (not loaded: listed by `lagebild batch`)
    duplicates: int = 0  # documents found to copy one read or stored before (policy applied)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "rows": dict(self.rows), "errors": self.errors,
                "duplicates": self.duplicates}


def _batches(folder: Path, table: str, cols: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    import pyarrow.parquet as pq

    for path in parquet_files(folder / table):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=cols):
            data = batch.to_pydict()
            yield list(zip(*(data[c] for c in cols), strict=True))


def _store_columns(table: str) -> list[str]:
    """The columns of Parquet ``table`` that the store's table has (all but row_id and the extras)."""
    if table == "documents":
        return list(DOCUMENT_COLUMNS)
    store_table = STORE_TABLES[table]
    from lagebild.document import Document

    store_cols = index_rows(Document(text="x"))[store_table][0]
    missing = [c for c in store_cols if c not in columns(table)]
    if missing:
        raise ConfigError(f"the Parquet table {table} lacks the store columns {missing}")
    return list(store_cols)


def load_tables(folder: str | Path, store: Store, *, settings: Settings | None = None,
                policy: str | None = None) -> LoadReport:
    """Load the tables under ``folder`` into ``store`` (see the module docstring); ``policy``:
    the duplicate policy (skip | keep | link; default ``settings.duplicate_policy``). Example:
    ``with open_store("x.db") as s: load_tables("out", s)``."""
    require_pyarrow()
    settings = settings or Settings.from_env()
    policy = policy or settings.duplicate_policy
    if policy not in POLICIES:
        raise ConfigError(f"unknown duplicate policy {policy!r}; use one of {', '.join(POLICIES)}")
    root = Path(folder)
    if not parquet_files(root / "documents"):
        raise ConfigError(f"{root} has no documents table (no {root / 'documents'}/*.parquet); give the OUTPUT "
                          f"folder of `lagebild batch`")
    report = LoadReport()
    doc_cols = _store_columns("documents")
    record_at = doc_cols.index("record")
    with store.transaction():
        for rows in _batches(root, "documents", doc_cols):
            bulk.delete_documents(store, [r[0] for r in rows])
            report.documents += bulk.write_rows(store, "documents", doc_cols, rows)
            bulk.index_fulltext(store, (r[record_at] for r in rows))
        report.rows["documents"] = report.documents
        for table, store_table in STORE_TABLES.items():
            if table == "documents":
                continue
            cols = _store_columns(table)
            n = 0
            for rows in _batches(root, table, cols):
                n += bulk.write_rows(store, store_table, cols, rows)
            report.rows[store_table] = n
        _settle_duplicates(root, store, settings, policy, report)
    for path in parquet_files(root / "errors"):
        import pyarrow.parquet as pq

        report.errors += pq.ParquetFile(path).metadata.num_rows
    log.info("loaded %d documents from %s into %s", report.documents, root, store.url)
    return report


def _in_reading_order(root: Path) -> list[dict[str, Any]]:
    """id, word hash and MinHash of every document of the tables, in the order the run read them
    (run by run: ``ingested_at``; then input unit, position)."""
    from lagebild.spark.output import read_table

    keys = read_table(root, "documents", ["id", "ingested_at", "read_unit", "read_position", "word_hash", "minhash"])
    keys = keys.sort_by([("ingested_at", "ascending"), ("read_unit", "ascending"), ("read_position", "ascending")])
    rows: list[dict[str, Any]] = keys.to_pylist()
    return rows


def _settle_duplicates(root: Path, store: Store, settings: Settings, policy: str, report: LoadReport) -> None:
    """The duplicate check ``ingest`` makes, in the order the documents were read: against the
    documents stored before (their MinHash signatures) and those loaded before in this order. A
    copy is marked and linked (``link``), removed (``skip``) or kept as it is (``keep``); every
    document kept gets its signature stored for later runs."""
    dedup = Deduplicator(settings.near_duplicate_threshold, num_perm=settings.dedup.minhash_num_perm)
    for doc_id, signature in store.signatures():
        dedup.add(doc_id, "", signature=signature)
    by_words: dict[str, str] = {}  # word hash -> the first document loaded with it
    signatures: list[tuple[str, bytes]] = []
    for doc in _in_reading_order(root):
        doc_id, words, signature = doc["id"], doc["word_hash"], doc["minhash"]
        match = DuplicateMatch("exact", by_words[words], 1.0) if words in by_words else None
        if match is None and signature is not None:
            match = dedup.check(doc_id, "", signature)
        if match is not None:
            report.duplicates += 1
            if policy == "skip":
                bulk.delete_documents(store, [doc_id])
                report.documents -= 1
                continue
            if policy == "link":
                bulk.mark_duplicate(store, doc_id, match)
        if words:
            by_words.setdefault(words, doc_id)
        if signature is not None:
            dedup.add(doc_id, "", signature=signature)
            signatures.append((doc_id, signature))
    bulk.write_rows(store, "minhash", ("doc_id", "signature"), signatures)
