"""Load on the served API: p50/p99 latency, throughput and errors of search, document and actor
requests from ``--clients`` concurrent clients (a bounded asyncio/httpx client) against
``lagebild serve`` on 127.0.0.1, on a store of ``--n`` articles generated from the demo corpus,
on SQLite and PostgreSQL.

The store: the demo corpus (examples/corpus) is analysed once by the default pipeline; the
articles are then copied with a numbered archive line appended (a new content id and export id,
the same layers at the same offsets) until there are ``--n``. Generated stores are kept
(``out/serve_load/n<N>.db``; PostgreSQL schema ``bench_serve_n<N>``) and reused by later runs.

The server runs in its own process (``lagebild.serve.serve``, rate limit off, as ``lagebild serve
--rate-limit 0``); the client in this one. Each kind of request runs for ``--seconds`` after a
short warm-up, every client sending its next request as soon as the last one answered.

Run: .venv/bin/python benchmarks/serve_load.py --n 100000 --backend both --clients 1 50 --seconds 20
     [--pg postgresql://postgres@127.0.0.1:5432/test] [--out benchmarks/results/serve_load.md]
Not used by the tests or CI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.document import Document, content_id  # noqa: E402
from lagebild.store import Store, open_store  # noqa: E402
from lagebild.store.base import DOCUMENT_COLUMNS, index_rows, record_json  # noqa: E402
from lagebild.store.bulk import write_rows  # noqa: E402

CORPUS = ROOT / "examples" / "corpus"
OUT = ROOT / "out" / "serve_load"
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
CHUNK = 2000  # documents per transaction while generating
# words an analyst would search the demo corpus for (German and English; some in most articles)
QUERIES = ["Waffenruhe", "Lawrow", "Sanktionen", "Gespräche", "Sicherheitsgarantien", "Putin", "Selenskyj",
           "ceasefire", "talks", "Trump", "NATO", "Getreideabkommen", "Genf", "Istanbul", "Leopard",
           "\"Koalition der Willigen\"", "sanctions", "Kremlin", "Moskau", "summit"]


def analysed_corpus() -> list[Document]:
    """The demo corpus analysed by the default pipeline (kept in ``out/serve_load/corpus.db``)."""
    from lagebild.batch import ingest_sources
    from lagebild.settings import Settings

    db = str(OUT / "corpus.db")
    with open_store(db) as store:
        if not store.count():
            ingest_sources([str(CORPUS)], store, settings=Settings.from_env(db=db), progress=False)
        return list(store.iter_documents())


class Template:
    """One analysed article, serialised once: its record (parsed), documents row and index rows,
    so a copy only swaps ids and the appended line (``Store.add`` serialises every layer anew:
    about 25 ms an article here, 40 minutes for 100,000)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.record = json.loads(record_json(doc))
        self.rows = index_rows(doc)

    def copy(self, n: int, store: Store) -> tuple[tuple[Any, ...], dict[str, list[tuple[Any, ...]]], tuple[str, str, str]]:
        text = self.doc.text + f"\n\n(Archivkopie {n:05d})"
        doc_id = content_id(text)
        export_id = f"{self.doc.export_id}__{n:05d}"
        record = {**self.record, "id": doc_id, "text": text,
                  "meta": {**self.record["meta"], "export_id": export_id, "duplicate_of": None}}
        m = self.doc.meta
        row = (doc_id, export_id, m.title, m.url, m.language, store._date_param(m.published), m.author, m.outlet,
               m.genre, m.source, None, store._ts_param(datetime.now(UTC)), json.dumps(record, ensure_ascii=False))
        index = {table: [(doc_id, *r[1:]) for r in rows] for table, (_cols, rows) in self.rows.items()}
        return row, index, (doc_id, m.title or "", text)


