"""Helpers for the time-layer tests: build a document by hand and run the dating and time steps on it."""

from __future__ import annotations

from datetime import date

from lagebild.document import Document, Metadata, Timex
from lagebild.language import tokenize
from lagebild.time.component import TimeComponent
from lagebild.time.dating import DocumentDateComponent


def run_time(text: str, published: str | None = "2025-08-19", language: str = "de") -> Document:
    meta = Metadata(published=date.fromisoformat(published) if published else None, language=language)
    doc = Document(text=text, meta=meta)
    tokenize(doc)
    return TimeComponent()(DocumentDateComponent()(doc))


def find(doc: Document, surface: str) -> Timex | None:
    """The timex overlapping the first occurrence of ``surface``."""
    pos = doc.text.find(surface)
    assert pos >= 0, surface
    end = pos + len(surface)
    for t in doc.timexes:
        if t.start < end and pos < t.end:
            return t
    return None
