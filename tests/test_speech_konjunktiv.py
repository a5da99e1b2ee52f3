"""Konjunktiv I detection from word forms (HanTa + ablaut), separable verbs included."""

from __future__ import annotations

import pytest

from lagebild.speech.konjunktiv import is_konjunktiv1


@pytest.mark.parametrize(
    "word",
    ["sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "gebe", "stehe", "erwarte",
     "verhalte", "bedeute", "zeige", "kündige", "diene", "auseinanderliege", "voranschreite", "zurückziehe"],
)
def test_speech_konjunktiv1_forms(word: str) -> None:
    assert is_konjunktiv1(word)


@pytest.mark.parametrize(
    "word",
    ["sagte", "liegt", "erwartete", "hatte", "würde", "wurde", "konnte", "dachte", "möchte", "gäbe",
     "wäre", "hätte", "wichtige", "gegebene", "infrage", "Ende", "ohne", "seine", "bereite"],
)
def test_speech_konjunktiv1_rejects_indicative_past_and_non_verbs(word: str) -> None:
    assert not is_konjunktiv1(word)
