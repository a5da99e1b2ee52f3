"""Organisations (shipped knowledge base): institute and university names by their form, state
agencies, election commissions by context, a named organisation in apposition."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.document import Document

PUBLISHED = date(2023, 6, 1)
LATER = date(2024, 10, 20)


def names(doc: Document) -> set[str]:
    return {a.name for a in doc.actors.values()}


@pytest.mark.parametrize(("text", "name"), [
    ("said Anna Berg, a researcher at the Oslo Institute for Peace Research Studies.",
     "Oslo Institute for Peace Research Studies"),
    ("according to analysts at the Institute for Regional Security Affairs in Canberra.",
     "Institute for Regional Security Affairs"),
])
def test_actors_english_institute_full_name(actors_doc, text: str, name: str) -> None:
    doc = actors_doc("The report was widely read, " + text, published=PUBLISHED, language="en")
    assert name in names(doc), names(doc)


@pytest.mark.parametrize(("text", "expected"), [
    ("Die Forscherin Anna Kurz vom Europäischen Institut für Internationale Beziehungen widerspricht.",
     "Europäisches Institut für Internationale Beziehungen"),
    ("Ein Bericht des Zentrum für Östliche Studien und Sicherheit liegt vor.",
     "Zentrum für Östliche Studien und Sicherheit"),
])
def test_actors_institute_name_runs_through_adjective_and_noun(actors_doc, text: str, expected: str) -> None:
    assert expected in names(actors_doc(text, published=LATER))


@pytest.mark.parametrize(("text", "name"), [
    ("Der Politologe Gerhard Mangott von der Universität Innsbruck widerspricht.", "Universität Innsbruck"),
    ("Eine Forscherin der Kiewer Universität widerspricht.", "Kiewer Universität"),
])
def test_actors_university_pattern(actors_doc, text: str, name: str) -> None:
    doc = actors_doc(text, published=date(2024, 6, 15))
    assert any(a.name == name and a.type == "organisation" for a in doc.actors.values())


@pytest.mark.parametrize(("text", "language", "kb_id"), [
    ("Die russische Strafvollzugsbehörde teilte mit, der Häftling sei verlegt worden.", "de",
     "federal_penitentiary_service_russia"),
    ("Der Gefangene sei in Russland gestorben, teilte die FSIN mit.", "de", "federal_penitentiary_service_russia"),
    ("Das russische Ermittlungskomitee leitete ein Verfahren ein.", "de", "investigative_committee_russia"),
    ("Ukraine's Prosecutor General's Office opened a war crimes case.", "en", "prosecutor_general_office_ukraine"),
    ("Roskomnadzor blocked the messaging service on Friday.", "en", "roskomnadzor"),
    ("The Pentagon announced a new aid package.", "en", "united_states_department_of_defense"),
])
def test_actors_state_agencies(actors_doc, text: str, language: str, kb_id: str) -> None:
    assert kb_id in actors_doc(text, published=PUBLISHED, language=language).actors


def test_actors_south_korean_intelligence_agency(actors_doc) -> None:
    doc = actors_doc("Der südkoreanische Geheimdienst NIS meldete neue Truppenbewegungen.", published=LATER)
    assert "national_intelligence_service_south_korea" in doc.actors
    assert not any(a.startswith("doc:intelligence") for a in doc.actors)


# apposition: "der türkische Geheimdienst MIT" is the named organisation, not a generic one
def test_actors_ministry_apposition(actors_doc) -> None:
    doc = actors_doc("Organisiert wurde der Austausch vom türkischen Geheimdienst MIT in Ankara.",
                     published=date(2024, 6, 15))
    assert "turkish_national_intelligence_organization" in doc.actors
    assert not [a for a in doc.actors if a.startswith("doc:")]


@pytest.mark.parametrize("surface", ["Zentrale Wahlkommission", "Zentralen Wahlkommission"])
def test_actors_russian_election_commission(actors_doc, surface: str) -> None:
    doc = actors_doc(f"Die Wahl in Russland endete am Sonntag. Laut der {surface} lag die Beteiligung hoch.",
                     published=LATER)
    assert "central_election_commission_russia" in doc.actors


def test_actors_election_commission_needs_russian_context(actors_doc) -> None:
    doc = actors_doc("In Frankreich veröffentlichte die Zentrale Wahlkommission das Ergebnis.", published=LATER)
    assert "central_election_commission_russia" not in doc.actors
