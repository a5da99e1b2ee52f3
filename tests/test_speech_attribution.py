"""Who said what: German cue patterns, speakers, chains and addressees (hand-built sentences).

Mentions are built by hand (the actors layer is not under test here, see ``test_speech_helpers``):
every name listed in ``PEOPLE`` becomes a person actor with a mention at each occurrence.
"""

from __future__ import annotations

import pytest
from test_speech_helpers import analyse, language_pipeline, one

from lagebild.document import Document, Metadata
from lagebild.speech.component import build_quotes

PEOPLE = {"Kallas": "kaja_kallas", "Tusk": "donald_tusk", "Orbán": "viktor_orban", "Sikorski": "radoslaw_sikorski"}


@pytest.mark.parametrize(
    ("text", "kind", "quote", "speaker", "cue"),
    [
        # direct speech, cue after / before / colon
        ("„Wir lassen uns nicht erpressen“, sagte Tusk am Mittwoch in Warschau.", "direct",
         "Wir lassen uns nicht erpressen", "donald_tusk", "sagte"),
        ("Tusk sagte: „Die Grenze bleibt geschützt.“", "direct", "Die Grenze bleibt geschützt.", "donald_tusk", "sagte"),
        ("Am Abend erklärte Kallas: »Europa muss schneller handeln.«", "direct", "Europa muss schneller handeln.",
         "kaja_kallas", "erklärte"),
        # partial quote inside the clause of a reporting verb
        ("Orbán kritisierte die „naive Politik“ der Kommission.", "direct", "naive Politik", "viktor_orban",
         "kritisierte"),
        # indirect speech: cue + comma + Konjunktiv I, dass-clause, separable verb
        ("Sikorski sagte, Polen werde die Hilfe fortsetzen.", "indirect", "Polen werde die Hilfe fortsetzen",
         "radoslaw_sikorski", "sagte"),
        ("Kallas räumte ein, dass die Sanktionen langsamer wirkten.", "indirect",
         "dass die Sanktionen langsamer wirkten", "kaja_kallas", "räumte"),
        ("Tusk kündigte an, dass Polen mehr Soldaten an die Grenze schicke.", "indirect",
         "dass Polen mehr Soldaten an die Grenze schicke", "donald_tusk", "kündigte"),
        # content before the cue, inverted subject
        ("Die Gespräche seien gescheitert, betonte Orbán nach dem Treffen.", "indirect",
         "Die Gespräche seien gescheitert", "viktor_orban", "betonte"),
        # "so X"
        ("Die Lage an der Front sei ernst, so Sikorski.", "indirect", "Die Lage an der Front sei ernst",
         "radoslaw_sikorski", "so"),
        # a parenthetical cue, and a subject separated from its cue by an apposition
        ("Die Pläne, sagte Orbán am Abend, seien unrealistisch.", "indirect",
         "Die Pläne, sagte Orbán am Abend, seien unrealistisch", "viktor_orban", "sagte"),
        ("Sikorski, der polnische Außenminister, sagte, die Lage sei ernst.", "indirect", "die Lage sei ernst",
         "radoslaw_sikorski", "sagte"),
        # colon after a reporting verb phrase
        ("Kallas hat mehrfach deutlich gemacht: Europa braucht eine eigene Verteidigung.", "indirect",
         "Europa braucht eine eigene Verteidigung", "kaja_kallas", "gemacht"),
    ],
)
def test_speech_attribution_patterns(text: str, kind: str, quote: str, speaker: str, cue: str) -> None:
    doc, quotes = analyse(text, PEOPLE)
    q = one(quotes, kind, quote)
    assert q.text == quote
    assert q.speaker == speaker
    assert q.cue == cue
    assert doc.text[q.start:q.end] == q.text
    assert q.component == "speech" and q.rule and 0 < q.confidence <= 1


@pytest.mark.parametrize(
    ("text", "quote", "speaker_text"),
    [
        ("Laut Außenministerin Kallas ist die Einigung nah.", "ist die Einigung nah", "Außenministerin Kallas"),
        ("Der Regierung zufolge wurden 20 Drohnen abgefangen.", "wurden 20 Drohnen abgefangen", "Der Regierung"),
        ("Nach Angaben des Ministeriums wurden 20 Drohnen abgefangen.", "wurden 20 Drohnen abgefangen",
         "Ministeriums"),
        ("Wie die Polizei mitteilte, wurde niemand verletzt.", "wurde niemand verletzt", "die Polizei"),
    ],
)
def test_speech_attribution_source_markers(text: str, quote: str, speaker_text: str) -> None:
    _, quotes = analyse(text)
    q = one(quotes, "indirect", quote)
    assert q.text == quote
    assert q.speaker_text == speaker_text


