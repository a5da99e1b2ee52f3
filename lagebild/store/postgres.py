"""PostgreSQL backend (psycopg 3).

URL: ``postgresql://user@host:5432/db``; add ``?schema=NAME`` to keep Lagebild's tables in
their own schema (created if missing; tests use a fresh one per test and drop it), and
``&search_timeout=SECONDS`` to change how long a search may run (default 10).

Bounds: a search runs in its own transaction with ``statement_timeout`` set (``SET LOCAL``), so
the server cancels a runaway query; the session sets ``client_connection_check_interval`` so
the server also ends a query whose client died. A text whose tsvector would exceed
PostgreSQL's 1 MB limit is indexed by its first part (the stored text stays whole).

Full text: each document gets a ``tsvector`` built with the Snowball configuration of its
language (``german`` for de, ``english`` for en, ``simple`` otherwise), title weighted above
body, GIN-indexed. A query is parsed with ``websearch_to_tsquery`` in each configuration and
matched against the documents of that configuration, so "Verhandlungen" finds "Verhandlung"
in German articles and "negotiation" finds "negotiating" in English ones. Snowball does not
join verb and noun ("verhandeln" stays apart from "Verhandlungen").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql as pgsql

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

TS_CONFIGS = {"de": "german", "en": "english"}
CONNECT_TIMEOUT_S = 5
CLIENT_CHECK_INTERVAL = "2s"  # the server ends a running query this soon after its client died
_SCHEMA_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_OWN_OPTIONS = ("schema", "search_timeout")  # URL query options Lagebild reads (libpq does not know them)
# PostgreSQL refuses a tsvector over 1 MB. Measured bytes of tsvector per character of text:
# 2.4-3.3 for distinct ASCII words, up to 6.0 for one-character CJK words; so up to this many
# characters always fit, and a longer text that does not is indexed by this prefix.
TSV_SAFE_CHARS = 150_000
TSV_TITLE_CHARS = 10_000
# what the driver raises on a bad value besides psycopg.Error (e.g. an int over 64 bit, encoding)
_DRIVER_ERRORS = (psycopg.Error, OverflowError, ValueError)


@lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def redact(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def split_url(url: str) -> tuple[str, str | None]:
    """(connection URL for libpq, schema from ``?schema=``) — libpq does not know ``schema``
    (nor ``search_timeout``, also removed)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    rest = urlencode([(k, v) for k, v in query if k not in _OWN_OPTIONS])
    if schema is not None and not _SCHEMA_RE.fullmatch(schema):
        raise StoreError(f"invalid schema name {schema!r} in {redact(url)}: use letters, digits and _")
    return urlunsplit(parts._replace(query=rest)), schema


def url_search_timeout(url: str) -> float | None:
    """Seconds from ``?search_timeout=`` in the URL, or None."""
    value = next((v for k, v in parse_qsl(urlsplit(url).query) if k == "search_timeout"), None)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise StoreError(f"search_timeout={value!r} in {redact(url)} is not a number of seconds") from None


