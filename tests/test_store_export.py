"""Export of stored documents as json, jsonl and csv, on both backends."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lagebild.errors import ConfigError
from lagebild.store import Store
from lagebild.store import testing as _fixtures
from lagebild.store.export import CSV_COLUMNS, export
from lagebild.store.testing import sample_documents

store_url = _fixtures.store_url  # both backends: a fresh SQLite file, a fresh PostgreSQL schema
store = _fixtures.store
pg_session_url = _fixtures.pg_session_url


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_many(sample_documents())
    return store


def _expected() -> list[dict]:
    order = {"de_lawrow": 0, "de_scholz": 1, "en_zelensky": 2}
    return sorted((d.to_json() for d in sample_documents()), key=lambda d: order[d["id"]])


def test_store_export_json_is_one_array_of_export_objects(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled, "json", out) == 3
    assert json.loads(out.getvalue()) == _expected()


def test_store_export_jsonl_one_object_per_line(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == _expected()


def test_store_export_csv_counts_layers(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    scholz = next(r for r in rows if r["id"] == "de_scholz")
    assert scholz["actors"] == "Olaf Scholz;Volodymyr Zelensky"
    assert (scholz["n_mentions"], scholz["n_quotes"], scholz["n_timexes"]) == ("3", "0", "1")
    assert scholz["published"] == "2022-02-14"


@pytest.mark.parametrize("fmt, expected", [("json", "[]\n"), ("jsonl", "")])
def test_store_export_empty(store: Store, fmt: str, expected: str) -> None:
    out = io.StringIO()
    assert export(store, fmt, out) == 0
    assert out.getvalue() == expected


def test_store_export_filters_and_rejects_unknown_format(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled, "jsonl", out, language="en") == 1
    with pytest.raises(ConfigError, match="jsonl"):
        export(filled, "xml", io.StringIO())
