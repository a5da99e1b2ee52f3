"""Feature extraction of the NER model: hyphen parts, gazetteer, lexicon classes, runs, particles."""

from __future__ import annotations

import pytest

from lagebild.language.ner import load_gazetteer, load_word_lexicon, sentence_features


def feats(sentence: str, index: int) -> list[str]:
    return sentence_features(sentence.split())[index]


@pytest.mark.parametrize(
    ("sentence", "index", "expected"),
    [
        ("Der US-Außenminister reiste ab", 1, {"hy", "hy0=us", "hyN=außenminister", "g:title"}),
        ("Pentagonsprecher Kirby schwieg", 0, {"BOS", "g:title_sfx", "title"}),
        ("Gestern sprach Annalena Baerbock", 2, {"g:first", "+1title", "run=2B"}),
        ("Gestern sprach Annalena Baerbock", 3, {"-1g:first", "run=2E", "EOS"}),
        ("Das Außenministerium teilte mit", 1, {"g:org_sfx", "-1w=das"}),
        ("Ursula von der Leyen", 1, {"part", "+1part", "w=von"}),
        ("Ein Haus in Berlin", 1, {"wk=n"}),
        ("Ein Haus in Berlin", 3, {"wk=t", "-2w=haus"}),
    ],
)
def test_ner_features_contain(sentence: str, index: int, expected: set[str]) -> None:
    assert expected <= set(feats(sentence, index))


def test_ner_features_normalise_typographic_quotes() -> None:
    assert feats("„ Frieden “", 0)[1] == feats('" Frieden "', 0)[1] == 'w="'


def test_ner_features_one_list_per_word() -> None:
    words = "Die Gespräche in Genf dauerten zwei Tage .".split()
    assert len(sentence_features(words)) == len(words)
    assert sentence_features([]) == []


def test_ner_lexicons_load() -> None:
    assert "wolodymyr" in load_gazetteer().first_names
    lexicon = load_word_lexicon()
    assert "n" in lexicon.classes["Haus"]
    assert lexicon.zipf["und"] > 6
