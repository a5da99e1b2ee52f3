"""Anchoring: discourse anchors, chronicle headings, tense, governing_date, document-date inference."""

from __future__ import annotations

from datetime import date

import pytest
from test_time_helpers import find, run_time

from lagebild.time.component import governing_date

CHRONICLE = (
    "Eine Woche voller Gespräche liegt hinter den Diplomaten. Ein Rückblick:\n\n"
    "+++ Dienstag, 8. März: Treffen in Ankara +++\n\n"
    "Die Außenminister sprechen zwei Stunden lang. Am gleichen Tag meldet die Armee neue Angriffe.\n\n"
    "+++ Donnerstag, 10. März: Gipfel in Versailles +++\n\n"
    "Die Regierungschefs beraten über Sanktionen. Tags zuvor hatte die Kommission einen Plan vorgelegt. "
    "Als die Kanzlerin am Donnerstag eintrifft, ist die Stimmung gedrückt.\n"
)


def test_time_anchor_chronicle_headings() -> None:
    doc = run_time(CHRONICLE, "2022-03-11")
    assert find(doc, "Dienstag, 8. März").value == "2022-03-08"
    assert find(doc, "Am gleichen Tag").value == "2022-03-08"
    assert find(doc, "Donnerstag, 10. März").value == "2022-03-10"
    assert find(doc, "Tags zuvor").value == "2022-03-09"
    assert find(doc, "am Donnerstag").value == "2022-03-10"


def test_time_anchor_moves_with_text() -> None:
    doc = run_time("Am Mittwoch traf der Präsident in Rom ein. Tags zuvor hatte er mit dem Papst telefoniert.",
                   "2025-08-22")
    assert find(doc, "Am Mittwoch").value == "2025-08-20"
    tz = find(doc, "Tags zuvor")
    assert tz.value == "2025-08-19" and tz.anchor == "2025-08-20"


def test_time_anchor_days_later() -> None:
    doc = run_time("Am 3. März 2022 begannen die Gespräche. Zwei Tage später wurden sie abgebrochen.", "2025-01-01")
    assert find(doc, "Zwei Tage später").value == "2022-03-05"


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("Der Minister hat am Freitag mit Kiew telefoniert.", "am Freitag", "2025-08-15"),  # Perfekt → before
    ("Der Minister wird am Freitag nach Kiew reisen.", "am Freitag", "2025-08-22"),  # future → after
    # present tense without past cues reads as a plan (measured: dev +2, seeds ±0; see anchor._r_weekday)
    ("Am Freitag trifft der Minister seinen Amtskollegen.", "Am Freitag", "2025-08-22"),
    ("Am Dienstag sagte der Sprecher, man sei bereit.", "Am Dienstag", "2025-08-19"),  # same day
])
def test_time_anchor_tense_decides_weekday(text: str, surface: str, value: str) -> None:
    assert find(run_time(text, "2025-08-19"), surface).value == value


def test_time_anchor_day_month_without_year_is_near_document_date() -> None:
    doc = run_time("Am 28. Dezember hatte Moskau die Gespräche abgesagt.", "2026-01-05")
    assert find(doc, "28. Dezember").value == "2025-12-28"


def test_time_anchor_narrative_year_from_text() -> None:
    text = ("Im Juni 1941 begann der Angriff. Am 22. Juni überschritten die Truppen die Grenze. "
            "Im Dezember scheiterte der Vorstoß. 1942 folgte eine neue Offensive. Am 28. Juni begann sie. "
            "1943 wendete sich das Blatt.")
    doc = run_time(text, "2011-02-16")
    assert find(doc, "22. Juni").value == "1941-06-22"
    assert find(doc, "Im Dezember").value == "1941-12"
    assert find(doc, "28. Juni").value == "1942-06-28"


def test_time_anchor_governing_date() -> None:
    text = ("Die Außenminister trafen sich am 21. Januar 2022 in Genf. Sie sprachen über Garantien.\n\n"
            "Russland zog Truppen zusammen.")
    doc = run_time(text, "2022-01-25")
    first = text.index("trafen")
    assert governing_date(doc, first, first + 6) == "2022-01-21"
    second = text.index("sprachen")
    assert governing_date(doc, second, second + 8) == "2022-01-21"  # discourse anchor, same paragraph
    third = text.index("zog")
    assert governing_date(doc, third, third + 3) == "2022-01-21"  # previous paragraph still anchors


def test_time_anchor_governing_date_falls_back_to_document_date() -> None:
    doc = run_time("Russland zog Truppen zusammen. Die Nato reagierte.", "2022-01-25")
    assert governing_date(doc, 0, 8) == "2022-01-25"


def test_time_anchor_document_date_from_dateline() -> None:
    text = "Kommentar von Anna Beispiel\n\n21. Januar 2022, 19:00 Uhr\n\nDie Gespräche dauern seit Tagen an. Gestern gab es keinen Fortschritt."
    doc = run_time(text, None)
    assert doc.meta.published == date(2022, 1, 21)
    assert doc.meta.published_source == "dateline"
    assert find(doc, "Gestern").value == "2022-01-20"
    assert find(doc, "19:00 Uhr").value == "2022-01-21T19:00"


def test_time_anchor_document_date_from_chronicle_headings() -> None:
    text = ("Ein Rückblick auf das Jahr 2022.\n\n+++ Montag, 7. März: Gespräche +++\n\nText.\n\n"
            "+++ Mittwoch, 9. März: Gipfel +++\n\nMehr Text.")
    doc = run_time(text, None)
    assert doc.meta.published == date(2022, 3, 9)
    assert doc.meta.published_source == "text"


def test_time_anchor_document_date_missing_warns() -> None:
    doc = run_time("Die Gespräche dauern an. Gestern gab es keinen Fortschritt.", None)
    assert doc.meta.published is None
    assert any("no document date" in w for w in doc.meta.warnings)
    assert find(doc, "Gestern") is None


def test_time_anchor_weekdays_do_not_chain() -> None:
    doc = run_time("Am Montag traf der Kanzler den Präsidenten. Am Dienstag folgte ein Telefonat.", "2025-08-20")
    assert find(doc, "Am Montag").value == "2025-08-18"
    assert find(doc, "Am Dienstag").value == "2025-08-19"


@pytest.mark.parametrize(("text", "value"), [
    ("Am Wochenende kam es erneut zu Angriffen.", "2025-W46-WE"),
    ("Am Wochenende wird das Parlament tagen.", "2025-W47-WE"),
])
def test_time_anchor_weekend_follows_tense(text: str, value: str) -> None:
    assert find(run_time(text, "2025-11-20"), "Wochenende").value == value


@pytest.mark.parametrize(("text", "surface", "ttype", "value"), [
    ("Die Antwort muss bis Freitag vorliegen.", "bis Freitag", "date", "2025-08-22"),
    ("Ab Montag gelten neue Regeln.", "Ab Montag", "date", "2025-08-25"),
    ("Jeden Montag tagt der Krisenstab.", "Jeden Montag", "set", "P1W"),
])
def test_time_anchor_deadline_weekdays(text: str, surface: str, ttype: str, value: str) -> None:
    t = find(run_time(text, "2025-08-19"), surface)
    assert (t.type, t.value) == (ttype, value)


def test_time_anchor_document_date_ignores_planned_dates() -> None:
    text = ("Die Delegationen trafen sich am 3. März 2022 in Antalya. "
            "Ein weiteres Treffen wird am 20. März 2022 stattfinden.")
    doc = run_time(text, None)
    assert doc.meta.published == date(2022, 3, 3)
    assert doc.meta.published_source == "text"
