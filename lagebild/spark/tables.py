"""The Parquet tables ``lagebild batch`` writes, and how an analysed document becomes their rows.

One schema with the store: the documents row and the index rows come from the store's own
``document_row`` / ``index_rows`` (``lagebild/store/base.py``), so a table loaded with
``lagebild load`` holds exactly what ``lagebild ingest`` would have written. On top of the store's
columns every index row has a ``row_id`` (16 hex of a SHA-256 over the table and the row: stable
across runs and engines), the documents row its ``pipeline_version`` (see ``version.py``), and two
tables exist only in Parquet: ``mentions`` (every actor mention, for analytics) and ``errors``
(an input that could not be read or a document whose analysis failed, with the reason).

Table names follow the issue; ``actors`` is the store's ``doc_actors``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from lagebild.analyze import AnalysisFailure
from lagebild.document import Document
from lagebild.ingest.dedup import word_hash as dedup_word_hash
from lagebild.store.base import DOCUMENT_COLUMNS, document_row, index_rows, record_json

STRING, INT, FLOAT, BOOL, BYTES = "string", "int", "float", "bool", "bytes"

# table -> ((column, type), ...). The store's columns first, in the store's order.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    # after the store's columns: the version that analysed it (``versions``: its parts, JSON: the
    # pipeline, lexicon, model and knowledge-base versions; every annotation row of the document
    # was made by them), where it was read (input unit,
    # position in it: the order `lagebild load` settles near duplicates in, as `ingest` does) and
    # the keys of the duplicate check (the word hash, the MinHash of the text as read)
    "documents": (*((c, STRING) for c in DOCUMENT_COLUMNS), ("pipeline_version", STRING), ("versions", STRING), ("read_unit", INT),
                  ("read_position", INT), ("word_hash", STRING), ("minhash", BYTES)),
    "mentions": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
                 ("text", STRING), ("actor_id", STRING), ("kind", STRING), ("role", STRING),
                 ("component", STRING), ("rule", STRING), ("confidence", FLOAT)),
    "actors": (("row_id", STRING), ("doc_id", STRING), ("actor_id", STRING), ("name", STRING), ("type", STRING),
               ("mentions", INT)),
    "actor_names": (("row_id", STRING), ("doc_id", STRING), ("actor_id", STRING), ("name_norm", STRING)),
    "timexes": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
                ("text", STRING), ("type", STRING), ("value", STRING)),
    "quotes": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
               ("text", STRING), ("kind", STRING), ("speaker_id", STRING), ("speaker_name", STRING),
               ("quote_date", STRING), ("cue", STRING)),
    "figures": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
                ("text", STRING), ("value", FLOAT), ("unit", STRING), ("approximate", BOOL)),
    "events": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
               ("type", STRING), ("mode", STRING), ("source_id", STRING), ("target_id", STRING),
               ("event_date", STRING), ("location", STRING), ("modality", STRING)),
    "stances": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
                ("actor_id", STRING), ("issue", STRING), ("polarity", STRING), ("stance_date", STRING)),
    "commitments": (("row_id", STRING), ("doc_id", STRING), ("idx", INT), ("start_char", INT), ("end_char", INT),
                    ("kind", STRING), ("actor_id", STRING), ("content", STRING), ("deadline", STRING),
                    ("status", STRING)),
    "errors": (("row_id", STRING), ("doc_id", STRING), ("input", STRING), ("source", STRING), ("stage", STRING),
               ("reason", STRING), ("pipeline_version", STRING)),
}
# Parquet table -> the store table it loads into (the others are Parquet only)
STORE_TABLES = {"documents": "documents", "actors": "doc_actors", "actor_names": "actor_names",
                "timexes": "timexes", "quotes": "quotes", "figures": "figures", "events": "events",
                "stances": "stances", "commitments": "commitments"}
_FROM_STORE = {store: parquet for parquet, store in STORE_TABLES.items()}

Row = tuple[Any, ...]


class Stamp(NamedTuple):
    """What a run writes on each document row: when, and the versions that analysed it."""

    ingested_at: str
    versions: str = "{}"  # JSON of version.version_parts


def word_hash(text: str) -> str:
    """The key under which the duplicate check finds a copy with other spacing or punctuation
    (``Deduplicator``'s, so that `lagebild load` finds what `ingest` finds)."""
    return dedup_word_hash(text)


def columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _type in TABLES[table])


def row_id(table: str, values: Row) -> str:
    """A stable id of an index row: the same row (table, document, position, content) gets the
    same id in every run and from every engine."""
    raw = json.dumps([table, *values], ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_CASTS = {INT: int, FLOAT: float, BOOL: bool, BYTES: bytes}


def typed(table: str, values: Row) -> Row:
    """``values`` with each number/flag in its column's type (a whole-number figure value a float),
    so that Spark's schema check and pyarrow take the same row."""
    kinds = TABLES[table]
    return tuple(v if v is None or kinds[i][1] == STRING else _CASTS[kinds[i][1]](v) for i, v in enumerate(values))


def _with_id(table: str, values: Row) -> Row:
    return typed(table, (row_id(table, values), *values))


def document_tables(doc: Document, version: str, stamp: Stamp, order: tuple[int, int] = (0, 0),
                    signature: bytes | None = None) -> Iterator[tuple[str, Row]]:
    """Every row of an analysed document as (table, row); ``order``: (input unit, position in it),
    ``signature``: the MinHash of its text as read. Raises ``StoreError`` when its record does not
    serialise (the caller makes that the document's error)."""
    published = doc.meta.published.isoformat() if doc.meta.published else None
    row = document_row(doc, record_json(doc), published, stamp.ingested_at)
    keys = (version, stamp.versions, order[0], order[1], word_hash(doc.text), signature)
    rows: list[tuple[str, Row]] = [("documents", typed("documents", (*row, *keys)))]
    for store_table, (_cols, index) in index_rows(doc).items():
        table = _FROM_STORE.get(store_table)
        if table is not None:
            rows += [(table, _with_id(table, r)) for r in index]
    for i, m in enumerate(doc.mentions):
        values = (doc.id, i, m.start, m.end, m.text, m.actor, m.kind, m.role, m.component, m.rule,
                  float(m.confidence))
        rows.append(("mentions", _with_id("mentions", values)))
    yield from rows


def error_row(doc_id: str | None, input_name: str, source: str, stage: str, reason: str, version: str) -> Row:
    values = (doc_id, input_name, source, stage, reason, version)
    return _with_id("errors", values)


def failure_row(failure: AnalysisFailure, input_name: str, version: str) -> Row:
    return error_row(failure.doc_id, input_name, failure.source, failure.component, failure.error, version)
