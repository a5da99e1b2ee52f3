"""PostgreSQL backend (psycopg 3).

URL: ``postgresql://user@host:5432/db``; add ``?schema=NAME`` to keep Lagebild's tables in
their own schema (created if missing; tests use a fresh one per test and drop it).

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
from lagebild.store.base import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, Store, _clean, migration_files

log = logging.getLogger(__name__)

TS_CONFIGS = {"de": "german", "en": "english"}
CONNECT_TIMEOUT_S = 5
_SCHEMA_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


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
    """(connection URL for libpq, schema from ``?schema=``) — libpq does not know ``schema``."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    if schema is not None and not _SCHEMA_RE.fullmatch(schema):
        raise StoreError(f"invalid schema name {schema!r} in {redact(url)}: use letters, digits and _")
    return urlunsplit(parts._replace(query=rest)), schema


class PostgresStore(Store):
    """``PostgresStore("postgresql://postgres@127.0.0.1:5432/test?schema=lagebild")``."""

    backend = "postgres"

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        super().__init__()
        self.url = redact(url)
        self.readonly = readonly
        conninfo, schema = split_url(url)
        try:
            self._conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [""])[0]
            raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {first}; is the server "
                             f"running and the URL (user, host, port, database) right?") from exc
        try:
            if schema:
                if not readonly:
                    self._conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pgsql.Identifier(schema)))
                self._conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
            row = self._conn.execute("SELECT current_schema()").fetchone()
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot use schema {schema!r} in {self.url}: {exc}") from exc
        if row is None or row[0] is None:
            self._conn.close()
            raise StoreError(f"{self.url}: no usable schema (search_path names none that exists); add ?schema=NAME")
        self.schema: str = row[0]
        if readonly:
            self._conn.execute("SET default_transaction_read_only = on")
        self._migrate()

    # -- hooks ------------------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                cur = self._conn.execute(_pg(sql), tuple(params))  # type: ignore[arg-type]
                return cur.fetchall() if cur.description else []
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self._lock, self._conn.cursor() as cur:
                cur.executemany(_pg(sql), rows)  # type: ignore[arg-type]
        except psycopg.Error as exc:
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
        if self.readonly:
            try:
                applied = {v for v, _ in self.migrations()}
            except StoreError as exc:
                raise StoreError(f"{self.url} (schema {self.schema}) is not a Lagebild store") from exc
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
        self._query(
            "UPDATE documents SET ts_config = ?, body = ?, tsv ="
            " setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B')"
            " WHERE id = ?",
            (config, body, config, title, config, body, doc.id),
        )

    def _delete_fulltext(self, doc_id: str) -> None:
        pass  # the tsvector lives in the documents row

    def search(self, query: str, limit: int = 20, language: str | None = None) -> list[SearchHit]:
        query = query.replace("\x00", " ")
        positive = [t for t in re.findall(r'-?"[^"]*"?|\S+', query) if not t.startswith("-") and t != "OR"]
        if not any(re.search(r"\w", t) for t in positive):
            return []  # like SQLite: only exclusions ("-Scholz") match nothing
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
                for r in self._query(sql, params)]
