"""Who speaks: the cue's subject, never a mention of the reported content; names in appositions; the
issuing body of "hieß es"; pronouns and role nouns continue the protagonist; a new (even unresolved)
speaker phrase breaks the carry-over. Hand-built sentences, mentions built by hand."""

from __future__ import annotations

import pytest
from test_speech_helpers import POLITICIANS, analyse, one, quote_with


# the cue's subject speaks, never a mention inside the reported content ---------------------------
def test_speech_speakers_document_cue_takes_the_issuing_body() -> None:
    text = ("Das gab die Staatsanwaltschaft Hamburg am Montag bekannt. Müller habe die Kontrolle über den Wagen "
            "verloren, hieß es in der Mitteilung. Weitere Personen seien nicht verletzt worden.")
    _, quotes = analyse(text, {"Staatsanwaltschaft Hamburg": "o:sta", "Müller": "p:mueller"})
    assert quote_with(quotes, "Müller habe").speaker == "o:sta"
    assert quote_with(quotes, "Weitere Personen").speaker == "o:sta"


def test_speech_speakers_content_subject_is_not_the_role_noun_speaker() -> None:
    text = "Das Treffen dauerte drei Stunden. Schmidt sei mit dem Ergebnis zufrieden, sagte der Sprecher."
    _, quotes = analyse(text, {"Schmidt": "p:schmidt"})
    assert quote_with(quotes, "Schmidt sei").speaker != "p:schmidt"


@pytest.mark.parametrize(("text", "expected"), [
    # the body of the text sitting in the city speaks, not the city's own metonym
    ("Die Allianz verlegt Kampfjets nach Litauen. Auch die Nato prüfe weitere Schritte, hieß es in Brüssel.",
     "o:nato"),
    # no body of that city named: the city's metonym (the EU here) stays
    ("Die Außenminister beraten am Montag. Man prüfe weitere Schritte, hieß es in Brüssel.", "o:eu"),
])
def test_speech_speakers_heisst_es_in_city_prefers_seated_body(text: str, expected: str) -> None:
    _, quotes = analyse(text, {"Nato": "o:nato", "Brüssel": "o:eu"})
    assert quote_with(quotes, "weitere Schritte").speaker == expected


def test_speech_speakers_message_noun_speaks_for_its_owner() -> None:
    text = "Die Botschaft des Kremls war klar: Die Ukraine müsse auf die Krim verzichten."
    _, quotes = analyse(text, {"Kremls": "o:kremlin"})
    q = one(quotes, "indirect", "Die Ukraine müsse auf die Krim verzichten")
    assert q.speaker == "o:kremlin"


# "<org> spokesman <Name>" speaks as the person; a new speaker phrase breaks the carry-over --------
def test_speech_speakers_org_spokesman_name_and_new_government_spokesman() -> None:
    text = ("Officials met on Tuesday. The talks ended early, while NATO spokesman Tom Becker said the meeting "
            "had been useful. In Paris, a government spokesman said the allies would send more aid.")
    _, quotes = analyse(text, {"NATO": "o:nato", "Tom Becker": "p:becker", "Paris": None}, lang="en",
                        coref={"spokesman": "p:becker"})
    assert quote_with(quotes, "the meeting had been useful").speaker == "p:becker"
    assert quote_with(quotes, "the allies would send").speaker == "france"


@pytest.mark.parametrize("text", [
    "Der Vertrag wurde unterzeichnet. Ein Regierungssprecher sagte, die Umsetzung werde Jahre dauern.",
    "The treaty was signed. A government spokesman said the work would take years.",
])
def test_speech_speakers_unresolved_government_speaker_breaks_the_chain(text: str) -> None:
    lang = "en" if "treaty" in text else "de"
    _, quotes = analyse(text, {"Becker": "p:becker"}, lang=lang, coref={"spokesman": "p:becker",
                                                                          "Regierungssprecher": "p:becker"})
    q = quote_with(quotes, "would take years" if lang == "en" else "die Umsetzung werde")
    assert q.speaker is None


# a name in an apposition speaks; object-first order -------------------------------------------------
def test_speech_speakers_apposition_name_is_the_speaker() -> None:
    text = ("Aus Paris kam Kritik: Der französische Außenminister, Jean Dupont, nannte den Plan „völlig "
            "unrealistisch“. Er sei so nicht verhandelbar.")
    _, quotes = analyse(text, {"Jean Dupont": "p:dupont"})
    assert quote_with(quotes, "völlig unrealistisch").speaker == "p:dupont"
    assert quote_with(quotes, "Er sei so nicht").speaker == "p:dupont"


