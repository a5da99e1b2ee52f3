"""The commitments component: ``doc.commitments`` from clauses, quotes, mentions and timexes."""

from __future__ import annotations

import logging

from lagebild.commitments.extract import COMPONENT, CONFIDENCE, MAX_CONTENT, Draft, Extractor
from lagebild.commitments.lexicon import load_lexicon
from lagebild.document import Commitment, Document
from lagebild.settings import Settings
from lagebild.time.component import DateIndex

log = logging.getLogger(__name__)

__all__ = ["CommitmentsComponent", "build_commitments"]


def _text(doc: Document, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return " ".join(doc.text[span[0]:span[1]].split())[:MAX_CONTENT]


def build_commitments(doc: Document) -> list[Commitment]:
    """The commitments of ``doc`` (its clauses, mentions, quotes and timexes must be filled)."""
    from lagebild.clauses.component import clauses_of

    clauses_of(doc)
    lex = load_lexicon("en" if doc.language == "en" else "de")
    drafts = Extractor(doc, lex).run()
    dates = DateIndex(doc)
    published = doc.meta.published.isoformat() if doc.meta.published else None
    out: list[Commitment] = []
    for d in drafts:
        out.extend(_records(doc, d, dates, published))
    return out


def _records(doc: Document, d: Draft, dates: DateIndex, published: str | None) -> list[Commitment]:
    made = None
    if d.quote is not None and doc.quotes[d.quote].date:
        made = doc.quotes[d.quote].date
    governing = dates.governing(d.start, d.end)
    made = made or (governing if governing and len(governing) >= 10 else None) or published
    if made and published and made[:10] > published:
        made = published  # a future date in the sentence is the content, not when it was said
    rule = d.rule + (f"+{d.notes[0]}" if d.notes else "")
    return [Commitment(d.start, d.end, COMPONENT, rule, CONFIDENCE.get(d.rule, 0.5), kind=d.kind, actor=actor,
                       content=_text(doc, d.content) or "", deadline=d.deadline, addressee=d.addressee,
                       condition=_text(doc, d.condition), date=made[:10] if made else None, cue=d.cue or None,
                       quote=d.quote, sentence=d.sentence)
            for actor in d.actors]


class CommitmentsComponent:
    """Promises, threats, ultimatums, plans and demands: actor, addressee, content, condition and
    deadline, read off clauses and quotes with the cues of ``lexicons/commitments.yaml``."""

    name = "commitments"
    needs: tuple[str, ...] = ("tokens", "sentences", "timexes", "mentions", "actors", "clauses", "quotes")
    adds: tuple[str, ...] = ("commitments",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        doc.commitments = build_commitments(doc)
        doc.layers.add("commitments")
        return doc
