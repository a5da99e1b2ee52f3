"""The time layer never crashes and keeps exact offsets on arbitrary text built from its own vocabulary."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.document import Document, Metadata, Sentence
from lagebild.time.component import TimeComponent
from lagebild.time.dating import DocumentDateComponent

WORDS = ["am", "im", "seit", "vor", "in", "den", "kommenden", "letzten", "Tags", "zuvor", "Montag", "Januar",
         "Mai", "Jahr", "Jahren", "Wochen", "Tagen", "Stunden", "dreieinhalb", "zwei", "1972", "2022", "100.000",
         "5000", "Drohnen", "31.", "29.", "Februar", "v.", "Chr.", "Uhr", "19:00", "9/11", "monatlich", "pro",
         "Tag", "Ende", "Anfang", "Mitte", "des", "Jahres", "19.", "Jahrhundert", "1990er", "Sommer", "/", "-",
         "99999", "0", "heute", "gestern", ",", ".", "+++", "\n\n", "innerhalb", "von", "nächsten", "Merz"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)) | st.none())
def test_time_robustness_arbitrary_text(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    doc = Document(text=text, meta=Metadata(published=published, language="de"))
    doc.sentences = [Sentence(0, len(text), "test", "whole")]
    TimeComponent()(DocumentDateComponent()(doc))
    for t in doc.timexes:
        assert text[t.start:t.end] == t.text
        assert t.value
        assert t.type in ("date", "time", "duration", "set")
