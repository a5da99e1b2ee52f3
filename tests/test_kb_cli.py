"""`lagebild actors ...` over the shipped knowledge base (thin wrappers over lagebild.actors.query)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lagebild.actors import holder_at
from lagebild.commands.actors import app

runner = CliRunner()


@pytest.mark.parametrize(("args", "expected"), [
    (["at", "Bundeskanzler", "2022-02-15"], "Olaf Scholz"),
    (["at", "der Kanzler", "2025-08-19"], "Friedrich Merz"),
    (["at", "Kremlchef", "2022-02-15"], "Vladimir Putin"),
    (["at", "US-Außenminister", "2022-01-21"], "Antony Blinken"),
    (["search", "selensk"], "volodymyr_zelenskyy"),
    (["list", "--type", "person", "--country", "russia"], "sergey_lavrov"),
])
def test_kb_cli_commands(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_kb_cli_show_is_json_with_roles() -> None:
    result = runner.invoke(app, ["show", "Lawrow"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert data["id"] == "sergey_lavrov"
    assert any(r["role"] == "russia/foreign_minister" for r in data["roles"])


@pytest.mark.parametrize("args", [["show", "Niemand Unbekannt"], ["at", "Bundeskanzler", "1900-01-01"],
                                  ["at", "Bundeskanzler", "kein-datum"]])
def test_kb_cli_errors_exit_nonzero(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code != 0


def test_kb_cli_python_api_matches() -> None:
    assert holder_at("Bundeskanzler", "2022-02-15").name == "Olaf Scholz"
