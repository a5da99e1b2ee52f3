"""Actors nobody listed, and KB names that must not be linked (issue 16): persons named without a
title are found through a first-name lexicon, and a KB name inside someone else's name, a longer
name, all-capitals text or another country's office links to no one. Runs the actors component
with the shipped knowledge base."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from lagebild.actors.component import ActorsComponent
from lagebild.document import Document, Metadata
from lagebild.language import tokenize


@lru_cache(maxsize=1)
def component() -> ActorsComponent:
    return ActorsComponent()


def analyse(text: str, language: str) -> Document:
    doc = Document(text, Metadata(language=language, published=date(2023, 4, 28)))
    tokenize(doc)
    return component()(doc)


def linked(text: str, language: str) -> dict[str, str]:
    """surface -> the linked actor's name, for each mention with an actor."""
    doc = analyse(text, language)
    return {m.text: doc.actors[m.actor].name for m in doc.mentions if m.actor and m.actor in doc.actors}


@pytest.mark.parametrize("text, language, person", [
    ("Deniz Yücel sagte am Samstag, er sei frei.", "de", "Deniz Yücel"),
    ("Danielle Wallace reported for Fox News on Friday.", "en", "Danielle Wallace"),
    ("Ayşe Demir sagte, sie bleibe in Berlin.", "de", "Ayşe Demir"),
    ("Gestern sagte Volkmar Beispielmann, die Lage sei ernst.", "de", "Volkmar Beispielmann"),
    ("On Monday, Brig. Gen. Pat Ryder told reporters the strikes would continue.", "en", "Pat Ryder"),
])
def test_actors_person_without_title_is_found_by_first_name(text: str, language: str, person: str) -> None:
    assert linked(text, language).get(person) == person


def test_actors_later_surname_joins_a_person_found_by_first_name() -> None:
    doc = analyse("Gestern sagte Volkmar Beispielmann, die Lage sei ernst. Beispielmann forderte Hilfe.", "de")
    ids = {m.actor for m in doc.mentions if m.text in ("Volkmar Beispielmann", "Beispielmann")}
    assert len(ids) == 1 and None not in ids


@pytest.mark.parametrize("text, language, wrong", [
    ("Danielle Wallace reported for Fox News on Friday.", "en", "Ben Wallace"),
    ("Die Firma Merkel Jagd- und Sportwaffen meldete Insolvenz an.", "de", "Angela Merkel"),
    ("The Department of Foreign Affairs issued a statement on Monday.", "en", "Foreign Affairs"),
    ("RUSSIA IS CLOSELY MONITORING THE SITUATION, officials said.", "en", "Islamic State"),
    ("Das Präsidialamt in Seoul teilte mit, man prüfe die Lage.", "de", "Office of the President of Ukraine"),
])
def test_actors_kb_name_inside_another_name_or_caps_text_links_no_one(text: str, language: str, wrong: str) -> None:
    assert wrong not in linked(text, language).values()


def test_actors_caps_text_keeps_names_with_an_ordinary_spelling() -> None:
    assert linked("RUSSIA IS CLOSELY MONITORING THE SITUATION, officials said.", "en").get("RUSSIA") == "Russia"


def test_actors_office_in_its_own_capital_is_still_linked() -> None:
    names = linked("Das Präsidialamt in Kiew teilte mit, man prüfe die Lage.", "de")
    assert "Office of the President of Ukraine" in names.values()


@pytest.mark.parametrize("text, outlet", [
    ("Correctiv berichtete am Dienstag über die Treffen.", "Correctiv"),
    ("Der Spiegel berichtete, die Regierung habe davon gewusst.", "Der Spiegel"),
    ("Laut Spiegel hat die Regierung davon gewusst.", "Der Spiegel"),
    ("Der AStA der Universität kritisierte die Entscheidung.", "AStA"),
])
def test_actors_media_and_organisations_acting_as_sources_are_actors(text: str, outlet: str) -> None:
    assert outlet in linked(text, "de").values()


def test_actors_media_name_that_is_a_common_word_needs_a_cue() -> None:
    assert not linked("Der Spiegel hängt an der Wand.", "de")


def test_actors_a_place_named_once_as_a_us_state_is_the_state_throughout_the_document() -> None:
    names = linked("Harris won in Atlanta, Georgia, on Tuesday. Georgia voters said they were pleased.", "en")
    assert "Georgia" not in names.values()


def test_actors_vice_president_does_not_corefer_with_the_president() -> None:
    doc = analyse("President Joe Biden praised Kamala Harris on Monday. The vice president said she would "
                  "campaign in Ohio.", "en")
    vice = next(m for m in doc.mentions if m.text == "vice president")
    assert vice.actor is None or doc.actors[vice.actor].name != "Joe Biden"


def test_actors_first_name_before_an_organisation_head_is_no_person() -> None:
    doc = analyse("She studied at Howard University in Washington.", "en")
    assert not [a for a in doc.actors.values() if a.type == "person"]


def test_actors_kb_wikidata_ids_are_well_formed_unique_and_coverage_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    import re

    from lagebild.actors.loader import load_kb

    kb = load_kb()
    ids = [a.wikidata for a in kb.actors.values() if a.wikidata]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in ids)
    assert len(ids) == len(set(ids))
    for kind in ("person", "organisation", "state"):
        actors = [a for a in kb.actors.values() if a.type == kind]
        with capsys.disabled():
            print(f"\nWikidata coverage, {kind}: {sum(1 for a in actors if a.wikidata)}/{len(actors)}")
    for known in ("benjamin_netanyahu", "frank_walter_steinmeier", "antonio_guterres", "bundestag", "cdu"):
        assert (a := kb.actor(known)) is not None and a.wikidata
