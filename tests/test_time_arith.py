"""Date arithmetic of the time layer: examples and properties (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.time.arith import (
    add_duration,
    add_months,
    duration_value,
    granularity_value,
    iso_week,
    shift_weekday,
    split_amount,
)

dates = st.dates(min_value=date(1000, 1, 1), max_value=date(2900, 12, 31))
# days 1-28 exist in every month, so adding and subtracting months is exactly reversible
safe_dates = dates.filter(lambda d: d.day <= 28)


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
    (date(2022, 8, 31), 1, date(2022, 9, 30)),
    (date(2022, 12, 15), 1, date(2023, 1, 15)),
    (date(2022, 1, 15), -13, date(2020, 12, 15)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
])
def test_time_arith_add_months_examples(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("amount", "unit", "value"), [
    (30, "Y", "P30Y"), (3.5, "Y", "P3Y6M"), (1.5, "Y", "P1Y6M"), (0.5, "Y", "P6M"), (2, "W", "P2W"),
    (10, "D", "P10D"), (2, "H", "PT2H"), (40, "MIN", "PT40M"), (1.5, "H", "PT1H30M"), (24, "H", "PT24H"),
    (2, "DEC", "P20Y"), (1.5, "W", "P10D"), (7, "M", "P7M"),
])
def test_time_arith_duration_values(amount: float, unit: str, value: str) -> None:
    assert duration_value(amount, unit) == value


@pytest.mark.parametrize(("day", "week"), [
    (date(2021, 1, 1), "2020-W53"), (date(2020, 12, 31), "2020-W53"), (date(2024, 12, 30), "2025-W01"),
    (date(2022, 1, 21), "2022-W03"), (date(2026, 1, 1), "2026-W01"), (date(2027, 1, 1), "2026-W53"),
])
def test_time_arith_iso_week_examples(day: date, week: str) -> None:
    assert iso_week(day) == week


def test_time_arith_fractional_years_back() -> None:
    # "vor dreieinhalb Jahren" written in August 2025 points at February 2022
    assert granularity_value(add_duration(date(2025, 8, 19), 3.5, "Y", -1), "M") == "2022-02"


@given(safe_dates, st.integers(min_value=-600, max_value=600))
def test_time_arith_months_round_trip(d: date, n: int) -> None:
    assert add_months(add_months(d, n), -n) == d


@given(dates, st.integers(min_value=-600, max_value=600))
def test_time_arith_months_clamp_to_month_end(d: date, n: int) -> None:
    out = add_months(d, n)
    assert (out.year * 12 + out.month) - (d.year * 12 + d.month) == n
    last = calendar.monthrange(out.year, out.month)[1]
    assert out.day == min(d.day, last)


@given(dates, st.integers(min_value=0, max_value=3000), st.sampled_from(["D", "W"]))
def test_time_arith_days_weeks_round_trip(d: date, n: int, unit: str) -> None:
    assert add_duration(add_duration(d, n, unit), n, unit, -1) == d


@given(st.integers(min_value=1001, max_value=2899))
def test_time_arith_leap_day_plus_year(year: int) -> None:
    if calendar.isleap(year):
        assert add_duration(date(year, 2, 29), 1, "Y") == date(year + 1, 2, 28)
    assert add_months(date(year, 1, 31), 1).day == (29 if calendar.isleap(year) else 28)


@given(dates)
def test_time_arith_iso_week_contains_day(d: date) -> None:
    week = iso_week(d)
    y, w = int(week[:4]), int(week[-2:])
    monday = date.fromisocalendar(y, w, 1)
    assert monday <= d < monday + timedelta(days=7)
    # the week of 31 December / 1 January belongs to the year that holds its Thursday
    assert (monday + timedelta(days=3)).year == y


@given(dates, st.integers(min_value=0, max_value=6), st.sampled_from([-1, 0, 1, 2]))
def test_time_arith_shift_weekday(ref: date, weekday: int, direction: int) -> None:
    out = shift_weekday(ref, weekday, direction)
    assert out.weekday() == weekday
    if direction == -1:
        assert ref - timedelta(days=7) <= out < ref
    elif direction == 0:
        assert ref - timedelta(days=6) <= out <= ref
    elif direction == 1:
        assert ref < out <= ref + timedelta(days=7)
    else:
        assert ref <= out <= ref + timedelta(days=6)


@given(st.floats(min_value=0.5, max_value=200, allow_nan=False).map(lambda x: round(x * 2) / 2),
       st.sampled_from(["Y", "M", "D", "H"]))
def test_time_arith_split_amount_preserves_size(amount: float, unit: str) -> None:
    factor = {"Y": 12, "M": 30, "D": 24, "H": 60}[unit]
    parts = split_amount(amount, unit)
    total = sum(n * (factor if u == unit else 1) for n, u in parts)
    assert total == round(amount * factor)
