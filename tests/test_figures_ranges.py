"""Figures: a range ("zwischen 2.500 und 3.000 Söldner") is one figure spanning the whole range,
value = lower end, value_to = upper end, qualifier "range"; own sentences."""

from __future__ import annotations

import pytest

from lagebild.document import Figure
from lagebild.figures.component import extract_figures


def figs(text: str, language: str = "de") -> list[Figure]:
    found = extract_figures(text, language)
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


@pytest.mark.parametrize(("text", "language"), [
    ("Zwischen 2.500 und 3.000 Söldner sind im Lager.", "de"),
    ("Between 2,500 and 3,000 fighters are in the camp.", "en"),
])
def test_figures_range_is_one_figure_with_both_ends(text: str, language: str) -> None:
    found = figs(text, language)
    assert [(f.value, f.value_to, f.unit, f.qualifier) for f in found] == [(2500, 3000, "fighter", "range")]
    assert found[0].text.lower().startswith(("zwischen", "between"))
    assert found[0].rule == "digits+range"


def test_figures_range_without_an_opener_needs_bis() -> None:
    # "und" joins a range only after "zwischen"; without it the two numbers are separate
    found = figs("Im Gespräch waren 120.000 und 170.000 Soldaten.")
    assert [(f.value, f.value_to) for f in found] == [(170000, None)]
