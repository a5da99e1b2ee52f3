"""Time: mixed-verb preterites, weekdays in zu-infinitives of a pluperfect report, compound durations,
article durations with verbs of lasting/passing, months after "für", product designations that look
like years; own sentences."""

from __future__ import annotations

import pytest
from test_time_helpers import run_time

from lagebild.time.lexicon import load_lexicon
from lagebild.time.tense import verb_tense

DE = load_lexicon("de")


def values(text: str, published: str = "2024-03-18", language: str = "de") -> list[tuple[str, str]]:
    doc = run_time(text, published, language)
    return [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize(("word", "tense"), [
    ("ernannte", "past"), ("brachten", "past"), ("kannte", "past"), ("dachte", "past"), ("wandte", "past"),
    ("bringt", "present"), ("nenne", "present"), ("halte", "present"),
])
def test_time_mixed_verb_preterites(word: str, tense: str) -> None:
    assert verb_tense(word, DE) == tense


def test_time_weekday_with_mixed_verb_preterite_is_past() -> None:
    # published Monday 2024-03-18: the preterite puts Saturday before it
    assert ("am Samstag", "2024-03-16") in values("Noch am Samstag nannte das Ministerium einen Nachfolger.")


@pytest.mark.parametrize(("text", "value"), [
    # a call made earlier for a day that has passed by the report (pluperfect matrix, zu-infinitive)
    ("Die Opposition hatte dazu aufgerufen, am Sonntag gemeinsam vor das Rathaus zu ziehen.", "2024-03-17"),
    ("Der Verband hatte angekündigt, am Freitag die Arbeit niederzulegen.", "2024-03-15"),
    # a perfect or present matrix keeps the plan in the future
    ("Die Opposition hat dazu aufgerufen, am Sonntag gemeinsam vor das Rathaus zu ziehen.", "2024-03-24"),
    ("Die Opposition ruft dazu auf, am Sonntag vor das Rathaus zu ziehen.", "2024-03-24"),
])
def test_time_weekday_in_zu_infinitive_follows_matrix_tense(text: str, value: str) -> None:
    found = [v for t, v in values(text) if "Sonntag" in t or "Freitag" in t]
    assert found == [value]


@pytest.mark.parametrize(("text", "language", "surface", "value"), [
    ("Er saß zwei Jahre, vier Monate und drei Tage in Haft.", "de", "zwei Jahre, vier Monate und drei Tage",
     "P2Y4M3D"),
    ("Sie blieb ein Jahr und zwei Wochen im Amt.", "de", "ein Jahr und zwei Wochen", "P1Y2W"),
    ("The siege lasted one year, two months and five days.", "en", "one year, two months and five days",
     "P1Y2M5D"),
    ("The talks took three weeks and two days.", "en", "three weeks and two days", "P3W2D"),
])
def test_time_compound_duration_is_one_timex(text: str, language: str, surface: str, value: str) -> None:
    assert values(text, language=language) == [(surface, value)]


@pytest.mark.parametrize(("text", "language", "surface", "value"), [
    ("Ein Jahr ist vergangen, seit die Brücke einstürzte.", "de", "Ein Jahr", "P1Y"),
    ("Eine Woche war verstrichen, bevor Hilfe kam.", "de", "Eine Woche", "P1W"),
    ("Rebuilding the fleet could take a decade.", "en", "a decade", "P10Y"),
    ("A month has passed since the strike.", "en", "A month", "P1M"),
])
def test_time_article_duration_with_lasting_verb(text: str, language: str, surface: str, value: str) -> None:
    assert (surface, value) in values(text, language=language)


@pytest.mark.parametrize(("text", "language"), [
    ("Es war eine Woche, in der alles schiefging.", "de"),
    ("It was a week of talks.", "en"),
])
def test_time_article_duration_without_lasting_verb_is_skipped(text: str, language: str) -> None:
    assert values(text, language=language) == []


@pytest.mark.parametrize(("text", "language", "value"), [
    ("Die nächste Runde ist für Mai geplant.", "de", "2024-05"),
    ("The next round is planned for May.", "en", "2024-05"),
])
def test_time_month_after_fuer(text: str, language: str, value: str) -> None:
    assert [v for _, v in values(text, language=language)] == [value]


@pytest.mark.parametrize(("text", "language"), [
    ("Berlin lieferte vier Panzerhaubitzen 2000 an Kiew.", "de"),
    ("Das Heer erhielt weitere Leopard 2000 nicht.", "de"),
    ("The air force ordered new Typhoon 2020 jets.", "en"),
])
def test_time_product_designation_is_not_a_year(text: str, language: str) -> None:
    assert values(text, language=language) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Die Wahl 2024 verlief ohne Zwischenfälle.", "2024"),
    ("Im Jahr 2000 wurde er Präsident.", "2000"),
])
def test_time_years_after_ordinary_nouns_stay(text: str, value: str) -> None:
    assert [v for _, v in values(text)] == [value]


def test_time_season_genitive_with_es() -> None:
    assert values("Die Lage des Frühjahres 1917 blieb angespannt.") == [("des Frühjahres 1917", "1917-SP")]
