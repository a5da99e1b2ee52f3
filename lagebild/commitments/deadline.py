"""A commitment's deadline from the time layer: the last day a future date or window covers."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from lagebild.document import Timex

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def last_day(value: str) -> date | None:
    """The last day a TIMEX3 date value covers: ``2022-W04`` -> its Sunday, ``2024-03`` -> 31 March,
    ``2024`` -> 31 December, ``2025-08-29`` -> itself; None for anything else."""
    if m := _DAY.match(value):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if m := _WEEK.match(value):
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 7)
        except ValueError:
            return None
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return date(year, month, calendar.monthrange(year, month)[1])
        return None
    if m := _YEAR.match(value):
        return date(int(m[1]), 12, 31)
    return None


def deadline_of(t: Timex, published: date | None, cues: frozenset[str] = frozenset()) -> str | None:
    """The deadline a timex sets, as ``YYYY-MM-DD``: the end of a future window ("in den kommenden
    zehn Tagen" -> ``window_end``), else the last day of a date on or after the article's date.
    A duration counts from the article's date only when a deadline cue is part of it ("innerhalb von
    zwei Wochen", "within a year"); None for a past date, a bare duration or a value that names no day."""
    if t.window_end:
        end = last_day(t.window_end)
        if end is not None:
            return end.isoformat()
    if t.type not in ("date", "time"):
        words = {w.casefold() for w in re.findall(r"\w+", t.text)}
        if t.type == "duration" and published is not None and words & cues:
            return _duration_end(t.value, published)
        return None
    end = last_day(t.value)
    if end is None:
        return None
    if published is not None and end < published:
        return None
    if published is not None and end == published and len(t.value) >= 10:
        return None  # "heute": the day it was said, not a deadline
    return end.isoformat()


def _duration_end(value: str, published: date) -> str | None:
    m = re.fullmatch(r"P(\d+)([DWM])", value)
    if not m:
        return None
    n, unit = int(m[1]), m[2]
    days = n if unit == "D" else 7 * n if unit == "W" else 30 * n
    return (published + timedelta(days=days)).isoformat()