def write_copies(store: Store, templates: list[Template], start: int, stop: int) -> None:
    """Copies ``start`` to ``stop`` in one transaction (COPY on PostgreSQL, executemany on SQLite)."""
    docs: list[tuple[Any, ...]] = []
    fulltext: list[tuple[str, str, str]] = []
    index: dict[str, list[tuple[Any, ...]]] = {t: [] for t in templates[0].rows}
    for i in range(start, stop):
        row, rows, ft = templates[i % len(templates)].copy(i // len(templates), store)
        docs.append(row)
        fulltext.append(ft)
        for table, table_rows in rows.items():
            index[table].extend(table_rows)
    ids = [d[0] for d in docs]
    with store.transaction():
        write_rows(store, "documents", DOCUMENT_COLUMNS, docs)
        for table, rows in index.items():
            write_rows(store, table, templates[0].rows[table][0], rows)
        if store.backend == "sqlite":
            store._executemany("INSERT INTO documents_fts (doc_id, title, body) VALUES (?, ?, ?)", fulltext)
        else:  # what PostgresStore._index_fulltext does one by one, for the whole chunk
            store._query("UPDATE documents SET ts_config = CASE language WHEN 'de' THEN 'german' WHEN 'en' THEN"
                         " 'english' ELSE 'simple' END, body = record::json->>'text' WHERE id = ANY(?)", (ids,))
            store._query("UPDATE documents SET tsv = setweight(to_tsvector(ts_config::regconfig, coalesce(title, '')),"
                         " 'A') || setweight(to_tsvector(ts_config::regconfig, body), 'B') WHERE id = ANY(?)", (ids,))


def build_store(url: str, n: int) -> None:
    with open_store(url) as store:
        have = store.count()
        if have >= n:
            print(f"  store has {have} documents: reused", file=sys.stderr)
            return
        templates = [Template(doc) for doc in analysed_corpus()]
        t0 = time.perf_counter()
        for start in range(have, n, CHUNK):
            write_copies(store, templates, start, min(n, start + CHUNK))
            done = min(n, start + CHUNK)
            rate = (done - have) / (time.perf_counter() - t0)
            print(f"  {done}/{n} documents ({rate:.0f}/s)", file=sys.stderr, end="\r")
        print(file=sys.stderr)


def targets(url: str) -> dict[str, list[str]]:
    """Request paths per kind: every query, a sample of document ids and the stored actors."""
    with open_store(url, readonly=True, create=False) as store:
        ids = [str(r[0]) for r in store._query("SELECT export_id FROM documents ORDER BY id LIMIT 5000")]
        actors = [str(r[0]) for r in store._query("SELECT DISTINCT actor_id FROM doc_actors"
                                                  " WHERE doc_id IN (SELECT id FROM documents ORDER BY id LIMIT 200)")]
    from urllib.parse import quote

    return {"search": [f"/api/v1/search?q={quote(q)}" for q in QUERIES],
            "document": [f"/api/v1/documents/{quote(i)}" for i in ids],
            "actor": [f"/api/v1/actors/{quote(a)}" for a in actors]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    code = "import sys; from lagebild.serve import serve; serve(sys.argv[1], port=int(sys.argv[2]), rate=0)"
    proc = subprocess.Popen([sys.executable, "-c", code, url, str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "LAGEBILD_API_TOKEN": ""})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


async def load(base: str, paths: list[str], clients: int, seconds: float, warmup: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    rng = random.Random(7)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        start = time.perf_counter()
        measure_from, stop = start + warmup, start + warmup + seconds

        async def worker() -> None:
            while (now := time.perf_counter()) < stop:
                try:
                    response = await client.get(rng.choice(paths))
                    status = str(response.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                done = time.perf_counter()
                if now >= measure_from:
                    latencies.append(done - now)
                    if status != "200":
                        errors[status] = errors.get(status, 0) + 1

        await asyncio.gather(*(worker() for _ in range(clients)))
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies), "rps": len(latencies) / seconds, "p50_ms": q[49] * 1000,
            "p99_ms": q[98] * 1000, "max_ms": latencies[-1] * 1000 if latencies else 0.0,
            "errors": sum(errors.values()), "error_kinds": errors}


def run_backend(name: str, url: str, args: argparse.Namespace) -> dict[tuple[str, int], dict[str, Any]]:
    print(f"{name}: building/reusing a store of {args.n} articles", file=sys.stderr)
    t0 = time.perf_counter()
    build_store(url, args.n)
    print(f"  ready in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    paths = targets(url)
    port = free_port()
    server = start_server(url, port)
    try:
        out = {}
        for kind, kind_paths in paths.items():
            for clients in args.clients:
                result = asyncio.run(load(f"http://127.0.0.1:{port}", kind_paths, clients, args.seconds, args.warmup))
                print(f"  {kind} x{clients}: {result}", file=sys.stderr)
                out[(kind, clients)] = result
        return out
    finally:
        server.terminate()
        server.wait(10)


def table(results: dict[str, dict[tuple[str, int], dict[str, Any]]]) -> str:
    lines = ["| backend | request | clients | requests | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | errors |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for backend, kinds in results.items():
        for (kind, clients), r in kinds.items():
            lines.append(f"| {backend} | {kind} | {clients} | {r['requests']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | "
                         f"{r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['errors']}"
                         + (f" {r['error_kinds']}" if r["errors"] else "") + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles in the store")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50],
                        help="concurrent clients; each count is a run (1: the time a request takes unqueued)")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per kind of request")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--pg", default=os.environ.get("LAGEBILD_TEST_PG_URL", PG_DEFAULT))
    parser.add_argument("--out", help="write a Markdown report here")
    args = parser.parse_args(argv)
    backends: dict[str, Callable[[], str]] = {
        "sqlite": lambda: str(OUT / f"n{args.n}.db"),
        "postgres": lambda: f"{args.pg}{'&' if '?' in args.pg else '?'}schema=bench_serve_n{args.n}",
    }
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results = {name: run_backend(name, backends[name](), args) for name in chosen}
    report = table(results)
    print(report)
    if args.out:
        header = (f"# Served API under load\n\n`benchmarks/serve_load.py --n {args.n} --clients "
                  f"{' '.join(map(str, args.clients))} "
                  f"--seconds {args.seconds:g}`, {datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} CPU cores shared by "
                  f"the server process and the load client.\n\n")
        Path(args.out).write_text(header + report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
