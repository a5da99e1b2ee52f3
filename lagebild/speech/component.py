"""The speech component: quotes (direct, indirect, reported) with speaker, cue, addressee, date."""

from __future__ import annotations

import logging

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
        if r.cue is not None and r.cue_sent is not None:
            s = r.cue_sent
            q.cue_start, q.cue_end = s.starts[r.cue.tok], s.ends[r.cue.tok_end - 1]
            q.cue = doc.text[q.cue_start:q.cue_end]
        if r.speaker_span is not None:
            q.speaker_start, q.speaker_end = r.speaker_span
            q.speaker_text = doc.text[r.speaker_span[0]:r.speaker_span[1]]
        if r.addressee_span is not None:
            q.addressee, _ = extractor.resolver.resolve(*r.addressee_span)
        q.date = _utterance_date(doc, q, dates) or published
        quotes.append(q)
    return quotes


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
    needs: tuple[str, ...] = ("tokens", "sentences", "timexes", "mentions", "actors")
    adds: tuple[str, ...] = ("quotes",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        if not doc.tokens:
            doc.quotes = []
            return doc
        broad = self.settings.speech.broad if self.settings is not None else False
        doc.quotes = build_quotes(doc, broad=broad)
        return doc
