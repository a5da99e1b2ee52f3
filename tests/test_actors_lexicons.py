"""The actors lexicons (``actor_patterns.yaml``, ``actors.yaml``) load through ``lagebild.lexicon``:
shared words are composed from ``function_words.yaml``, a file of the same name in
``LAGEBILD_LEXICON_DIRS`` extends them, and a word YAML reads as a boolean is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild import lexicon
from lagebild.actors.patterns import get_cues, get_patterns, load_patterns
from lagebild.errors import ConfigError


def test_actors_lexicons_determiners_compose_function_words() -> None:
    cues = get_cues()
    articles = lexicon.words("function_words", "de.articles", "en.articles")
    assert articles <= cues.determiners
    assert {"sein", "ihre", "dessen", "his", "their"} <= cues.determiners
    assert not {"unser", "our"} & cues.determiners  # first-person possessives are kept out
    assert {"marz", "may", "okt", "dec"} <= cues.months  # normalised: accents stripped


def test_actors_lexicons_user_dir_extends_patterns_and_cues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "actor_patterns.yaml").write_text("person_nouns:\n  de:\n    m: [Kremlastrologe]\n",
                                                  encoding="utf-8")
    (tmp_path / "actors.yaml").write_text("compass:\n  directions: [Nordnordwesten]\n", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    patterns, cues = get_patterns(), get_cues()
    assert "Kremlastrologe" in patterns.person_nouns["de"]["m"]
    assert "Experte" in patterns.person_nouns["de"]["m"]  # the shipped nouns stay
    assert {"nordnordwesten", "westen"} <= cues.compass_directions


def test_actors_lexicons_yaml_booleans_are_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "actor_patterns.yaml"
    bad.write_text("name_stoplist: [Der, On, Off]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="quote them"):
        load_patterns(bad)


def test_actors_lexicons_unknown_key_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "actor_patterns.yaml"
    bad.write_text("person_noun: {de: {m: [Experte]}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key"):
        load_patterns(bad)
