"""Speech fixes from the second blind-set review (hand-built sentences; mentions built by hand).

Each case names the general rule it guards: a Konjunktiv sentence right after a known speaker continues
that speaker's report; a pronoun speaker prefers the person opening its own sentence; an English relative
"which/who" speaker is its antecedent; English content ends where the matrix predicate resumes; quoted
names, noun cues and the writer's demands are no quotes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from lagebild.document import Actor, Document, Mention, Metadata, Quote
from lagebild.speech.component import build_quotes
from lagebild.speech.extract import _en_content_end, _reported_konj2


@lru_cache(maxsize=1)
def _language():  # type: ignore[no-untyped-def]
    from lagebild.pipeline import Pipeline

    return Pipeline(["language"])


TYPES = {"o": "organisation", "s": "state", "p": "person"}


def analyse(text: str, actors: dict[str, str | None], lang: str = "de") -> tuple[Document, list[Quote]]:
    """``actors`` maps a surface to an id ("p:x" person, "o:x" organisation, "s:x" state)."""
    doc = _language()(Document(text=text, meta=Metadata(language=lang)))
    for surface, actor_id in actors.items():
        if actor_id is not None:
            doc.actors.setdefault(actor_id, Actor(actor_id, actor_id, TYPES[actor_id[0]]))
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            doc.mentions.append(Mention(m.start(), m.end(), "test", "", 1.0, surface, actor_id, "name"))
    doc.mentions.sort(key=lambda m: m.start)
    return doc, build_quotes(doc)


def one(quotes: list[Quote], containing: str) -> Quote:
    hits = [q for q in quotes if containing in q.text]
    assert hits, f"no quote containing {containing!r} in {[q.text for q in quotes]}"
    return hits[0]


# 1. Konjunktiv continuation after a direct quote / a "sagte" sentence ------------------------------
@pytest.mark.parametrize("text,speaker,continued", [
    ("Die Ministerin Anna Berg kündigte ein weiteres Hilfspaket an. „Wir bleiben an Ihrer Seite“, versprach sie. "
     "Seit dem Frühjahr hätten die Niederlande dem Land Ausrüstung für zwei Milliarden Euro zugesagt.",
     "p:berg", "Seit dem Frühjahr hätten"),
    ("Der Minister Karl Roth sprach von einer Zäsur. „Das ist ein Wendepunkt“, sagte er. "
     "Die Verbündeten müssten jetzt mehr Flugabwehr liefern.", "p:roth", "Die Verbündeten müssten"),
    ("Der Minister Karl Roth sprach von einer Zäsur. „Das ist ein Wendepunkt“, sagte er. "
     "Die Nachbarn dürften nicht tatenlos bleiben.", "p:roth", "Die Nachbarn dürften"),
])
def test_speech_blind2fixes_konjunktiv_continues_after_quote(text: str, speaker: str, continued: str) -> None:
    _, quotes = analyse(text, {"Anna Berg": "p:berg", "Karl Roth": "p:roth", "Niederlande": "s:nl"})
    assert one(quotes, continued).speaker == speaker


def test_speech_blind2fixes_konjunktiv2_content_after_cue() -> None:
    text = "Der Außenminister Peter Lang sagte am Dienstag, rund 3.000 Soldaten befänden sich an der Grenze."
    _, quotes = analyse(text, {"Peter Lang": "p:lang"})
    q = one(quotes, "befänden")
    assert q.speaker == "p:lang" and q.text.startswith("rund 3.000")


@pytest.mark.parametrize("word,expected", [
    ("müssten", True), ("dürften", True), ("befänden", True), ("hätten", True),
    ("verließen", False),  # equals the preterite
    ("sollten", False), ("könnten", False),  # as often the writer's own modality
    ("Häusern", False),
])
def test_speech_blind2fixes_reported_konj2(word: str, expected: bool) -> None:
    assert _reported_konj2(word) is expected


def test_speech_blind2fixes_plain_preterite_is_not_continued() -> None:
    text = ("„Wir sind bereit“, sagte die Ministerin Anna Berg. Die Gäste verließen danach das Gebäude durch "
            "den Hinterausgang.")
    _, quotes = analyse(text, {"Anna Berg": "p:berg"})
    assert not [q for q in quotes if "verließen" in q.text]


# 2. speakers -------------------------------------------------------------------------------------
def test_speech_blind2fixes_pronoun_prefers_person_opening_its_sentence() -> None:
    text = ("Berater Jan Vogt schrieb, alles müsse sich ändern. Ministerpräsident Ole Brandt äußerte sich nur knapp: "
            "Die Bürger hätten einen ruhigen Abend gehabt, sagte er.")
    _, quotes = analyse(text, {"Jan Vogt": "p:vogt", "Ole Brandt": "p:brandt"})
    assert one(quotes, "ruhigen Abend").speaker == "p:brandt"


def test_speech_blind2fixes_english_relative_speaker_is_antecedent() -> None:
    text = ("Observers will watch whether Ottawa, which says it was not involved in the decision, adjusts its policy "
            "toward Oslo.")
    _, quotes = analyse(text, {"Ottawa": "s:ca", "Oslo": "s:no"}, lang="en")
    q = one(quotes, "not involved")
    assert q.speaker == "s:ca"
    assert "adjusts" not in q.text


# 3. spans and non-quotes -------------------------------------------------------------------------
def test_speech_blind2fixes_english_content_stops_at_while() -> None:
    text = "The ministry said two warehouses had burned down, while insisting that nobody was hurt."
    _, quotes = analyse(text, {"ministry": "o:min"}, lang="en")
    q = one(quotes, "warehouses")
    assert q.text == "two warehouses had burned down"


@pytest.mark.parametrize("words,end", [
    (["it", "was", "hit", ",", "while", "denying", "losses"], 3),
    (["it", "was", "hit", ";", "others", "disagree"], 3),
    (["it", "was", "hit", ",", "changes", "its", "mind"], 3),
    (["it", "was", "hit", ",", "officials", "said"], 6),
])
def test_speech_blind2fixes_en_content_end(words: list[str], end: int) -> None:
    assert _en_content_end(words, [False] * len(words), 0, len(words)) == end


@pytest.mark.parametrize("text,lang", [
    ('In a raid the navy called "Seahorse", six boats were sunk near the coast.', "en"),
    ("Die Armee startete den Angriff unter dem Codename „Nordlicht“ in der Nacht zum Sonntag.", "de"),
])
def test_speech_blind2fixes_quoted_names_are_no_quotes(text: str, lang: str) -> None:
    _, quotes = analyse(text, {}, lang=lang)
    assert not [q for q in quotes if q.kind == "direct"]


def test_speech_blind2fixes_determiner_noun_cue_is_no_report() -> None:
    text = ("The army says 30 tanks were destroyed. Those claims could not be confirmed, and independent analysts "
            "later gave lower numbers.")
    _, quotes = analyse(text, {"army": "o:army"}, lang="en")
    assert not [q for q in quotes if "could not be confirmed" in q.text or "independent analysts" in q.text]


def test_speech_blind2fixes_writer_demand_is_no_quote() -> None:
    text = "Aber Paris und Rom sollten ebenso klar sagen, dass die Verantwortung für den Anschlag nicht in Bern liegt."
    _, quotes = analyse(text, {"Paris": "s:fr", "Rom": "s:it", "Bern": "s:ch"})
    assert not [q for q in quotes if "Verantwortung" in q.text]


def test_speech_blind2fixes_demand_with_konjunktiv_content_still_reports() -> None:
    # a reported demand that itself carries Konjunktiv I stays a report of its speaker
    text = "Der Minister Karl Roth erklärte, man sollte offen sagen, dass die Lage ernst sei."
    _, quotes = analyse(text, {"Karl Roth": "p:roth"})
    assert one(quotes, "ernst sei").speaker == "p:roth"


@pytest.mark.parametrize("text,expected", [
    # the body of the text sitting in the city speaks, not the city's own metonym
    ("Die Allianz verlegt Kampfjets nach Litauen. Auch die Nato prüfe weitere Schritte, hieß es in Brüssel.",
     "o:nato"),
    # no body of that city named: the city's metonym (the EU here) stays
    ("Die Außenminister beraten am Montag. Man prüfe weitere Schritte, hieß es in Brüssel.", "o:eu"),
])
def test_speech_blind2fixes_heisst_es_in_city_prefers_seated_body(text: str, expected: str) -> None:
    _, quotes = analyse(text, {"Nato": "o:nato", "Brüssel": "o:eu"})
    assert one(quotes, "weitere Schritte").speaker == expected
