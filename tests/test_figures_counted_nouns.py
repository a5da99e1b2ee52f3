"""Figures of any counted noun (FORMAT.md: "any counted noun makes a figure"): a German noun the
units lexicon does not know is counted with its lemma as the unit, and the scorer accepts that lemma
where the gold names the English noun."""

from __future__ import annotations

import pytest

from lagebild import analyze
from lagebild.evaluate import _same_unit


def _figures(text: str) -> dict[str, tuple[float, str | None]]:
    doc = analyze(text, published="2022-01-14", language="de")
    return {f.text: (f.value, f.unit) for f in doc.figures}


@pytest.mark.parametrize(("text", "span", "value", "unit"), [
    ("Deutschland liefert 5000 Helme an die Ukraine.", "5000 Helme", 5000, "helm"),
    ("Das sind nur zwei kleine Schritte.", "zwei kleine Schritte", 2, "schritt"),
    ("Die Polizei nahm drei Angreifer fest.", "drei Angreifer", 3, "angreifer"),
])
def test_figures_unknown_german_noun_is_counted_with_its_lemma(text: str, span: str, value: float,
                                                               unit: str) -> None:
    assert _figures(text).get(span) == (value, unit)


def test_figures_known_unit_keeps_its_english_name() -> None:
    assert _figures("Russland zog 100.000 Soldaten zusammen.")["100.000 Soldaten"] == (100000, "soldier")


@pytest.mark.parametrize("text", [
    "Am 24. Februar 2022 begann der Angriff.",  # a date
    "Seit 2014 herrscht Krieg im Donbass.",  # a year
    "Das Treffen beginnt um 12 Uhr.",  # a clock time
    "Der Anteil stieg um 3 Prozent.",  # a share, not a count of things
])
def test_figures_dates_times_and_excluded_words_are_no_counted_nouns(text: str) -> None:
    assert not [f for f in analyze(text, published="2022-01-14", language="de").figures if f.unit and
                f.unit not in ("percent",)]


def test_evaluate_accepts_the_german_lemma_for_the_english_gold_unit() -> None:
    gold = {"text": "drei ukrainischen Häfen", "unit": "port"}
    assert _same_unit(gold, {"unit": "hafen"})
    assert _same_unit(gold, {"unit": "port"})
    assert not _same_unit(gold, {"unit": "ship"})
    assert not _same_unit({"text": "drei Häfen", "unit": "port"}, {"unit": "haf"})  # too short to be a lemma
