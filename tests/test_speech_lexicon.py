"""The reporting-verb lexicon expands to inflected and separable forms; per-verb flags decide cues; the
speech lexicons are read through the one loader (user directories extend them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import ConfigError
from lagebild.speech.cues import sentence_cues
from lagebild.speech.lexicon import load_lexicon, word_set


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


@pytest.mark.parametrize(("sentence", "cues"), [
    # heißen: speaker "document", needs "es" next to it, and "heiße" (Konjunktiv I) is itself reported
    ("Die Lage sei ernst , heißt es in Berlin .", [("heisst_es", "heißen")]),
    ("Die Lage sei ernst , heißt das .", []),
    ("Die Lage sei ernst , heiße es in Berlin .", []),
    # meinen: the possessive before a capitalised word is a homograph
    ("Die Lage sei ernst , meinen Experten .", []),
    ("Die Lage sei ernst , meinen sie .", [("verb", "meinen")]),
    # fragen: "without: [sich]", a reflexive question is thought
    ("Nun fragen sich viele , ob es hilft .", []),
    ("Nun fragen viele , ob es hilft .", [("verb", "fragen")]),
])
def test_speech_lexicon_verb_flags_decide_cues(sentence: str, cues: list[tuple[str, str]]) -> None:
    words = sentence.split()
    found = sentence_cues(words, [False] * len(words), load_lexicon("de"))
    assert [(c.kind, c.verb.key if c.verb else None) for c in found] == cues


def test_speech_lexicon_verb_flags_are_lexicon_data() -> None:
    lex = load_lexicon("de")
    (heissen,) = {f.verb for f in lex.lookup("heißt")}
    assert (heissen.speaker, heissen.adjacent, heissen.not_forms) == ("document", ("es",), ("heiße",))
    assert {f.verb.homographs for f in lex.lookup("meinte")} == {("meinen",)}
    assert {f.verb.without_words for f in lex.lookup("fragte")} == {("sich",)}


def test_speech_lexicon_user_directory_extends_the_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reporting_verbs.yaml").write_text("de:\n  schwadronieren: {}\n", encoding="utf-8")
    (tmp_path / "speech_grammar.yaml").write_text("adverbs:\n  de: [hinterher]\n", encoding="utf-8")
    assert not load_lexicon("de").lookup("schwadronierte")
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    assert {f.verb.key for f in load_lexicon("de").lookup("schwadronierte")} == {"schwadronieren"}
    assert "hinterher" in word_set("speech_grammar", "adverbs")
    assert "zudem" in word_set("speech_grammar", "adverbs", "de")
    monkeypatch.delenv("LAGEBILD_LEXICON_DIRS")
    assert not load_lexicon("de").lookup("schwadronierte")


def test_speech_lexicon_word_set_rejects_a_scalar() -> None:
    with pytest.raises(ConfigError, match="speech_grammar"):
        word_set("speech_grammar", "meta")
