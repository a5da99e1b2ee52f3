"""The document date when the metadata has none: its own pipeline step ("dating"), before the time layer.

``infer_document_date`` tries small named rules in order; the first that finds a date wins and its
source ("dateline" or "text") goes into ``doc.meta.published_source``:

- ``dateline``: a full date on a short line near the top;
- ``chronicle-headings``: dated headings without a year ("+++ Dienstag, 18. Januar: … +++"); the year
  is the latest one, up to today, in which every heading's weekday fits;
- ``latest-reported-date``: the latest full date the text reports as past (dates in future-tense
  sentences are plans).

When none finds a date, the source is "none" and the document gets a warning: relative time
expressions stay unresolved.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from lagebild.document import Document
from lagebild.settings import Settings
from lagebild.time.anchor import tense_of
from lagebild.time.lexicon import load_lexicon
from lagebild.time.patterns import Cand, find_candidates

__all__ = ["DATE_RULES", "DateRule", "DocumentDateComponent", "Evidence", "full_dates", "infer_document_date"]

log = logging.getLogger(__name__)

NO_DATE_WARNING = "time: no document date in metadata or text; relative time expressions left unresolved"
# a dateline stands within the first characters of the text, on a line no longer than this
DATELINE_REACH = 600
DATELINE_MAX_LINE = 80
# a chronicle heading's date starts within this many characters of its line ("+++ Montag, 7. März")
HEADING_INDENT = 8


# the text read for the tense of a full date: its sentence (between ".", "!", "?" and line breaks), at
# most this many characters each side of the date (the longest such sentence of the seeds, the demo
# corpus and our gold sets has 315; a text without any would otherwise be read whole for every date)
SENTENCE_REACH = 1000
_SENTENCE_MARKS = re.compile(r"[.!?\n]")


@dataclass(frozen=True)
class Evidence:
    """What the rules read: the text, its time-expression candidates, the full dates among them;
    and where its sentence marks and line breaks are (found once, searched by bisection)."""

    text: str
    cands: list[Cand]
    full: list[tuple[Cand, date]]
    language: str
    marks: list[int] = field(init=False, repr=False)
    newlines: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        marks = [m.start() for m in _SENTENCE_MARKS.finditer(self.text)]
        object.__setattr__(self, "marks", marks)
        object.__setattr__(self, "newlines", [i for i in marks if self.text[i] == "\n"])

    def line_start(self, offset: int) -> int:
        """The first character of the line holding ``offset`` (``text.rfind("\\n", 0, offset) + 1``)."""
        i = bisect_left(self.newlines, offset)
        return self.newlines[i - 1] + 1 if i else 0

    def sentence_around(self, offset: int) -> str:
        """The text between the sentence marks around ``offset``, at most SENTENCE_REACH characters
        each side of it."""
        i = bisect_left(self.marks, offset)
        start = self.marks[i - 1] + 1 if i else 0
        end = self.marks[i] if i < len(self.marks) else len(self.text)
        return self.text[max(start, offset - SENTENCE_REACH):min(end, offset + SENTENCE_REACH)]


@dataclass(frozen=True)
class DateRule:
    name: str
    source: str  # the value of ``published_source`` when this rule finds the date
    find: Callable[[Evidence], date | None]


def full_dates(cands: list[Cand]) -> list[tuple[Cand, date]]:
    """The candidates that name a full date (day, month and year), with that date."""
    full: list[tuple[Cand, date]] = []
    for c in cands:
        if c.kind == "abs" and c.data.get("day") and c.data.get("year") and c.data["year"] > 0:
            y = c.data["year"]
            if c.data.get("two_digit"):
                y += 2000 if y <= 30 else 1900
            try:
                full.append((c, date(y, c.data["month"], c.data["day"])))
            except ValueError:
                continue
    return full


def _line(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:line_end if line_end >= 0 else len(text)]


def _dateline(ev: Evidence) -> date | None:
    for c, d in ev.full:
        if c.start > DATELINE_REACH:
            break
        if len(_line(ev.text, c.start, c.end).strip()) <= DATELINE_MAX_LINE:
            return d
    return None


def _headings(ev: Evidence) -> list[tuple[int, int, int]]:
    """(month, day, weekday) of the dated headings without a year."""
    out = []
    for c in ev.cands:
        if c.kind == "partial" and c.data.get("day") and c.data.get("weekday") is not None:
            if c.start - ev.line_start(c.start) <= HEADING_INDENT:
                out.append((c.data["month"], c.data["day"], c.data["weekday"]))
    return out


def _fitting_days(headings: list[tuple[int, int, int]], year: int) -> list[date] | None:
    """The headings' dates in ``year``, or None when one does not exist or falls on another weekday."""
    days = []
    for month, day, weekday in headings:
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d.weekday() != weekday:
            return None
        days.append(d)
    return days


def _chronicle_headings(ev: Evidence) -> date | None:
    headings = _headings(ev)
    if len(headings) < 2:
        return None
    # years the text names are often history: the latest fitting year up to today wins
    floor = max((d.year for _, d in ev.full), default=1900)
    for year in range(date.today().year, floor - 1, -1):
        days = _fitting_days(headings, year)
        if days is not None and max(days) <= date.today():
            return max(days)
    return None


def _latest_reported(ev: Evidence) -> date | None:
    lex = load_lexicon(ev.language)
    reported = [d for c, d in ev.full if tense_of(ev.sentence_around(c.start), lex) != "future"]
    return max(reported) if reported else None


DATE_RULES: tuple[DateRule, ...] = (
    DateRule("dateline", "dateline", _dateline),
    DateRule("chronicle-headings", "text", _chronicle_headings),
    DateRule("latest-reported-date", "text", _latest_reported),
)


def infer_document_date(text: str, cands: list[Cand], language: str = "de") -> tuple[date, str] | None:
    """A date for an undated document and where it came from ("dateline" or "text")."""
    ev = Evidence(text, cands, full_dates(cands), language)
    for rule in DATE_RULES:
        found = rule.find(ev)
        if found is not None:
            log.debug("document date %s by rule %s", found, rule.name)
            return found, rule.source
    return None


class DocumentDateComponent:
    """The document date inferred from the text (dateline, chronicle headings, latest reported date)
    when the metadata has none; a warning when the text has none either."""

    name = "dating"
    needs: tuple[str, ...] = ("tokens", "sentences")
    adds: tuple[str, ...] = ("document_date",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        if doc.meta.published is not None:
            return doc
        language = "en" if doc.language == "en" else "de"
        found = infer_document_date(doc.text, find_candidates(doc.text, language), language)
        if found is not None:
            doc.meta.published, doc.meta.published_source = found
        else:
            doc.meta.published_source = doc.meta.published_source or "none"
            doc.meta.warnings.append(NO_DATE_WARNING)
        return doc
