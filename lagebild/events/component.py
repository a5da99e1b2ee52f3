"""The events layer as a pipeline component."""

from __future__ import annotations

from lagebild.actors import get_kb
from lagebild.document import Document
from lagebild.events.extract import COMPONENT, extract_events
from lagebild.events.lexicon import event_lexicon
from lagebild.settings import Settings

__all__ = ["EventsComponent"]


class EventsComponent:
    """PLOVER events (type, mode, source, target, date, location, modality) from verbal and nominal
    triggers of the clause layer, with the quote a reported event rests on."""

    name = COMPONENT
    needs: tuple[str, ...] = ("tokens", "sentences", "clauses", "mentions", "actors", "timexes", "quotes",
                              "document_date")
    adds: tuple[str, ...] = ("events",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.events = extract_events(doc, event_lexicon(), kb=get_kb(self.settings)) if doc.tokens else []
        return doc
