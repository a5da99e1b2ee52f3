"""Splitting the inputs of a batch into units of work, and reading one unit.

A unit is small and plain (it pickles: it travels to Spark executors and worker processes): a
file to read whole (text, HTML, a WARC file, anything ``read_source`` reads), a slice of lines of a
JSONL file (byte range and first line number, ``JSONL_SLICE_LINES`` lines), a row group of a
Parquet file, or an input that cannot be read (its reason). Slicing keeps one large JSONL file
from landing on one executor. Every document read carries its order key ``(unit index, position
in the unit)``: of several documents with the same content id the first in that order is kept,
whichever engine runs, as ``lagebild ingest`` keeps the first it reads.

Parquet input: one article per row, with the columns a JSONL line may have (``text`` or
``html``, ``id``, ``title``, ``url``, ``published``/``date``, ``author``, ``outlet``,
``language``, ``genre``); a row is read as the JSON object of its columns, so the same rules apply
(sources ``file.parquet:ROW``, 1-based).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import read_source
from lagebild.ingest.readers import JSONL_EXT, KNOWN_EXT
from lagebild.ingest.warc import is_warc, read_jsonl_slice, read_warc
from lagebild.settings import Settings

JSONL_SLICE_LINES = 200  # lines of a JSONL file per unit (~0.3-3 s of analysis on one core)
PARQUET_EXT = {".parquet", ".parq"}


@dataclass(frozen=True)
class Unit:
    index: int  # order of the unit in the run
    kind: str  # file | jsonl | parquet | missing
    path: str
    start: int = 0  # jsonl: first byte; parquet: row group
    end: int = 0  # jsonl: byte after the slice
    first_line: int = 1  # jsonl: number of the first line; parquet: number of the group's first row
    reason: str = ""  # missing: why the input cannot be read


def _is_input(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix in KNOWN_EXT or suffix in PARQUET_EXT or is_warc(name)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and _is_input(f):
                yield Path(root, f)


def _jsonl_slices(path: Path, lines_per_unit: int) -> Iterator[tuple[int, int, int]]:
    """(first byte, end byte, first line) of each slice of ``lines_per_unit`` lines."""
    start, first, n, pos = 0, 1, 0, 0
    with path.open("rb") as fh:
        for line in fh:
            pos += len(line)
            n += 1
            if n % lines_per_unit == 0:
                yield start, pos, first
                start, first = pos, n + 1
    if pos > start:
        yield start, pos, first


def _file_units(path: Path, lines_per_unit: int) -> Iterator[tuple[str, int, int, int]]:
    suffix = path.suffix.lower()
    if suffix in JSONL_EXT and path.stat().st_size > 0:
        for start, end, first in _jsonl_slices(path, lines_per_unit):
            yield "jsonl", start, end, first
    elif suffix in PARQUET_EXT:
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(path).metadata
        row = 1
        for group in range(meta.num_row_groups):
            yield "parquet", group, 0, row
            row += meta.row_group(group).num_rows
    else:
        yield "file", 0, 0, 1


def plan_units(inputs: Iterable[str | Path], lines_per_unit: int = JSONL_SLICE_LINES) -> list[Unit]:
    """The units of ``inputs`` (files and folders, walked recursively and sorted, hidden names
    skipped), in reading order."""
    units: list[Unit] = []

    def add(kind: str, path: Path | str, start: int = 0, end: int = 0, first: int = 1, reason: str = "") -> None:
        units.append(Unit(len(units), kind, str(path), start, end, first, reason))

    for given in inputs:
        path = Path(given)
        try:
            files = list(_walk(path)) if path.is_dir() else [path]
            if path.is_dir() and not files:
                add("missing", path, reason="directory has no readable files")
            for f in files:
                if not f.is_file():
                    add("missing", f, reason="no such file" if not f.exists() else "not a regular file")
                    continue
                for kind, start, end, first in _file_units(f, lines_per_unit):
                    add(kind, f, start, end, first)
        except OSError as exc:
            add("missing", path, reason=f"cannot read: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 -- a Parquet file pyarrow cannot open: that input's error
            add("missing", path, reason=f"cannot read: {exc}")
    return units


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _parquet_lines(unit: Unit) -> list[bytes]:
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(unit.path).read_row_group(unit.start).to_pylist()
    return [json.dumps(row, ensure_ascii=False, default=_json_default).encode("utf-8", "surrogatepass")
            for row in rows]


def read_unit(unit: Unit, settings: Settings) -> Iterator[Document | IngestError]:
    """The documents (unfinished: ``finish_document`` comes with the analysis) and the errors of
    one unit, in order; never raises for bad input."""
    path = Path(unit.path)
    try:
        if unit.kind == "missing":
            yield IngestError(unit.path, unit.reason)
        elif unit.kind == "jsonl":
            with path.open("rb") as fh:
                fh.seek(unit.start)
                data = fh.read(unit.end - unit.start)
            yield from read_jsonl_slice(io.BytesIO(data), unit.path, path.stem, unit.first_line, settings)
        elif unit.kind == "parquet":
            yield from read_jsonl_slice(_parquet_lines(unit), unit.path, path.stem, unit.first_line, settings)
        elif is_warc(unit.path):
            yield from read_warc(path, settings, finish=False)
        else:
            yield from read_source(path, settings, finish=False)
    except IngestError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 -- an unreadable input is that input's error, never the run's
        yield IngestError(unit.path, f"cannot read: {exc!r}")
