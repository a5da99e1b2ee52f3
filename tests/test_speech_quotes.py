"""Quotation-mark spans in every style the speech layer reads."""

from __future__ import annotations

import pytest

from lagebild.speech.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er sagte: „Wir bleiben hart.“ Dann ging er.", ["Wir bleiben hart."]),
        ("She said “no” and “yes”.", ["no", "yes"]),
        ('Der Minister nannte das "unverantwortlich".', ["unverantwortlich"]),
        ("Sie sprach von »einem Fehler« und «Chaos».", ["einem Fehler", "Chaos"]),
        ("„Nein“, sagte sie.", ["Nein"]),
        ("„Das ist genug, nicht wahr,“ fragte er.", ["Das ist genug, nicht wahr"]),
        ('"It is over," he said.', ["It is over"]),
        ("He called it ‘a farce’ yesterday.", ["a farce"]),
    ],
)
def test_speech_quotes_styles(text: str, expected: list[str]) -> None:
    spans = [q for q in find_quotes(text) if q.level == 0]
    assert [text[q.start:q.end] for q in spans] == expected


def test_speech_quotes_nested_single_marks_stay_inside() -> None:
    text = "Er sagte: „Sie nannten es ‚Verrat‘, das ist falsch.“"
    spans = find_quotes(text)
    outer = [q for q in spans if q.level == 0]
    inner = [q for q in spans if q.level == 1]
    assert [text[q.start:q.end] for q in outer] == ["Sie nannten es ‚Verrat‘, das ist falsch."]
    assert [text[q.start:q.end] for q in inner] == ["Verrat"]


def test_speech_quotes_apostrophe_is_not_a_quote() -> None:
    assert find_quotes("So geht’s nicht weiter, sagte er.") == []


def test_speech_quotes_unclosed_runs_to_paragraph_end() -> None:
    text = "„Wir werden weiter verhandeln und nicht aufgeben\n\nNeuer Absatz."
    spans = find_quotes(text, [(0, 48), (50, len(text))])
    assert len(spans) == 1 and not spans[0].closed
    assert text[spans[0].start:spans[0].end] == "Wir werden weiter verhandeln und nicht aufgeben"


def test_speech_quotes_span_across_sentences() -> None:
    text = "„Das ist der erste Satz. Und das der zweite.“, sagte die Sprecherin."
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "Das ist der erste Satz. Und das der zweite."
