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
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import StoreError
from lagebild.store.base import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, Store, _clean, migration_files

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0  # a second writer waits this long for the first to commit


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
    """The default store: ``SQLiteStore("lagebild.db")``; ``readonly=True`` for readers."""

    backend = "sqlite"

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = BUSY_TIMEOUT_S) -> None:
        super().__init__()
        self.timeout = timeout
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        self.readonly = readonly
        memory = self.path == ":memory:"
        if not memory:
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {self.path}: the folder {parent} does not exist")
            if readonly and not Path(self.path).exists():
                raise StoreError(f"no store at {self.path}; ingest documents first (`lagebild ingest ...`)")
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
                return self._conn.execute(sql, tuple(params)).fetchall()
        except (sqlite3.Error, OverflowError) as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception) -> StoreError:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreError(f"{self.path}: {exc}: another process has been writing for over {self.timeout:g} s; "
                              f"SQLite allows one writer at a time: wait for it, or use PostgreSQL for parallel writers")
        return StoreError(f"{self.url}: {exc}")

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self._lock:
                self._conn.executemany(sql, rows)
        except (sqlite3.Error, OverflowError) as exc:
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
        if self.readonly:
            try:
                applied = {v for v, _ in self.migrations()}
            except StoreError as exc:
                raise StoreError(f"{self.path} is not a Lagebild store (no schema_migrations table)") from exc
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
        expr = fts5_query(query, (language,) if language else ("de", "en"))
        if expr is None:
            return []
        sql = ("SELECT d.id, d.export_id, d.title, d.published, d.language,"
               " snippet(documents_fts, -1, ?, ?, '…', 24), bm25(documents_fts, 0.0, 3.0, 1.0) AS rank"
               " FROM documents_fts JOIN documents d ON d.id = documents_fts.doc_id"
               " WHERE documents_fts MATCH ?")
        params: list[Any] = [HIGHLIGHT_START, HIGHLIGHT_END, expr]
        if language is not None:
            sql += " AND d.language = ?"
            params.append(language)
        sql += " ORDER BY rank, d.id LIMIT ?"
        params.append(int(limit))
        return [SearchHit(r[0], r[1] or r[0], r[2], self._row_date(r[3]), r[4], r[5], -float(r[6]))
                for r in self._query(sql, params)]


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
