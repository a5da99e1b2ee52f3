"""The shipped German NER model: loads from the package, finds unseen names, maps offsets."""

from __future__ import annotations

import pytest

from lagebild.document import Document
from lagebild.language import tokenize
from lagebild.language.ner import LABELS, MODEL_PATH, NerTagger, bio_spans


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def test_ner_model_ships_with_package() -> None:
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.with_suffix(".json").is_file()
    assert NerTagger.load() is NerTagger.load()  # cached per path


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("Der Politologe Gerhard Mangott sagte , Moskau werde nicht einlenken .", "Gerhard Mangott", "PER"),
        ("Laut der Politologin Sabine Fischer ist eine Einigung unwahrscheinlich .", "Sabine Fischer", "PER"),
        ("Der Historiker Karl Schlögel erhielt am Sonntag einen Preis .", "Karl Schlögel", "PER"),
        ("Forscher der Universität Bremen warnten vor einer Eskalation .", "Universität Bremen", "ORG"),
        ("Das Deutsche Institut für Wirtschaftsforschung ( DIW ) senkt seine Prognose .", "DIW", "ORG"),
        ("Die Delegation reiste am Abend weiter nach Brüssel .", "Brüssel", "LOC"),
    ],
)
def test_ner_predict_finds_unseen_names(tagger: NerTagger, sentence: str, name: str, label: str) -> None:
    words = sentence.split()
    found = {(" ".join(words[s:e]), lab) for s, e, lab in tagger.predict(words)}
    assert (name, label) in found


def test_ner_predict_plain_sentence_has_no_entities(tagger: NerTagger) -> None:
    assert tagger.predict("Die Gespräche sollen in der kommenden Woche weitergehen .".split()) == []
    assert tagger.predict([]) == []


def test_ner_predict_doc_offsets_map_to_text(tagger: NerTagger) -> None:
    text = ("Der Osteuropa-Experte Gerhard Mangott von der Universität Innsbruck sagte am Montag, "
            "die Verhandlungen seien festgefahren.\n\nDanach äußerte sich Mangott nicht mehr.")
    doc = tokenize(Document(text))
    spans = tagger.predict_doc(doc)
    assert ("Gerhard Mangott", "PER") in {(text[s:e], lab) for s, e, lab, _ in spans}
    for start, end, label, conf in spans:
        assert label in LABELS
        assert 0.0 < conf <= 1.0
        assert text[start:end] == text[start:end].strip() and start < end


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-ORG", "I-ORG", "B-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),
        (["B-PER", "I-LOC", "O"], [(0, 1, "PER"), (1, 2, "LOC")]),
        (["O", "O"], []),
    ],
)
def test_ner_bio_spans_conll_style(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert bio_spans(tags) == spans
