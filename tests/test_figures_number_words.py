"""Figures from number words: German "ein" as the number one before a unit (and as an article
everywhere else), English definite pairs, precise and vague thousands; own sentences."""

from __future__ import annotations

import pytest

from lagebild.document import Figure
from lagebild.figures.component import extract_figures, load_units

LEX = load_units()


def figs(text: str, language: str = "de") -> list[Figure]:
    found = extract_figures(text, language, LEX)
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


ONE_AS_NUMBER = [
    ("Die Kolonne zog sich mehr als einen Kilometer zurück.", "mehr als einen Kilometer", "kilometer"),
    ("Der Krater ist weniger als einen Meter tief.", "weniger als einen Meter", "meter"),
    ("Die Truppen rückten bis zu einem Kilometer vor.", "bis zu einem Kilometer", "kilometer"),
]


@pytest.mark.parametrize(("text", "span", "unit"), ONE_AS_NUMBER)
def test_figures_number_words_one_before_unit(text: str, span: str, unit: str) -> None:
    hits = [(f.text, f.value, f.unit) for f in figs(text)]
    assert (span, 1, unit) in hits, hits


def test_figures_number_words_one_before_unit_names_its_rule() -> None:
    (f,) = figs("Die Kolonne zog sich mehr als einen Kilometer zurück.")
    assert f.rule == "one-before-unit+noun"


ARTICLE_NOT_NUMBER = [
    "Der Präsident ist knapp einem Anschlag entgangen.",
    "Die Zeitung berichtete über einen Angriff auf Odessa.",
    "Einen Kilometer weiter liegt das Dorf.",
    "Sie sprachen über einen Kilometer langen Konvoi.",
    "Er nannte es einen Angriff auf die Demokratie.",
]


@pytest.mark.parametrize("text", ARTICLE_NOT_NUMBER)
def test_figures_number_words_article_stays_article(text: str) -> None:
    assert [f.text for f in figs(text)] == []


DEFINITE_PAIRS = [
    "The two governments signed a joint statement.",
    "Both the two leaders and their aides attended.",
    "These two countries share a border.",
]


@pytest.mark.parametrize("text", DEFINITE_PAIRS)
def test_figures_number_words_definite_pair_not_counted(text: str) -> None:
    assert [f.text for f in figs(text, "en")] == []


def test_figures_number_words_indefinite_two_still_counted() -> None:
    hits = [(f.text, f.value, f.unit) for f in figs("Two governments refused to sign.", "en")]
    assert ("Two governments", 2, "government") in hits
    hits = [(f.text, f.value, f.unit) for f in figs("Zwei der größten Banken verlassen Russland.")]
    assert ("Zwei der größten Banken", 2, "bank") in hits


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