@pytest.mark.parametrize(("text", "content", "speaker", "name", "kind"), [
    ("Laut Kallas ist die Lage an der Grenze ernst geworden.", "ist die Lage", "p:kallas", "p:kallas", "person"),
    ("Kallas zufolge ist die Lage an der Grenze ernst geworden.", "ist die Lage", "p:kallas", "p:kallas", "person"),
    # an anonymous collective source is a group actor of its own (gold: speaker "Diplomats", a group)
    ("Laut Diplomaten ist die Lage an der Grenze ernst geworden.", "ist die Lage", "doc:diplomats", "Diplomats",
     "group"),
    ("Nach Angaben von Diplomaten sei das Treffen in Genf abgesagt worden.", "das Treffen", "doc:diplomats",
     "Diplomats", "group"),
    ("In Warschau herrscht Sorge. Nach Angaben aus Regierungskreisen wird die Grenze bald geschlossen.",
     "wird die Grenze", "poland", None, None),
])
def test_speech_attribution_source_marker_speakers(text: str, content: str, speaker: str, name: str | None,
                                                   kind: str | None) -> None:
    doc, quotes = analyse(text, {"Kallas": "p:kallas", "Warschau": None})
    hits = [q for q in quotes if content in q.text]
    assert len(hits) == 1, [q.text for q in quotes]
    assert hits[0].speaker == speaker
    if name is not None:
        assert (doc.actors[speaker].name, doc.actors[speaker].type) == (name, kind)


def test_speech_attribution_konjunktiv_chain_continues_speaker() -> None:
    text = ("Sikorski sagte am Montag, Polen stehe fest an der Seite der Ukraine. Die Hilfe werde fortgesetzt. "
            "Man habe genug Munition bestellt.")
    _, quotes = analyse(text, PEOPLE)
    chain = [q for q in quotes if q.kind == "indirect"]
    assert len(chain) == 3
    assert {q.speaker for q in chain} == {"radoslaw_sikorski"}
    assert chain[1].rule == "konjunktiv1-chain"


def test_speech_attribution_indicative_sentence_is_not_a_report() -> None:
    _, quotes = analyse("Sikorski reiste am Montag nach Kiew. Dort traf er den Präsidenten.", PEOPLE)
    assert quotes == []


def test_speech_attribution_pronoun_speaker_resolves_to_latest_person() -> None:
    text = "Tusk traf am Morgen Journalisten. Er sagte, die Lage sei stabil."
    _, quotes = analyse(text, PEOPLE)
    q = one(quotes, "indirect", "die Lage sei stabil")
    assert q.speaker == "donald_tusk" and q.speaker_text == "Er"


def test_speech_attribution_speaker_not_the_person_after_mit() -> None:
    text = "„Wir stehen zusammen“, sagte Tusk bei einem Treffen mit Orbán in Brüssel."
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "direct", "Wir stehen zusammen").speaker == "donald_tusk"


def test_speech_attribution_addressee_after_an() -> None:
    text = "„Beenden Sie diesen Krieg“, appellierte Tusk an Orbán."
    _, quotes = analyse(text, PEOPLE)
    q = one(quotes, "direct", "Beenden Sie diesen Krieg")
    assert q.speaker == "donald_tusk" and q.addressee == "viktor_orban"


def test_speech_attribution_direct_quote_inside_indirect_gets_both_records() -> None:
    text = "Kallas sagte, die Entscheidung sei „historisch“ gewesen."
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "indirect", "die Entscheidung sei").speaker == "kaja_kallas"
    assert one(quotes, "direct", "historisch").speaker == "kaja_kallas"


def test_speech_attribution_continued_direct_quote() -> None:
    text = "„Wir sind bereit“, sagte Tusk. „Wir warten nur noch auf Brüssel.“"
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "direct", "Wir warten nur noch").speaker == "donald_tusk"


@pytest.mark.parametrize(
    "text",
    [
        "Tusk las am Morgen die „Gazeta Wyborcza“ und fuhr dann ins Büro.",  # a newspaper name
        "Der Film „Der Pianist“ lief im Fernsehen.",  # a title after "Film"
        "Die Abgeordneten sprachen über die sogenannte „Zeitenwende“ der Politik.",  # a scare-quoted word
    ],
)
def test_speech_attribution_names_titles_and_scare_quotes_are_not_quotes(text: str) -> None:
    _, quotes = analyse(text, PEOPLE)
    assert [q.text for q in quotes if q.kind == "direct"] == []


