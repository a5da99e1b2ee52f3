"""Number parsing (lagebild.figures.quantities): digits in German/English style, number words, scales."""

from __future__ import annotations

import pytest

from lagebild.figures.quantities import (
    normalise_value,
    parse_digits,
    parse_number_word,
    parse_number_words,
    scale_of,
)


@pytest.mark.parametrize(("text", "language", "value"), [
    ("100.000", "de", 100000),
    ("1.000.000", "de", 1000000),
    ("1,5", "de", 1.5),
    ("5000", "de", 5000),
    ("2,75", "de", 2.75),
    ("1.5", "de", 1.5),  # English style inside German text
    ("2,000", "en", 2000),
    ("1,250,000", "en", 1250000),
    ("1.5", "en", 1.5),
    ("300", "en", 300),
    ("100\u00a0000", "de", 100000),  # thin/no-break space groups
])
def test_quantities_parse_digits(text: str, language: str, value: float) -> None:
    assert parse_digits(text, language) == pytest.approx(value)


@pytest.mark.parametrize("text", ["19:00", "9/11", "", "abc", "1.2.3,4,5"])
def test_quantities_parse_digits_rejects(text: str) -> None:
    assert parse_digits(text, "de") is None


@pytest.mark.parametrize(("word", "value"), [
    ("zwei", 2), ("drei", 3), ("zwölf", 12), ("Acht", 8), ("siebzehn", 17), ("einundzwanzig", 21),
    ("dreieinhalb", 3.5), ("anderthalb", 1.5), ("eineinhalb", 1.5), ("hunderttausend", 100000),
    ("zweihundertdreiundvierzig", 243), ("zwölftausendfünfhundert", 12500), ("eintausend", 1000),
    ("neunzig", 90), ("siebenundsiebzig", 77),
])
def test_quantities_german_number_words(word: str, value: float) -> None:
    assert parse_number_word(word, "de") == pytest.approx(value)


@pytest.mark.parametrize("word", ["zweiten", "ersten", "beiden", "einzwei", "undzwanzig", "zweiundzwei",
                                  "Zweiertreffen", "zweistündigen", "achtsam"])
def test_quantities_german_non_numbers(word: str) -> None:
    assert parse_number_word(word, "de") is None


@pytest.mark.parametrize(("words", "value"), [
    (["two"], 2), (["twenty-five"], 25), (["two", "hundred", "thousand"], 200000),
    (["one", "hundred", "and", "fifty"], 150), (["twelve"], 12),
])
def test_quantities_english_number_words(words: list[str], value: float) -> None:
    assert parse_number_words(words, "en") == pytest.approx(value)


@pytest.mark.parametrize("words", [["five", "two"], ["and"], ["hundred", "and"]])
def test_quantities_english_non_numbers(words: list[str]) -> None:
    assert parse_number_words(words, "en") is None


@pytest.mark.parametrize(("word", "language", "scale"), [
    ("Millionen", "de", 1e6), ("Mio.", "de", 1e6), ("Milliarden", "de", 1e9), ("Mrd.", "de", 1e9),
    ("Billionen", "de", 1e12), ("Billion", "de", 1e12), ("billion", "en", 1e9), ("bn", "en", 1e9),
    ("million", "en", 1e6), ("Tausend", "de", 1e3),
])
def test_quantities_scales(word: str, language: str, scale: float) -> None:
    assert scale_of(word, language) == scale


def test_quantities_normalise_value_gives_int_for_integral() -> None:
    assert normalise_value(200000000.0) == 200000000
    assert isinstance(normalise_value(3.0), int)
    assert normalise_value(1 / 3) == pytest.approx(0.333333)
