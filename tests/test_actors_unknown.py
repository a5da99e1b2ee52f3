"""Actors the knowledge base does not know: titled persons, their organisations, authors."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from lagebild.actors.component import ActorsComponent
from lagebild.actors.loader import load_kb
from lagebild.document import Document, Metadata
from lagebild.language import tokenize

FIXTURE = Path(__file__).parent / "data" / "kb"


@lru_cache(maxsize=1)
def component() -> ActorsComponent:
    return ActorsComponent(kb=load_kb([FIXTURE], shipped=False))


def run(text: str, day: str = "2025-12-16", author: str | None = None) -> Document:
    doc = Document(text, Metadata(language="de", published=date.fromisoformat(day), author=author))
    tokenize(doc)
    return component()(doc)


def test_actors_unknown_expert_and_organisation() -> None:
    doc = run("Eine Einigung ist fern, glaubt der Osteuropa-Experte Jan Kowalski vom Berliner Institut für "
              "Sicherheitspolitik. Kowalski verweist auf die Front.")
    person = doc.actors["doc:jan-kowalski"]
    assert person.type == "person" and person.source == "document" and person.role == "Osteuropa-Experte"
    orgs = [a for a in doc.actors.values() if a.type == "organisation"]
    assert [o.name for o in orgs] == ["Berliner Institut für Sicherheitspolitik"]
    assert orgs[0].source == "document"
    assert len(doc.actors) == 2


@pytest.mark.parametrize(("text", "name"), [
    ("Das Institut für Weltwirtschaft in Kiel rechnet mit Verlusten.", "Institut für Weltwirtschaft"),
    ("Forscher des Kieler Instituts für Weltwirtschaft rechnen das vor.", "Kieler Institut für Weltwirtschaft"),
    ("Die Carnegie-Stiftung warnte davor.", "Carnegie-Stiftung"),
])
def test_actors_unknown_organisation_pattern(text: str, name: str) -> None:
    doc = run(text)
    assert [a.name for a in doc.actors.values() if a.type == "organisation"] == [name]


@pytest.mark.parametrize("text", [
    "Zwei der größten Banken des Landes melden Ausfälle.",
    "Der Rat der Stadt tagte am Montag.",
])
def test_actors_unknown_no_organisation_from_common_nouns(text: str) -> None:
    assert not run(text).actors


def test_actors_unknown_author_from_metadata() -> None:
    doc = run("Ein Kommentar zur Lage in der Ukraine.\n\nVon Erika Mustermann", author="Erika Mustermann")
    a = doc.actors["doc:erika-mustermann"]
    assert a.type == "person" and a.role == "author"
    assert any(m.actor == a.id and m.text == "Erika Mustermann" for m in doc.mentions)


@pytest.mark.parametrize(("text", "name"), [
    ("Die Lage bleibt ernst.\n\nEs kommentiert: Erika Mustermann\n\nMehr dazu morgen.", "Erika Mustermann"),
    ("Die Lage bleibt ernst. Max Beispiel ist Russland-Korrespondent der Zeitung.", "Max Beispiel"),
])
def test_actors_unknown_bylines(text: str, name: str) -> None:
    doc = run(text)
    assert name in {a.name for a in doc.actors.values() if a.type == "person"}


def test_actors_unknown_different_first_name_is_another_person() -> None:
    doc = run("Der Unternehmer Hunter Biden wurde befragt.", "2022-01-21")
    assert "joe_biden" not in doc.actors
    assert "doc:hunter-biden" in doc.actors


def test_actors_unknown_group_nouns() -> None:
    doc = run("Eine von Oligarchen aufgeteilte Wirtschaft.")
    (group,) = doc.actors.values()
    assert group.type == "group" and "Oligarchen" in group.aliases


def test_actors_unknown_title_before_lowercase_word_is_no_person() -> None:
    doc = run("Der Experte sagte, der Präsident habe recht.")
    assert not doc.actors


def test_actors_unknown_kb_surname_as_first_name_of_another_person() -> None:
    doc = run("Trump Jr. sprach. Marco Polo Schulz ist Korrespondent. Rubio Andersson schrieb das.")
    assert "marco_rubio" not in doc.actors


def test_actors_unknown_names_only_the_model_finds() -> None:
    from lagebild.language.ner import MODEL_PATH

    if not MODEL_PATH.is_file():
        pytest.skip("no NER model shipped")
    doc = run("Gestern sagte Olena Kowalenko, die Lage sei ernst.")
    (actor,) = doc.actors.values()
    assert actor.name == "Olena Kowalenko" and actor.source == "model" and actor.confidence <= 0.5


def test_actors_unknown_model_tags_only_sentences_that_may_name_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two free capitalised words with no first name, title or KB surname among them ("Roter
    Falke") could give no model-only person: that sentence is not tagged, the other one is."""
    from lagebild.language.ner import MODEL_PATH, NerTagger

    if not MODEL_PATH.is_file():
        pytest.skip("no NER model shipped")
    tagged: list[list[str]] = []
    predict_scored = NerTagger.predict_scored

    def recording(self: NerTagger, words: list[str]) -> list[tuple[int, int, str, float]]:
        tagged.append(list(words))
        return predict_scored(self, words)

    import lagebild

    if "lagebild.language.ner" in lagebild.compiled_modules():
        pytest.skip("compiled build: its own calls of NerTagger.predict_scored cannot be replaced")
    monkeypatch.setattr(NerTagger, "predict_scored", recording)
    doc = run("Die Werft baut Roter Falke nach. Gestern sagte Olena Kowalenko, die Lage sei ernst.")
    assert [w[:4] for w in tagged] == [["Gestern", "sagte", "Olena", "Kowalenko"]]
    assert [a.name for a in doc.actors.values()] == ["Olena Kowalenko"]


@pytest.mark.parametrize("author", ["dpa", "Redaktion aktuell", "NATO"])
def test_actors_unknown_author_field_that_is_no_person(author: str) -> None:
    doc = run("Die Lage an der Front bleibt angespannt.", author=author)
    assert not [a for a in doc.actors.values() if a.type == "person"]


def test_actors_unknown_surname_that_is_also_a_noun() -> None:
    doc = run("Die Sicherheitsexpertin Susanne Bauer sieht das anders.")
    assert [a.name for a in doc.actors.values()] == ["Susanne Bauer"]
