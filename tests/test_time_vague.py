"""Expressions whose value is fixed by a calendar unit ("am Mittwoch vergangener Woche", "im ersten Halbjahr
2025") are one timex; present references ("bis heute", "noch heute sichtbar"), unknown quantities ("seit
Wochen", "wenige Tage später") and dates relative to undated events ("zwei Tage nach der Landung") get no
date (only their duration) (FORMAT.md: a timex needs a value that can be fixed). Own sentences."""

from __future__ import annotations

import pytest
from test_time_helpers import run_time

PUB = "2025-02-24"  # a Monday, ISO week 9


@pytest.mark.parametrize(("text", "expected", "lang"), [
    ("Der Beschluss fiel am Mittwoch vergangener Woche in Brüssel.", [("am Mittwoch vergangener Woche", "2025-02-19")],
     "de"),
    ("Am Freitag der vergangenen Woche tagte der Rat.", [("Am Freitag der vergangenen Woche", "2025-02-21")], "de"),
    ("Montag nächster Woche reist die Kommissarin nach Kiew.", [("Montag nächster Woche", "2025-03-03")], "de"),
    ("Ende vergangener Woche lenkte Ungarn ein.", [("Ende vergangener Woche", "2025-W08")], "de"),
    ("Am kommenden Wochenende wählt Polen.", [("Am kommenden Wochenende", "2025-W09-WE")], "de"),  # said on a Monday
    ("They agreed on Wednesday last week and will sign on Monday next week.",
     [("on Wednesday last week", "2025-02-19"), ("on Monday next week", "2025-03-03")], "en"),
    ("Im ersten Halbjahr 2025 sanken die Einnahmen aus dem Ölexport.", [("Im ersten Halbjahr 2025", "2025-H1")],
     "de"),
    ("In der zweiten Jahreshälfte 2024 stiegen sie noch.", [("In der zweiten Jahreshälfte 2024", "2024-H2")], "de"),
    ("Im dritten Quartal 2023 schrumpfte die Wirtschaft.", [("Im dritten Quartal 2023", "2023-Q3")], "de"),
    ("In the first half of 2025 imports fell.", [("In the first half of 2025", "2025-H1")], "en"),
    ("Die erste Hälfte der Sitzung verlief ruhig.", [], "de"),
    # present references and unknown quantities
    ("Ein Embargo für Flüssiggas gibt es bis heute nicht.", [], "de"),
    ("Die Schäden sind noch heute sichtbar.", [], "de"),
    ("Das Europa von heute ist ein anderes.", [], "de"),
    ("The embargo has not been lifted until today.", [], "en"),
    ("Seit Wochen wird über das Paket verhandelt.", [], "de"),
    ("In den letzten Wochen hat sich die Lage verschärft.", [], "de"),
    ("Wenige Tage später kam es zum Eklat.", [], "de"),
    # relative to an undated event: only the duration is annotated, never a guessed date
    ("Zwei Tage nach der Landung sprach der Präsident vor dem Parlament.", [("Zwei Tage", "P2D")], "de"),
    # ... but these stay dates / durations
    ("Bis heute Abend soll eine Antwort vorliegen.", [("heute Abend", "2025-02-24")], "de"),
    ("Der Kanzler will noch heute nach Kiew reisen.", [("heute", "2025-02-24")], "de"),
    ("Heute beginnt der Gipfel.", [("Heute", "2025-02-24")], "de"),
    ("Nach zwei Tagen brach die Delegation ab.", [("Nach zwei Tagen", "P2D")], "de"),
])
def test_time_vague(text: str, expected: list[tuple[str, str]], lang: str) -> None:
    doc = run_time(text, PUB, lang)
    assert [(t.text, t.value) for t in doc.timexes] == expected
