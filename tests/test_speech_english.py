"""English quotes and reported speech: said/told/warned/added, "according to", trailing attributions."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from lagebild.document import Actor, Document, Mention, Metadata, Quote
from lagebild.speech.component import build_quotes


@lru_cache(maxsize=1)
def _language():  # type: ignore[no-untyped-def]
    from lagebild.pipeline import Pipeline

    return Pipeline(["language"])


def analyse(text: str, people: dict[str, str], lang: str = "en") -> tuple[Document, list[Quote]]:
    """Language layer, hand-built person mentions for ``people``, then the quotes."""
    doc = _language()(Document(text=text, meta=Metadata(language=lang)))
    for surface, actor_id in people.items():
        doc.actors.setdefault(actor_id, Actor(actor_id, actor_id, "person"))
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            doc.mentions.append(Mention(m.start(), m.end(), "test", "", 1.0, surface, actor_id, "name"))
    doc.mentions.sort(key=lambda m: m.start)
    return doc, build_quotes(doc)


def one(quotes: list[Quote], kind: str, containing: str) -> Quote:
    hits = [q for q in quotes if q.kind == kind and containing in q.text]
    assert hits, f"no {kind} quote containing {containing!r} in {[q.text for q in quotes]}"
    return hits[0]

PEOPLE = {"Starmer": "keir_starmer", "Macron": "emmanuel_macron", "Stoltenberg": "jens_stoltenberg"}


@pytest.mark.parametrize(
    ("text", "kind", "quote", "speaker_text"),
    [
        ('"We will not be intimidated," Starmer said on Tuesday.', "direct", "We will not be intimidated", "Starmer"),
        ('"This is a turning point," said Macron.', "direct", "This is a turning point", "Macron"),
        ('Stoltenberg warned: "The threat is real."', "direct", "The threat is real.", "Stoltenberg"),
        ("Macron said that Europe must rearm.", "indirect", "Europe must rearm", "Macron"),
        ("Starmer told reporters that the aid would continue.", "indirect", "the aid would continue", "Starmer"),
        ("The aid will continue, Starmer added.", "indirect", "The aid will continue", "Starmer"),
        ("A spokesman for the ministry said the convoy had arrived.", "indirect", "the convoy had arrived",
         "A spokesman for the ministry"),
        ("According to the Kremlin, the talks were useful.", "indirect", "the talks were useful", "the Kremlin"),
        ("The plan, officials said, would take months.", "indirect", "The plan, officials said, would take months",
         "officials"),
        ("Macron pushed back, pointing out that Russia had broken every ceasefire.", "indirect",
         "Russia had broken every ceasefire", "Macron"),
    ],
)
def test_speech_english_patterns(text: str, kind: str, quote: str, speaker_text: str) -> None:
    doc, quotes = analyse(text, PEOPLE, lang="en")
    q = one(quotes, kind, quote)
    assert q.text == quote
    assert q.speaker_text == speaker_text
    if speaker_text in PEOPLE:
        assert q.speaker == PEOPLE[speaker_text]


def test_speech_english_plain_narration_has_no_quotes() -> None:
    _, quotes = analyse("Macron travelled to Kyiv on Monday and met soldiers.", PEOPLE, lang="en")
    assert quotes == []


def test_speech_english_passive_is_not_a_report() -> None:
    _, quotes = analyse("Shortly after the meeting, the delegation was told to leave the building.", PEOPLE)
    assert quotes == []
