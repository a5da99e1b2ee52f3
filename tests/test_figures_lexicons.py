"""The figures lexicons (units.yaml, figures.yaml, figures_numbers.yaml) load through
``lagebild.lexicon``: a user directory in ``LAGEBILD_LEXICON_DIRS`` extends them, and
``Settings.figures.units_path`` replaces the shipped units.yaml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lagebild.document import Document, Metadata
from lagebild.errors import ConfigError
from lagebild.figures.component import FiguresComponent, extract_figures
from lagebild.figures.lexicon import load_units
from lagebild.settings import FiguresSettings, Settings


@pytest.fixture
def user_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], None]:
    """Write one user lexicon file and put its directory in ``LAGEBILD_LEXICON_DIRS`` (lexicons are
    cached per set of directories, so each test gets a directory of its own)."""

    def write(name: str, content: str) -> None:
        d = tmp_path / "lexicons"
        d.mkdir(exist_ok=True)
        (d / name).write_text(content, encoding="utf-8")
        monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(d))
        monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path / "cache"))

    return write


def pairs(text: str, language: str = "de") -> list[tuple[str, float, str | None]]:
    return [(f.text, f.value, f.unit) for f in extract_figures(text, language)]


def test_figures_user_units_extend_the_shipped_units(user_lexicon: Callable[[str, str], None]) -> None:
    # without a unit for it, a German noun counts with its lemma (FORMAT.md: any counted noun)
    assert pairs("Es kamen 40 Kamele und 3 Panzer.") == [("40 Kamele", 40, "kamel"), ("3 Panzer", 3, "tank")]
    user_lexicon("units.yaml", "units:\n  camel:\n    de: [Kamel, Kamele]\n")
    assert pairs("Es kamen 40 Kamele und 3 Panzer.") == [("40 Kamele", 40, "camel"), ("3 Panzer", 3, "tank")]


def test_figures_user_number_words_extend_the_shipped_ones(user_lexicon: Callable[[str, str], None]) -> None:
    assert pairs("Es kamen zwoa Panzer.") == []
    user_lexicon("figures_numbers.yaml", "de:\n  words: {zwoa: 2}\n")
    assert pairs("Es kamen zwoa Panzer.") == [("zwoa Panzer", 2, "tank")]


def test_figures_user_finder_words_extend_the_shipped_ones(user_lexicon: Callable[[str, str], None]) -> None:
    text = "Sie sahen 100.000 jenseits der Grenze stationierte Soldaten."
    assert pairs(text) == []
    user_lexicon("figures.yaml", "de:\n  prepositions: [jenseits]\n")
    assert pairs(text) == [("100.000 jenseits der Grenze stationierte Soldaten", 100000, "soldier")]


def test_figures_units_path_replaces_the_shipped_units(tmp_path: Path) -> None:
    path = tmp_path / "my_units.yaml"
    path.write_text("units:\n  camel:\n    de: [Kamel, Kamele]\n", encoding="utf-8")
    component = FiguresComponent(Settings(figures=FiguresSettings(units_path=path)))
    doc = component(Document("Es kamen 40 Kamele und 3 Panzer.", Metadata(language="de")))
    # the shipped "Panzer" -> tank is gone with the shipped file: the noun counts with its lemma
    assert [(f.text, f.unit) for f in doc.figures] == [("40 Kamele", "camel"), ("3 Panzer", "panzer")]


def test_figures_units_path_that_is_not_a_units_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad_units.yaml"
    path.write_text("units: [Kamel, Kamele]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="units"):
        load_units(path)
    with pytest.raises(ConfigError, match="cannot be read"):
        load_units(tmp_path / "missing.yaml")


def test_figures_shipped_units_lexicon_is_cached() -> None:
    assert load_units() is load_units()
