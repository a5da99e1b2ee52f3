"""Reference time in chronicles and narrative chains (lagebild.time.anchor): headings set the day of their
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


def test_time_discourse_plan_is_no_antecedent_for_the_past() -> None:
    # published Tuesday 2025-04-08: the Thursday is a plan; "am gleichen Tag" (pluperfect) is the Monday
    text = ("Am Montag legte die Kommission ihren Zollplan vor. Am Donnerstag stimmen die Mitgliedstaaten ab. "
            "Washington hatte am gleichen Tag neue Zölle angekündigt.")
    doc = run_time(text, "2025-04-08")
    assert find(doc, "Am Donnerstag").value == "2025-04-10"
    assert find(doc, "am gleichen Tag").value == "2025-04-07"


def test_time_discourse_future_chain_keeps_the_plan() -> None:
    # a future anaphor may build on a plan: "Tags darauf" after the Thursday is the Friday
    text = "Am Donnerstag reist der Kanzler nach Kiew. Tags darauf will er in Warschau sprechen."
    doc = run_time(text, "2025-04-08")
    assert find(doc, "Tags darauf").value == "2025-04-11"


@pytest.mark.parametrize(("text", "pub", "surface", "value"), [
    # a past-tense passage set at an explicit earlier date goes on in that year
    ("Am 2. März 2022 stimmte die UN-Vollversammlung ab. Anfang April wurden weitere Sanktionen verhängt.",
     "2025-03-20", "Anfang April", "2022-04"),
    ("Am 2. März 2022 stimmte die UN-Vollversammlung ab. Am 7. April folgte der Ausschluss aus dem Menschenrechtsrat.",
     "2025-03-20", "7. April", "2022-04-07"),
    # without such a passage, a past-tense month lies before the document date ...
    ("Im Juni wurde das Abkommen unterzeichnet.", "2025-03-20", "Im Juni", "2024-06"),
    # ... a planned one after it, and the current month counts as planned ("bis Ende März")
    ("Im Juni soll das Abkommen unterzeichnet werden.", "2025-03-20", "Im Juni", "2025-06"),
    ("Bis Ende März soll das Paket stehen.", "2025-03-20", "Ende März", "2025-03"),
    # a decimal comma is no clause boundary: the plan in the infinitive clause decides
    ("Sie kündigte an, bereits im April weitere 3,5 Milliarden Euro auszuzahlen.", "2025-03-20", "im April",
     "2025-04"),
])
def test_time_discourse_year_of_a_month(text: str, pub: str, surface: str, value: str) -> None:
    assert find(run_time(text, pub), surface).value == value
