"""SQLite backend: one file, WAL mode (one writer, any number of read-only readers), FTS5.

Full text uses FTS5's ``unicode61`` tokenizer with ``remove_diacritics 2``: case and accents
are folded ("Selenskyj" finds "SELENSKYJ", "Kyiv" finds "Kýiv"). FTS5 has no stemmer, so a
query word also matches as a prefix of its German and English Snowball stem ("Verhandlungen"
-> ``verhandl*`` finds "Verhandlung"). Differences to PostgreSQL, which stems the index with
the document language's configuration: the prefix also matches longer words and compounds
("Krieg" finds "Kriegsende"), and a stem is tried in both languages unless ``language`` is given.
Quoted phrases match exactly in both backends.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import StoreError
from lagebild.store.base import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    QueryError,
    SearchHit,
    Store,
    _clean,
    bound_query,
    migration_files,
    scrub_params,
    scrub_rows,
    search_timeout_message,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0  # a second writer waits this long for the first to commit
# FTS5's snippet() costs ~9e-9 s x (matches in the text)^2: a text up to this length (at most
# ~5,000 one-letter matches, 0.2 s) gets it directly, a longer one from its best part of
# SNIPPET_CHUNK_CHARS (same snippet for a text of one part).
SNIPPET_DIRECT_CHARS = 10_000
SNIPPET_CHUNK_CHARS = 5_000
_PROGRESS_STEPS = 100  # virtual-machine steps between two checks of the search deadline (a few µs)
# what the driver raises on a bad value: OverflowError (int over 64 bit), ValueError (e.g. encoding)
_DRIVER_ERRORS = (sqlite3.Error, OverflowError, ValueError)


_STEMMER_LANGS = {"de": "german", "en": "english"}
_MIN_STEM = 4  # shorter stems as prefixes match too much ("kri*")


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    try:
        import snowballstemmer
    except ImportError:  # optional: without it, words match exactly
        return None
    return snowballstemmer.stemmer(_STEMMER_LANGS[language])


def _word_term(word: str, languages: Sequence[str]) -> str:
    """One query word: the word itself OR the prefix of its Snowball stem in each language, which
    stands in for stemming FTS5 lacks ("Verhandlungen" -> verhandl* finds "Verhandlung")."""
    alts = [f'"{word}"']
    for lang in languages:
        stemmer = _stemmer(lang) if lang in _STEMMER_LANGS else None
        stem = stemmer.stemWord(word.lower()) if stemmer else ""
        if len(stem) >= _MIN_STEM and f'"{stem}"*' not in alts:
            alts.append(f'"{stem}"*')
    return " OR ".join(alts)


def fts5_query(query: str, languages: Sequence[str] = ("de", "en")) -> str | None:
    """Translate a web-search style query (``a b``, ``"a b"``, ``a OR b``, ``-a``, ``pre*``) into
    FTS5 syntax, quoting every term so user input never is an FTS5 syntax error. Single words
    also match by stem prefix in ``languages``; quoted phrases match exactly."""
    clauses: list[list[str]] = []
    negated: list[str] = []
    pending_or = False
    for raw in re.findall(r'-?"[^"]*"?|\S+', query):
        if raw == "OR":
            pending_or = bool(clauses)
            continue
        neg = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if neg else raw
        phrase = body.startswith('"')
        prefix = body.endswith("*") and not phrase
        words = re.findall(r"\w+", body)
        if not words:
            continue
        if prefix or phrase or len(words) > 1 or neg:
            term = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        else:
            term = _word_term(words[0], languages)
        if neg:
            negated.append(term)
        elif pending_or:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = False
    if not clauses:
        return None
    expr = " AND ".join("(" + " OR ".join(alts) + ")" for alts in clauses)
    for term in negated:
        expr = f"({expr}) NOT {term}"
    return expr


class SQLiteStore(Store):
    """The default store: ``SQLiteStore("lagebild.db")``; ``readonly=True`` for readers.

    ``create=False`` refuses a missing (or empty) file and a SQLite file that is not a Lagebild
    store, instead of making it one (read commands). ``search_timeout_s``: see ``Store``."""

    backend = "sqlite"

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = BUSY_TIMEOUT_S,
                 search_timeout_s: float | None = None, create: bool = True) -> None:
        super().__init__(search_timeout_s)
        self.timeout = timeout
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        self.readonly = readonly
        self.create = create and not readonly
        memory = self.path == ":memory:"
        if not memory:
            file = Path(self.path).expanduser()
            parent = file.resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {self.path}: the folder {parent} does not exist")
            if not self.create and (not file.exists() or (file.is_file() and file.stat().st_size == 0)):
                raise StoreError(f"no store at {self.path}; run `lagebild ingest … --db {self.path}` first")
        try:
            if readonly:
                uri = Path(self.path).expanduser().resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout,
                                             check_same_thread=False)
            else:
                self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout,
                                             check_same_thread=False)
            self._conn.execute("PRAGMA foreign_keys = ON")
            if not memory and not readonly:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite store {self.path}: {exc}; is it a Lagebild database "
                             f"and readable?") from exc
        self._migrate()

    # -- hooks -------------------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                return self._conn.execute(sql, scrub_params(params)).fetchall()
        except _DRIVER_ERRORS as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception) -> StoreError:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreError(f"{self.path}: {exc}: another process has been writing for over {self.timeout:g} s; "
                              f"SQLite allows one writer at a time: wait for it, or use PostgreSQL for parallel writers")
        return StoreError(f"{self.url}: {exc}")

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self._lock:
                self._conn.executemany(sql, scrub_rows(rows))
        except _DRIVER_ERRORS as exc:
            raise self._error(exc) from exc

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock now: one writer, and no deadlock on lock upgrade
        self._query("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._query("COMMIT")

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # keep the error that caused the rollback
            log.error("rollback failed on %s: %s", self.path, exc)

    def close(self) -> None:
        self._conn.close()

    # -- migrations -----------------------------------------------------------------------------
    def _migrate(self) -> None:
        known = migration_files("sqlite")
        if not self.create and not self._query(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"):
            raise StoreError(f"{self.path} is not a Lagebild store (no schema_migrations table); "
                             f"give the file `lagebild ingest` wrote (--db)")
        if self.readonly:
            applied = {v for v, _ in self.migrations()}
            missing = [v for v, _, _ in known if v not in applied]
            if missing:
                raise StoreError(f"the store {self.path} needs migrations {missing}; open it once for writing "
                                 f"(e.g. `lagebild ingest`) to upgrade it")
            return
        self._query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                    " name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        with self.transaction():
            applied = {v for v, _ in self.migrations()}
            for version, name, sql in known:
                if version in applied:
                    continue
                log.info("applying migration %04d_%s to %s", version, name, self.path)
                for statement in _statements(sql):
                    self._query(statement)
                self._query("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
        newer = [v for v in applied if v > known[-1][0]]
        if newer:
            log.warning("the store %s has migrations %s this version of Lagebild does not know", self.path, newer)

    # -- full text ----------------------------------------------------------------------------------
    def _index_fulltext(self, doc: Document) -> None:
        self._query("INSERT INTO documents_fts (doc_id, title, body) VALUES (?, ?, ?)",
                    (doc.id, _clean(doc.meta.title) or "", _clean(doc.text)))

    def _delete_fulltext(self, doc_id: str) -> None:
        self._query("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))

    def search(self, query: str, limit: int = 20, language: str | None = None) -> list[SearchHit]:
        """Rank with bm25 first, then build a snippet for each of the ``limit`` best only: FTS5's
        ``snippet()`` is quadratic in a document's matches (a 1.5 MB text with 40,000 "Putin":
        33 s), so a text over ``SNIPPET_DIRECT_CHARS`` gets its snippet from its best-matching
        part (see ``_long_snippet``). Cancelled after ``search_timeout_s`` (``QueryError``)."""
        expr = fts5_query(bound_query(query), (language,) if language else ("de", "en"))
        if expr is None:
            return []
        sql = ("SELECT documents_fts.rowid, d.id, d.export_id, d.title, d.published, d.language,"
               " length(documents_fts.body), bm25(documents_fts, 0.0, 3.0, 1.0) AS rank"
               " FROM documents_fts JOIN documents d ON d.id = documents_fts.doc_id"
               " WHERE documents_fts MATCH ?")
        params: list[Any] = [expr]
        if language is not None:
            sql += " AND d.language = ?"
            params.append(language)
        sql += " ORDER BY rank, d.id LIMIT ?"
        params.append(int(limit))
        deadline = time.monotonic() + self.search_timeout_s
        with self._lock:
            rows = self._timed(self._conn, deadline, query, sql, params)
            return [SearchHit(r[1], r[2] or r[1], r[3], self._row_date(r[4]), r[5],
                              self._snippet(r[0], r[6] or 0, expr, deadline, query), -float(r[7]))
                    for r in rows]

    def _snippet(self, rowid: int, length: int, expr: str, deadline: float, query: str) -> str:
        if length > SNIPPET_DIRECT_CHARS:
            return self._long_snippet(rowid, expr, deadline, query)
        rows = self._timed(self._conn, deadline, query,
                           "SELECT snippet(documents_fts, -1, ?, ?, '…', 24) FROM documents_fts"
                           " WHERE documents_fts MATCH ? AND rowid = ?", (HIGHLIGHT_START, HIGHLIGHT_END, expr, rowid))
        return str(rows[0][0]) if rows else ""

    def _long_snippet(self, rowid: int, expr: str, deadline: float, query: str) -> str:
        """The snippet of a long text: its parts of ``SNIPPET_CHUNK_CHARS`` go into a scratch FTS5
        table (same tokenizer), the best-ranked part gives the snippet. Linear in the text."""
        title, body = self._query("SELECT title, body FROM documents_fts WHERE rowid = ?", (rowid,))[0]
        scratch = sqlite3.connect(":memory:")
        try:
            scratch.execute("CREATE VIRTUAL TABLE part USING fts5 (title, body,"
                            " tokenize = 'unicode61 remove_diacritics 2')")
            scratch.executemany("INSERT INTO part (title, body) VALUES (?, ?)",
                                ((title if i == 0 else "", chunk) for i, chunk in enumerate(_chunks(body))))
            best = self._timed(scratch, deadline, query, "SELECT rowid FROM part WHERE part MATCH ?"
                               " ORDER BY bm25(part, 3.0, 1.0), rowid LIMIT 1", (expr,))
            if not best:
                return ""
            rows = self._timed(scratch, deadline, query, "SELECT snippet(part, -1, ?, ?, '…', 24) FROM part"
                               " WHERE part MATCH ? AND rowid = ?", (HIGHLIGHT_START, HIGHLIGHT_END, expr, best[0][0]))
            return str(rows[0][0]) if rows else ""
        finally:
            scratch.close()

    def _timed(self, conn: sqlite3.Connection, deadline: float, query: str, sql: str,
               params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Run one statement of a search, interrupted (``QueryError``) past the ``deadline`` (a
        progress handler checks it every ``_PROGRESS_STEPS`` virtual-machine steps)."""
        if time.monotonic() > deadline:
            raise QueryError(search_timeout_message(query, self.search_timeout_s))
        conn.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)
        try:
            return conn.execute(sql, scrub_params(params)).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryError(search_timeout_message(query, self.search_timeout_s)) from exc
            raise self._error(exc) from exc
        except _DRIVER_ERRORS as exc:
            raise self._error(exc) from exc
        finally:
            conn.set_progress_handler(None, 0)


def _chunks(text: str, size: int = SNIPPET_CHUNK_CHARS) -> Iterator[str]:
    """``text`` in parts of at most ``size`` characters, cut at whitespace where there is some."""
    start = 0
    while start < len(text):
        end = start + size
        if end < len(text):
            cut = text.rfind(" ", start + size // 2, end)
            end = cut if cut > start else end
        yield text[start:end]
        start = end


def _statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (triggers with inner ``;`` stay whole)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        out.append(buf.strip())
    return out
