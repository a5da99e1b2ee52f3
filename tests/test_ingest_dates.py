"""lagebild.ingest.dates: fully specified dates, and the lookahead that spares the month alternation."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lagebild.ingest.dates import _start_gate, date_re, find_dates, months


@pytest.mark.parametrize(("text", "found"), [
    ("Berlin, 21. Januar 2022 – die Regierung", [date(2022, 1, 21)]),
    ("Stand: 21. Jan. 2022, dann January 21, 2022 und 21.01.2022, 2022-01-21", [date(2022, 1, 21)] * 4),
    ("Am 3. MÄRZ 2021 und am 4. märz 2021", [date(2021, 3, 3), date(2021, 3, 4)]),
    ("Die Sitzung der 21 Delegierten dauerte bis 2022.", []),
])
def test_ingest_dates_find_dates(text: str, found: list[date]) -> None:
    assert [d for d, _, _ in find_dates(text)] == found


def test_ingest_dates_gate_changes_no_match() -> None:
    """With and without the lookahead, the date pattern finds the same spans."""
    plain = re.compile(date_re().pattern.replace(_start_gate(list(months())), "", 1), re.IGNORECASE)
    text = ("Am 21. Januar 2022 (Jänner), am 3. Sept. 2020, Dezember 24, 2019 und 01.02.2003 – der Dez. 2004 "
            "nicht; decken, Maerz 5 2001, mrz 6, 2002, 2010-11-12.")
    assert [m.span() for m in date_re().finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_ingest_dates_gate_needs_letters() -> None:
    assert _start_gate(["jan", "feb"]) == r"(?=\d|[fj][ae][bn])"
    assert _start_gate(["j.n", "feb"]) == "" and _start_gate([]) == ""
