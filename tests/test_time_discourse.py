"""Reference time in chronicles and narrative chains (lagebild.temporal.anchor): headings set the day of their
section, an anaphor opening a section continues the previous section's day when that lands on the heading,
resolved weekdays move the reference time, and "Tags darauf" finds its antecedent paragraphs back."""

from __future__ import annotations

import pytest
from test_time_helpers import find, run_time

CHRONICLE = """Drei Tage im Juni

+++ Montag, 2. Juni: Zweite Runde in Istanbul +++

Die Delegationen tauschen Memoranden aus.

+++ Dienstag, 3. Juni: Reaktionen +++

Tags darauf bewerten beide Seiten das Treffen unterschiedlich. Schon am Vortag hatte Kiew neue Listen von Gefangenen übergeben.

+++ Donnerstag, 5. Juni: Ausblick +++

Der Kreml lässt offen, ob es eine dritte Runde gibt. Tags zuvor hatte die Ukraine ein Treffen auf höchster Ebene gefordert.

Am Montag beginnt der Austausch der Gefangenen.
"""


@pytest.mark.parametrize(("surface", "occurrence", "value"), [
    ("Tags darauf", 1, "2025-06-03"),  # opens the section: the day after the previous heading = this heading
    ("am Vortag", 1, "2025-06-02"),  # chains on from the resolved "Tags darauf"
    ("Tags zuvor", 1, "2025-06-04"),  # inside a section: relative to its heading
    ("Am Montag", 1, "2025-06-09"),  # present tense after the last heading: the coming Monday
])
def test_time_discourse_chronicle(surface: str, occurrence: int, value: str) -> None:
    doc = run_time(CHRONICLE, "2025-06-05")
    assert find(doc, surface).value == value


NARRATIVE = """8. März 2025

Wer am Donnerstag auf ein Signal aus Moskau gewartet hatte, wartete vergeblich. Der Kreml schwieg.

Die Außenminister der EU berieten stattdessen über neue Hilfen.

Auch in Kiew blieb es ruhig.

Tags darauf meldete sich der Kremlsprecher dann doch zu Wort.
"""


def test_time_discourse_antecedent_paragraphs_back() -> None:
    doc = run_time(NARRATIVE, "2025-03-08")
    assert find(doc, "am Donnerstag").value == "2025-03-06"
    assert find(doc, "Tags darauf").value == "2025-03-07"  # the day after the resolved Thursday


def test_time_discourse_same_day_words_stay_local() -> None:
    # "am Abend" (not "am selben Abend") four paragraphs after a date refers to the document's own day
    text = "Am 1. März reiste der Minister ab.\n\nA.\n\nB.\n\nC.\n\nNoch am Abend telefonierte er mit Paris."
    assert find(run_time(text, "2025-03-04"), "am Abend").value == "2025-03-04"
