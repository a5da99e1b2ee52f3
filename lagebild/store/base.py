"""The storage interface and the logic both backends share.

A stored document is its lossless record (``Document.to_record()`` as JSON) plus index rows
(actors and their names, quotes, timexes, figures, full text) that cross-document queries
use. Index rows are derived from the record, so a later layer only needs a new migration
and one more ``index_rows`` entry.

SQL here uses ``?`` placeholders; the PostgreSQL backend rewrites them to ``%s``.
Backends implement connection handling, transactions, migrations and full-text search.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from lagebild.document import Document, json_default
from lagebild.errors import NotFoundError, StoreError

log = logging.getLogger(__name__)

__all__ = ["ActorSummary", "EventRow", "QuoteRow", "SearchHit", "Store", "normalize_name"]

# search snippets mark the matched words with these (the CLI/web UI restyle them)
HIGHLIGHT_START = "<mark>"
HIGHLIGHT_END = "</mark>"

# tables holding index rows of one document (deleted and rebuilt together)
DOC_TABLES = ("doc_actors", "actor_names", "quotes", "timexes", "figures", "events", "stances", "commitments")

_ID_CHUNK = 200  # documents fetched per query while iterating

# Search bounds. Measured before they existed (43 short documents, 2 cores): "Putin " * 200 took
# 14 s on SQLite and 49 s on PostgreSQL, growing faster than linearly in the terms. Repeated
# terms are now merged first, so only distinct words count; 32 of them take 0.01-0.05 s there.
# The worst case seen with 32 (20 texts of 250 KB repeating all 32 words, every word required):
# SQLite 1.4 s, PostgreSQL over 10 s (ts_headline/ts_rank_cd grow with terms x positions) and is
# cancelled by the timeout with a QueryError.
MAX_QUERY_TERMS = 32
SEARCH_TIMEOUT_S = 10.0  # a search running longer is cancelled (PostgreSQL: server-side)


class QueryError(StoreError):
    """A search query is refused (too many words) or was cancelled (ran past the search timeout)."""


# letters NFKD does not decompose into base + accent
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th"})


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Case- and accent-folded name for matching: ``"Sergej Lawrow"`` -> ``"sergej lawrow"``.
    Cached: the same actor names recur in every document a store takes."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"\w+", stripped.casefold())
    return " ".join(words)


def _clean(value: Any) -> str | None:
    """A text index column's value: a string without NUL (PostgreSQL rejects it), or None.
    The record keeps the original."""
    if value is None:
        return None
    return (value if isinstance(value, str) else str(value)).replace("\x00", " ")


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value: Any) -> Any:
    """``value`` with each lone surrogate replaced by U+FFFD (same length, so offsets hold); other
    values unchanged. No driver can encode a surrogate as UTF-8, and the store never fails on one
    (ingest should have replaced them already)."""
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            log.warning("replacing lone surrogates in a value written to the store: %r", value[:80])
            return _SURROGATE.sub("\ufffd", value)
    return value


def scrub_params(params: Sequence[Any]) -> Sequence[Any]:
    """``params`` with ``scrub`` applied to each, or ``params`` itself when no text in them holds a
    lone surrogate (the common case, tested in one pass)."""
    return params if _encodable(params) else tuple(scrub(p) for p in params)


def scrub_rows(rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """``scrub_params`` of every row: ``rows`` themselves when none holds a lone surrogate. One
    encoding of all their texts decides that; scrubbing value by value was a fifth of the CPU time
    of the process that writes the store during ``lagebild ingest --workers N``."""
    return rows if _encodable([p for row in rows for p in row]) else [scrub_params(row) for row in rows]


def _encodable(values: Sequence[Any]) -> bool:
    """Whether every text among ``values`` encodes as UTF-8 (holds no lone surrogate). Texts are
    joined first: two surrogates side by side stay two unencodable characters in Python."""
    try:
        "".join([v for v in values if isinstance(v, str)]).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w+")


def _term_key(term: str) -> tuple[str, tuple[str, ...]]:
    """What a query term searches for: (kind, case-folded words); kind is phrase, prefix or word."""
    body = term.lstrip("-")
    kind = "phrase" if body.startswith('"') else "prefix" if body.endswith("*") else "word"
    return kind, tuple(w.casefold() for w in _WORD.findall(body))


def _tidy_term(term: str) -> str:
    """A phrase closed (an open quote would swallow what follows); a word with a quote inside
    (``x"y``) a phrase of its words."""
    neg = "-" if term.startswith("-") else ""
    body = term[1:] if neg else term
    if body.startswith('"'):
        return neg + '"' + body.strip('"') + '"'
    if '"' in body:  # x"y: a phrase of its words, as FTS5 reads a token of several words
        return neg + '"' + " ".join(_WORD.findall(body)) + '"'
    return term


def bound_query(query: str, max_words: int = MAX_QUERY_TERMS) -> str:
    """The search query with repeated terms merged, in the web-search syntax both backends read
    (``a b``, ``"a b"``, ``a OR b``, ``-a``, ``pre*``); terms without a word are dropped.
    ``"Putin " * 1700`` -> ``"Putin"``. Raises ``QueryError`` when more than ``max_words`` distinct
    words remain (each word of a phrase counts), rather than run a query that grows
    super-linearly with its terms. Example: ``bound_query("a OR b b OR a -x -x")`` -> ``"a OR b -x"``."""
    groups: list[list[str]] = []  # AND of groups, each an OR of terms
    negated: list[str] = []
    pending_or = False
    for raw in _TOKEN.findall(query.replace("\x00", " ")):
        if raw == "OR":
            pending_or = bool(groups)
            continue
        if not _WORD.search(raw):
            continue
        term = _tidy_term(raw)
        if term.startswith("-"):
            negated.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    kept_groups: dict[frozenset[tuple[str, tuple[str, ...]]], str] = {}
    for group in groups:
        alts = {_term_key(t): t for t in reversed(group)}  # the first spelling of a term wins
        ordered = sorted(alts.items(), key=lambda kv: group.index(kv[1]))
        kept_groups.setdefault(frozenset(alts), " OR ".join(t for _, t in ordered))
    kept_negated = {_term_key(t): t for t in reversed(negated)}
    keys = [k for g in kept_groups for k in g] + list(kept_negated)
    n_words = sum(len(words) for _, words in keys)
    if n_words > max_words:
        raise QueryError(f"the query has {n_words} distinct words (a phrase counts each of its words); "
                         f"Lagebild searches at most {max_words}: use fewer words")
    if not kept_groups:
        return ""  # nothing to find (only exclusions match nothing, on both backends)
    negated_out = sorted(kept_negated.values(), key=negated.index)
    return " ".join([*kept_groups.values(), *negated_out])


def search_timeout_message(query: str, seconds: float) -> str:
    shown = query if len(query) <= 60 else query[:57] + "..."
    return (f"the search {shown!r} was cancelled after {seconds:g} s; use fewer or more specific words "
            f"(the limit is the store's search timeout, `search_timeout_s`)")


def _date_range(where: list[str], params: list[Any], column: str, date_from: date | None,
                date_to: date | None) -> None:
    """Conditions on a stored ISO date text ``column``: a date like 2022-02-15 or a month 2022-02
    sorts before "2022-02-15~", so a month counts as within --to 2022-02-28."""
    if date_from is not None:
        where.append(f"{column} >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append(f"{column} <= ?")
        params.append(date_to.isoformat() + "~")


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# the columns of the documents table a writer fills (ts_config/body/tsv are the full-text index's)
DOCUMENT_COLUMNS = ("id", "export_id", "title", "url", "language", "published", "author", "outlet", "genre",
                    "source", "duplicate_of", "ingested_at", "record")


IndexRows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]


@dataclass(frozen=True)
class PreparedRecord:
    """What a store writes of a document besides its head (id, text, metadata): its layers as JSON
    and its index rows. Built where the document was analysed (``prepare_record`` in a worker of
    ``lagebild ingest --workers N``), so that the single writer only adds the head, and the document
    can travel to it without its layers (``Document.head_only``)."""

    layers_json: str
    index: IndexRows


def prepare_record(doc: Document) -> PreparedRecord | None:
    """The layers of ``doc`` serialised and its index rows; None when a layer value does not
    serialise (the writer then serialises the whole document and reports the error for it)."""
    try:
        layers = json.dumps(doc.record_layers(), ensure_ascii=False, default=json_default)
    except (ValueError, TypeError, RecursionError):
        return None
    return PreparedRecord(layers, index_rows(doc)) if layers.startswith("{") and layers != "{}" else None


def record_json(doc: Document, prepared: PreparedRecord | None = None) -> str:
    """The stored record of ``doc`` as JSON text; a StoreError when a layer value does not serialise.
    With ``prepared``, its layers are taken as they are and only the head (id, text, metadata: what
    the writer may still change, e.g. ``duplicate_of``) is serialised here."""
    try:
        if prepared is not None:
            head = json.dumps(doc.record_head(), ensure_ascii=False, default=json_default)
            return head[:-1] + ", " + prepared.layers_json[1:]
        return json.dumps(doc.to_record(), ensure_ascii=False, default=json_default)
    except (ValueError, TypeError, RecursionError) as exc:  # a circular or unserialisable layer value
        raise StoreError(f"its record is not serialisable as JSON: {exc}") from exc


def document_row(doc: Document, record: str, published: Any, ingested_at: Any) -> tuple[Any, ...]:
    """The documents row of ``doc`` in ``DOCUMENT_COLUMNS`` order (``published``/``ingested_at`` as
    the backend or file format takes them)."""
    m = doc.meta
    return (doc.id, _clean(doc.export_id), _clean(m.title), _clean(m.url), _clean(m.language), published,
            _clean(m.author), _clean(m.outlet), _clean(m.genre), _clean(m.source), _clean(m.duplicate_of),
            ingested_at, record)


def index_rows(doc: Document) -> IndexRows:
    """The index rows of ``doc`` per table: (columns, rows). What ``Store.add`` writes and what
    ``lagebild batch`` writes to Parquet (one function, so the two cannot drift)."""
    counts: dict[str, int] = {}
    for mention in doc.mentions:
        if mention.actor:
            counts[mention.actor] = counts.get(mention.actor, 0) + 1
    # keyed by the cleaned id: ids differing only in NUL must not break the primary key
    actors = list({_clean(a.id): (doc.id, _clean(a.id), _clean(a.name) or _clean(a.id), _clean(a.type),
                                  counts.get(a.id, 0)) for a in doc.actors.values()}.values())
    names: set[tuple[str, str, str]] = set()
    for a in doc.actors.values():
        for name in (a.id, a.name, *a.aliases):
            norm = normalize_name(name.replace("_", " ")) if name else ""
            if norm:
                names.add((doc.id, _clean(a.id) or "", norm))
    published = doc.meta.published.isoformat() if doc.meta.published else None
    quotes = [(doc.id, i, q.start, q.end, _clean(q.text) or "", _clean(q.kind), _clean(q.speaker),
               _clean(doc.actor_name(q.speaker)), _clean(q.date) or published, _clean(q.cue))
              for i, q in enumerate(doc.quotes)]
    timexes = [(doc.id, i, t.start, t.end, _clean(t.text) or "", _clean(t.type), _clean(t.value))
               for i, t in enumerate(doc.timexes)]
    figures = [(doc.id, i, f.start, f.end, _clean(f.text) or "", f.value, _clean(f.unit), bool(f.approximate))
               for i, f in enumerate(doc.figures)]
    events = [(doc.id, i, e.start, e.end, _clean(e.type) or "", _clean(e.mode), _clean(e.source), _clean(e.target),
               _clean(e.date), _clean(e.location), _clean(e.modality)) for i, e in enumerate(doc.events)]
    stances = [(doc.id, i, s.start, s.end, _clean(s.actor), _clean(s.issue) or "", _clean(s.polarity) or "",
                _clean(s.date)) for i, s in enumerate(doc.stances)]
    commitments = [(doc.id, i, c.start, c.end, _clean(c.kind) or "", _clean(c.actor), _clean(c.content),
                    _clean(c.deadline), _clean(c.status)) for i, c in enumerate(doc.commitments)]
    return {
        "doc_actors": (("doc_id", "actor_id", "name", "type", "mentions"), actors),
        "actor_names": (("doc_id", "actor_id", "name_norm"), sorted(names)),
        "quotes": (("doc_id", "idx", "start_char", "end_char", "text", "kind", "speaker_id",
                    "speaker_name", "quote_date", "cue"), quotes),
        "timexes": (("doc_id", "idx", "start_char", "end_char", "text", "type", "value"), timexes),
        "figures": (("doc_id", "idx", "start_char", "end_char", "text", "value", "unit", "approximate"),
                    figures),
        "events": (("doc_id", "idx", "start_char", "end_char", "type", "mode", "source_id", "target_id",
                    "event_date", "location", "modality"), events),
        "stances": (("doc_id", "idx", "start_char", "end_char", "actor_id", "issue", "polarity", "stance_date"),
                    stances),
        "commitments": (("doc_id", "idx", "start_char", "end_char", "kind", "actor_id", "content", "deadline",
                         "status"), commitments),
    }


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    export_id: str
    title: str | None
    published: date | None
    language: str | None
    snippet: str  # matched words wrapped in HIGHLIGHT_START / HIGHLIGHT_END
    score: float  # higher is better; comparable within one result list only

    def as_dict(self) -> dict[str, Any]:
        return _as_dict(self)

    def rich_snippet(self, style: str = "bold yellow") -> Any:
        """The snippet as ``rich.text.Text`` with the matches styled (no markup parsing)."""
        from rich.text import Text

        text = Text()
        for i, part in enumerate(re.split(f"{re.escape(HIGHLIGHT_START)}|{re.escape(HIGHLIGHT_END)}", self.snippet)):
            text.append(part, style=style if i % 2 else "")
        return text


@dataclass(frozen=True, slots=True)
class QuoteRow:
    doc_id: str
    export_id: str
    start: int
    end: int
    text: str
    kind: str | None
    speaker_id: str | None
    speaker_name: str | None
    date: str | None  # the quote's date if known, else the document's publication date
    cue: str | None
    title: str | None

    def as_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event (``Store.events``): PLOVER type and mode, source and target (actor ids and
    their names in that document), date, location, modality and the evidence span."""

    doc_id: str
    export_id: str
    start: int
    end: int
    type: str
    mode: str | None
    source_id: str | None
    source_name: str | None
    target_id: str | None
    target_name: str | None
    date: str | None
    location: str | None
    modality: str | None
    text: str
    title: str | None

    def as_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True)
class ActorSummary:
    actor_id: str
    name: str
    type: str | None
    documents: int
    mentions: int

    def as_dict(self) -> dict[str, Any]:
        return _as_dict(self)


def _as_dict(obj: Any) -> dict[str, Any]:
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        out[f.name] = value.isoformat() if isinstance(value, date) else value
    return out


class Store(ABC):
    """One storage interface; ``SQLiteStore`` and ``PostgresStore`` implement it.

    Writes are transactional: ``add_many`` lands fully or not at all, and ``transaction()``
    groups several calls. Adding a document whose content id is stored already is harmless
    (returns False, nothing is duplicated).
    """

    backend: str = ""
    url: str = ""
    readonly: bool = False
    search_timeout_s: float = SEARCH_TIMEOUT_S  # a longer search is cancelled (QueryError)

    def __init__(self, search_timeout_s: float | None = None) -> None:
        if search_timeout_s is not None:
            if not search_timeout_s > 0:
                raise StoreError(f"the search timeout must be a number of seconds above 0, not {search_timeout_s!r}")
            self.search_timeout_s = float(search_timeout_s)
        self._tx_depth = 0
        # one connection per store: a thread holds it for a whole transaction (web API threads)
        self._lock = threading.RLock()

    # -- backend hooks ---------------------------------------------------------------------
    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement with ``?`` placeholders and return all rows (empty for writes)."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def _index_fulltext(self, doc: Document) -> None:
        """Write the full-text entry of a newly added document."""

    @abstractmethod
    def _delete_fulltext(self, doc_id: str) -> None: ...

    @abstractmethod
    def search(self, query: str, limit: int = 20, language: str | None = None) -> list[SearchHit]:
        """Full-text search over title and text; best hits first."""

    @abstractmethod
    def close(self) -> None: ...

    def _date_param(self, value: date | None) -> Any:
        return value.isoformat() if value else None

    def _ts_param(self, value: datetime) -> Any:
        return value.isoformat(timespec="seconds")

    @staticmethod
    def _row_date(value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(str(value)[:10])

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all land or none (also on KeyboardInterrupt). Nests (inner is a no-op)."""
        self._check_writable()
        with self._lock:
            if self._tx_depth:
                self._tx_depth += 1
                try:
                    yield
                finally:
                    self._tx_depth -= 1
                return
            self._begin()
            self._tx_depth = 1
            try:
                yield
            except BaseException:
                self._tx_depth = 0
                self._rollback()
                raise
            self._tx_depth = 0
            self._commit()

    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"the store {self.url} is open read-only; open it without readonly=True to write")

    # -- writes ----------------------------------------------------------------------------------
    def add(self, doc: Document, prepared: PreparedRecord | None = None) -> bool:
        """Store one document; False if a document with the same content id is there already.
        ``prepared``: its layers and index rows built elsewhere (``prepare_record``); then ``doc``
        needs only its head (``Document.head_only``)."""
        with self.transaction():
            return self._insert(doc, prepared)

    def add_many(self, docs: Iterable[Document]) -> int:
        """Store documents in one transaction; returns how many were new."""
        with self.transaction():
            return sum(self._insert(doc) for doc in docs)

    @staticmethod
    @contextmanager
    def _naming(what: str) -> Iterator[None]:
        """A StoreError inside says which write failed (``what``: "cannot store document X")."""
        try:
            yield
        except StoreError as exc:
            raise StoreError(f"{what}: {exc}") from exc

    def _insert(self, doc: Document, prepared: PreparedRecord | None = None) -> bool:
        """Any failure writing ``doc`` (a driver error, a value no column holds, a record that is
        not JSON) is a StoreError naming the document, so a batch writer can skip just it."""
        with self._naming(f"cannot store document {doc.id} ({doc.meta.source or doc.export_id})"):
            return self._insert_document(doc, prepared)

    def _insert_document(self, doc: Document, prepared: PreparedRecord | None = None) -> bool:
        if self.has(doc.id):  # cheap; to_record() of a long article is not
            return False
        m = doc.meta
        row = document_row(doc, record_json(doc, prepared), self._date_param(m.published),
                           self._ts_param(datetime.now(UTC)))
        # ON CONFLICT: a concurrent writer (PostgreSQL) may have stored the same content meanwhile
        inserted = self._query(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' for _ in row)})"
            " ON CONFLICT (id) DO NOTHING RETURNING id", row)
        if not inserted:
            return False
        self._write_index(doc, prepared.index if prepared is not None else None)
        if m.duplicate_of:
            self._link_row(m.duplicate_of, doc.id, "duplicate")
        return True

    def _write_index(self, doc: Document, rows_by_table: IndexRows | None = None) -> None:
        for table, (columns, rows) in (rows_by_table if rows_by_table is not None else index_rows(doc)).items():
            if rows:
                marks = ", ".join("?" for _ in columns)
                self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        self._index_fulltext(doc)

    def _delete_index(self, doc_id: str) -> None:
        for table in DOC_TABLES:
            self._query(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._delete_fulltext(doc_id)

    def reindex(self) -> int:
        """Rebuild every index table (actors, quotes, ..., full text) from the stored records, e.g.
        after a migration added a table for a layer that older documents already carry."""
        n = 0
        with self.transaction():
            for doc in self.iter_documents():
                self._delete_index(doc.id)
                self._write_index(doc)
                n += 1
        return n

    def delete(self, doc_id: str) -> bool:
        """Remove a document and its index rows; False if it was not stored."""
        with self.transaction():
            if not self.has(doc_id):
                return False
            self._delete_index(doc_id)
            self._query("DELETE FROM minhash WHERE doc_id = ?", (doc_id,))
            self._query("DELETE FROM documents WHERE id = ?", (doc_id,))
            return True

    def add_signature(self, doc_id: str, signature: bytes) -> None:
        """Keep a MinHash signature for near-duplicate checks in later runs (replaces an old one)."""
        with self._naming(f"cannot store the signature of document {doc_id}"), self.transaction():
            self._query("DELETE FROM minhash WHERE doc_id = ?", (doc_id,))
            self._query("INSERT INTO minhash (doc_id, signature) VALUES (?, ?)", (doc_id, bytes(signature)))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for doc_id, sig in self._query("SELECT doc_id, signature FROM minhash ORDER BY doc_id"):
            yield doc_id, bytes(sig)

    def link_duplicate(self, doc_id: str, of_id: str, kind: str = "duplicate", *, label: str | None = None) -> None:
        """Record that ``doc_id`` duplicates ``of_id``. The stored copy of ``doc_id`` (if any) gets
        ``meta.duplicate_of``; the stored ``of_id`` lists ``label`` (default ``doc_id``; e.g. the
        duplicate's URL when it is not stored itself) in ``meta.also_published_as``. With
        ``doc_id == of_id`` (the same text from another source) only ``label`` is recorded, unless
        it is the stored document's own URL or source."""
        with self._naming(f"cannot link document {doc_id} to {of_id}"), self.transaction():
            if doc_id != of_id:
                self._link_row(of_id, doc_id, kind)
                dup = self._record(doc_id)
                if dup is not None:
                    dup["meta"]["duplicate_of"] = of_id
                    self._query("UPDATE documents SET duplicate_of = ?, record = ? WHERE id = ?",
                                (of_id, json.dumps(dup, ensure_ascii=False), doc_id))
            elif label is None:
                return
            else:  # the same text again: usually from the same source (a resumed run), cheap check
                row = self._query("SELECT url, source FROM documents WHERE id = ?", (of_id,))
                if not row or label in row[0]:
                    return
            orig = self._record(of_id)
            if orig is None:
                return
            meta = orig["meta"]
            also = meta.setdefault("also_published_as", [])
            name = label or doc_id
            if name not in also and name not in (meta.get("url"), meta.get("source")):
                also.append(name)
                self._query("UPDATE documents SET record = ? WHERE id = ?", (json.dumps(orig, ensure_ascii=False), of_id))

    def _link_row(self, doc_id: str, other_id: str, kind: str) -> None:
        if self._query("SELECT 1 FROM also_published_as WHERE doc_id = ? AND other_id = ?", (doc_id, other_id)):
            self._query("UPDATE also_published_as SET kind = ? WHERE doc_id = ? AND other_id = ?",
                        (kind, doc_id, other_id))
        else:
            self._query("INSERT INTO also_published_as (doc_id, other_id, kind) VALUES (?, ?, ?)",
                        (doc_id, other_id, kind))

    def duplicates_of(self, doc_id: str) -> list[tuple[str, str | None]]:
        """The documents linked as duplicates of ``doc_id``: (other id, kind)."""
        return [(r[0], r[1]) for r in self._query(
            "SELECT other_id, kind FROM also_published_as WHERE doc_id = ? ORDER BY other_id", (doc_id,))]

    # -- the picture across articles (lagebild.picture: merged events, analysts' decisions) ------
    def picture_inputs(self) -> str:
        """A fingerprint of what merged events derive from (documents, their event rows, duplicate
        links, decisions): when it is unchanged, the stored picture is current."""
        import hashlib

        h = hashlib.sha256()
        for table_sql in ("SELECT id, duplicate_of, published, outlet FROM documents ORDER BY id",
                          "SELECT doc_id, idx, start_char, type, source_id, target_id, event_date, location"
                          " FROM events ORDER BY doc_id, idx",
                          "SELECT doc_id, other_id FROM also_published_as ORDER BY doc_id, other_id",
                          "SELECT version, action FROM picture_decisions ORDER BY version"):
            for row in self._query(table_sql):
                h.update(repr(tuple(str(v) for v in row)).encode("utf-8"))
            h.update(b"|")
        return h.hexdigest()[:32]

    def replace_picture_events(self, events: Sequence[dict[str, Any]], inputs: str) -> None:
        """Replace all merged events (each a JSON-able dict with ``id, type, event_date,
        first_published, sources, mentions`` (a list)) in one transaction; ``inputs`` is the
        ``picture_inputs()`` they were computed from."""
        rows = [(e["id"], _clean(e["type"]) or "", _clean(e.get("event_date")), _clean(e.get("first_published")),
                 int(e["sources"]), len(e["mentions"]), json.dumps(e, ensure_ascii=False, default=json_default))
                for e in events]
        with self._naming("cannot store the merged events"), self.transaction():
            self._query("DELETE FROM picture_events")
            if rows:
                self._executemany("INSERT INTO picture_events (id, type, event_date, first_published, sources,"
                                  " mentions, record) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            self._query("DELETE FROM picture_state WHERE key = ?", ("inputs",))
            self._query("INSERT INTO picture_state (key, value) VALUES (?, ?)", ("inputs", inputs))

    def picture_events(self) -> tuple[list[dict[str, Any]], str | None]:
        """The stored merged events (by event date) and the ``picture_inputs()`` they were computed from."""
        state = self._query("SELECT value FROM picture_state WHERE key = ?", ("inputs",))
        records = [json.loads(r[0]) for r in self._query(
            "SELECT record FROM picture_events ORDER BY event_date IS NULL, event_date, id")]
        return records, (state[0][0] if state else None)

    def add_picture_decision(self, action: str, mentions: Sequence[Any], *, ref: int | None = None,
                             analyst: str | None = None, note: str | None = None) -> int:
        """Record an analyst's decision (``split`` | ``merge`` | ``undo``) over groups of event
        mention keys (``[["doc_id:idx", ...], ...]``); returns its version (increasing)."""
        with self._naming("cannot store the decision"), self.transaction():
            rows = self._query(
                "INSERT INTO picture_decisions (action, mentions, ref, analyst, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) RETURNING version",
                (action, json.dumps(list(mentions)), ref, _clean(analyst), _clean(note),
                 self._ts_param(datetime.now(UTC))))
            return int(rows[0][0])

    def picture_decisions(self) -> list[dict[str, Any]]:
        """The analysts' decisions in version order."""
        return [{"version": int(r[0]), "action": r[1], "mentions": json.loads(r[2]),
                 "ref": None if r[3] is None else int(r[3]), "analyst": r[4], "note": r[5], "created_at": str(r[6])}
                for r in self._query("SELECT version, action, mentions, ref, analyst, note, created_at"
                                     " FROM picture_decisions ORDER BY version")]

    # -- reads ---------------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM documents WHERE id = ?", (doc_id,)))

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM documents")[0][0])

    def _record(self, doc_id: str) -> dict[str, Any] | None:
        rows = self._query("SELECT record FROM documents WHERE id = ?", (doc_id,))
        return json.loads(rows[0][0]) if rows else None

    def get(self, doc_id: str) -> Document:
        """The document with this content id or export id (file stem); NotFoundError if none."""
        doc_id = _clean(doc_id) or ""
        rows = self._query("SELECT record FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            rows = self._query("SELECT record FROM documents WHERE export_id = ? ORDER BY ingested_at DESC, id",
                               (doc_id,))
        if not rows:
            rows = self._query("SELECT record FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
                               (_like_escape(doc_id) + "%",)) if len(doc_id) >= 6 else []
            if len(rows) != 1:
                raise NotFoundError(
                    f"no document {doc_id!r} in {self.url}; give a content id (16 hex) or an export id "
                    f"(the file name without extension), see `lagebild list`")
        return Document.from_record(json.loads(rows[0][0]))

    def iter_documents(self, *, language: str | None = None, outlet: str | None = None,
                       genre: str | None = None, source: str | None = None,
                       date_from: date | None = None, date_to: date | None = None,
                       actor: str | None = None, include_duplicates: bool = True,
                       limit: int | None = None) -> Iterator[Document]:
        """Documents in publication order (undated last), filtered; streamed in chunks.

        ``actor`` matches an actor id or any of the actor's names (case/accent-insensitive).
        """
        where, params = [], []
        for column, value in (("language", language), ("outlet", outlet), ("genre", genre), ("source", source)):
            if value is not None:
                where.append(f"d.{column} = ?")
                params.append(_clean(value))
        if date_from is not None:
            where.append("d.published >= ?")
            params.append(self._date_param(date_from))
        if date_to is not None:
            where.append("d.published <= ?")
            params.append(self._date_param(date_to))
        if not include_duplicates:
            where.append("d.duplicate_of IS NULL")
        if actor is not None:
            cond, cparams = self._actor_condition("d.id", None, _clean(actor) or "")
            where.append(cond)
            params.extend(cparams)
        sql = "SELECT d.id FROM documents d"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published IS NULL, d.published, d.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        ids = [r[0] for r in self._query(sql, params)]
        for i in range(0, len(ids), _ID_CHUNK):
            chunk = ids[i : i + _ID_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            records = {r[0]: r[1] for r in self._query(f"SELECT id, record FROM documents WHERE id IN ({marks})", chunk)}
            for doc_id in chunk:
                if doc_id in records:  # deleted meanwhile
                    yield Document.from_record(json.loads(records[doc_id]))

    def _actor_condition(self, doc_col: str, actor_col: str | None, who: str) -> tuple[str, list[Any]]:
        """SQL condition: the actor (id, or any name/alias as whole words) occurs in the document
        (``actor_col`` None) or is the actor in ``actor_col``."""
        norm = normalize_name(who.replace("_", " "))
        if not norm:
            return "1 = 0", []
        pattern = "% " + _like_escape(norm) + " %"
        match = ("(n.actor_id = ? OR n.name_norm = ? OR (' ' || n.name_norm || ' ') LIKE ? ESCAPE '\\')")
        params: list[Any] = [who, norm, pattern]
        same_actor = f" AND n.actor_id = {actor_col}" if actor_col else ""
        return (f"EXISTS (SELECT 1 FROM actor_names n WHERE n.doc_id = {doc_col}{same_actor} AND {match})",
                params)

    def quotes(self, speaker: str | None = None, date_from: date | None = None,
               date_to: date | None = None, kind: str | None = None) -> list[QuoteRow]:
        """Quotes across documents. ``speaker`` is an actor id or a name/alias, matched
        case- and accent-insensitively on whole words ("Lawrow" finds "Sergej Lawrow")."""
        where, params = [], []
        if speaker is not None:
            speaker = _clean(speaker) or ""
            cond, cparams = self._actor_condition("q.doc_id", "q.speaker_id", speaker)
            where.append(f"(q.speaker_id = ? OR {cond})")
            params.extend([speaker, *cparams])
        _date_range(where, params, "q.quote_date", date_from, date_to)
        if kind is not None:
            where.append("q.kind = ?")
            params.append(kind)
        sql = ("SELECT q.doc_id, d.export_id, q.start_char, q.end_char, q.text, q.kind, q.speaker_id,"
               " q.speaker_name, q.quote_date, q.cue, d.title FROM quotes q JOIN documents d ON d.id = q.doc_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY q.quote_date IS NULL, q.quote_date, q.doc_id, q.idx"
        return [QuoteRow(r[0], r[1] or r[0], int(r[2]), int(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10])
                for r in self._query(sql, params)]

    def events(self, actor: str | None = None, type: str | None = None, date_from: date | None = None,
               date_to: date | None = None, modality: str | None = None) -> list[EventRow]:
        """Events across documents. ``actor`` (an actor id or a name/alias, matched like ``quotes``'s
        speaker) is the source or the target; ``type`` a PLOVER type (any case); dates compare with the
        event's date (a month like 2022-02 counts as within --to 2022-02-28)."""
        where, params = [], []
        if actor is not None:
            actor = _clean(actor) or ""
            src, sparams = self._actor_condition("e.doc_id", "e.source_id", actor)
            tgt, tparams = self._actor_condition("e.doc_id", "e.target_id", actor)
            where.append(f"(e.source_id = ? OR e.target_id = ? OR {src} OR {tgt})")
            params.extend([actor, actor, *sparams, *tparams])
        if type is not None:
            where.append("e.type = ?")
            params.append(type.strip().upper())
        _date_range(where, params, "e.event_date", date_from, date_to)
        if modality is not None:
            where.append("e.modality = ?")
            params.append(modality)
        sql = ("SELECT e.doc_id, d.export_id, e.start_char, e.end_char, e.type, e.mode, e.source_id, sa.name,"
               " e.target_id, ta.name, e.event_date, e.location, e.modality, d.title FROM events e"
               " JOIN documents d ON d.id = e.doc_id"
               " LEFT JOIN doc_actors sa ON sa.doc_id = e.doc_id AND sa.actor_id = e.source_id"
               " LEFT JOIN doc_actors ta ON ta.doc_id = e.doc_id AND ta.actor_id = e.target_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.event_date IS NULL, e.event_date, e.doc_id, e.idx"
        rows = self._query(sql, params)
        texts: dict[str, str] = {}
        for doc_id in {r[0] for r in rows}:  # the evidence text comes from the stored record
            found = self._query("SELECT record FROM documents WHERE id = ?", (doc_id,))
            texts[doc_id] = str(json.loads(found[0][0]).get("text", "")) if found else ""
        return [EventRow(r[0], r[1] or r[0], int(r[2]), int(r[3]), r[4], r[5], r[6], r[7] or r[6], r[8],
                         r[9] or r[8], r[10], r[11], r[12], texts[r[0]][int(r[2]):int(r[3])], r[13])
                for r in rows]

    def actors_summary(self, limit: int | None = None) -> list[ActorSummary]:
        """Actors across documents: in how many documents, with how many mentions."""
        sql = ("SELECT actor_id, MAX(name), MAX(type), COUNT(DISTINCT doc_id), SUM(mentions) FROM doc_actors"
               " GROUP BY actor_id ORDER BY COUNT(DISTINCT doc_id) DESC, SUM(mentions) DESC, actor_id")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [ActorSummary(r[0], r[1], r[2], int(r[3]), int(r[4] or 0)) for r in self._query(sql)]

    def migrations(self) -> list[tuple[int, str]]:
        """Applied migrations: (version, name)."""
        return [(int(r[0]), r[1]) for r in self._query("SELECT version, name FROM schema_migrations ORDER BY version")]

    # -- context manager -------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"


def migration_files(backend: str) -> list[tuple[int, str, str]]:
    """The shipped migrations for a backend: (version, name, SQL), in order."""
    folder = resources.files("lagebild.store") / "migrations" / backend
    out = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d+)_(\w+)\.sql", entry.name)
        if match:
            out.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    if not out:
        raise StoreError(f"no migrations found for backend {backend!r}; is the package installed completely?")
    return sorted(out)