class PostgresStore(Store):
    """``PostgresStore("postgresql://postgres@127.0.0.1:5432/test?schema=lagebild")``.

    ``create=False`` refuses a schema without a Lagebild store instead of creating one (read
    commands). ``search_timeout_s`` (else ``?search_timeout=``, else 10 s): see ``Store``."""

    backend = "postgres"

    def __init__(self, url: str, *, readonly: bool = False, search_timeout_s: float | None = None,
                 create: bool = True) -> None:
        super().__init__(search_timeout_s if search_timeout_s is not None else url_search_timeout(url))
        self.url = redact(url)
        self.readonly = readonly
        self.create = create and not readonly
        conninfo, schema = split_url(url)
        try:
            self._conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [""])[0]
            raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {first}; is the server "
                             f"running and the URL (user, host, port, database) right?") from exc
        try:
            if schema:
                if self.create:
                    self._conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pgsql.Identifier(schema)))
                self._conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
            row = self._conn.execute("SELECT current_schema()").fetchone()
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot use schema {schema!r} in {self.url}: {exc}") from exc
        if row is None or row[0] is None:
            self._conn.close()
            if schema and not self.create:
                raise StoreError(f"no store at {self.url} (the schema {schema} does not exist); "
                                 f"run `lagebild ingest … --db {self.url}` first")
            raise StoreError(f"{self.url}: no usable schema (search_path names none that exists); add ?schema=NAME")
        self.schema: str = row[0]
        if readonly:
            self._conn.execute("SET default_transaction_read_only = on")
        self._end_queries_of_dead_clients()
        self._migrate()

    def _end_queries_of_dead_clients(self) -> None:
        try:
            self._conn.execute(f"SET client_connection_check_interval = '{CLIENT_CHECK_INTERVAL}'")
        except (psycopg.errors.UndefinedObject, psycopg.errors.InvalidParameterValue) as exc:
            # PostgreSQL < 14 (no such setting), or a platform without the check
            log.info("%s: the server cannot notice a dead client (%s); statement_timeout still bounds searches",
                     self.url, str(exc).strip())

    # -- hooks ------------------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                cur = self._conn.execute(_pg(sql), scrub_params(params))  # type: ignore[arg-type]
                return cur.fetchall() if cur.description else []
        except _DRIVER_ERRORS as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self._lock, self._conn.cursor() as cur:
                cur.executemany(_pg(sql), scrub_rows(rows))  # type: ignore[arg-type]
        except _DRIVER_ERRORS as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def _begin(self) -> None:
        self._query("BEGIN")

    def _commit(self) -> None:
        self._query("COMMIT")

    def _rollback(self) -> None:
        try:
            if not self._conn.closed:
                self._conn.execute("ROLLBACK")
        except psycopg.Error as exc:  # keep the error that caused the rollback
            log.error("rollback failed on %s: %s", self.url, exc)

    def close(self) -> None:
        self._conn.close()

    def _date_param(self, value: date | None) -> Any:
        return value

    def _ts_param(self, value: datetime) -> Any:
        return value

    # -- migrations -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        known = migration_files("postgres")
        if not self.create and self._query("SELECT to_regclass('schema_migrations')")[0][0] is None:
            raise StoreError(f"no store at {self.url} (the schema {self.schema} has no Lagebild tables); "
                             f"run `lagebild ingest … --db {self.url}` first")
        if self.readonly:
            applied = {v for v, _ in self.migrations()}
            missing = [v for v, _, _ in known if v not in applied]
            if missing:
                raise StoreError(f"the store {self.url} needs migrations {missing}; open it once for writing")
            return
        with self.transaction():
            # concurrent first opens (two ingest processes) must not both migrate
            self._query("SELECT pg_advisory_xact_lock(hashtext(?))", ("lagebild:" + self.schema,))
            self._query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                        " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            applied = {v for v, _ in self.migrations()}
            for version, name, script in known:
                if version in applied:
                    continue
                log.info("applying migration %04d_%s to %s (schema %s)", version, name, self.url, self.schema)
                try:
                    self._conn.execute(script.encode("utf-8"))  # several statements, no parameters
                except psycopg.Error as exc:
                    raise StoreError(f"migration {version:04d}_{name} failed on {self.url}: {exc}") from exc
                self._query("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))

    # -- full text --------------------------------------------------------------------------------
    def _index_fulltext(self, doc: Document) -> None:
        config = TS_CONFIGS.get((doc.meta.language or "").lower()[:2], "simple")
        title, body = _clean(doc.meta.title) or "", _clean(doc.text) or ""
        if len(title) + len(body) <= TSV_SAFE_CHARS:
            self._set_fulltext(doc.id, config, title, body, title, body)
            return
        with self.transaction():  # a savepoint needs one
            self._query("SAVEPOINT lagebild_fulltext")
            try:
                self._set_fulltext(doc.id, config, title, body, title, body)
            except StoreError as exc:
                if not isinstance(exc.__cause__, psycopg.errors.ProgramLimitExceeded):
                    raise
                self._query("ROLLBACK TO SAVEPOINT lagebild_fulltext")
                title_part = title[:TSV_TITLE_CHARS]
                body_part = body[:TSV_SAFE_CHARS - len(title_part)]
                log.warning("document %s: its full text is too large for a PostgreSQL tsvector (%s); indexed "
                            "its first %d characters", doc.id, str(exc.__cause__).strip(), len(body_part))
                self._set_fulltext(doc.id, config, title, body, title_part, body_part)
            self._query("RELEASE SAVEPOINT lagebild_fulltext")

    def _set_fulltext(self, doc_id: str, config: str, title: str, body: str, title_indexed: str,
                      body_indexed: str) -> None:
        self._query(
            "UPDATE documents SET ts_config = ?, body = ?, tsv ="
            " setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B')"
            " WHERE id = ?",
            (config, body, config, title_indexed, config, body_indexed, doc_id),
        )

    def _delete_fulltext(self, doc_id: str) -> None:
        pass  # the tsvector lives in the documents row

    def search(self, query: str, limit: int = 20, language: str | None = None) -> list[SearchHit]:
        original, query = query, bound_query(query)
        if not query:
            return []  # like SQLite: no word, or only exclusions ("-Scholz"), match nothing
        options = (f'StartSel="{HIGHLIGHT_START}", StopSel="{HIGHLIGHT_END}", MaxWords=30, MinWords=12,'
                   ' MaxFragments=2, FragmentDelimiter=" … "')
        sql = (
            "WITH q AS (SELECT websearch_to_tsquery('german', ?) AS de,"
            " websearch_to_tsquery('english', ?) AS en, websearch_to_tsquery('simple', ?) AS si),"
            " hits AS (SELECT d.id, d.export_id, d.title, d.published, d.language, d.body, d.ts_config,"
            " CASE d.ts_config WHEN 'german' THEN q.de WHEN 'english' THEN q.en ELSE q.si END AS tsq,"
            " d.tsv FROM documents d, q"
            " WHERE ((d.ts_config = 'german' AND d.tsv @@ q.de) OR (d.ts_config = 'english' AND d.tsv @@ q.en)"
            " OR (d.ts_config = 'simple' AND d.tsv @@ q.si))"
        )
        params: list[Any] = [query, query, query]
        if language is not None:
            sql += " AND d.language = ?"
            params.append(language)
        # rank all matches, keep the best ``limit``, and only then build headlines (the costly part)
        sql += ("), best AS (SELECT *, ts_rank_cd(tsv, tsq) AS rank FROM hits ORDER BY rank DESC, id LIMIT ?)"
                " SELECT id, export_id, title, published, language,"
                " ts_headline(ts_config::regconfig, coalesce(body, ''), tsq, ?), rank FROM best ORDER BY rank DESC, id")
        params.extend([int(limit), options])
        return [SearchHit(r[0], r[1] or r[0], r[2], self._row_date(r[3]), r[4], r[5], float(r[6]))
                for r in self._timed_query(sql, params, original)]

    def _timed_query(self, sql: str, params: Sequence[Any], query: str) -> list[tuple[Any, ...]]:
        """Run a search with ``statement_timeout`` set for it alone (``set_config(..., true)`` is
        ``SET LOCAL``): the server cancels it after ``search_timeout_s``. Outside a transaction it
        gets its own; inside one, the previous timeout is restored for the writes that follow."""
        timeout = f"{max(1, round(self.search_timeout_s * 1000))}ms"
        with self._lock:
            outer = self._tx_depth > 0
            if not outer:
                self._query("BEGIN")
            try:
                previous = self._query("SELECT current_setting('statement_timeout')")[0][0]
                self._query("SELECT set_config('statement_timeout', ?, true)", (timeout,))
                try:
                    rows = self._query(sql, params)
                except StoreError as exc:
                    if isinstance(exc.__cause__, psycopg.errors.QueryCanceled):
                        raise QueryError(search_timeout_message(query, self.search_timeout_s)) from exc.__cause__
                    raise
                if outer:
                    self._query("SELECT set_config('statement_timeout', ?, true)", (previous,))
            except BaseException:
                if not outer:
                    self._rollback()
                raise
            if not outer:
                self._query("COMMIT")
        return rows
