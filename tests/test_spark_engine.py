"""`lagebild batch --engine spark` on a real local Spark (`local[2]`): the same tables as the local
engine for the same inputs (JSONL, Parquet, text, HTML, WARC), a bad line in the errors table
while the rest is written, the same export after `lagebild load`, and a re-run that skips what
OUTPUT holds. On the demo corpus and the seeds (when ../shared is there), through the command line:
`batch --engine spark --master local[2]` then `load` (SQLite and PostgreSQL) gives every document
the export `ingest` in one process gives, byte for byte, and the same cross-document picture.
One SparkSession for the module (starting one costs 10-50 s).

Skipped when PySpark or Java is missing, unless LAGEBILD_REQUIRE_SPARK=1 (CI: .ci/run installs both)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("warcio")

from conftest import EXAMPLES, SEEDS  # noqa: E402
from test_batch_engine import WARC_URL, table_rows, write_corpus  # noqa: E402
from test_load_parquet import _export  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from lagebild.cli import app  # noqa: E402
from lagebild.settings import Settings  # noqa: E402
from lagebild.spark import TABLES, BatchRun, load_tables, reprocess, run_batch  # noqa: E402
from lagebild.spark.output import read_table  # noqa: E402
from lagebild.store import Store, open_store  # noqa: E402
from lagebild.store import testing as _fixtures  # noqa: E402
from lagebild.store.export import export  # noqa: E402

store_url = _fixtures.store_url  # both backends: a fresh SQLite file, a fresh PostgreSQL schema


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (apt-get install default-jre-headless)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    reason = _spark_missing()
    if reason and os.environ.get("LAGEBILD_REQUIRE_SPARK") == "1":
        pytest.fail(reason + " (LAGEBILD_REQUIRE_SPARK=1)")
    if reason:
        pytest.skip(reason)
    from lagebild.spark import spark_session

    session = spark_session("local[2]", partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def runs(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path, BatchRun, Path]:
    corpus = write_corpus(tmp_path_factory.mktemp("corpus"))
    inputs = [corpus["plain"], corpus["more"]]
    out = tmp_path_factory.mktemp("out")
    settings = Settings.from_env()
    on_spark = run_batch(inputs, out / "spark", settings=settings, engine="spark", spark=spark, partitions=2)
    _lagebild("batch", *map(str, inputs), str(out / "local"), "--engine", "local", "--workers", "1")
    return inputs, out / "spark", on_spark, out / "local"


def _lagebild(*args: str) -> None:
    """The command line in a process of its own, as the Spark workers are: the reference runs
    owe nothing to what this test process built or cached before."""
    done = subprocess.run([sys.executable, "-c", "from lagebild.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: the errors table got rows


def test_spark_engine_writes_the_tables_the_local_engine_writes(runs) -> None:  # type: ignore[no-untyped-def]
    _inputs, spark_out, run, local_out = runs
    assert run.engine == "spark" and run.documents == 7 and run.copies == 1
    for table in TABLES:  # the versions are compared on their own (a lexicon edited between the runs)
        drop = ("ingested_at", "pipeline_version", "versions", *(("row_id",) if table == "errors" else ()))
        assert table_rows(spark_out, table, drop) == table_rows(local_out, table, drop), table
    assert set(read_table(spark_out, "documents").column("pipeline_version").to_pylist()) == {run.pipeline_version}
    assert read_table(spark_out, "quotes").num_rows > 0


def test_spark_engine_puts_a_bad_line_in_errors_and_writes_the_rest(runs) -> None:  # type: ignore[no-untyped-def]
    _inputs, spark_out, run, _local = runs
    errors = read_table(spark_out, "errors").to_pylist()
    assert [e["source"].rsplit("/", 1)[-1] for e in errors] == ["a.jsonl:2"]
    assert "malformed JSON" in errors[0]["reason"]
    docs = read_table(spark_out, "documents").to_pylist()
    assert {d["export_id"] for d in docs} >= {"scholz", "geneva", "un", "kyiv"}
    assert [d["url"] for d in docs if d["url"] == WARC_URL] == [WARC_URL]  # the page; not the image, not the 404
    assert run.exit_code == 1


def test_spark_engine_export_after_load_equals_the_local_one(runs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _inputs, spark_out, _run, local_out = runs
    with open_store(tmp_path / "spark.db") as a, open_store(tmp_path / "local.db") as b:
        load_tables(spark_out, a)
        load_tables(local_out, b)
        assert _export(a) == _export(b)
        assert a.count() == 7


def test_spark_engine_rerun_skips_what_output_holds(runs, spark: Any) -> None:  # type: ignore[no-untyped-def]
    inputs, spark_out, first, _local = runs
    before = {t: table_rows(spark_out, t) for t in TABLES}
    again = run_batch(inputs, spark_out, settings=Settings.from_env(), engine="spark", spark=spark, partitions=2)
    assert again.documents == 0 and again.already_done == 7 and again.copies == 1
    assert {t: table_rows(spark_out, t) for t in TABLES} == before
    assert again.pipeline_version == first.pipeline_version


def test_spark_engine_reprocess_changed_redoes_only_the_edited_article(spark: Any, tmp_path: Path) -> None:
    from test_batch_engine import KYIV, NATO

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(KYIV + "\n", encoding="utf-8")
    (corpus / "b.txt").write_text(NATO + "\n", encoding="utf-8")
    settings = Settings.from_env()
    assert run_batch([corpus], out, settings=settings, engine="spark", spark=spark).documents == 2
    (corpus / "b.txt").write_text(NATO + " Die Beschlüsse gelten ab sofort.\n", encoding="utf-8")
    again = reprocess(out, settings=settings, changed=True, engine="spark", spark=spark)
    assert (again.documents, again.already_done, again.replaced) == (1, 1, 1)
    texts = sorted(json.loads(r)["text"] for r in read_table(out, "documents").column("record").to_pylist())
    assert len(texts) == 2 and any(t.endswith("ab sofort.") for t in texts)


# -- the demo corpus and the seeds, through the command line ---------------------------------------
# the cross-document picture, as a user asks for it after either way in
PICTURE = (["timeline", "--json"], ["commitments", "--json", "--as-of", "2025-12-01"], ["stances", "--json"])


def _demo_inputs() -> list[str]:
    return [str(EXAMPLES / "corpus"), *([str(SEEDS)] if SEEDS.is_dir() else [])]


def _export_lines(store: Store) -> dict[str, str]:
    """Each document's export (a JSONL line) by content id."""
    buf = io.StringIO()
    export(store, "jsonl", buf)
    return {json.loads(line)["content_id"]: line for line in buf.getvalue().splitlines()}


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), (args, result.output)  # 1: nothing matches (picture commands)
    return result.stdout


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[str]]:
    """`lagebild ingest` in one process: every document's export, and the picture."""
    db = str(tmp_path_factory.mktemp("ingest") / "ingest.db")
    _lagebild("ingest", *_demo_inputs(), "--db", db, "--workers", "1", "--no-progress")
    with open_store(db) as store:
        lines = _export_lines(store)
    return lines, [_cli(*command, "--db", db) for command in PICTURE]


@pytest.fixture(scope="module")
def demo_on_spark(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`lagebild batch … --engine spark --master local[2]` (the module's session is the active one)."""
    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(app, ["batch", *_demo_inputs(), str(out), "--engine", "spark",
                                      "--master", "local[2]", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["engine"] == "spark"
    return out


def test_spark_engine_every_document_exports_as_in_one_process(demo_on_spark: Path, single_process,  # type: ignore[no-untyped-def]
                                                               store_url: str) -> None:
    expected, picture = single_process
    for _ in range(2):  # loading again changes nothing
        report = json.loads(_cli("load", str(demo_on_spark), "--db", store_url))
        assert report["documents"] == len(expected) and report["errors"] == 0
        with open_store(store_url) as store:
            loaded = _export_lines(store)
        assert sorted(loaded) == sorted(expected)
        different = [cid for cid, line in expected.items() if loaded[cid] != line]
        assert different == [], different[:5]
    assert report["duplicates"] > 0  # the reprints of the demo corpus, marked as ingest marks them
    assert [_cli(*command, "--db", store_url) for command in PICTURE] == picture
