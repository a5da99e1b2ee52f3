"""Locations stay locations; metonyms for governments are actors; ambiguous names from context."""

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


def run(text: str, day: str = "2022-01-21", language: str = "de") -> Document:
    doc = Document(text, Metadata(language=language, published=date.fromisoformat(day)))
    tokenize(doc)
    return component()(doc)


def mention(doc: Document, surface: str):
    hits = [m for m in doc.mentions if m.text == surface]
    assert hits, f"no mention {surface!r} in {[m.text for m in doc.mentions]}"
    return hits[0]


@pytest.mark.parametrize(("text", "surface"), [
    ("Die Gespräche fanden in Berlin statt.", "Berlin"),
    ("Danach reiste die Delegation nach Kiew weiter.", "Kiew"),
    ("Die Gäste berieten im Weißen Haus.", "Weißen Haus"),
    ("Die Europäer kamen ins Weiße Haus.", "Weiße Haus"),
    ("Am Abend landete er in Washington.", "Washington"),
    ("Er kam gerade aus Moskau zurück.", "Moskau"),
])
def test_actors_places_locations_are_not_actors(text: str, surface: str) -> None:
    doc = run(text)
    m = mention(doc, surface)
    assert m.kind == "location" and m.actor is None
    assert not doc.actors


@pytest.mark.parametrize(("text", "surface", "actor"), [
    ("Moskau lehnt den Vorschlag ab.", "Moskau", "russia"),
    ("Am Abend gab es erste Reaktionen aus Moskau.", "Moskau", "russia"),
    ("Die Bedingungen Moskaus sind hart.", "Moskaus", "russia"),
    ("Der Kreml wies die Vorwürfe zurück.", "Kreml", "russia"),
    ("Washington kündigte neue Waffenlieferungen an.", "Washington", "united_states"),
    ("Das Weiße Haus kündigte Sanktionen an.", "Weiße Haus", "united_states"),
    ("Der Vorschlag wurde vom Weißen Haus verbreitet.", "Weißen Haus", "united_states"),
    ("Die Laune im Kanzleramt war schlecht.", "Kanzleramt", "germany"),
    ("Downing Street widersprach.", "Downing Street", "united_kingdom"),
    ("Brüssel will die Sanktionen verlängern.", "Brüssel", "european_union"),
    ("Die Regierung in Moskau lehnte den Plan ab.", "Regierung in Moskau", "russia"),
    ("Die Führung in Kiew lehnt das ab.", "Führung in Kiew", "ukraine"),
    ("Die US-Regierung sagte Hilfen zu.", "US-Regierung", "united_states"),
    ("Das sei auch der deutschen Regierung bewusst.", "deutschen Regierung", "germany"),
])
def test_actors_places_metonyms_are_governments(text: str, surface: str, actor: str) -> None:
    doc = run(text)
    assert mention(doc, surface).actor == actor
    assert actor in doc.actors


def test_actors_places_compound_with_city_is_no_actor() -> None:
    doc = run("Die Verpflichtungen des Minsk-Prozesses und die Moskau-Reise.")
    assert "russia" not in doc.actors


def test_actors_places_state_as_place_is_a_location_mention() -> None:
    doc = run("Die Verhandlungen fanden in der Schweiz statt.")
    m = mention(doc, "Schweiz")
    assert m.kind == "location" and m.actor == "switzerland"
    assert "switzerland" not in doc.actors


def test_actors_places_georgia_person_not_country() -> None:
    doc = run("Die italienische Ministerpräsidentin Georgia Meloni reiste an.", "2025-08-19")
    assert mention(doc, "italienische Ministerpräsidentin Georgia Meloni").actor == "giorgia_meloni"
    assert "georgia" not in doc.actors
    doc = run("Auch Georgia Meloni war dabei.", "2025-08-19")
    assert "giorgia_meloni" in doc.actors and "georgia" not in doc.actors


def test_actors_places_georgia_country() -> None:
    doc = run("Blinken erinnerte an den Krieg gegen Georgien.")
    assert "georgia" in doc.actors
    doc = run("Georgia and Ukraine want to join NATO.", language="en")
    assert "georgia" in doc.actors


def test_actors_places_george_washington_is_no_government() -> None:
    doc = run("Die Statue von George Washington steht noch.")
    assert "united_states" not in doc.actors


@pytest.mark.parametrize(("text", "counted"), [
    ("Rund 50.000 russische Soldaten wurden verlegt.", True),
    ("Die russischen Truppen zogen ab.", True),
    ("Aus russischer Sicht ist das unsinnig.", False),
])
def test_actors_places_demonyms(text: str, counted: bool) -> None:
    doc = run(text)
    kinds = {m.kind for m in doc.mentions if m.actor == "russia"}
    assert "demonym" in kinds
    assert ("russia" in doc.actors) is counted


@pytest.mark.parametrize(("text", "language"), [
    ("Georgia's governor in Atlanta, Georgia, said nothing.", "en"),
    ("Im US-Bundesstaat Georgia wird neu ausgezählt.", "de"),
])
def test_actors_places_georgia_us_state(text: str, language: str) -> None:
    assert "georgia" not in run(text, language=language).actors


@pytest.mark.parametrize("text", ["Kiew/Moskau – Die Gespräche gehen weiter.",
                                  "Moskau (dpa) – Die Gespräche gehen weiter."])
def test_actors_places_dateline_is_a_place(text: str) -> None:
    doc = run(text)
    assert not {"russia", "ukraine"} & set(doc.actors)
