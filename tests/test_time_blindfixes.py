"""Time: bare weekdays in news reports, English passive future, "seit" + month, weekend on a Friday,
"jede Woche" with a genitive. Own sentences; the general mechanisms behind the blind-set misses."""

from __future__ import annotations

import pytest
from test_time_helpers import find, run_time


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
def test_time_blindfixes_weekday_in_reporting_week(text: str, language: str, published: str, surface: str,
                                                   value: str) -> None:
    t = find(run_time(text, published, language), surface)
    assert t is not None and t.value == value


@pytest.mark.parametrize(("text", "value"), [
    # 2025-06-12 is a Thursday
    ("The new ambassador is to be received at the palace on Monday.", "2025-06-16"),
    ("The treaty will be signed in Vienna on Monday.", "2025-06-16"),
    ("The sanctions are to take effect on Monday.", "2025-06-16"),
    ("The treaty was signed in Vienna on Monday.", "2025-06-09"),
])
def test_time_blindfixes_english_passive_future(text: str, value: str) -> None:
    t = find(run_time(text, "2025-06-12", "en"), "on Monday")
    assert t is not None and t.value == value


@pytest.mark.parametrize(("published", "value"), [
    ("2023-05-10", "2022-08"),  # before August: "seit" needs the previous year's August
    ("2023-10-02", "2023-08"),
])
def test_time_blindfixes_seit_month_lies_before(published: str, value: str) -> None:
    doc = run_time("Seit Anfang August wird die Grenzregion immer wieder beschossen.", published)
    t = find(doc, "Anfang August")
    assert t is not None and t.value == value


@pytest.mark.parametrize(("text", "published", "value"), [
    # Friday 2025-05-16: the weekend at hand is the coming one
    ("Die Opposition rief für das Wochenende zu Protesten auf.", "2025-05-16", "2025-W20-WE"),
    ("Die Gewerkschaft kündigte Streiks für das Wochenende an.", "2025-05-14", "2025-W20-WE"),
    # Tuesday, past tense, no "für": the weekend just gone
    ("Am Wochenende demonstrierten Tausende in Tiflis.", "2025-05-13", "2025-W19-WE"),
    ("Am vergangenen Wochenende demonstrierten Tausende in Tiflis.", "2025-05-16", "2025-W19-WE"),
])
def test_time_blindfixes_weekend(text: str, published: str, value: str) -> None:
    t = find(run_time(text, published), "Wochenende")
    assert t is not None and t.value == value


def test_time_blindfixes_every_week_genitive_no_set() -> None:
    doc = run_time("Jede Woche des Wartens kostet Menschenleben, sagte die Ministerin.")
    assert not [t for t in doc.timexes if t.type == "set"]
    doc = run_time("Every week of delay costs lives, the minister said.", language="en")
    assert not [t for t in doc.timexes if t.type == "set"]


@pytest.mark.parametrize(("text", "language"), [
    ("Jede Woche treffen sich die Unterhändler in Genf.", "de"),
    ("Die Minister beraten jede Woche über die Lage.", "de"),
    ("The negotiators meet every week in Geneva.", "en"),
])
def test_time_blindfixes_every_week_frequency_is_set(text: str, language: str) -> None:
    doc = run_time(text, language=language)
    assert [t.value for t in doc.timexes if t.type == "set"] == ["P1W"]
