"""Groups (shipped knowledge base): the Western world, not a compass direction; generic groups
only as acting subjects; group nouns only when specific; a state's forces are the state."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 6, 1)
LATER = date(2024, 10, 20)


@pytest.mark.parametrize(("text", "language"), [
    ("Die Armee verlegte Truppen in den Norden und Westen des Gebiets.", "de"),
    ("Russland werde seine Verbände im Westen und Südwesten verstärken.", "de"),
    ("Schwere Kämpfe gab es im Westen des Landes.", "de"),
    ("Fighting continued in the west of the region.", "en"),
])
def test_actors_compass_direction(actors_doc, text: str, language: str) -> None:
    doc = actors_doc(text, published=PUBLISHED, language=language)
    assert "western_world" not in doc.actors


@pytest.mark.parametrize("text", [
    "Der Westen darf sich nicht spalten lassen.",
    "Die Regierung warf dem Westen Heuchelei vor.",
])
def test_actors_west_as_actor(actors_doc, text: str) -> None:
    assert "western_world" in actors_doc(text, published=PUBLISHED).actors


@pytest.mark.parametrize(("text", "kb_id", "expected"), [
    ("Der Westen fordert einen sofortigen Waffenstillstand.", "western_world", True),
    ("Nun warnt der Westen vor einer Eskalation.", "western_world", True),
    ("Das gilt, solange der Westen geschlossen bleibt.", "western_world", False),
    ("Die Allianz verlegt weitere Soldaten ins Baltikum.", "baltic_states", False),
    ("Polen gilt als größter Unterstützer der Ukraine in der Region.", "ukraines_allies", False),
])
def test_actors_generic_group_only_as_acting_subject(actors_doc, text: str, kb_id: str, expected: bool) -> None:
    assert (kb_id in actors_doc(text, published=LATER).actors) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Etwa 200 bewaffnete Söldner überquerten die Grenze nicht.", False),
    ("Rund 300 Wagner-Söldner sind im Nachbarland.", False),
    ("Die Milizen lehnten den Plan ab.", True),
    ("Vertreter der Milizen unterschrieben ebenfalls.", True),
])
def test_actors_group_noun_needs_specific_reference(actors_doc, text: str, expected: bool) -> None:
    doc = actors_doc(text, published=LATER)
    assert any(a.type == "group" and a.id.startswith("doc:") for a in doc.actors.values()) is expected


def test_actors_russian_troops_are_the_state(actors_doc) -> None:
    doc = actors_doc("Die russischen Truppen zogen sich aus dem Dorf zurück.", published=LATER)
    assert "russia" in doc.actors
    assert "russian_armed_forces" not in doc.actors