def test_speech_attribution_hiess_es_goes_to_the_issuing_body() -> None:
    text = ("Die Kommission veröffentlichte am Abend eine Erklärung. "
            "Die Union sei zu weiteren Sanktionen bereit, hieß es darin.")
    _, quotes = analyse(text, {"Die Kommission": "o:european_commission"})
    q = one(quotes, "indirect", "Die Union sei zu weiteren Sanktionen bereit")
    assert q.speaker == "o:european_commission"


def test_speech_attribution_date_falls_back_to_published() -> None:
    from datetime import date

    doc = language_pipeline()(Document(text="Tusk sagte, Polen sei bereit.",
                                       meta=Metadata(language="de", published=date(2024, 3, 1))))
    (q,) = build_quotes(doc)
    assert q.date is not None


def test_speech_attribution_date_is_when_said_not_what_about() -> None:
    from datetime import date

    from lagebild.pipeline import Pipeline

    text = "Am 3. März 2024 sagte Tusk, die Wahl am 15. Oktober 2024 werde alles entscheiden."
    doc = Pipeline(["language", "dating", "time"])(Document(text=text,
                                                            meta=Metadata(language="de", published=date(2024, 3, 5))))
    (q,) = build_quotes(doc)
    assert q.text == "die Wahl am 15. Oktober 2024 werde alles entscheiden"
    assert q.date == "2024-03-03"


def test_speech_attribution_passive_cue_speaker_is_the_agent() -> None:
    text = "Der Vorschlag wurde von Kallas als „Durchbruch“ bezeichnet."
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "direct", "Durchbruch").speaker == "kaja_kallas"


def test_speech_attribution_quoted_object_of_zitieren_speaks() -> None:
    text = "Die Zeitung zitiert Tusk mit den Worten: „Polen bleibt standhaft.“"
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "direct", "Polen bleibt standhaft").speaker == "donald_tusk"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a clause before a colon introduces the report: content after it, speaker its subject
        ("Tusk hatte am Vortag eigene Bedingungen gestellt: Die Ukraine müsse zuerst gewinnen.",
         "Die Ukraine müsse zuerst gewinnen", "donald_tusk"),
        # an unknown verb before a comma and a Konjunktiv I clause ("kontert", "legt nach")
        ("Orbán kontert, Brüssel lebe in einer eigenen Welt.", "Brüssel lebe in einer eigenen Welt", "viktor_orban"),
        # a coordinated verb phrase shares the subject
        ("Kallas verschiebt die Reise und stellt klar, die Union werde nicht nachgeben.",
         "die Union werde nicht nachgeben", "kaja_kallas"),
    ],
)
def test_speech_attribution_introduced_reports(text: str, quote: str, speaker: str) -> None:
    _, quotes = analyse(text, PEOPLE)
    q = one(quotes, "indirect", quote)
    assert q.text == quote and q.speaker == speaker


def test_speech_attribution_reported_cue_does_not_take_over_the_chain() -> None:
    # "habe … gefordert" is part of Tusk's report, not a new speaker (Kallas)
    text = ("„Wir haben uns geeinigt“, sagte Tusk nach dem Treffen. Zugleich habe Kallas einen Waffenstillstand "
            "gefordert. Die andere Seite habe das abgelehnt.")
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "indirect", "Zugleich habe Kallas").speaker == "donald_tusk"
    assert one(quotes, "indirect", "Die andere Seite habe").speaker == "donald_tusk"


def test_speech_attribution_parenthetical_cue_with_continuation_gives_two_reports() -> None:
    text = "Er sei bereit zu reisen, erklärte Tusk, aber zuerst müsse das Feuer ruhen."
    _, quotes = analyse(text, PEOPLE)
    assert one(quotes, "indirect", "Er sei bereit zu reisen").speaker == "donald_tusk"
    assert one(quotes, "indirect", "aber zuerst müsse das Feuer ruhen").speaker == "donald_tusk"


def test_speech_attribution_genitive_owner_is_not_the_speaker() -> None:
    text = "Die Gespräche begannen am Morgen. Man sei bereit, erklärte der Berater des Regierungschefs Orbán."
    _, quotes = analyse(text, {"Orbán": "viktor_orban"})
    q = one(quotes, "indirect", "Man sei bereit")
    assert q.speaker_text == "der Berater des Regierungschefs Orbán" and q.speaker != "viktor_orban"
