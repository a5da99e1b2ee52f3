"""The speech component: quotes (direct, indirect, reported) with speaker, cue, addressee, date, and
the cue clause's lemma, mood and negation (from the clause layer)."""

from __future__ import annotations

import logging
from datetime import date

from lagebild.document import Document, Quote
from lagebild.settings import Settings
from lagebild.time.component import DateIndex

log = logging.getLogger(__name__)


def build_quotes(doc: Document, *, broad: bool = False) -> list[Quote]:
    """Quote records for ``doc`` (tokens and sentences must be filled). ``broad`` (settings key
    ``speech.broad``) adds SpkAtt-style items: sentences that only name a speech act ("X kritisierte
    den Plan", kind "reported"); and zu-infinitive contents ("forderte, die Grenze zu schließen"),
    which are off by default (``speech.extract.ZU_CONTENT``)."""
    from lagebild.speech.extract import Extractor

    extractor = Extractor(doc, broad=broad)
    reports = extractor.run()
    published = doc.meta.published.isoformat() if doc.meta.published else None
    latest = _latest_day(doc)
    quotes: list[Quote] = []
    dates = DateIndex(doc)
    seen: set[tuple[int, int, str]] = set()
    for r in sorted(reports, key=lambda r: (r.start, -r.end)):
        key = (r.start, r.end, r.kind)
        if key in seen or r.end <= r.start:
            continue
        seen.add(key)
        q = Quote(r.start, r.end, "speech", r.rule, round(r.confidence, 3), text=doc.text[r.start:r.end],
                  kind=r.kind, speaker=r.speaker)
        addressee_span = r.addressee_span
        if r.cue is not None and r.cue_sent is not None:
            s = r.cue_sent
            q.cue_start, q.cue_end = s.starts[r.cue.tok], s.ends[r.cue.tok_end - 1]
            q.cue = doc.text[q.cue_start:q.cue_end]
            facts = extractor.cue_facts(r.cue, s)
            q.cue_lemma, q.mood, q.negated = facts.lemma, facts.mood, facts.negated
            addressee_span = addressee_span or facts.addressee
        if r.speaker_span is not None:
            q.speaker_start, q.speaker_end = r.speaker_span
            q.speaker_text = doc.text[r.speaker_span[0]:r.speaker_span[1]]
        if addressee_span is not None:
            addressee, _ = extractor.resolver.resolve(*addressee_span)
            q.addressee = addressee if addressee != q.speaker else None
        q.date = _said_by_then(_utterance_date(doc, q, dates), latest) or published
        quotes.append(q)
    return quotes


def _latest_day(doc: Document) -> date | None:
    """The last day the article can report words from: its publication, or a live blog's last update."""
    days = [doc.meta.published] if doc.meta.published else []
    for line in doc.meta.datelines:
        try:
            days.append(date.fromisoformat(str(line.get("date"))))
        except ValueError:
            continue
    return max(days, default=None)


def _said_by_then(value: str | None, latest: date | None) -> str | None:
    """``value`` when it is a day on or before ``latest``: words cannot be said after the article
    reporting them was written (a day after it is a plan the sentence names: "sagte, er reise am
    Freitag"), and a week or season ("2025-W42", "2024-SU") is not the day they were said."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:10] if latest is None or day <= latest else None


def _utterance_date(doc: Document, q: Quote, dates: DateIndex) -> str | None:
    """When the words were said: a day-level date of the cue's sentence outside the quoted text
    ("sagte Lawrow am Freitag"), else the time layer's governing date when no date sits inside the
    quote (a date inside is what the speaker talks about, not when), else None."""
    anchor = q.cue_start if q.cue_start is not None else q.start
    si = doc.sentence_at(anchor)
    if si is not None:
        outside = [t for t in dates.sentence_timexes(si) if t.type in ("date", "time")
                   and not (q.start <= t.start < q.end) and len(t.value) >= 10 and t.value[4] == "-"]
        if outside:
            best = min(outside, key=lambda t: abs(t.start - anchor))
            return best.value[:10]
    if dates.any_start_in(q.start, q.end):
        # the time layer would pick the date inside the quote; use the sentence before as anchor
        if si is None or si == 0:
            return None
        prev = doc.sentences[si - 1]
        if dates.any_start_in(prev.start, prev.end):
            return None
        anchor = prev.start
    return dates.governing(anchor, anchor + 1)


class SpeechComponent:
    """Direct quotes, indirect (Konjunktiv I) and reported speech, attributed to speakers."""

    name = "speech"
    needs: tuple[str, ...] = ("tokens", "sentences", "timexes", "mentions", "actors", "clauses")
    # speakers the actors layer does not know (agencies, collectives, lone names) join doc.actors
    adds: tuple[str, ...] = ("quotes", "actors")

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        if not doc.tokens:
            doc.quotes = []
            return doc
        broad = self.settings.speech.broad if self.settings is not None else False
        doc.quotes = build_quotes(doc, broad=broad)
        return doc
