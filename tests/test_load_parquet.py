"""`lagebild load`: the Parquet tables of `lagebild batch` into SQLite and PostgreSQL (COPY), the same
rows when loaded twice, and the same store (export, search) as `lagebild ingest` of the same articles."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("warcio")

from test_batch_engine import run_local, write_corpus  # noqa: E402

from lagebild.batch import ingest_sources  # noqa: E402
from lagebild.errors import ConfigError  # noqa: E402
from lagebild.settings import Settings  # noqa: E402
from lagebild.spark import load_tables  # noqa: E402
from lagebild.spark.tables import STORE_TABLES  # noqa: E402
from lagebild.store import Store, open_store  # noqa: E402
from lagebild.store import testing as _fixtures  # noqa: E402
from lagebild.store.export import export  # noqa: E402

store_url = _fixtures.store_url  # both backends: a fresh SQLite file, a fresh PostgreSQL schema


@pytest.fixture(scope="module")
def batch_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path_factory.mktemp("corpus"))
    output = tmp_path_factory.mktemp("out") / "tables"
    run_local([corpus["plain"]], output, Settings.from_env())
    return corpus["plain"], output


def _rows(store: Store) -> dict[str, list[str]]:
    """Every row of the tables a load writes (and the full-text entries), as sorted text."""
    out = {}
    for table in [*STORE_TABLES.values(), *(["documents_fts"] if store.backend == "sqlite" else [])]:
        columns = "doc_id, title, body" if table == "documents_fts" else "*"
        out[table] = sorted(repr(r) for r in store._query(f"SELECT {columns} FROM {table}"))
    return out


def _export(store: Store) -> list[dict[str, object]]:
    buf = io.StringIO()
    export(store, "json", buf)
    return sorted(json.loads(buf.getvalue()), key=lambda d: d["content_id"])


def test_load_twice_gives_the_same_rows(batch_output: tuple[Path, Path], store_url: str) -> None:
    _inputs, output = batch_output
    with open_store(store_url) as store:
        report = load_tables(output, store)
        first = _rows(store)
        again = load_tables(output, store)
        assert _rows(store) == first
        assert store.count() == report.documents == again.documents == 4
    assert report.errors == 1  # the malformed JSONL line: listed, not loaded
    assert len(first["doc_actors"]) == report.rows["doc_actors"] > 0
    assert len(first["timexes"]) == report.rows["timexes"] > 0


def test_load_gives_the_store_that_ingest_gives(batch_output: tuple[Path, Path], store_url: str,
                                                 tmp_path: Path) -> None:
    inputs, output = batch_output
    with open_store(store_url) as loaded:
        load_tables(output, loaded)
        via_load = _export(loaded)
        hits = [h.doc_id for h in loaded.search("Stoltenberg")]
    with open_store(tmp_path / "ingested.db") as ingested:
        ingest_sources([inputs], ingested, settings=Settings.from_env(), workers=1, progress=False)
        via_ingest = _export(ingested)
        assert hits == [h.doc_id for h in ingested.search("Stoltenberg")] and len(hits) == 1
    assert via_load == via_ingest


def test_load_refuses_a_folder_without_tables(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store, pytest.raises(ConfigError, match="no documents table"):
        load_tables(tmp_path, store)
