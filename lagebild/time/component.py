"""The time layer: German and English time expressions normalised to TIMEX3 values.

Patterns (``lagebild.time.patterns``) find candidates; ``lagebild.time.anchor`` resolves
them against the document date or the discourse anchor. The document date comes from the metadata or,
when it has none, from the step before this one (``lagebild.time.dating``: a dateline, a chronicle's last
dated heading, else the latest full date the text names). ``governing_date`` gives later components the
date a span's sentence is about.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from datetime import date

from lagebild.document import Document, Timex
from lagebild.settings import Settings
from lagebild.time.anchor import Resolver, parse_value
from lagebild.time.lexicon import load_lexicon
from lagebild.time.patterns import Cand, find_candidates

__all__ = ["DateIndex", "TimeComponent", "annotate_text", "governing_date"]

log = logging.getLogger(__name__)

NAME = "time"
# a text is read as history (narrative mode) when most explicit years lie this far before its date;
# WikiWarsDE (DCT 2011, wars 1800-1990) is narrative, the seed news articles (years within 3) are not
NARRATIVE_YEARS = 5
# a paragraph this short that holds a day-level date is a dated heading ("+++ Montag, 17. Januar +++"):
# its date anchors the sentences after it
HEADING_CHARS = 120


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


def _update_blocks(doc: Document) -> list[tuple[int, date]]:
    """The live-blog updates of ``doc`` (``meta.datelines``, found at ingest) as (start, day)."""
    blocks = []
    for line in doc.meta.datelines:
        try:
            blocks.append((int(line["start"]), date.fromisoformat(str(line["date"]))))
        except (KeyError, TypeError, ValueError):  # a dateline without a day (or a hand-made record)
            continue
    return blocks


def annotate_text(doc: Document, cands: list[Cand] | None = None) -> list[Timex]:
    """The timexes of ``doc`` (does not modify it); ``cands`` when already found."""
    lang = "en" if doc.language == "en" else "de"
    lex = load_lexicon(lang)
    if cands is None:
        cands = find_candidates(doc.text, lang)
    doc_date = doc.meta.published
    resolver = Resolver(doc.text, doc_date, lex, _sentences(doc), _paragraphs(doc),
                        narrative=_is_narrative(cands, doc_date), blocks=_update_blocks(doc))
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
    needs: tuple[str, ...] = ("tokens", "sentences", "document_date")
    adds: tuple[str, ...] = ("timexes",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.timexes = annotate_text(doc, find_candidates(doc.text, "en" if doc.language == "en" else "de"))
        return doc


def _day(value: str) -> str | None:
    parsed = parse_value(value)
    return value[:10] if parsed and parsed[1] == "D" else None


class DateIndex:
    """The timexes of one document indexed by sentence, paragraph and position, built once (linear in
    the document) so that ``governing_date`` costs a few binary searches per span instead of a pass over
    every timex and paragraph (quotes x timexes x paragraphs took 36 of 79 s on a 250k-character text).
    Build it after the time layer is filled; it does not follow later changes to ``doc.timexes``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        timexes = doc.timexes
        self._para_starts = [p.start for p in doc.paragraphs]
        self._by_sentence: dict[int, list[Timex]] = {}
        for t in timexes:
            si = doc.sentence_at(t.start)
            if si is not None:
                self._by_sentence.setdefault(si, []).append(t)
        self._starts = sorted(t.start for t in timexes)
        # the discourse anchor reads the timexes before a span, in order, up to the first one at or after
        # it: that first one is where the running maximum of the starts reaches the span
        self._reach: list[int] = []
        top = -1
        for t in timexes:
            top = max(top, t.start)
            self._reach.append(top)
        self._in_order = all(a.start <= b.start for a, b in zip(timexes, timexes[1:], strict=False))
        paras = doc.paragraphs
        self._paras_in_order = all(a.end <= b.start for a, b in zip(paras, paras[1:], strict=False))
        # day-level date/time timexes inside a paragraph: (index in doc.timexes, paragraph, day, the
        # paragraph is a heading: at most HEADING_CHARS long)
        self._days: list[tuple[int, int, str, bool]] = []
        for i, t in enumerate(timexes):
            day = _day(t.value) if t.type in ("date", "time") else None
            p_index = self.paragraph_index(t.start) if day is not None else None
            if day is not None and p_index is not None:
                para = paras[p_index]
                self._days.append((i, p_index, day, para.end - para.start <= HEADING_CHARS))
        self._day_positions = [d[0] for d in self._days]
        self._headings = [n for n, d in enumerate(self._days) if d[3]]  # positions in _days

    def paragraph_index(self, offset: int) -> int | None:
        """The paragraph holding character ``offset``."""
        paras = self.doc.paragraphs
        if not self._paras_in_order:  # built by hand: every paragraph is read
            return next((i for i, p in enumerate(paras) if p.start <= offset < p.end), None)
        i = bisect_right(self._para_starts, offset) - 1
        return i if i >= 0 and offset < paras[i].end else None

    def sentence_timexes(self, s_index: int) -> list[Timex]:
        """The timexes that start in sentence ``s_index``, in the order of ``doc.timexes``."""
        return self._by_sentence.get(s_index, [])

    def any_start_in(self, start: int, end: int) -> bool:
        """Does a timex start in [start, end)?"""
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end

    def governing(self, start: int, end: int) -> str | None:
        """See ``governing_date``."""
        doc = self.doc
        s_index = doc.sentence_at(start)
        if s_index is not None:
            inside = [t for t in self.sentence_timexes(s_index) if t.type in ("date", "time")
                      and parse_value(t.value) is not None]
            if inside:
                def rank(t: Timex) -> tuple[int, int]:
                    gran = parse_value(t.value)
                    level = 0 if gran and gran[1] == "D" else 1
                    return level, min(abs(t.start - start), abs(t.end - end))
                best = min(inside, key=rank)
                return best.value[:10] if best.type == "time" else best.value
        local, heading = self._anchor_before(start)
        if local:
            return local
        if heading:
            return heading
        return doc.meta.published.isoformat() if doc.meta.published else None

    def _anchor_before(self, start: int) -> tuple[str | None, str | None]:
        """(the last day-level date in this or the previous paragraph, the last one in a heading) among
        the timexes before ``start``."""
        here = self.paragraph_index(start)
        k = bisect_left(self._reach, start)  # doc.timexes[:k] lie before the span
        if not (self._in_order and self._paras_in_order):
            return self._anchor_scan(k, here)
        n = bisect_left(self._day_positions, k)  # self._days[:n] lie before it
        local: str | None = None
        if n and here is not None and here - self._days[n - 1][1] <= 1:
            local = self._days[n - 1][2]  # paragraphs only grow along the timexes: the last one decides
        h = bisect_left(self._headings, n)
        heading = self._days[self._headings[h - 1]][2] if h else None
        return local, heading

    def _anchor_scan(self, k: int, here: int | None) -> tuple[str | None, str | None]:
        """``_anchor_before`` for timexes or paragraphs out of text order (built by hand): every
        timex is read."""
        local: str | None = None
        heading: str | None = None
        for i, p_index, day, is_heading in self._days:
            if i >= k:
                break
            if here is not None and here - p_index <= 1:
                local = day
            if is_heading:
                heading = day
        return local, heading


def governing_date(doc: Document, start: int, end: int, index: DateIndex | None = None) -> str | None:
    """The date the sentence of span [start, end) talks about: a date/time timex in the same
    sentence (the nearest, day-level preferred), else the discourse anchor (the last day-level date
    in this or the previous paragraph, or the last dated heading), else the document date. Pass a
    ``DateIndex`` of ``doc`` when asking for many spans of one document."""
    return (index or DateIndex(doc)).governing(start, end)
