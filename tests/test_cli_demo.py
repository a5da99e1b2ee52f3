"""`lagebild demo`, `show` and `quotes` as a new user runs them after `make demo`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = runner.invoke(app, ["demo", "--db", db, "--examples", str(EXAMPLES)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return db, result.output


def test_cli_demo_reports_ingested_duplicates_and_skipped(demo_db: tuple[str, str]) -> None:
    _, output = demo_db
    assert "ingested" in output and "duplicates 1" in output
    for bad in ("empty.txt", "binary.txt", "mixed.jsonl:2"):
        assert bad in output, f"{bad} should be reported as skipped"
    assert "Vladimir Putin" in output


def test_cli_quotes_by_speaker_alias_and_date(demo_db: tuple[str, str]) -> None:
    db, _ = demo_db
    result = runner.invoke(app, ["quotes", "--speaker", "Lawrow", "--from", "2022-01-01", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, "the demo corpus quotes Lavrov"
    assert all("Sergey Lavrov" in line for line in lines)
    none = runner.invoke(app, ["quotes", "--speaker", "Lawrow", "--to", "2000-01-01", "--db", db])
    assert "No quotes match" in none.output


def test_cli_show_highlights_a_stored_document(demo_db: tuple[str, str]) -> None:
    db, _ = demo_db
    stem = sorted(p.stem for p in (EXAMPLES / "corpus").glob("de_*.txt"))[0]
    result = runner.invoke(app, ["show", stem, "--db", db])
    assert result.exit_code == 0, result.output
    assert "actors" in result.output and "mentions" in result.output


def test_cli_show_unknown_document_says_what_to_do(demo_db: tuple[str, str]) -> None:
    db, _ = demo_db
    result = runner.invoke(app, ["show", "no-such-document", "--db", db])
    assert result.exit_code != 0
