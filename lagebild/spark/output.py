"""The output folder of ``lagebild batch``: one folder of Parquet files per table, and a run's
bookkeeping.

Layout: ``OUTPUT/<table>/*.parquet`` for every table of ``tables.TABLES`` and
``OUTPUT/_lagebild.json`` (the pipeline version of the last run and what it did). A run writes
its rows to ``OUTPUT/.staging-<run>/`` first; committing it removes, from the files already in
OUTPUT, the rows of every document the run analysed again, of every document whose source the run
read with another text (an edited article: its old version), and the errors of the inputs it read
again, then moves the new files in. A run that dies before the commit leaves OUTPUT as it was
(the next run removes the stale staging folder); one that dies during the commit has removed old
rows whose new ones are not in yet, and the next run analyses those documents again (they are no
longer in OUTPUT), so nothing is lost or doubled either way.

OUTPUT is a local (or shared, mounted) file system path.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.spark.tables import BYTES, FLOAT, INT, STRING, TABLES, Row, columns

MANIFEST = "_lagebild.json"
STAGING_PREFIX = ".staging-"


def require_pyarrow() -> None:
    """A setup error naming the extra when pyarrow (Parquet) is not installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ConfigError("`lagebild batch` and `lagebild load` write and read Parquet with pyarrow: "
                          "pip install 'lagebild[spark]'") from exc


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    types = {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BYTES: pa.binary()}
    return pa.schema([(name, types.get(kind, pa.bool_())) for name, kind in TABLES[table]])


def parquet_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".parquet" and not p.name.startswith((".", "_")))


def read_table(output: str | Path, table: str, cols: Iterable[str] | None = None) -> Any:
    """One table of ``output`` as a pyarrow Table (empty with the table's schema when absent)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    wanted = list(cols) if cols is not None else schema.names
    parts = [pq.read_table(f, columns=wanted, schema=schema) for f in parquet_files(Path(output) / table)]
    if not parts:
        return pa.schema([schema.field(c) for c in wanted]).empty_table()
    return pa.concat_tables(parts)


def check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise ConfigError(f"the output {output} is a file; give a folder (it is created if missing)")
    if output.is_dir() and any(output.iterdir()) and not (output / MANIFEST).exists() \
            and not (output / "documents").is_dir():
        raise ConfigError(f"the output folder {output} holds other files; give an empty or new folder, or one "
                          f"an earlier `lagebild batch` wrote")


def done_documents(output: str | Path) -> dict[str, str]:
    """Content id -> pipeline version of every document in ``output``."""
    table = read_table(output, "documents", ["id", "pipeline_version"])
    return dict(zip(table.column("id").to_pylist(), table.column("pipeline_version").to_pylist(), strict=True))


def new_staging(output: Path) -> Path:
    output.mkdir(parents=True, exist_ok=True)
    for old in output.glob(STAGING_PREFIX + "*"):  # a run that died before its commit
        shutil.rmtree(old, ignore_errors=True)
    staging = output / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    return staging


class PartWriter:
    """Buffers rows per table and writes them as Parquet files of ``rows_per_file`` rows into a
    staging folder (the local engine's writer; Spark writes its own files)."""

    def __init__(self, staging: Path, rows_per_file: int = 20_000, prefix: str = "") -> None:
        self.staging, self.rows_per_file, self.prefix = staging, rows_per_file, prefix
        self.buffers: dict[str, list[Row]] = {t: [] for t in TABLES}
        self.counts: dict[str, int] = {t: 0 for t in TABLES}
        self.parts = 0

    def add(self, table: str, row: Row) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        self.counts[table] += 1
        if len(buffer) >= self.rows_per_file:
            self._write(table)

    def close(self) -> None:
        for table in TABLES:
            self._write(table)

    def _write(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self.buffers[table]
        if not rows:
            return
        names = columns(table)
        data = {name: [r[i] for r in rows] for i, name in enumerate(names)}
        folder = self.staging / table
        folder.mkdir(parents=True, exist_ok=True)
        self.parts += 1
        name = f"part-{self.prefix}-{self.parts:05d}" if self.prefix else f"part-{self.parts:05d}"
        tmp = folder / f".{name}.tmp"
        pq.write_table(pa.table(data, schema=arrow_schema(table)), tmp)
        os.replace(tmp, folder / f"{name}.parquet")
        rows.clear()


def staged_keys(staging: Path) -> tuple[set[str], set[str]]:
    """The ids of the documents a staged run wrote or failed on, and the inputs it read."""
    docs = read_table(staging, "documents", ["id"]).column("id").to_pylist()
    errors = read_table(staging, "errors", ["doc_id", "input"])
    ids = set(docs) | {d for d in errors.column("doc_id").to_pylist() if d}
    return ids, set(errors.column("input").to_pylist())


def _drop_rows(path: Path, table: str, ids: set[str], inputs: set[str]) -> None:
    """Rewrite one Parquet file without the rows of ``ids`` (errors: nor of ``inputs``)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    key = "id" if table == "documents" else "doc_id"
    keys = pq.read_table(path, columns=[key]).column(key)
    stale = pc.is_in(keys, value_set=pa.array(sorted(ids), pa.string()))
    if table == "errors":
        read_inputs = pq.read_table(path, columns=["input"]).column("input")
        stale = pc.or_(pc.fill_null(stale, False), pc.is_in(read_inputs, value_set=pa.array(sorted(inputs), pa.string())))
    stale = pc.fill_null(stale, False)
    if not pc.any(stale).as_py():
        return
    kept = pq.read_table(path, schema=arrow_schema(table)).filter(pc.invert(stale))
    if kept.num_rows == 0:
        path.unlink()
        return
    tmp = path.with_name("." + path.name + ".tmp")
    pq.write_table(kept, tmp)
    os.replace(tmp, path)


def replaced_documents(output: Path, staging: Path, ids: set[str]) -> set[str]:
    """The documents in ``output`` whose source the staged run read again with another text
    (another content id): the old version of an edited article."""
    sources = {s for s in read_table(staging, "documents", ["source"]).column("source").to_pylist() if s}
    if not sources:
        return set()
    table = read_table(output, "documents", ["id", "source"])
    return {i for i, s in zip(table.column("id").to_pylist(), table.column("source").to_pylist(), strict=True)
            if s in sources and i not in ids}


def commit(output: Path, staging: Path, run: str, manifest: dict[str, Any], inputs: set[str]) -> int:
    """Replace the rows of the staged documents in ``output`` by the staged ones, drop the old
    version of each document whose source now has another text (see the module docstring), and
    record the run in the manifest. Returns how many old versions were dropped."""
    ids, error_inputs = staged_keys(staging)
    replaced = replaced_documents(output, staging, ids)
    ids |= replaced
    inputs = inputs | error_inputs
    for table in TABLES:
        for path in parquet_files(output / table):
            _drop_rows(path, table, ids, inputs)
    for table in TABLES:
        target = output / table
        target.mkdir(exist_ok=True)
        for n, path in enumerate(parquet_files(staging / table)):
            os.replace(path, target / f"part-{run}-{n:05d}.parquet")
    shutil.rmtree(staging, ignore_errors=True)
    tmp = output / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, output / MANIFEST)
    return len(replaced)


def read_manifest(output: Path) -> dict[str, Any]:
    """The manifest of ``output`` ({} when there is none)."""
    path = output / MANIFEST
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
