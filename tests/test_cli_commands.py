"""The command line as a user runs it: real files, real stores, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("LAGEBILD_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")

ARTICLE = """TITLE: Treffen in Genf
DATE: 2022-01-21
AUTHOR: Erika Beispiel

Am Freitag trafen sich US-Außenminister Antony Blinken und der russische Außenminister Sergej Lawrow in Genf.
„Wir haben ein besseres Verständnis“, sagte Blinken nach dem Gespräch. Russland habe keine Absicht, die
Ukraine anzugreifen, sagte Lawrow. An der Grenze stehen rund 100.000 Soldaten.
"""

OTHER = """TITLE: Scholz in Moskau
DATE: 2022-02-15

Bundeskanzler Olaf Scholz hat am Dienstag im Kreml mit Präsident Wladimir Putin über die Lage an der
ukrainischen Grenze gesprochen. Der Kanzler sagte, Diplomatie sei noch lange nicht ausgeschöpft.
"""


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "genf.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "moskau.txt").write_text(OTHER, encoding="utf-8")
    (d / "leer.txt").write_text("", encoding="utf-8")
    return d


def test_cli_every_command_help_has_an_example() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "analyze", "search", "show", "export", "eval", "demo", "quotes"} <= set(names)
    for name in names:
        cmd = group.commands[name]  # type: ignore[attr-defined]
        if hasattr(cmd, "commands"):  # a sub-group: check its commands
            for sub in cmd.commands.values():
                assert "Example" in (sub.help or ""), f"lagebild {name} {sub.name} --help has no example"
        else:
            assert "Example" in (cmd.help or ""), f"lagebild {name} --help has no example"


def test_cli_analyze_json_exports_valid_documents(articles: Path) -> None:
    result = runner.invoke(app, ["analyze", str(articles / "genf.txt"), str(articles / "moskau.txt"), "--json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["id"] for d in docs] == ["genf", "moskau"]
    assert docs[0]["title"] == "Treffen in Genf" and docs[0]["published"] == "2022-01-21"
    for d in docs:
        for layer in ("mentions", "timexes", "quotes", "figures"):
            for ann in d[layer]:
                assert d["text"][ann["start"]:ann["end"]] == ann["text"], (layer, ann)


def test_cli_analyze_reports_skipped_file_and_exit_code(articles: Path) -> None:
    result = runner.invoke(app, ["analyze", str(articles)])
    assert result.exit_code == 1
    assert "leer.txt" in result.output


def test_cli_analyze_seeds_json(seeds_dir: Path) -> None:
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    proc = subprocess.run([sys.executable, "-m", "lagebild.cli", "analyze", *files, "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    docs = json.loads(proc.stdout)
    assert len(docs) == len(files)
    for d in docs:
        assert set(d) >= {"id", "title", "url", "language", "published", "author", "outlet", "genre", "text",
                          "actors", "mentions", "timexes", "quotes", "figures", "events", "stances",
                          "commitments"}
        assert d["language"] == "de"


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_cli_ingest_search_export_round_trip(backend: str, articles: Path, tmp_path: Path) -> None:
    if backend == "postgres" and not _pg_available():
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
    db = str(tmp_path / "cli.db") if backend == "sqlite" else f"{PG_URL}?schema=lagebild_cli_{uuid.uuid4().hex[:8]}"
    try:
        first = runner.invoke(app, ["ingest", str(articles), "--db", db, "--no-progress"])
        assert first.exit_code == 1  # leer.txt was skipped
        assert "leer.txt" in first.output
        again = runner.invoke(app, ["ingest", str(articles / "genf.txt"), "--db", db, "--no-progress"])
        assert again.exit_code == 0, again.output

        hits = runner.invoke(app, ["search", "Genf", "--db", db])
        assert hits.exit_code == 0 and "genf" in hits.output

        exported = runner.invoke(app, ["export", "--format", "json", "--db", db])
        docs = json.loads(exported.stdout)
        assert sorted(d["id"] for d in docs) == ["genf", "moskau"]  # re-ingest added nothing

        jsonl = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
        assert len([line for line in jsonl.stdout.splitlines() if line.strip()]) == 2
        csv_out = runner.invoke(app, ["export", "--format", "csv", "--db", db])
        assert csv_out.stdout.splitlines()[0].startswith("id")
    finally:
        if backend == "postgres":
            from lagebild.store.testing import drop_schema

            drop_schema(db.rsplit("schema=", 1)[1])
