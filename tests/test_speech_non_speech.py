"""What is no quote: plans, threats and accusations in zu-infinitives, obligations to explain, English
narration, appositions after a cue, quoted names, noun cues, the writer's demands, reflexive questions,
subordinate Konjunktiv clauses, fronted adverbials. Hand-built sentences."""

from __future__ import annotations

import pytest
from test_speech_helpers import POLITICIANS, analyse


@pytest.mark.parametrize(("text", "lang"), [
    ("Die Regierung kündigte am Montag an, zwanzig Panzer an die Front zu schicken.", "de"),
    ("Ungarn drohte offen, die Beschlüsse notfalls auch allein zu blockieren.", "de"),
    ("Die Richter werfen ihm vor, öffentliche Gelder veruntreut zu haben.", "de"),
    ("Der neue Minister musste im Ausschuss erklären, warum die Lieferung sich verzögert.", "de"),
    ("Macron has said little about the costs of the plan.", "en"),
    ("Officials in Kharkiv announced new curfews on Friday.", "en"),
])
def test_speech_non_speech_no_quote(text: str, lang: str) -> None:
    _, quotes = analyse(text, {"Macron": "p:macron"}, lang=lang)
    assert quotes == []


@pytest.mark.parametrize("text", [
    # a reflexive question is thought, not speech
    "Nun fragen sich viele Regierungen, ob sie sich auf die Zusagen verlassen können.",
    # the Konjunktiv sits in a subordinate clause only; the main verb is indicative
    "Als die Maschine angeblich aufsetze, brach das vordere Fahrwerk zusammen.",
    # a fronted adverbial before a cue is no content
    "Vor drei Jahren, wenige Tage vor dem Angriff, hatte Kallas noch die Einigkeit des Westens beschworen.",
    # "festhalten an" clings to something, it does not state
    "Beide Seiten halten fest an der alten Logik: Wer nachgibt, verliert.",
    # "– so" before a verb is an adverb, not a source marker
    "Die Lage ist ernst – so wollen die Nachbarn keinen Einmarsch hinnehmen.",
])
def test_speech_non_speech_no_false_report(text: str) -> None:
    _, quotes = analyse(text, POLITICIANS)
    assert [q for q in quotes if q.kind == "indirect"] == []


@pytest.mark.parametrize("text", [
    "Trump responded by threatening Spain with higher tariffs.",
    "NATO's five percent promise: big number, long runway",
])
def test_speech_non_speech_english_no_false_report(text: str) -> None:
    _, quotes = analyse(text, POLITICIANS, lang="en")
    assert quotes == []


@pytest.mark.parametrize("text", [
    "\"We will stay as long as needed,\" said Anna Berg, a researcher at the Oslo Peace Institute.",
    "\"We will stay as long as needed,\" said Anna Berg, a former army officer who now teaches at a college.",
    "\"Welcome back, my friend,\" Anna Berg told Macron, a nod to a friendship that began in 2010.",
])
def test_speech_non_speech_english_apposition_after_cue(text: str) -> None:
    _, quotes = analyse(text, {"Anna Berg": "p:berg", "Macron": "p:macron"}, lang="en")
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker == "p:berg"


def test_speech_non_speech_apposition_after_cue() -> None:
    text = "„Wir bleiben hier“, sagte der Kommandeur der Truppe, General Peter Huber heute auf einer Pressekonferenz."
    _, quotes = analyse(text, POLITICIANS)
    assert [q.kind for q in quotes] == ["direct"]


@pytest.mark.parametrize("text,lang", [
    ('In a raid the navy called "Seahorse", six boats were sunk near the coast.', "en"),
    ("Die Armee startete den Angriff unter dem Codename „Nordlicht“ in der Nacht zum Sonntag.", "de"),
])
def test_speech_non_speech_quoted_names(text: str, lang: str) -> None:
    _, quotes = analyse(text, {}, lang=lang)
    assert not [q for q in quotes if q.kind == "direct"]


def test_speech_non_speech_determiner_noun_cue() -> None:
    text = ("The army says 30 tanks were destroyed. Those claims could not be confirmed, and independent analysts "
            "later gave lower numbers.")
    _, quotes = analyse(text, {"army": "o:army"}, lang="en")
    assert not [q for q in quotes if "could not be confirmed" in q.text or "independent analysts" in q.text]


def test_speech_non_speech_writer_demand() -> None:
    text = "Aber Paris und Rom sollten ebenso klar sagen, dass die Verantwortung für den Anschlag nicht in Bern liegt."
    _, quotes = analyse(text, {"Paris": "s:fr", "Rom": "s:it", "Bern": "s:ch"})
    assert not [q for q in quotes if "Verantwortung" in q.text]
