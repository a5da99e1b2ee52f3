"""Konjunktiv I detection from word forms (HanTa + ablaut), separable and -eln verbs included; plural
Konjunktiv II forms that report speech."""

from __future__ import annotations

import pytest

from lagebild.speech.extract import _reported_konj2
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


@pytest.mark.parametrize(("word", "expected"), [
    ("handle", True), ("verhandle", True), ("sammle", True),  # -eln verbs: e-elided Konjunktiv I stem
    ("handelte", False), ("hatte", False), ("würde", False), ("dachte", False),
])
def test_speech_konjunktiv1_eln_verbs(word: str, expected: bool) -> None:
    assert is_konjunktiv1(word) is expected


@pytest.mark.parametrize("word,expected", [
    ("müssten", True), ("dürften", True), ("befänden", True), ("hätten", True),
    ("verließen", False),  # equals the preterite
    ("sollten", False), ("könnten", False),  # as often the writer's own modality
    ("Häusern", False),
])
def test_speech_konjunktiv2_plural_of_reported_speech(word: str, expected: bool) -> None:
    assert _reported_konj2(word) is expected
