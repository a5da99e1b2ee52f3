"""Party and nationality nouns on the shipped knowledge base: "der SPD-Politiker", "der
Republikaner", "der Ungar", "the Hungarian leader" refer back to a person of that party or country;
the plural is the party itself."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.document import Document


def mentions_of(doc: Document, surface: str) -> list[str | None]:
    return [m.actor for m in doc.mentions if m.text == surface]


@pytest.mark.parametrize(("text", "surface", "person"), [
    ("Boris Pistorius kam am Montag nach Kiew. Der SPD-Politiker sagte, die Hilfe gehe weiter.",
     "SPD-Politiker", "boris_pistorius"),
    ("Donald Trump und Friedrich Merz telefonierten. Der Republikaner drohte mit Zöllen.",
     "Republikaner", "donald_trump"),
    ("Donald Trump und Friedrich Merz telefonierten. Der CDU-Chef widersprach.", "CDU-Chef", "friedrich_merz"),
])
def test_actors_party_nouns(actors_doc, text: str, surface: str, person: str) -> None:
    assert mentions_of(actors_doc(text, published=date(2025, 6, 1)), surface) == [person]


def test_actors_party_plural_is_the_party(actors_doc) -> None:
    doc = actors_doc("Die Mehrheit der Republikaner stimmte dem Paket zu.", published=date(2024, 6, 15))
    assert "republican_party" in doc.actors


@pytest.mark.parametrize(("text", "lang", "surface", "person"), [
    ("Ungarns Ministerpräsident Viktor Orbán verließ den Raum. Später legte der Ungar sein Veto ein.",
     "de", "Ungar", "viktor_orban"),
    ("EU-Ratspräsident Charles Michel blieb ruhig. Der Belgier kündigte neue Gespräche an.",
     "de", "Belgier", "charles_michel"),
    ("Hungarian Prime Minister Viktor Orban vetoed the package. The Hungarian leader said it was a waste.",
     "en", "Hungarian leader", "viktor_orban"),
])
def test_actors_nationality_and_generic_nouns(actors_doc, text: str, lang: str, surface: str, person: str) -> None:
    assert mentions_of(actors_doc(text, published=date(2023, 12, 15), language=lang), surface) == [person]
