"""Exports never overwrite a store, replace their output atomically, and keep hostile text inert
(issue 10): ``write_export`` / ``check_output_path`` refuse the store itself (also through its
``-wal``/``-shm`` files, a symlink or a hard link), any SQLite database, a database URL, a
directory and a missing folder; CSV cells that a spreadsheet would evaluate get a leading ``'``;
json/jsonl stay byte-faithful.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hostile import CSV_FORMULAS, HOSTILE, formula_start, without_surrogates

from lagebild.document import content_id
from lagebild.errors import ConfigError
from lagebild.store import Store, open_store
from lagebild.store import export as export_module
from lagebild.store import testing as _fixtures
from lagebild.store.export import check_output_path, csv_cell, export, write_export
from lagebild.store.testing import make_document, sample_documents

store_url = _fixtures.store_url  # both backends: a fresh SQLite file, a fresh PostgreSQL schema
store = _fixtures.store
pg_session_url = _fixtures.pg_session_url


@pytest.fixture
def sqlite_store(tmp_path: Path) -> tuple[Store, Path]:
    db = tmp_path / "lagebild.db"
    s = open_store(db)
    s.add_many(sample_documents())
    return s, db


# -- 4. the store is never an output ----------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_refuses_the_store_itself(sqlite_store: tuple[Store, Path], suffix: str) -> None:
    s, db = sqlite_store
    before = db.read_bytes()
    with pytest.raises(ConfigError, match="is the store"):
        write_export(s, "json", Path(str(db) + suffix), store_url=str(db))
    assert db.read_bytes() == before and s.count() == 3  # before: truncated to one byte, 3 documents lost


def test_export_refuses_the_store_by_another_name(sqlite_store: tuple[Store, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    s, db = sqlite_store
    (tmp_path / "link.db").symlink_to(db)
    os.link(db, tmp_path / "hard.db")
    monkeypatch.chdir(tmp_path)
    for target in ("lagebild.db", "./sub/../lagebild.db", tmp_path / "link.db", tmp_path / "hard.db"):
        if str(target).startswith("./sub"):
            (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(ConfigError, match="store|SQLite database"):
            write_export(s, "csv", target, store_url="sqlite:///lagebild.db")
    with pytest.raises(ConfigError, match="is the store"):  # the store's own URL is the default
        write_export(s, "csv", "lagebild.db")
    assert s.count() == 3


def test_export_refuses_any_sqlite_database(sqlite_store: tuple[Store, Path], tmp_path: Path) -> None:
    s, _ = sqlite_store
    other = tmp_path / "other.sqlite"
    open_store(other).close()
    before = other.read_bytes()
    with pytest.raises(ConfigError, match="is a SQLite database"):
        write_export(s, "jsonl", other, store_url=s.url)
    assert other.read_bytes() == before


@pytest.mark.parametrize("target", ["postgresql://postgres@127.0.0.1:5432/test", "postgres://x/y",
                                    "sqlite:///out.db"])
def test_export_refuses_a_database_url(sqlite_store: tuple[Store, Path], target: str) -> None:
    s, _ = sqlite_store
    with pytest.raises(ConfigError, match="database URL"):
        write_export(s, "json", target, store_url=s.url)


def test_export_refuses_a_directory_and_a_missing_folder(sqlite_store: tuple[Store, Path], tmp_path: Path) -> None:
    s, _ = sqlite_store
    with pytest.raises(ConfigError, match="is a directory"):
        write_export(s, "json", tmp_path, store_url=s.url)
    with pytest.raises(ConfigError, match="folder .*missing.* does not exist"):
        write_export(s, "json", tmp_path / "missing" / "out.json", store_url=s.url)
    assert not (tmp_path / "missing").exists()


def test_export_check_output_path_accepts_a_plain_file(tmp_path: Path) -> None:
    db = str(tmp_path / "lagebild.db")
    assert check_output_path(tmp_path / "brief.md", db) == (tmp_path / "brief.md").resolve()
    (tmp_path / "old.json").write_text("[]\n")
    assert check_output_path(str(tmp_path / "old.json"), "postgresql://x/y") == (tmp_path / "old.json").resolve()
    with pytest.raises(ConfigError, match="is the store"):
        check_output_path(db, f"sqlite:///{db}")


def test_export_writes_and_replaces_the_output(sqlite_store: tuple[Store, Path], tmp_path: Path) -> None:
    s, db = sqlite_store
    out = tmp_path / "corpus.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    assert write_export(s, "jsonl", out, store_url=str(db)) == 3
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert out.stat().st_mode & 0o777 == 0o640  # the replaced file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".corpus")) == []


def test_export_crash_leaves_the_old_file_intact(sqlite_store: tuple[Store, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    s, db = sqlite_store
    out = tmp_path / "corpus.json"
    out.write_text("the previous export\n")

    def dies(*args: object, **kwargs: object) -> int:
        args[2].write("[{\"half\":")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr(export_module, "export", dies)
    with pytest.raises(KeyboardInterrupt):
        write_export(s, "json", out, store_url=str(db))
    assert out.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "lagebild.db" and not p.name.startswith("lagebild.db-")
            ] == ["corpus.json"]


def test_export_unknown_format_writes_nothing(sqlite_store: tuple[Store, Path], tmp_path: Path) -> None:
    s, db = sqlite_store
    with pytest.raises(ConfigError, match="xml"):
        write_export(s, "xml", tmp_path / "x.xml", store_url=str(db))
    assert not (tmp_path / "x.xml").exists()


def test_export_write_export_on_both_backends(store: Store, tmp_path: Path) -> None:
    store.add_many(sample_documents())
    assert write_export(store, "csv", tmp_path / "x.csv") == 3


# -- 5. CSV formula injection; json/jsonl faithful --------------------------------------------------
@pytest.mark.parametrize("value", sorted(CSV_FORMULAS.values()))
def test_export_csv_cell_neutralises_formulas(value: str) -> None:
    assert csv_cell(value) == "'" + value
    assert not formula_start(csv_cell(value))


@pytest.mark.parametrize("value, expected", [("Putin", "Putin"), ("", ""), (None, None), (3, 3),
                                             ("a=b", "a=b"), ("'=x", "'=x"), ("2022-02-24", "2022-02-24")])
def test_export_csv_cell_keeps_plain_values(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


def _hostile_documents() -> list:
    docs = []
    for name, value in HOSTILE.items():
        text = f"{name}: {value}"
        doc = make_document(text, title=value, export_id=value[:40] or name, doc_id=content_id(name),
                            actors={"x": (value, "person", []), "y": ("Ruhig", "person", [])})
        doc.meta.author, doc.meta.outlet, doc.meta.url = value, value, value
        docs.append(doc)
    return docs


def test_export_csv_hostile_cells_are_inert(store: Store) -> None:
    store.add_many(_hostile_documents())
    out = io.StringIO()
    assert export(store, "csv", out) == len(HOSTILE)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for column, cell in row.items():
            assert not formula_start(cell), (column, cell)
    by_title = {row["title"]: row for row in rows}
    row = by_title["'" + CSV_FORMULAS["csv_hyperlink"]]
    assert row["author"] == row["outlet"] == row["url"] == "'" + CSV_FORMULAS["csv_hyperlink"]
    assert row["actors"] == "'" + CSV_FORMULAS["csv_hyperlink"] + ";Ruhig"
    assert by_title["Er sagte [sic] heute"]["author"] == "Er sagte [sic] heute"  # other text unchanged


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_export_json_keeps_hostile_text_faithful(store: Store, fmt: str) -> None:
    docs = _hostile_documents()
    store.add_many(docs)
    out = io.StringIO()
    export(store, fmt, out)
    text = out.getvalue()
    # JSON keeps U+2028 raw: split lines at \n only, as a JSONL reader does
    objects = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.split("\n") if line]
    got = {o["content_id"]: o for o in objects}
    for doc in docs:
        obj = got[doc.id]
        kept = without_surrogates(doc.meta.title or "")
        assert (obj["title"], obj["author"], obj["outlet"], obj["url"]) == (kept, kept, kept, kept)
        assert obj["text"] == without_surrogates(doc.text)
        assert obj["actors"][0]["name"] == kept
    text.encode("utf-8")  # no lone surrogate reaches the file


def test_export_file_of_hostile_text_round_trips(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    with open_store(db) as s:
        s.add_many(_hostile_documents())
        out = tmp_path / "h.jsonl"
        assert write_export(s, "jsonl", out, store_url=str(db)) == len(HOSTILE)
    lines = [line for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert {json.loads(line)["title"] for line in lines} == {without_surrogates(v) for v in HOSTILE.values()}
