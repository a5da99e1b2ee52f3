"""Titles on the shipped knowledge base: undated documents resolve by the dates the text names
(never to today's holder); modified titles ("designierte", "Ex-") and indefinite ones are no post's
holder; a name after a title wins; a bare title refers back to the same title."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.actors.state import reference_day
from lagebild.document import Document, Metadata, Timex

PUBLISHED = date(2024, 10, 20)


def names(doc: Document) -> set[str]:
    return {a.name for a in doc.actors.values()}


def mentions_of(doc: Document, surface: str) -> list[str | None]:
    return [m.actor for m in doc.mentions if m.text == surface]


# -- an undated article: a title resolves by the dates the text names, never to today's holder -------
def test_actors_undated_title_not_todays_holder(actors_doc) -> None:
    doc = actors_doc("Der Kanzler lehnte die Lieferung der Marschflugkörper erneut ab.", published=None)
    assert "friedrich_merz" not in doc.actors
    assert "olaf_scholz" not in doc.actors


def test_actors_undated_title_resolves_by_explicit_year_in_text(actors_doc) -> None:
    text = "Im Oktober 2023 reiste der Kanzler nach Kairo."
    doc = actors_doc(text, published=None, timexes=[("Oktober 2023", "2023-10")])
    assert "olaf_scholz" in doc.actors
    assert "friedrich_merz" not in doc.actors


def test_actors_undated_title_no_nearest_person_guess(actors_doc) -> None:
    doc = actors_doc("Der Generalsekretär Jens Stoltenberg warb für Geduld. Der Kanzler schwieg dazu.",
                     published=None)
    assert all(m.actor != "jens_stoltenberg" for m in doc.mentions if m.text == "Kanzler")


@pytest.mark.parametrize(("surfaces", "expected"), [
    ([("Mai 2021", "2021-05"), ("März 2019", "2019-03")], date(2021, 5, 1)),
    ([("2020", "2020")], date(2020, 7, 1)),
    ([("Montag", "2022-03-07")], None),  # no explicit year: not a reference date
])
def test_actors_reference_day_latest_explicit_date(surfaces: list[tuple[str, str]], expected: date | None) -> None:
    text = " und ".join(s for s, _ in surfaces) + " war es ruhig."
    doc = Document(text, Metadata(language="de", published=None))
    for surface, value in surfaces:
        s = text.index(surface)
        doc.timexes.append(Timex(s, s + len(surface), "time", "test", 1.0, text=surface, value=value, type="date"))
    assert reference_day(doc) == expected


# -- a name after a title ------------------------------------------------------------------------------
@pytest.mark.parametrize("title", ["Vizeregierungschef", "Vize-Regierungschef", "Vizepremier",
                                   "Vizepremierminister"])
def test_actors_vice_premier_title_names_person(actors_doc, title: str) -> None:
    doc = actors_doc(f"Das teilte der slowakische {title} Tomas Brenko am Abend mit.", published=PUBLISHED)
    assert "Tomas Brenko" in names(doc)


@pytest.mark.parametrize("name", ["Ri Son-gwon", "Pak Jong-chon"])
def test_actors_hyphenated_korean_given_name_kept(actors_doc, name: str) -> None:
    doc = actors_doc(f"In Moskau traf der Diplomat {name} seinen russischen Kollegen.", published=PUBLISHED)
    assert name in names(doc)


# designate / in-waiting / elect / future / former titles: the name next to the title wins
@pytest.mark.parametrize(("text", "lang", "person", "not_holder"), [
    ("Germany's chancellor-in-waiting Friedrich Merz wrote to Kyiv.", "en", "friedrich_merz", "olaf_scholz"),
    ("The Secretary of State designate Marco Rubio spoke.", "en", "marco_rubio", "antony_blinken"),
    ("Der designierte Kanzler Friedrich Merz reist nach Paris.", "de", "friedrich_merz", "olaf_scholz"),
    ("Der künftige Bundeskanzler Friedrich Merz reist nach Paris.", "de", "friedrich_merz", "olaf_scholz"),
    ("Ex-Kanzlerin Angela Merkel schwieg.", "de", "angela_merkel", "olaf_scholz"),
])
def test_actors_modified_titles(actors_doc, text: str, lang: str, person: str, not_holder: str) -> None:
    day = date(2025, 3, 1) if "Merz" in text else date(2024, 12, 1)
    doc = actors_doc(text, published=day, language=lang)
    assert person in doc.actors and not_holder not in doc.actors


def test_actors_indefinite_title_with_modifier_is_generic(actors_doc) -> None:
    text = ("Pentagon spokesman John Kirby said the aid would continue. "
            "In Paris, a government spokesman said France would wait.")
    doc = actors_doc(text, published=date(2023, 6, 1), language="en")
    later = [m for m in doc.mentions if m.text.endswith("spokesman") and m.start > text.index("Paris")]
    assert later and all("kirby" not in (m.actor or "") and m.kind != "coref" for m in later)


# an organisation opening a post's title compound is an actor of the document
@pytest.mark.parametrize(("text", "org"), [
    ("Nato-Generalsekretär Mark Rutte reiste nach Kiew.", "nato"),
    ("Die EU-Außenbeauftragte Kaja Kallas warnte vor einem Diktatfrieden.", "european_union"),
    ("EU-Kommissionspräsidentin Ursula von der Leyen sprach in Straßburg.", "european_union"),
    ("Über eine Nato-Mitgliedschaft der Ukraine wird gestritten.", "nato"),
])
def test_actors_org_in_title_compound(actors_doc, text: str, org: str) -> None:
    assert org in actors_doc(text, published=date(2024, 6, 15)).actors


# a bare title refers back to the person the text introduced with the same title; a feminine title
# never resolves to a man (not the German president by default)
def test_actors_bare_title_same_title_antecedent(actors_doc) -> None:
    doc = actors_doc("Gastgeberin war die Schweizer Bundespräsidentin Viola Amherd. Auch die italienische "
                     "Ministerpräsidentin Giorgia Meloni kam. Die Bundespräsidentin sagte, der Weg sei lang.",
                     published=date(2024, 6, 15))
    assert mentions_of(doc, "Bundespräsidentin") == ["viola_amherd"]
    assert "frank_walter_steinmeier" not in doc.actors
    assert "switzerland" in {m.actor for m in doc.mentions}  # "Schweizer" qualifies the title