def test_speech_speakers_object_first_name_after_the_verb() -> None:
    text = "Die neuen Vorschläge aus Washington nannte Lindner „einen klaren Rückschritt“."
    _, quotes = analyse(text, {"Lindner": "p:lindner", "Washington": "s:usa"})
    assert quote_with(quotes, "einen klaren Rückschritt").speaker == "p:lindner"


def test_speech_speakers_fronted_wie_cue_with_adjective_phrase() -> None:
    text = "Wie das polnische Außenministerium heute bekannt gab, wird Polen die Grenze schließen."
    _, quotes = analyse(text, POLITICIANS)
    q = one(quotes, "indirect", "wird Polen die Grenze schließen")
    assert q.speaker_text == "das polnische Außenministerium"


# pronouns, role nouns and institutions ------------------------------------------------------------
def test_speech_speakers_pronoun_prefers_person_opening_its_sentence() -> None:
    text = ("Berater Jan Vogt schrieb, alles müsse sich ändern. Ministerpräsident Ole Brandt äußerte sich nur knapp: "
            "Die Bürger hätten einen ruhigen Abend gehabt, sagte er.")
    _, quotes = analyse(text, {"Jan Vogt": "p:vogt", "Ole Brandt": "p:brandt"})
    assert quote_with(quotes, "ruhigen Abend").speaker == "p:brandt"


def test_speech_speakers_english_relative_speaker_is_antecedent() -> None:
    text = ("Observers will watch whether Ottawa, which says it was not involved in the decision, adjusts its policy "
            "toward Oslo.")
    _, quotes = analyse(text, {"Ottawa": "s:ca", "Oslo": "s:no"}, lang="en")
    q = quote_with(quotes, "not involved")
    assert q.speaker == "s:ca"
    assert "adjusts" not in q.text


def test_speech_speakers_role_noun_continues_protagonist_not_compound_name() -> None:
    # "der SPD-Politiker": the SPD inside the compound is no speaker; the protagonist speaks
    text = ("Tusk wich vom Manuskript ab. Orbán habe die Einheit Europas infrage gestellt. "
            "„Das ist nicht akzeptabel“, sagte der SPD-Politiker.")
    doc, quotes = analyse(text, {**POLITICIANS, "SPD": "o:spd"})
    q = one(quotes, "direct", "Das ist nicht akzeptabel")
    assert q.speaker == "donald_tusk"


def test_speech_speakers_institution_is_not_a_role_noun() -> None:
    # "Der Kreml" names an institution: it is resolved, not taken as the previous speaker
    text = ("Tusk sprach von einem guten Treffen. Der Kreml lässt derweil wissen, ein Gipfel sei gut vorbereitet.")
    doc, quotes = analyse(text, {**POLITICIANS, "Kreml": "o:kremlin"})
    q = one(quotes, "indirect", "ein Gipfel sei gut vorbereitet")
    assert q.speaker == "o:kremlin"


def test_speech_speakers_partial_quote_takes_inverted_subject() -> None:
    # the subject after the V2 verb of a fronted adverbial, not the previous speaker
    text = ("Tusk sagte, die Lage sei ernst. In der Nacht trat dann Orbán selbst vor die Kameras und schlug "
            "direkte Gespräche vor – am Donnerstag in Budapest, „ohne Bedingungen“.")
    _, quotes = analyse(text, POLITICIANS)
    assert one(quotes, "direct", "ohne Bedingungen").speaker == "viktor_orban"


def test_speech_speakers_requoted_phrase_keeps_its_speaker() -> None:
    text = ("Trump sprach von einem „begrenzten Einmarsch“. Später wird klar gestellt, dass jede Verletzung "
            "Folgen hätte. Unter einem „begrenzten Einmarsch“ verstehe man eher Cyberangriffe.")
    _, quotes = analyse(text, POLITICIANS)
    later = [q for q in quotes if q.kind == "direct" and q.start > text.index("Unter")]
    assert later and later[0].speaker == "donald_trump"
    agentless = one(quotes, "indirect", "verstehe man eher Cyberangriffe")
    assert agentless.speaker is None
