"""Figures: a number beyond the float range (1e309 and more, written out in digits) does not crash
the component; such a figure is skipped and the other figures of the text are still found."""

from __future__ import annotations

import math

import pytest

from lagebild.document import Document, Metadata
from lagebild.figures.component import FiguresComponent, extract_figures
from lagebild.figures.quantities import normalise_value

HUGE = "1" + "0" * 400  # 1e400: float("...") is inf
AFTER = " Dazu kamen 40 Panzer."


@pytest.mark.parametrize(("text", "language"), [
    (f"Es kamen {HUGE} Soldaten.", "de"),
    (f"Es kamen {'1' + '0' * 305} Milliarden Euro.", "de"),  # finite digits, infinite once scaled
    (f"Es kamen zwischen 100 und {HUGE} Soldaten.", "de"),  # the upper end of a range
    (f"Es kamen {'100 ' + '000 ' * 103}Soldaten.", "de"),  # thousands set off by spaces
    (f"It cost ${HUGE} billion.", "en"),
])
def test_figures_huge_number_is_skipped_without_error(text: str, language: str) -> None:
    tail = AFTER if language == "de" else " Then 40 tanks came."
    found = extract_figures(text + tail, language)
    assert [(f.value, f.unit) for f in found] == [(40, "tank")]
    assert all(math.isfinite(f.value) for f in found)


def test_figures_component_survives_a_huge_number() -> None:
    doc = FiguresComponent()(Document(f"Es kamen {HUGE} Soldaten.{AFTER}", Metadata(language="de")))
    assert [(f.text, f.value) for f in doc.figures] == [("40 Panzer", 40)]


def test_figures_normalise_value_keeps_infinity() -> None:
    assert normalise_value(math.inf) == math.inf
    assert math.isnan(normalise_value(math.nan))
