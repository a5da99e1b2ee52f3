"""Figures whose unit is elided and repeats the unit of the figure before ("schickte 3.000 Soldaten
und will bis zu 9.000 entsenden"); own sentences."""

from __future__ import annotations

import pytest

from lagebild.document import Figure
from lagebild.figures.component import extract_figures


def figs(text: str, language: str = "de") -> list[Figure]:
    found = extract_figures(text, language)
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


def test_figures_elided_unit_after_a_qualifier_takes_the_previous_unit() -> None:
    found = figs("Das Land schickte 3.000 Soldaten und will bis zu 9.000 entsenden.")
    assert [(f.value, f.unit) for f in found] == [(3000, "soldier"), (9000, "soldier")]
    assert found[1].rule == "digits+ellipsis"


@pytest.mark.parametrize("text", [
    "Das Land schickte 3.000 Soldaten. Bis zu 9.000 sollen folgen.",  # another sentence
    "Das Land schickte 3.000 Soldaten und zahlte 2021 die Kosten.",  # no qualifier of amount
])
def test_figures_elided_unit_needs_same_sentence_qualifier_and_no_noun(text: str) -> None:
    assert [(f.value, f.unit) for f in figs(text)] == [(3000, "soldier")]


def test_figures_noun_after_the_number_is_its_own_unit_not_the_previous_one() -> None:
    found = figs("Das Land schickte 3.000 Soldaten und 2.000 Panzerfäuste nach Osten.")
    assert [(f.value, f.unit) for f in found] == [(3000, "soldier"), (2000, "panzerfaust")]
