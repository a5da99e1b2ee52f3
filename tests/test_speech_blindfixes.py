"""Speech fixes from the blind-set error review (hand-built sentences; mentions built by hand).

Each case names the general rule it guards: the cue's subject speaks, never a mention of the
reported content; appositions name the speaker; a new (even unresolved) speaker phrase breaks the
carry-over; source markers; and non-speech that must not become a quote.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from lagebild.document import Actor, Document, Mention, Metadata, Quote
from lagebild.speech.component import build_quotes


@lru_cache(maxsize=1)
def _language():  # type: ignore[no-untyped-def]
    from lagebild.pipeline import Pipeline

    return Pipeline(["language"])


TYPES = {"o": "organisation", "s": "state", "p": "person"}


def analyse(text: str, actors: dict[str, str | None], lang: str = "de",
            coref: dict[str, str] | None = None) -> tuple[Document, list[Quote]]:
    """``actors`` maps a surface to an id ("p:x" person, "o:x" organisation, "s:x" state) or to None
    (a place without an actor); ``coref`` maps a surface to the id the actors layer links it to."""
    doc = _language()(Document(text=text, meta=Metadata(language=lang)))
    for surface, actor_id in actors.items():
        if actor_id is not None:
            doc.actors.setdefault(actor_id, Actor(actor_id, actor_id, TYPES[actor_id[0]]))
        kind = "name" if actor_id is not None else "location"
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            doc.mentions.append(Mention(m.start(), m.end(), "test", "", 1.0, surface, actor_id, kind))
    for surface, actor_id in (coref or {}).items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            doc.mentions.append(Mention(m.start(), m.end(), "test", "", 0.5, surface, actor_id, "coref"))
    doc.mentions.sort(key=lambda m: m.start)
    return doc, build_quotes(doc)


def one(quotes: list[Quote], containing: str) -> Quote:
    hits = [q for q in quotes if containing in q.text]
    assert hits, f"no quote containing {containing!r} in {[q.text for q in quotes]}"
    return hits[0]


# 1. the cue's subject speaks, never a mention inside the reported content -----------------------
def test_speech_blindfixes_document_cue_takes_the_issuing_body() -> None:
    text = ("Das gab die Staatsanwaltschaft Hamburg am Montag bekannt. Müller habe die Kontrolle über den Wagen "
            "verloren, hieß es in der Mitteilung. Weitere Personen seien nicht verletzt worden.")
    _, quotes = analyse(text, {"Staatsanwaltschaft Hamburg": "o:sta", "Müller": "p:mueller"})
    assert one(quotes, "Müller habe").speaker == "o:sta"
    assert one(quotes, "Weitere Personen").speaker == "o:sta"


def test_speech_blindfixes_content_subject_is_not_the_role_noun_speaker() -> None:
    text = "Das Treffen dauerte drei Stunden. Schmidt sei mit dem Ergebnis zufrieden, sagte der Sprecher."
    _, quotes = analyse(text, {"Schmidt": "p:schmidt"})
    assert one(quotes, "Schmidt sei").speaker != "p:schmidt"


# 2. "<org> spokesman <Name>" speaks as the person; a new speaker phrase breaks the carry-over ------
def test_speech_blindfixes_org_spokesman_name_and_new_government_spokesman() -> None:
    text = ("Officials met on Tuesday. The talks ended early, while NATO spokesman Tom Becker said the meeting "
            "had been useful. In Paris, a government spokesman said the allies would send more aid.")
    _, quotes = analyse(text, {"NATO": "o:nato", "Tom Becker": "p:becker", "Paris": None}, lang="en",
                        coref={"spokesman": "p:becker"})
    assert one(quotes, "the meeting had been useful").speaker == "p:becker"
    assert one(quotes, "the allies would send").speaker == "france"


@pytest.mark.parametrize("text", [
    "Der Vertrag wurde unterzeichnet. Ein Regierungssprecher sagte, die Umsetzung werde Jahre dauern.",
    "The treaty was signed. A government spokesman said the work would take years.",
])
def test_speech_blindfixes_unresolved_government_speaker_breaks_the_chain(text: str) -> None:
    lang = "en" if "treaty" in text else "de"
    _, quotes = analyse(text, {"Becker": "p:becker"}, lang=lang, coref={"spokesman": "p:becker",
                                                                          "Regierungssprecher": "p:becker"})
    q = one(quotes, "would take years" if lang == "en" else "die Umsetzung werde")
    assert q.speaker is None


# 3. a name in an apposition speaks; object-first order --------------------------------------------
def test_speech_blindfixes_apposition_name_is_the_speaker() -> None:
    text = ("Aus Paris kam Kritik: Der französische Außenminister, Jean Dupont, nannte den Plan „völlig "
            "unrealistisch“. Er sei so nicht verhandelbar.")
    _, quotes = analyse(text, {"Jean Dupont": "p:dupont"})
    assert one(quotes, "völlig unrealistisch").speaker == "p:dupont"
    assert one(quotes, "Er sei so nicht").speaker == "p:dupont"


def test_speech_blindfixes_object_first_name_after_the_verb() -> None:
    text = "Die neuen Vorschläge aus Washington nannte Lindner „einen klaren Rückschritt“."
    _, quotes = analyse(text, {"Lindner": "p:lindner", "Washington": "s:usa"})
    assert one(quotes, "einen klaren Rückschritt").speaker == "p:lindner"


# 4. source markers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Laut Kallas ist die Lage an der Grenze ernst geworden.", "ist die Lage", "p:kallas"),
    ("Kallas zufolge ist die Lage an der Grenze ernst geworden.", "ist die Lage", "p:kallas"),
    ("Laut Diplomaten ist die Lage an der Grenze ernst geworden.", "ist die Lage", None),
    ("Nach Angaben von Diplomaten sei das Treffen in Genf abgesagt worden.", "das Treffen", None),
    ("In Warschau herrscht Sorge. Nach Angaben aus Regierungskreisen wird die Grenze bald geschlossen.",
     "wird die Grenze", "poland"),
])
def test_speech_blindfixes_source_markers(text: str, content: str, speaker: str | None) -> None:
    _, quotes = analyse(text, {"Kallas": "p:kallas", "Warschau": None})
    hits = [q for q in quotes if content in q.text]
    assert len(hits) == 1, [q.text for q in quotes]
    assert hits[0].speaker == speaker


# 5. non-speech ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "lang"), [
    ("Die Regierung kündigte am Montag an, zwanzig Panzer an die Front zu schicken.", "de"),
    ("Ungarn drohte offen, die Beschlüsse notfalls auch allein zu blockieren.", "de"),
    ("Die Richter werfen ihm vor, öffentliche Gelder veruntreut zu haben.", "de"),
    ("Der neue Minister musste im Ausschuss erklären, warum die Lieferung sich verzögert.", "de"),
    ("Macron has said little about the costs of the plan.", "en"),
    ("Officials in Kharkiv announced new curfews on Friday.", "en"),
])
def test_speech_blindfixes_no_quote(text: str, lang: str) -> None:
    _, quotes = analyse(text, {"Macron": "p:macron"}, lang=lang)
    assert quotes == []


@pytest.mark.parametrize("text", [
    "\"We will stay as long as needed,\" said Anna Berg, a researcher at the Oslo Peace Institute.",
    "\"We will stay as long as needed,\" said Anna Berg, a former army officer who now teaches at a college.",
    "\"Welcome back, my friend,\" Anna Berg told Macron, a nod to a friendship that began in 2010.",
])
def test_speech_blindfixes_apposition_after_cue_is_no_quote(text: str) -> None:
    _, quotes = analyse(text, {"Anna Berg": "p:berg", "Macron": "p:macron"}, lang="en")
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker == "p:berg"


def test_speech_blindfixes_told_addressee_then_that() -> None:
    text = "General Anna Berg told President Macron in a phone call on Monday that the operation was continuing."
    _, quotes = analyse(text, {"Anna Berg": "p:berg", "Macron": "p:macron"}, lang="en")
    q = one(quotes, "the operation was continuing")
    assert q.text == "the operation was continuing" and q.speaker == "p:berg"
