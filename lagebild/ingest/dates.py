"""Absolute calendar dates in German and English spellings, for headers, feeds and datelines.

Only fully specified dates (day, month, year) are read here; relative and partial dates are
the time component's work.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from lagebild.lexicon import load

# the year of every date read here: a text without one has no date (``find_dates`` asks first)
_YEAR_DIGITS = r"(?:19|20)\d\d"
_YEAR = rf"(?P<y>{_YEAR_DIGITS})"
# "21.01.2022", "21.1.22" is too ambiguous and not read
_DMY_NUM = rf"(?P<d3>[0-3]?\d)\.\s?(?P<m3>[01]?\d)\.\s?(?P<y3>{_YEAR_DIGITS})"
# "2022-01-21"
_ISO = rf"(?P<y4>{_YEAR_DIGITS})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)"


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Lower-case month name or abbreviation -> month number (``months`` of source_names.yaml)."""
    table = load("source_names", {"months": dict})["months"]
    return {str(name).lower(): int(number) for number, names in table.items() for name in names or []}


@lru_cache(maxsize=1)
def date_re() -> re.Pattern[str]:
    """A fully specified date: "21. Januar 2022", "21. Jan. 2022", "January 21, 2022",
    "21.01.2022", "2022-01-21"."""
    alt = "|".join(sorted(months(), key=len, reverse=True))
    dmy_name = rf"(?P<d>[0-3]?\d)\.?\s+(?P<m>{alt})\.?\s+{_YEAR}"
    mdy_name = rf"(?P<m2>{alt})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>{_YEAR_DIGITS})"
    return re.compile(rf"\b{_start_gate(list(months()))}(?:{dmy_name}|{mdy_name}|{_DMY_NUM}|{_ISO})(?!\d)",
                      re.IGNORECASE)


def _start_gate(names: list[str]) -> str:
    """A lookahead that the first characters of every date pass: a digit, or letters that begin a month
    name (one class per position: "[jfm…][aeä…]…"). Without it the engine tries every month name at
    every word of the text; with it, at the few words that begin like one. Empty when a name begins
    with something other than letters (a class would not read it as the pattern does)."""
    k = min((len(n) for n in names), default=0)
    if k == 0 or not all(n[:k].isalpha() for n in names):
        return ""
    classes = "".join("[" + "".join(sorted({n[i] for n in names})) + "]" for i in range(k))
    return rf"(?=\d|{classes})"


def _from_match(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    try:
        if g["d"]:
            return date(int(g["y"]), months()[g["m"].lower()], int(g["d"]))
        if g["d2"]:
            return date(int(g["y2"]), months()[g["m2"].lower()], int(g["d2"]))
        if g["d3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g["d4"]:
            return date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    except (ValueError, KeyError):
        return None
    return None


# a year: found at a fraction of the cost of the date pattern (which tries month names at every word)
_ANY_YEAR = re.compile(_YEAR_DIGITS)


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every fully specified calendar date in ``text`` with its character span."""
    if _ANY_YEAR.search(text) is None:
        return []
    out = []
    for m in date_re().finditer(text):
        d = _from_match(m)
        if d is not None:
            out.append((d, m.start(), m.end()))
    return out


def parse_date(value: object) -> date | None:
    """A date from a metadata value: ``date``/``datetime``, ISO 8601 (with or without time and
    zone), RFC 2822 (feeds, HTTP), or a German/English spelled date. None if nothing fits."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_dates(s)
    return found[0][0] if found else None
