"""A knowledge-base name in context, on the shipped knowledge base: a surname inside another
person's name or a date, a name made of common words, a product or platform, a name that counts
only in a document about its context. Hand-built sentences, real public facts."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2023, 6, 1)
LATER = date(2024, 6, 15)


# -- a surname alias inside another name or a date -------------------------------------------------
@pytest.mark.parametrize(("text", "author", "kb_id"), [
    ("Eine Analyse von Markus Lindner\n\nDie Regierung legte ihren Haushalt vor.", None, "christian_lindner"),
    ("Ein Gastbeitrag von Petra Lindner\n\nDie Lage bleibt angespannt.", "Petra Lindner", "christian_lindner"),
    ("Der Historiker Thomas Scholz hält den Vorschlag für unrealistisch.", None, "olaf_scholz"),
])
def test_actors_surname_inside_other_name(actors_doc, text: str, author: str | None, kb_id: str) -> None:
    doc = actors_doc(text, published=PUBLISHED, author=author)
    assert kb_id not in doc.actors


def test_actors_kb_surname_alone_still_links(actors_doc) -> None:
    doc = actors_doc("Finanzminister Christian Lindner lehnte neue Schulden ab. Lindner blieb hart.",
                     published=PUBLISHED)
    assert "christian_lindner" in doc.actors
    assert all(m.actor == "christian_lindner" for m in doc.mentions if m.text == "Lindner")


@pytest.mark.parametrize(("text", "timexes"), [
    ("Norway signed the agreement in May 2023, weeks after the summit.", None),
    ("The talks resumed on 12 May and ended without result.", None),
    ("The deadline in late May passed without a deal.", [("in late May", "2023-05-XX")]),
])
def test_actors_month_is_no_surname(actors_doc, text: str, timexes: list[tuple[str, str]] | None) -> None:
    doc = actors_doc(text, published=PUBLISHED, language="en", timexes=timexes or ())
    assert "theresa_may" not in doc.actors


def test_actors_may_as_person_still_links(actors_doc) -> None:
    doc = actors_doc("Former Prime Minister Theresa May criticised the plan. May said it was reckless.",
                     published=PUBLISHED, language="en")
    assert "theresa_may" in doc.actors


# -- names made of common words --------------------------------------------------------------------
# a single-word KB name that the noun lexicon also lists is still a name; the noun check is only for
# names of common words (media, ambiguous_name) and only in German text
@pytest.mark.parametrize(("text", "lang", "actors"), [
    ("Polen und China beraten über Hilfen.", "de", {"poland", "china"}),
    ("Der Bundestag stimmte zu, die Bundeswehr soll mehr Geld bekommen.", "de", {"bundestag", "bundeswehr"}),
    ("Belgium and Poland back the plan.", "en", {"belgium", "poland"}),
    ("Das berichtete die „Welt“ am Sonntag.", "de", {"die_welt"}),
])
def test_actors_common_word_names(actors_doc, text: str, lang: str, actors: set[str]) -> None:
    assert actors <= set(actors_doc(text, published=LATER, language=lang).actors)


@pytest.mark.parametrize("text", [
    "Am Rand des Treffens sprachen die Delegationen.",  # RAND Corporation written as a word
    "Die Welt schaut auf Genf.",
])
def test_actors_common_words_are_not_organisations(actors_doc, text: str) -> None:
    assert not {"rand_corporation", "die_welt"} & set(actors_doc(text, published=LATER).actors)


# -- products, weapons and platforms are no persons; model-only persons need person evidence --------
@pytest.mark.parametrize("text", [
    "Großbritannien liefert seit Monaten Storm Shadow, Deutschland zögert beim Taurus.",
    "Trump schrieb auf Truth Social, der Krieg müsse enden.",
    "Die Ukraine erhielt weitere Patriot-Systeme und HIMARS.",
])
def test_actors_non_actor_names(actors_doc, text: str) -> None:
    doc = actors_doc(text, published=LATER)
    assert not [a for a in doc.actors.values() if a.type == "person" and a.source != "kb"]


def test_actors_model_person_with_first_name_kept(actors_doc) -> None:
    doc = actors_doc("Unter den Offizieren war auch Luftwaffeninspekteur Ingo Gerhartz aus Berlin.", published=LATER)
    assert any(a.name == "Ingo Gerhartz" for a in doc.actors.values())


# -- names that need their context: Luftwaffe, Union, Ampel, Kontaktgruppe ---------------------------
@pytest.mark.parametrize(("text", "present", "absent"), [
    ("Kanzler Olaf Scholz lehnte ab. Die Union kritisierte die Ampel, die Luftwaffe übt weiter.",
     {"cdu_csu", "traffic_light_coalition", "german_air_force"}, set()),
    ("Die russische Luftwaffe griff Charkiw an.", {"russia"}, {"german_air_force"}),
    ("Die Europäische Union und die Afrikanische Union verhandeln.", {"european_union"}, {"cdu_csu"}),
    ("Die Union der Mitgliedstaaten bleibt geschlossen.", set(), {"cdu_csu"}),  # no German context
    ("Kanzler Olaf Scholz sagte, die Union müsse mehr für ihre Verteidigung tun.", set(), {"cdu_csu"}),
    ("Die SPD und die Union einigten sich im Bundestag.", {"spd", "cdu_csu", "bundestag"}, set()),
    ("Die OSZE berichtete, die Kontaktgruppe tagte in Minsk.", {"trilateral_contact_group"}, set()),
    ("Verteidigungsminister Pistorius kam zur Ukraine-Kontaktgruppe.", {"ukraine_defense_contact_group"},
     {"trilateral_contact_group"}),
    ("Die Kommission legte am Mittwoch einen Plan vor.", set(), {"european_commission"}),
])
def test_actors_names_that_need_context(actors_doc, text: str, present: set[str], absent: set[str]) -> None:
    doc = actors_doc(text, published=date(2024, 3, 1))
    assert present <= set(doc.actors)
    assert not absent & set(doc.actors)
