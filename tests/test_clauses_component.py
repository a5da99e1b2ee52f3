"""The clause component's contract: what it needs and adds, where it puts its clauses, document-wide
clause indices, lazy ``clauses_of``, and a lexicon error that names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.clauses import ClausesComponent, clauses_of
from lagebild.clauses.words import clause_words
from lagebild.document import Document, Metadata
from lagebild.errors import ConfigError
from lagebild.language import tokenize
from lagebild.lexicon import load


def _doc(text: str, language: str = "de") -> Document:
    return tokenize(Document(text, Metadata(language=language)))


def test_clauses_component_declares_its_contract() -> None:
    assert ClausesComponent.name == "clauses"
    assert ClausesComponent.needs == ("tokens", "sentences")
    assert ClausesComponent.adds == ("clauses",)


def test_clauses_component_stores_the_layer_and_marks_it() -> None:
    doc = ClausesComponent()(_doc("Der Minister kam. Er sagte, er sei müde."))
    assert "clauses" in doc.layers
    clauses = doc.clauses
    assert [c.sentence for c in clauses] == [0, 1, 1]
    # parent indices count over the whole document, not within the sentence
    second = clauses[2]
    assert second.parent == 1 and clauses[second.parent].sentence == 1
    assert all(doc.sentences[c.sentence].start <= c.start < c.end <= doc.sentences[c.sentence].end for c in clauses)


def test_clauses_of_computes_once_and_reuses() -> None:
    doc = _doc("Die Regierung lehnt den Plan ab.")
    first = clauses_of(doc)
    assert len(first) == 1 and "clauses" in doc.layers
    assert clauses_of(doc)[0] is first[0]


def test_clauses_of_reads_what_the_component_stored() -> None:
    doc = ClausesComponent()(_doc("The minister resigned.", "en"))
    stored = doc.clauses
    assert clauses_of(doc)[0] is stored[0]


def test_clauses_document_without_tokens_has_no_clauses() -> None:
    assert clauses_of(Document("", Metadata(language="de"))) == []


def test_clauses_lexicon_with_an_unknown_class_is_a_config_error(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "clauses.yaml").write_text("de:\n  tag_classes:\n    NN: nounish\n", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    clause_words.cache_clear()
    try:
        with pytest.raises(ConfigError, match="clauses.yaml.*nounish"):
            clause_words("de")
    finally:
        monkeypatch.delenv("LAGEBILD_LEXICON_DIRS")
        clause_words.cache_clear()
    assert clause_words("de").tag_classes["NN"] == "noun"


def test_clauses_lexicon_user_directory_extends_a_word_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "clauses.yaml").write_text("de:\n  negation: [mitnichten]\n", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    clause_words.cache_clear()
    try:
        words = clause_words("de")
        assert "mitnichten" in words.negation and "nicht" in words.negation
        assert "mitnichten" in load("clauses")["de"]["negation"]
    finally:
        monkeypatch.delenv("LAGEBILD_LEXICON_DIRS")
        clause_words.cache_clear()


def test_clauses_component_viterbi_tagger_gives_the_same_record_shape() -> None:
    doc = ClausesComponent(tagger="viterbi")(_doc("Die Regierung kündigte neue Sanktionen an."))
    (c,) = doc.clauses
    assert (c.lemma, doc.tokens[c.subject.head].text if c.subject else None) == ("ankündigen", "Regierung")


def test_clauses_component_rejects_an_unknown_tagger() -> None:
    with pytest.raises(ConfigError, match="tagger"):
        ClausesComponent(tagger="spacy")
