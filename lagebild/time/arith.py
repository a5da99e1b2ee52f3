"""Date arithmetic for TIMEX3 values: months with month-end clamping, ISO weeks, weekdays,
fractional amounts ("dreieinhalb Jahre" = P3Y6M)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "add_duration",
    "add_months",
    "duration_value",
    "granularity_value",
    "iso_week",
    "shift_weekday",
    "split_amount",
    "week_monday",
]

UNIT_DAYS = {"D": 1, "W": 7}


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months; the day is clamped to the month's end (Jan 31 + 1 → Feb 28/29)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    if year < 1 or year > 9999:
        raise OverflowError(f"date out of range: {d} + {months} months")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def split_amount(amount: float, unit: str) -> list[tuple[int, str]]:
    """A possibly fractional amount as whole parts: (3.5, Y) → [(3, Y), (6, M)]; (1.5, H) → [(1, H), (30, MIN)]."""
    whole = int(amount)
    frac = amount - whole
    parts: list[tuple[int, str]] = []
    if whole:
        parts.append((whole, unit))
    if frac > 1e-9:
        finer = {"Y": ("M", 12), "DEC": ("Y", 10), "CENT": ("Y", 100), "M": ("D", 30), "W": ("D", 7),
                 "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}.get(unit)
        if finer:
            parts.append((round(frac * finer[1]), finer[0]))
    return parts or [(0, unit)]


def add_duration(d: date, amount: float, unit: str, sign: int = 1) -> date:
    """``d`` shifted by ``sign`` × ``amount`` ``unit`` (Y, M, W, D, DEC, CENT; H/MIN round to whole days)."""
    out = d
    for n, u in split_amount(amount, unit):
        if u == "Y":
            out = add_months(out, sign * 12 * n)
        elif u == "DEC":
            out = add_months(out, sign * 120 * n)
        elif u == "CENT":
            out = add_months(out, sign * 1200 * n)
        elif u == "M":
            out = add_months(out, sign * n)
        elif u in UNIT_DAYS:
            out = out + timedelta(days=sign * n * UNIT_DAYS[u])
        elif u == "H":
            out = out + timedelta(days=sign * (n // 24))
        # minutes and seconds do not move a date
    return out


def duration_value(amount: float, unit: str) -> str:
    """TIMEX3 duration: (30, Y) → P30Y, (3.5, Y) → P3Y6M, (2, H) → PT2H, (1.5, W) → P10D, (2, DEC) → P20Y."""
    if unit == "DEC":
        amount, unit = amount * 10, "Y"
    elif unit == "CENT":
        amount, unit = amount * 100, "Y"
    if unit == "W" and amount != int(amount):
        amount, unit = float(round(amount * 7)), "D"
    date_part, time_part = "", ""
    for n, u in split_amount(amount, unit):
        if u in ("H", "MIN", "S"):
            time_part += f"{n}{'M' if u == 'MIN' else u}"
        else:
            date_part += f"{n}{u}"
    return "P" + date_part + ("T" + time_part if time_part else "")


def iso_week(d: date) -> str:
    """``YYYY-Www`` of the ISO week containing ``d`` (2021-01-01 → 2020-W53)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def shift_weekday(ref: date, weekday: int, direction: int) -> date:
    """The day with ``weekday`` (0 = Monday) nearest ``ref`` in ``direction``:
    -1 strictly before, +1 strictly after, 0 on or before (news default), 2 on or after."""
    delta = (weekday - ref.weekday()) % 7
    if direction == 1:
        return ref + timedelta(days=delta or 7)
    if direction == 2:
        return ref + timedelta(days=delta)
    back = (ref.weekday() - weekday) % 7
    if direction == -1:
        return ref - timedelta(days=back or 7)
    return ref - timedelta(days=back)


def granularity_value(d: date, gran: str) -> str:
    """``d`` written at a granularity: D → YYYY-MM-DD, W → YYYY-Www, M → YYYY-MM, Y → YYYY."""
    if gran == "W":
        return iso_week(d)
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran in ("Y", "DEC", "CENT"):
        return f"{d.year:04d}"
    return d.isoformat()
