"""Figures: compound measure units, plan points/annexes/rail cars/air bases, elided units, ranges as one
figure, and vague plurals (not emitted, see units.yaml ``vague_plurals``); own sentences."""

from __future__ import annotations

import pytest

from lagebild.document import Figure
from lagebild.figures.component import extract_figures


def figs(text: str, language: str = "de") -> list[Figure]:
    found = extract_figures(text, language)
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


@pytest.mark.parametrize(("text", "language", "value", "unit"), [
    ("Das Becken hält etwa 12 Kubikkilometer Wasser.", "de", 12, "cubic_kilometer"),
    ("Das Sperrgebiet misst 30 Quadratkilometer.", "de", 30, "square_kilometer"),
    ("Der Gletscher verlor 4 Kubik-Kilometer Eis.", "de", 4, "cubic_kilometer"),  # prefix rule
    ("The lake holds 9 cubic kilometres of water.", "en", 9, "cubic_kilometer"),
    ("Die Regierung stellte sechs Punkte vor.", "de", 6, "point"),
    ("Das Abkommen hat zwei vertrauliche Anhänge.", "de", 2, "annex"),
    ("In Brand gerieten elf Kesselwagen.", "de", 11, "tank_car"),
    ("Der Zug zog 40 Güterwaggons.", "de", 40, "wagon"),
    ("Drohnen trafen drei Luftwaffenstützpunkte.", "de", 3, "air_base"),
    ("Drones struck five air bases overnight.", "en", 5, "air_base"),
    ("Der Zins stieg um 2 Prozentpunkte.", "de", 2, "percentage_point"),
])
def test_figures_units_of_compounds_and_new_nouns(text: str, language: str, value: float, unit: str) -> None:
    found = figs(text, language)
    assert [(f.value, f.unit) for f in found] == [(value, unit)]


def test_figures_elided_unit_after_a_qualifier_takes_the_previous_unit() -> None:
    found = figs("Das Land schickte 3.000 Soldaten und will bis zu 9.000 entsenden.")
    assert [(f.value, f.unit) for f in found] == [(3000, "soldier"), (9000, "soldier")]


@pytest.mark.parametrize("text", [
    "Das Land schickte 3.000 Soldaten. Bis zu 9.000 sollen folgen.",  # another sentence
    "Das Land schickte 3.000 Soldaten und 2.000 Panzerfäuste nach Osten.",  # an unknown noun follows
    "Das Land schickte 3.000 Soldaten und zahlte 2021 die Kosten.",  # no qualifier of amount
])
def test_figures_elided_unit_needs_same_sentence_qualifier_and_no_noun(text: str) -> None:
    assert [(f.value, f.unit) for f in figs(text)] == [(3000, "soldier")]


@pytest.mark.parametrize(("text", "language"), [
    ("Zwischen 2.500 und 3.000 Söldner sind im Lager.", "de"),
    ("Between 2,500 and 3,000 fighters are in the camp.", "en"),
])
def test_figures_range_is_one_figure_with_both_ends(text: str, language: str) -> None:
    found = figs(text, language)
    assert [(f.value, f.value_to, f.unit, f.qualifier) for f in found] == [(2500, 3000, "fighter", "range")]
    assert found[0].text.lower().startswith(("zwischen", "between"))


@pytest.mark.parametrize(("text", "language"), [
    ("Tausende Soldaten zogen ab.", "de"),
    ("Hunderttausende Menschen flohen.", "de"),
    ("Einige Tausend Kämpfer blieben zurück.", "de"),
    ("Mehrere Hundert Soldaten blieben zurück.", "de"),
    ("Seit Tagen fließen Millionen Kubikmeter Wasser ab.", "de"),
    ("Thousands of soldiers left.", "en"),
    ("Several thousand soldiers left.", "en"),
])
def test_figures_vague_plurals_are_not_emitted(text: str, language: str) -> None:
    assert figs(text, language) == []


def test_figures_precise_thousands_still_count() -> None:
    assert [(f.value, f.unit) for f in figs("Zweitausend Soldaten zogen ab.")] == [(2000, "soldier")]
