"""English quotes and reported speech: said/told/warned/added, "according to", trailing attributions."""

from __future__ import annotations

import pytest
from test_speech_helpers import analyse, one

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
    _, quotes = analyse("Shortly after the meeting, the delegation was told to leave the building.", PEOPLE, lang="en")
    assert quotes == []
