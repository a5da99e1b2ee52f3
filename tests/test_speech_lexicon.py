"""The reporting-verb lexicon expands to inflected and separable forms."""

from __future__ import annotations

import pytest

from lagebild.speech.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("form", "key", "particle"),
    [
        ("sagte", "sagen", ""),
        ("betonte", "betonen", ""),
        ("kündigte", "kündigen", "an"),  # "kündigte … an"
        ("angekündigt", "kündigen", ""),
        ("ankündigte", "kündigen", ""),  # subordinate clause
        ("räumte", "räumen", "an" if False else "ein"),
        ("gestand", "gestehen_ein", "ein"),
        ("appellierte", "appellieren", ""),
        ("hieß", "heißen", ""),
        ("bescheinigte", "bescheinigen", ""),
    ],
)
def test_speech_lexicon_german_forms(form: str, key: str, particle: str) -> None:
    forms = load_lexicon("de").lookup(form)
    assert any(f.verb.key == key and f.particle == particle for f in forms), [(f.verb.key, f.particle) for f in forms]


def test_speech_lexicon_frames() -> None:
    lex = load_lexicon("de")
    (appell,) = {f.verb for f in lex.lookup("appellierte")}
    assert "an" in appell.addressee
    assert any(f.verb.speaker == "object" for f in lex.lookup("zitierte"))
    assert "laut" in lex.before_source and "zufolge" in lex.after_source


def test_speech_lexicon_english() -> None:
    lex = load_lexicon("en")
    assert {f.verb.key for f in lex.lookup("told")} == {"tell"}
    assert "according to" in lex.before_source
