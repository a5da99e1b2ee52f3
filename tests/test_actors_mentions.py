"""Mention finding across German inflection and word formation (one automaton pass)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from lagebild.actors.component import ActorsComponent
from lagebild.actors.loader import load_kb
from lagebild.actors.matcher import inflections, norm, split_pieces
from lagebild.document import Document, Metadata
from lagebild.language import tokenize

FIXTURE = Path(__file__).parent / "data" / "kb"


@lru_cache(maxsize=1)
def component() -> ActorsComponent:
    return ActorsComponent(kb=load_kb([FIXTURE], shipped=False))


def run(text: str, day: str | None = "2022-02-15") -> Document:
    doc = Document(text, Metadata(language="de", published=date.fromisoformat(day) if day else None))
    tokenize(doc)
    return component()(doc)


def mention(doc: Document, surface: str):
    hits = [m for m in doc.mentions if m.text == surface]
    assert hits, f"no mention {surface!r} in {[m.text for m in doc.mentions]}"
    return hits[0]


@pytest.mark.parametrize(("text", "surface", "actor"), [
    ("Putins Kalkül ging nicht auf.", "Putins", "vladimir_putin"),
    ("Selenskyjs Berater widersprachen.", "Selenskyjs", "volodymyr_zelenskyy"),
    ("Die Armee Russlands zog ab.", "Russlands", "russia"),
    ("Die Partner der Nato-Verbündeten zögerten.", "Nato", "nato"),
    ("Das Treffen fand vor der Europäischen Union statt.", "Europäischen Union", "european_union"),
    ("Eine Delegation der Europäischer Union reiste ab.", "Europäischer Union", "european_union"),
    ("Die Vereinigten Staaten liefern Waffen.", "Vereinigten Staaten", "united_states"),
    ("Der Plan des Kremls ist unklar.", "Kremls", "russia"),
    ("Die Sprecherin der NATO sagte nichts.", "NATO", "nato"),
    ("Die Nato wächst.", "Nato", "nato"),
    ("Wladimir Putin sprach lange.", "Wladimir Putin", "vladimir_putin"),
])
def test_actors_mentions_inflected_names(text: str, surface: str, actor: str) -> None:
    doc = run(text)
    assert mention(doc, surface).actor == actor
    assert actor in doc.actors


def test_actors_mentions_offsets_are_exact() -> None:
    doc = run("Gestern traf US-Außenminister Antony Blinken in Genf ein.")
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text
        assert m.component == "actors" and m.rule and 0 < m.confidence <= 1


def test_actors_mentions_hyphen_pieces() -> None:
    pieces = split_pieces([("US-Außenminister", 10), ("Blinken", 27)])
    assert [(p.norm, p.start, p.end, p.hyphen_before) for p in pieces] == [
        ("us", 10, 12, False), ("außenminister".replace("ß", "ss"), 13, 26, True), ("blinken", 27, 34, False)]


@pytest.mark.parametrize(("surface", "kind", "form"), [
    ("Russland", "name", "russlands"),
    ("Wladimir Putin", "name_person", "wladimir putins"),
    ("Europäische Union", "name", "europaischen union"),
    ("Institut für Weltwirtschaft", "name", "instituts fur weltwirtschaft"),
    ("Bündnis", "name", "bundnisses"),
    ("russisch", "demonym", "russischen"),
    ("Kremlchef", "role", "kremlchefs"),
    ("Generalsekretär", "office", "generalsekretars"),
])
def test_actors_mentions_inflections(surface: str, kind: str, form: str) -> None:
    assert tuple(form.split()) in inflections(surface, kind)


def test_actors_mentions_norm_strips_accents() -> None:
    assert norm("Außenministerin Selenskyj Élysée") == "aussenministerin selenskyj elysee"


@pytest.mark.parametrize(("text", "present", "absent"), [
    # a name made of common words needs quotes or capitals
    ("Die Welt erlebe einen Wendepunkt, sagte er.", set(), {"die_welt"}),
    ("Das berichtete die „Welt“ am Sonntag.", {"die_welt"}, set()),
    ("Er schreibt im Auftrag von WELT über Russland.", {"die_welt"}, set()),
    # names keep their capitals: "kluge" is an adjective
    ("Das war eine kluge Entscheidung.", set(), {"doc:kluge"}),
])
def test_actors_mentions_capitalisation(text: str, present: set[str], absent: set[str]) -> None:
    doc = run(text)
    assert present <= set(doc.actors)
    assert not absent & set(doc.actors)


def test_actors_mentions_known_misspelling_links_to_kb_person() -> None:
    doc = run("US-Außenminister Anthony Blinken reiste nach Berlin.", "2022-01-20")
    assert mention(doc, "US-Außenminister Anthony Blinken").actor == "antony_blinken"
    assert "Anthony Blinken" in doc.actors["antony_blinken"].aliases


def test_actors_mentions_export_has_mentions_and_actors() -> None:
    out = run("Kremlchef Wladimir Putin empfing Olaf Scholz.").to_json()
    assert {a["id"] for a in out["actors"]} == {"vladimir_putin", "olaf_scholz"}
    assert all({"start", "end", "text", "actor", "kind", "role"} <= set(m) for m in out["mentions"])


def test_actors_mentions_proper_nouns_the_lexicon_calls_nouns() -> None:
    doc = run("Die Sprecherin der NATO sagte nichts, China und Polen schwiegen.")
    assert {"nato", "poland"} <= set(doc.actors)


@pytest.mark.parametrize("text", ["Aus Moskau kam Kritik.", "Us and them.", "Eu-Länder?"])
def test_actors_mentions_short_acronyms_need_capitals(text: str) -> None:
    doc = run(text)
    assert not {"united_states", "european_union"} & set(doc.actors)
