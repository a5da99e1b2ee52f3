"""Documentation keeps up: every CLI command, component and setting is named in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from lagebild.cli import app
from lagebild.pipeline import registered

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        names.append(name)
        if hasattr(cmd, "commands"):
            names += [f"{name} {sub}" for sub in cmd.commands]
    return names


@pytest.mark.parametrize("command", _commands())
def test_docs_every_command_in_readme(command: str) -> None:
    assert f"lagebild {command}" in README, f"README does not document `lagebild {command}`"


@pytest.mark.parametrize("component", sorted(registered()))
def test_docs_every_component_in_readme(component: str) -> None:
    assert f"`{component}`" in README, f"README does not document the component `{component}`"


@pytest.mark.parametrize("variable", ["LAGEBILD_DB", "LAGEBILD_KB_DIRS", "LAGEBILD_MAX_BYTES", "LAGEBILD_LEXICON_DIRS",
                                      "LAGEBILD_CACHE_DIR", "LAGEBILD_WORKERS", "LAGEBILD_MAX_SECONDS",
                                      "LAGEBILD_FETCH_TIMEOUT"])
def test_docs_every_setting_in_readme(variable: str) -> None:
    assert variable in README


def test_docs_every_typed_option_in_readme() -> None:
    from lagebild.settings import describe

    nested = [name for name in describe() if "." in name]
    missing = [name for name in nested if f"Settings.{name}" not in README]
    assert not missing, f"README does not document the options {missing}"
