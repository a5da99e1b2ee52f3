"""Anchoring: discourse anchors, chronicle headings, tense, the reporting week, weekends, "seit" and "für"
with a month, governing_date. (The document date itself: test_time_dating.py.)"""

from __future__ import annotations

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


@pytest.mark.parametrize(("text", "language", "published", "surface", "value"), [
    # 2025-03-20 is a Thursday; the written-out date two weeks back does not move a bare weekday
    ("The offensive, which started on March 3, has slowed.\n\n"
     "Officials in Kharkiv ordered new evacuations on Tuesday.", "en", "2025-03-20", "on Tuesday", "2025-03-18"),
    ("Die Offensive, die am 3. März begann, ist ins Stocken geraten.\n\n"
     "Die Behörden in Charkiw ordneten am Dienstag neue Evakuierungen an.", "de", "2025-03-20", "am Dienstag",
     "2025-03-18"),
    # a written-out date within the reporting week still anchors a chain of days
    ("On March 17 the talks opened in Riyadh. On Wednesday the delegations met again.", "en", "2025-03-20",
     "On Wednesday", "2025-03-19"),
])
def test_time_anchor_weekday_in_reporting_week(text: str, language: str, published: str, surface: str,
                                               value: str) -> None:
    t = find(run_time(text, published, language), surface)
    assert t is not None and t.value == value


@pytest.mark.parametrize(("published", "value"), [
    ("2023-05-10", "2022-08"),  # before August: "seit" needs the previous year's August
    ("2023-10-02", "2023-08"),
])
def test_time_anchor_seit_month_lies_before(published: str, value: str) -> None:
    doc = run_time("Seit Anfang August wird die Grenzregion immer wieder beschossen.", published)
    t = find(doc, "Anfang August")
    assert t is not None and t.value == value


@pytest.mark.parametrize(("text", "language", "value"), [
    ("Die nächste Runde ist für Mai geplant.", "de", "2024-05"),
    ("The next round is planned for May.", "en", "2024-05"),
])
def test_time_anchor_month_after_fuer(text: str, language: str, value: str) -> None:
    doc = run_time(text, "2024-03-18", language)
    assert [t.value for t in doc.timexes] == [value]


@pytest.mark.parametrize(("text", "published", "value"), [
    # Friday 2025-05-16: the weekend at hand is the coming one
    ("Die Opposition rief für das Wochenende zu Protesten auf.", "2025-05-16", "2025-W20-WE"),
    ("Die Gewerkschaft kündigte Streiks für das Wochenende an.", "2025-05-14", "2025-W20-WE"),
    # Tuesday, past tense, no "für": the weekend just gone
    ("Am Wochenende demonstrierten Tausende in Tiflis.", "2025-05-13", "2025-W19-WE"),
    ("Am vergangenen Wochenende demonstrierten Tausende in Tiflis.", "2025-05-16", "2025-W19-WE"),
])
def test_time_anchor_weekend_of_a_report(text: str, published: str, value: str) -> None:
    t = find(run_time(text, published), "Wochenende")
    assert t is not None and t.value == value
