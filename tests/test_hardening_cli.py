"""The command line with hostile text (issue 10): every command over a store and inputs built from
``tests/hostile.py`` prints titles, authors, quotes, actor names, file names and queries literally
(Rich markup such as ``[/]`` once crashed search/quotes/analyze/show, ``[sic]`` vanished and
``[link=…]`` made hyperlinks) and passes no control sequence to the terminal; the store is never
an output (``export -o x.db --db x.db`` truncated the store); read commands do not create a store;
a long string is no file name; a query may start with a dash."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hostile import (
    ANSI,
    CSV_FORMULAS,
    FTS,
    HOSTILE,
    HTML,
    QUERIES,
    RICH,
    SQL,
    formula_start,
    without_surrogates,
)
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.document import Actor, Document, Mention, Metadata, Quote
from lagebild.store import open_store

runner = CliRunner()
WIDE = {"COLUMNS": "3000"}  # one line per row: a hostile string is not wrapped inside a table cell
# the strings a terminal must show as they are (printable, short)
LITERAL = {**RICH, **HTML, **CSV_FORMULAS, **SQL, **FTS}
LITERAL = {k: v for k, v in LITERAL.items() if "\t" not in v and "\r" not in v}
# what no output to a terminal may contain: escape sequences and controls from the hostile strings
INJECTED = ("\x1b[31m", "\x1b[2J", "\x1b]8;;http://x", "\x07", "\x08", "\u202e", "\x00")


def _doc(i: int, hostile: str) -> Document:
    """An article quoting ``hostile``, titled and written by it, with an actor of that name."""
    clean = without_surrogates(hostile)
    quote = f"„{clean}“"
    text = f"Bericht {i}: Minister Hans Beispiel sagte am Montag in Berlin: {quote} Danach reiste er ab."
    doc = Document(text, Metadata(title=hostile, author=hostile, published=date(2022, 1, 20 + i % 5),
                                  language="de", export_id=f"doc{i:03d}", outlet=hostile))
    name_at = text.index("Hans Beispiel")
    q_at = text.index(quote)
    doc.actors = {f"actor{i}": Actor(id=f"actor{i}", name=hostile or "x", type="person", source="document")}
    doc.mentions = [Mention(name_at, name_at + 13, text="Hans Beispiel", actor=f"actor{i}")]
    doc.quotes = [Quote(q_at + 1, q_at + len(quote) - 1, text=clean, kind="direct", speaker=f"actor{i}")]
    return doc


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("hostile") / "hostile.db")
    with open_store(db) as store, store.transaction():
        for i, text in enumerate(HOSTILE.values()):
            store.add(_doc(i, text))
    return db


def _ok(result: object) -> str:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 0, output  # type: ignore[attr-defined]
    assert "Traceback" not in output and "MarkupError" not in output
    return str(output)


def _no_injection(output: str) -> None:
    leaked = [seq for seq in INJECTED if seq in output]
    assert not leaked, f"control sequences reached the terminal: {leaked!r}"


def test_hardening_cli_show_prints_hostile_text_literally(hostile_db: str) -> None:
    for i, (name, text) in enumerate(HOSTILE.items()):
        out = _ok(runner.invoke(app, ["show", f"doc{i:03d}", "--db", hostile_db], env=WIDE))
        _no_injection(out)
        if name in LITERAL:
            assert text in out, f"{name}: {text!r} not shown as it is"


def test_hardening_cli_quotes_print_hostile_text_literally(hostile_db: str) -> None:
    out = _ok(runner.invoke(app, ["quotes", "--db", hostile_db], env=WIDE))
    _no_injection(out)
    for name, text in LITERAL.items():
        assert text in out, f"{name}: {text!r} missing from the quotes table"
    lines = _ok(runner.invoke(app, ["quotes", "--db", hostile_db, "--json"])).splitlines()
    assert len([json.loads(line) for line in lines if line.strip()]) == len(HOSTILE)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_hardening_cli_search_hostile_queries(hostile_db: str, name: str) -> None:
    result = runner.invoke(app, ["search", "--db", hostile_db, "--", QUERIES[name]], env=WIDE)
    out = result.output
    # a query over the store's bounds (term count) is refused with one line, exit code 3
    assert result.exit_code == 0 or (result.exit_code == 3 and out.startswith("error:")), out
    assert "Traceback" not in out and "MarkupError" not in out
    _no_injection(out)
    if name in LITERAL and "No article matches" in out:
        assert repr(QUERIES[name]) in out


def test_hardening_cli_search_hits_show_titles_literally(hostile_db: str) -> None:
    out = _ok(runner.invoke(app, ["search", "Minister", "--db", hostile_db, "--limit", "100"], env=WIDE))
    _no_injection(out)
    for name, text in RICH.items():
        assert text in out, f"{name}: {text!r} missing from the search results"


def test_hardening_cli_terminal_gets_no_injected_sequences(hostile_db: str) -> None:
    """As on a real terminal (colours on): Rich's own styles only, no hostile escape or link."""
    env = {**WIDE, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    for args in (["quotes"], ["search", "Minister", "--limit", "100"], ["show", "doc000"], ["show", "doc002"]):
        out = _ok(runner.invoke(app, [*args, "--db", hostile_db], env=env))
        _no_injection(out)
        assert "\x1b]8;" not in out, f"{args}: a hyperlink reached the terminal"


def test_hardening_cli_analyze_and_ingest_hostile_titles_and_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(LITERAL.values()):
        (folder / f"a{i:02d}.txt").write_text(f"TITLE: {text}\n\nDer Kanzler reiste am Montag nach Kiew, "
                                              f"sagte ein Sprecher in Berlin.\n", encoding="utf-8")
    (folder / "[red]leer[blink].txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(folder), "--workers", "1"], env=WIDE)
    assert result.exit_code == 1 and "Traceback" not in result.output  # the empty file is skipped
    assert "[red]leer[blink].txt" in result.output
    for name, text in RICH.items():
        assert text in result.output, f"{name}: {text!r} missing from the analysis table"
    db = str(tmp_path / "x.db")
    ingested = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-progress", "--workers", "1"], env=WIDE)
    assert ingested.exit_code == 1 and "[red]leer[blink].txt" in ingested.output


def test_hardening_cli_export_csv_neutralised(hostile_db: str, tmp_path: Path) -> None:
    import csv
    import io

    out = _ok(runner.invoke(app, ["export", "--format", "csv", "--db", hostile_db]))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(HOSTILE)
    assert not [row["title"] for row in rows if formula_start(row["title"] or "")]
    target = tmp_path / "out.csv"
    _ok(runner.invoke(app, ["export", "--format", "csv", "--db", hostile_db, "-o", str(target)]))
    with target.open(encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh)) == rows


@pytest.mark.parametrize("args", [["actors", "search"], ["actors", "show"], ["actors", "at"]])
def test_hardening_cli_actors_hostile_arguments(args: list[str]) -> None:
    for name, text in {**RICH, **ANSI}.items():
        extra = ["2022-01-01"] if args[-1] == "at" else []
        result = runner.invoke(app, [*args, "--", text, *extra], env=WIDE)
        assert result.exit_code in (0, 1, 3) and "Traceback" not in result.output, (name, result.output)
        _no_injection(result.output)


# -- the store is never an output; read commands create nothing ------------------------------------


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from documents").fetchone()[0])


@pytest.fixture
def small_db(tmp_path: Path, hostile_db: str) -> Path:
    db = tmp_path / "store.db"
    with open_store(str(db)) as store, store.transaction():
        for i, text in enumerate(list(RICH.values())[:3]):
            store.add(_doc(i, text))
    return db


def test_hardening_cli_export_never_overwrites_the_store(small_db: Path, tmp_path: Path) -> None:
    size = small_db.stat().st_size
    result = runner.invoke(app, ["export", "-o", str(small_db), "--db", str(small_db)])
    assert result.exit_code == 3 and "refusing" in result.output
    assert small_db.stat().st_size == size and _count(small_db) == 3
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table t (x)")
    refused = runner.invoke(app, ["export", "-o", str(other), "--db", str(small_db)])
    assert refused.exit_code == 3 and "SQLite database" in refused.output


def test_hardening_cli_export_default_store_protected(small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small_db.parent)
    monkeypatch.delenv("LAGEBILD_DB", raising=False)
    small_db.rename(small_db.parent / "lagebild.db")
    result = runner.invoke(app, ["export", "-o", "lagebild.db"])
    assert result.exit_code == 3 and "refusing" in result.output
    assert _count(small_db.parent / "lagebild.db") == 3


@pytest.mark.parametrize("target", ["postgresql://postgres@127.0.0.1:5432/test", "sqlite:///x.db"])
def test_hardening_cli_export_refuses_database_urls(small_db: Path, target: str) -> None:
    result = runner.invoke(app, ["export", "-o", target, "--db", str(small_db)])
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_hardening_cli_export_directory_and_missing_folder(small_db: Path, tmp_path: Path) -> None:
    to_dir = runner.invoke(app, ["export", "-o", str(tmp_path), "--db", str(small_db)])
    assert to_dir.exit_code == 3 and "is a directory" in to_dir.output and "Traceback" not in to_dir.output
    missing = runner.invoke(app, ["export", "-o", str(tmp_path / "nope" / "x.json"), "--db", str(small_db)])
    assert missing.exit_code == 3 and "does not exist" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize("command", [["search", "Putin"], ["quotes"], ["export"], ["show", "doc000"]])
def test_hardening_cli_read_commands_create_no_store(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "typo.db"
    result = runner.invoke(app, [*command, "--db", str(typo)])
    assert result.exit_code == 3 and "no store" in result.output and "Traceback" not in result.output
    assert not typo.exists()


# -- a long string is no path; a query may start with a dash -------------------------------------


def test_hardening_cli_show_long_string_is_a_clear_error(small_db: Path) -> None:
    result = runner.invoke(app, ["show", "a" * 5000, "--db", str(small_db)])
    assert result.exit_code == 3 and "Traceback" not in result.output and "File name too long" not in result.output
    assert "aaaa" in result.output and len(result.output) < 2000


def test_hardening_cli_show_path_still_analyses(tmp_path: Path) -> None:
    f = tmp_path / "artikel.txt"
    f.write_text("Der Kanzler reiste am Montag nach Kiew.", encoding="utf-8")
    out = _ok(runner.invoke(app, ["show", str(f)], env=WIDE))
    assert "Kanzler" in out


@pytest.mark.parametrize("args", [["search", "-Putin"], ["search", "--", "-Putin"]])
def test_hardening_cli_search_query_with_leading_dash(small_db: Path, args: list[str]) -> None:
    argv = [*args, "--db", str(small_db)] if args[1] != "--" else ["search", "--db", str(small_db), "--", "-Putin"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert "No such option" not in result.output


def test_hardening_cli_help_documents_dash_queries() -> None:
    out = runner.invoke(app, ["search", "--help"], env=WIDE).output
    assert "-- -Putin" in out



@pytest.mark.parametrize("out", ["", "nope/model.crfsuite"])
def test_hardening_cli_train_out_directory_or_missing_folder(tmp_path: Path, out: str) -> None:
    result = runner.invoke(app, ["train", "ner", "--data", str(tmp_path), "--out", str(tmp_path / out)])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert "is a directory" in result.output or "does not exist" in result.output
