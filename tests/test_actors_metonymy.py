"""Capitals and places that stand for their government, and those that stay places (shipped
knowledge base): the clause around "in X" decides; datelines are places."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.document import Document

PUBLISHED = date(2023, 6, 1)
LATER = date(2024, 6, 15)


def mentions_of(doc: Document, surface: str) -> list[str | None]:
    return [m.actor for m in doc.mentions if m.text == surface]


@pytest.mark.parametrize(("text", "language", "state"), [
    ("Auch in Paris und Rom hielt man sich auffällig bedeckt.", "de", "france"),
    ("Auch in Paris und Rom hielt man sich auffällig bedeckt.", "de", "italy"),
    ("Aus Peking kam die erwartbare Warnung vor einer Eskalation.", "de", "china"),
    ("In Paris, a government spokesman said the decision was final.", "en", "france"),
])
def test_actors_capital_as_government(actors_doc, text: str, language: str, state: str) -> None:
    doc = actors_doc(text, published=PUBLISHED, language=language)
    assert state in doc.actors


@pytest.mark.parametrize(("text", "language", "state"), [
    ("In Paris, government buildings were lit in blue and yellow.", "en", "france"),
    ("Er kam gerade aus Peking zurück, wo er Freunde besucht hatte.", "de", "china"),
])
def test_actors_capital_stays_place(actors_doc, text: str, language: str, state: str) -> None:
    doc = actors_doc(text, published=PUBLISHED, language=language)
    assert state not in doc.actors


@pytest.mark.parametrize("text", [
    "Brüssel, 12. März 2024\n\nDie Außenminister trafen sich zu einem informellen Abendessen.",
    "Brussels, March 12\n\nThe foreign ministers met for an informal dinner.",
])
def test_actors_dateline_with_date_is_no_actor(actors_doc, text: str) -> None:
    doc = actors_doc(text, published=PUBLISHED, language="de" if "Außen" in text else "en")
    assert "european_union" not in doc.actors


# "in Brüssel" is a place, unless the clause says what is said, felt or decided there
@pytest.mark.parametrize(("text", "actor"), [
    ("In Brüssel wird über das neue Sanktionspaket gestritten.", "european_union"),
    ("In Brüssel hieß es, man wolle abwarten.", "european_union"),
    ("In Brüssel sorgte die Rede für Entsetzen.", "european_union"),
    ("Die Reaktion in Moskau fiel scharf aus.", "russia"),
    ("Die Korrespondentin in Brüssel berichtet seit Jahren.", None),
    ("Der Gipfel findet in Brüssel statt.", None),
    ("In Brüssel hat Selenskyj die Verzögerung kritisiert.", None),  # a person acts there
    ("Die Delegation wird am Montag in Brüssel erwartet.", None),
    ("In Brüssel beraten die EU-Außenminister über neue Sanktionen.", None),
])
def test_actors_capital_metonymy_by_clause(actors_doc, text: str, actor: str | None) -> None:
    place = "Moskau" if "Moskau" in text else "Brüssel"
    assert mentions_of(actors_doc(text, published=LATER), place) == [actor]


@pytest.mark.parametrize(("text", "actor"), [
    ("In Brussels, officials debated the package.", "european_union"),
    ("Zelensky said in Brussels that aid must come faster.", None),
])
def test_actors_capital_metonymy_english(actors_doc, text: str, actor: str | None) -> None:
    assert mentions_of(actors_doc(text, published=LATER, language="en"), "Brussels") == [actor]
