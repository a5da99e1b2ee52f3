"""Durations and sets: a compound duration is one timex, an article duration ("ein Jahr", "a decade")
counts with a verb of lasting or passing only, "jede Woche" is a set unless a genitive follows. Own
sentences."""

from __future__ import annotations

import pytest
from test_time_helpers import run_time


def values(text: str, published: str = "2024-03-18", language: str = "de") -> list[tuple[str, str]]:
    doc = run_time(text, published, language)
    return [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize(("text", "language", "surface", "value"), [
    ("Er saß zwei Jahre, vier Monate und drei Tage in Haft.", "de", "zwei Jahre, vier Monate und drei Tage",
     "P2Y4M3D"),
    ("Sie blieb ein Jahr und zwei Wochen im Amt.", "de", "ein Jahr und zwei Wochen", "P1Y2W"),
    ("The siege lasted one year, two months and five days.", "en", "one year, two months and five days",
     "P1Y2M5D"),
    ("The talks took three weeks and two days.", "en", "three weeks and two days", "P3W2D"),
])
def test_time_durations_compound_is_one_timex(text: str, language: str, surface: str, value: str) -> None:
    assert values(text, language=language) == [(surface, value)]


@pytest.mark.parametrize(("text", "language", "surface", "value"), [
    ("Ein Jahr ist vergangen, seit die Brücke einstürzte.", "de", "Ein Jahr", "P1Y"),
    ("Eine Woche war verstrichen, bevor Hilfe kam.", "de", "Eine Woche", "P1W"),
    ("Rebuilding the fleet could take a decade.", "en", "a decade", "P10Y"),
    ("A month has passed since the strike.", "en", "A month", "P1M"),
])
def test_time_durations_article_with_lasting_verb(text: str, language: str, surface: str, value: str) -> None:
    assert (surface, value) in values(text, language=language)


@pytest.mark.parametrize(("text", "language"), [
    ("Es war eine Woche, in der alles schiefging.", "de"),
    ("It was a week of talks.", "en"),
])
def test_time_durations_article_without_lasting_verb_is_skipped(text: str, language: str) -> None:
    assert values(text, language=language) == []


def test_time_durations_every_week_with_genitive_is_no_set() -> None:
    doc = run_time("Jede Woche des Wartens kostet Menschenleben, sagte die Ministerin.")
    assert not [t for t in doc.timexes if t.type == "set"]
    doc = run_time("Every week of delay costs lives, the minister said.", language="en")
    assert not [t for t in doc.timexes if t.type == "set"]


@pytest.mark.parametrize(("text", "language"), [
    ("Jede Woche treffen sich die Unterhändler in Genf.", "de"),
    ("Die Minister beraten jede Woche über die Lage.", "de"),
    ("The negotiators meet every week in Geneva.", "en"),
])
def test_time_durations_every_week_frequency_is_set(text: str, language: str) -> None:
    doc = run_time(text, language=language)
    assert [t.value for t in doc.timexes if t.type == "set"] == ["P1W"]
