"""The time lexicons: YAML loads, number words compose, every rule has trigger words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_time_helpers import find, run_time

from lagebild.time.lexicon import alternation, factored_alternation, grammar_words, load_lexicon
from lagebild.time.patterns import _TRIGGERS, rules_for


@pytest.mark.parametrize(("word", "value"), [
    ("zwei", 2), ("zwölf", 12), ("zwanzig", 20), ("dreißig", 30), ("hundert", 100), ("anderthalb", 1.5),
    ("dreieinhalb", 3.5), ("zweieinhalb", 2.5), ("einundzwanzig", 21), ("achtundvierzig", 48),
    ("ein halbes", 0.5), ("24", 24), ("1,5", 1.5),
])
def test_time_lexicon_german_numbers(word: str, value: float) -> None:
    assert load_lexicon("de").number(word) == value


@pytest.mark.parametrize(("form", "unit"), [
    ("Tag", "D"), ("Tagen", "D"), ("Wochen", "W"), ("Monaten", "M"), ("Jahres", "Y"), ("Stunden", "H"),
    ("Minute", "MIN"), ("Jahrzehnte", "DEC"),
])
def test_time_lexicon_unit_inflections(form: str, unit: str) -> None:
    assert load_lexicon("de").unit(form) == unit


@pytest.mark.parametrize("language", ["de", "en"])
def test_time_lexicon_months_with_abbreviations(language: str) -> None:
    lex = load_lexicon(language)
    assert lex.months["feb."] == 2 and lex.months["sept."] == 9 and lex.months["jan."] == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_time_lexicon_every_rule_has_triggers(language: str) -> None:
    for rule in rules_for(language):
        assert rule.triggers == _TRIGGERS[rule.name] and rule.triggers


@pytest.mark.parametrize(("text", "surface", "mod"), [
    ("Anfang Februar beginnt die Konferenz.", "Anfang Februar", "START"),
    ("Mitte Januar will die EU entscheiden.", "Mitte Januar", "MID"),
    ("Bis Ende 2025 soll geliefert werden.", "Ende 2025", "END"),
    ("Seit mehr als drei Jahren herrscht Krieg.", "mehr als drei Jahren", "MORE_THAN"),
    ("Die Debatte dauerte knapp zwei Stunden.", "knapp zwei Stunden", "LESS_THAN"),
])
def test_time_lexicon_part_and_approx_modifiers(text: str, surface: str, mod: str) -> None:
    assert find(run_time(text, "2025-11-20"), surface).mod == mod


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("He will travel to Kyiv on Tuesday.", "on Tuesday", "2025-11-25"),
    ("He travelled to Kyiv on Tuesday.", "on Tuesday", "2025-11-18"),
    ("Two days later the ceasefire collapsed.", "Two days later", "2025-11-22"),
    ("This year the budget shrank.", "This year", "2025"),
    ("Since February 2022 millions have fled.", "February 2022", "2022-02"),
    ("On Feb. 24, 2022 the invasion began.", "Feb. 24, 2022", "2022-02-24"),
])
def test_time_lexicon_english_expressions(text: str, surface: str, value: str) -> None:
    assert find(run_time(text, "2025-11-20", "en"), surface).value == value


def test_time_lexicon_user_directory_extends_the_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "time_de.yaml").write_text("tense:\n  future: [gedenkt]\n", encoding="utf-8")
    (tmp_path / "time_grammar.yaml").write_text("deadline_prepositions:\n  de: [bis spätestens]\n", encoding="utf-8")
    assert "gedenkt" not in load_lexicon("de").future_cues
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    assert "gedenkt" in load_lexicon("de").future_cues and "wird" in load_lexicon("de").future_cues
    assert {"bis", "by", "bis spätestens"} <= grammar_words("deadline_prepositions")
    monkeypatch.delenv("LAGEBILD_LEXICON_DIRS")
    assert "gedenkt" not in load_lexicon("de").future_cues


def test_time_lexicon_grammar_words_join_both_languages() -> None:
    assert grammar_words("aside_prepositions") >= {"seit", "zwischen", "since", "until"}


@pytest.mark.parametrize("words", [
    ["in", "innerhalb", "seit", "sieben", "siebzehn", "siebenundzwanzig", "bis zu", "bis"],
    ["mai", "Mai", "märz"],  # case variants stay apart: each keeps its place in the order
    ["a b", "a  c", "ab", "a"],  # flexible spaces are never shared
    [],
])
def test_time_factored_alternation_matches_like_the_flat_one(words: list[str]) -> None:
    text = "Innerhalb von Siebenundzwanzig Tagen, seit MAI, bis  zu siebzehn; a  c a b ab A. in Märzen"
    flat = re.compile(rf"(?P<w>{alternation(words)})(?P<rest>\w*)", re.IGNORECASE)
    factored = re.compile(rf"(?P<w>{factored_alternation(words)})(?P<rest>\w*)", re.IGNORECASE)
    assert [m.groupdict() | {"span": m.span()} for m in factored.finditer(text)] == \
        [m.groupdict() | {"span": m.span()} for m in flat.finditer(text)]


def test_time_factored_alternation_shares_beginnings() -> None:
    assert factored_alternation(["sieben", "siebzig", "acht"]) == "sieb(?:zig|en)|acht"


def test_time_rules_follow_a_change_of_the_user_lexicon_directories(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Es wurde vom 3. bis 5. Lenzing 2024 verhandelt. Die Feier am Tag der Befreiung fiel aus."
    before = {t.text for t in run_time(text, "2025-11-20").timexes}  # the rules are built (and cached) here first
    assert not any("Befreiung" in t or "Lenzing" in t for t in before)
    (tmp_path / "time_de.yaml").write_text("holidays:\n  tag der befreiung: [5, 8]\nmonths:\n  lenzing: 3\n",
                                           encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    found = {t.text: t.value for t in run_time(text, "2025-11-20").timexes}
    assert found.get("5. Lenzing 2024") == "2024-03-05" and found.get("3.") == "2024-03-03"
    assert found.get("am Tag der Befreiung") == "2024-05-08"
    monkeypatch.delenv("LAGEBILD_LEXICON_DIRS")
    assert {t.text for t in run_time(text, "2025-11-20").timexes} == before
