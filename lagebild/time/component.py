"""The time layer: German and English time expressions normalised to TIMEX3 values.

Patterns (``lagebild.time.patterns``) find candidates; ``lagebild.time.anchor`` resolves
them against the document date or the discourse anchor. When the document has no date, one is
inferred from the text first (a dateline, a chronicle's last dated heading, else the latest full
date the text names). ``governing_date`` gives later components the date a span's sentence is about.
"""

from __future__ import annotations

import logging
from datetime import date

from lagebild.document import Document, Timex
from lagebild.settings import Settings
from lagebild.time.anchor import Resolver, parse_value, tense_of
from lagebild.time.lexicon import load_lexicon
from lagebild.time.patterns import Cand, find_candidates

__all__ = ["TimeComponent", "annotate_text", "governing_date", "infer_document_date"]

log = logging.getLogger(__name__)

NAME = "time"
# a text is read as history (narrative mode) when most explicit years lie this far before its date;
# WikiWarsDE (DCT 2011, wars 1800-1990) is narrative, the seed news articles (years within 3) are not
NARRATIVE_YEARS = 5


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    if doc.paragraphs:
        return [(p.start, p.end) for p in doc.paragraphs]
    spans, pos = [], 0
    for block in doc.text.split("\n"):
        if block.strip():
            spans.append((pos, pos + len(block)))
        pos += len(block) + 1
    return spans


def _sentences(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sentences]


def _explicit_years(cands: list[Cand]) -> list[int]:
    return [c.data["year"] for c in cands if c.kind == "abs" and c.data.get("year") and not c.data.get("two_digit")]


def _is_narrative(cands: list[Cand], doc_date: date | None) -> bool:
    years = _explicit_years(cands)
    if not years or doc_date is None:
        return bool(years) and doc_date is None
    far = sum(1 for y in years if doc_date.year - y > NARRATIVE_YEARS)
    return len(years) >= 3 and far >= 0.7 * len(years)


def infer_document_date(text: str, cands: list[Cand], language: str = "de") -> tuple[date, str] | None:
    """A date for an undated document and where it came from ("dateline" or "text")."""
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
    # a dateline: a full date on a short line near the top
    for c, d in full:
        if c.start > 600:
            break
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if len(line.strip()) <= 80:
            return d, "dateline"
    # a chronicle: dated headings ("+++ Dienstag, 18. Januar: ... +++") without a year. The year is the
    # latest one, up to today, in which every heading's weekday fits (years the text names are often history)
    headings = []
    for c in cands:
        if c.kind == "partial" and c.data.get("day") and c.data.get("weekday") is not None:
            line_start = text.rfind("\n", 0, c.start) + 1
            if c.start - line_start <= 8:
                headings.append((c.data["month"], c.data["day"], c.data["weekday"]))
    if len(headings) >= 2:
        floor = max((d.year for _, d in full), default=1900)
        for year in range(date.today().year, floor - 1, -1):
            days = []
            for month, day, weekday in headings:
                try:
                    d = date(year, month, day)
                except ValueError:
                    break
                if d.weekday() != weekday:
                    break
                days.append(d)
            else:
                if max(days) <= date.today():
                    return max(days), "text"
    # else the latest full date the text reports as past (dates in future-tense sentences are plans)
    lex = load_lexicon(language)
    reported = [d for c, d in full if tense_of(_sentence_around(text, c.start), lex) != "future"]
    if reported:
        return max(reported), "text"
    return None


def _sentence_around(text: str, offset: int) -> str:
    start = max(text.rfind(ch, 0, offset) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, offset) for ch in ".!?\n") if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def annotate_text(doc: Document, cands: list[Cand] | None = None) -> list[Timex]:
    """The timexes of ``doc`` (does not modify it); ``cands`` when already found."""
    lang = "en" if doc.language == "en" else "de"
    lex = load_lexicon(lang)
    if cands is None:
        cands = find_candidates(doc.text, lang)
    doc_date = doc.meta.published
    resolver = Resolver(doc.text, doc_date, lex, _sentences(doc), _paragraphs(doc),
                        narrative=_is_narrative(cands, doc_date))
    out: list[Timex] = []
    for cand in cands:
        res = resolver.resolve(cand)
        if res is None or not res.value:
            continue
        out.append(Timex(cand.start, cand.end, NAME, cand.rule, cand.confidence,
                         text=doc.text[cand.start:cand.end], type=res.type, value=res.value,
                         anchor=res.anchor, window_end=res.window_end, mod=res.mod))
    return out


class TimeComponent:
    """Time expressions (German, English) normalised to TIMEX3 values against the document date."""

    name = NAME
    needs: tuple[str, ...] = ("tokens", "sentences")
    adds: tuple[str, ...] = ("timexes",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        cands = find_candidates(doc.text, "en" if doc.language == "en" else "de")
        if doc.meta.published is None:
            found = infer_document_date(doc.text, cands, "en" if doc.language == "en" else "de")
            if found is not None:
                doc.meta.published, doc.meta.published_source = found
            else:
                doc.meta.published_source = doc.meta.published_source or "none"
                doc.meta.warnings.append(
                    "time: no document date in metadata or text; relative time expressions left unresolved")
        doc.timexes = annotate_text(doc, cands)
        return doc


def _day(value: str) -> str | None:
    parsed = parse_value(value)
    return value[:10] if parsed and parsed[1] == "D" else None


def governing_date(doc: Document, start: int, end: int) -> str | None:
    """The date the sentence of span [start, end) talks about: a date/time timex in the same
    sentence (the nearest, day-level preferred), else the discourse anchor (the last day-level date
    in this or the previous paragraph, or the last dated heading), else the document date."""
    s_index = doc.sentence_at(start)
    if s_index is not None:
        sent = doc.sentences[s_index]
        inside = [t for t in doc.timexes if t.type in ("date", "time") and sent.start <= t.start < sent.end
                  and parse_value(t.value) is not None]
        if inside:
            def rank(t: Timex) -> tuple[int, int]:
                gran = parse_value(t.value)
                level = 0 if gran and gran[1] == "D" else 1
                return level, min(abs(t.start - start), abs(t.end - end))
            best = min(inside, key=rank)
            return best.value[:10] if best.type == "time" else best.value
    here = _paragraph_index(doc, start)
    heading: str | None = None
    local: str | None = None
    for t in doc.timexes:
        if t.start >= start:
            break
        day = _day(t.value) if t.type in ("date", "time") else None
        if day is None:
            continue
        p_index = _paragraph_index(doc, t.start)
        if p_index is None:
            continue
        if here is not None and here - p_index <= 1:
            local = day
        para = doc.paragraphs[p_index]
        if para.end - para.start <= 120:
            heading = day
    if local:
        return local
    if heading:
        return heading
    return doc.meta.published.isoformat() if doc.meta.published else None


def _paragraph_index(doc: Document, offset: int) -> int | None:
    for i, p in enumerate(doc.paragraphs):
        if p.start <= offset < p.end:
            return i
    return None
