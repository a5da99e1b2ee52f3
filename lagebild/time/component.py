"""The time layer: German and English time expressions normalised to TIMEX3 values.

Patterns (``lagebild.time.patterns``) find candidates; ``lagebild.time.anchor`` resolves
them against the document date or the discourse anchor. The document date comes from the metadata or,
when it has none, from the step before this one (``lagebild.time.dating``: a dateline, a chronicle's last
dated heading, else the latest full date the text names). ``governing_date`` gives later components the
date a span's sentence is about.
"""

from __future__ import annotations

import logging
from datetime import date

from lagebild.document import Document, Timex
from lagebild.settings import Settings
from lagebild.time.anchor import Resolver, parse_value
from lagebild.time.lexicon import load_lexicon
from lagebild.time.patterns import Cand, find_candidates

__all__ = ["TimeComponent", "annotate_text", "governing_date"]

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
