"""What the reported content is: the clause after "sagte, …", "dass …", ":", a colon's report of another
speaker, Konjunktiv II content, light-verb frames, "wie"-cues, nested cues, zu-infinitives (only under
``speech.broad``), and where English content ends. Hand-built sentences."""

from __future__ import annotations

import pytest
from test_speech_helpers import POLITICIANS, analyse, one, quote_with

from lagebild.speech.component import build_quotes
from lagebild.speech.extract import _en_content_end


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    # Konjunktiv I of an -eln verb after a fronted prepositional phrase
    ("Auch der polnische Generalstab warnte, bei den neuen Manövern handle es sich um eine Drohung.",
     "bei den neuen Manövern handle es sich um eine Drohung", None),
    # würde-form content before the cue
    ("Ihre Interessen würden berücksichtigt, sagte Tusk am Abend.", "Ihre Interessen würden berücksichtigt",
     "donald_tusk"),
    # a reporting verb added after the SpkAtt cue comparison
    ("Sikorski bekräftigte am Morgen, die Hilfe werde fortgesetzt.", "die Hilfe werde fortgesetzt",
     "radoslaw_sikorski"),
    ("Kallas verdeutlichte, dass Europa mehr investieren müsse.", "dass Europa mehr investieren müsse",
     "kaja_kallas"),
    # "– so X" after a dash
    ("Die Grenze bleibe geschlossen – so Tusk.", "Die Grenze bleibe geschlossen", "donald_tusk"),
    # "X zufolge … gedroht haben: …": the part after the colon is the threatener's report
    ("Polnischen Diplomaten zufolge soll Orbán auch gedroht haben: Ungarn könne die Hilfe blockieren.",
     "Ungarn könne die Hilfe blockieren", "viktor_orban"),
])
def test_speech_content_indirect_found(text: str, quote: str, speaker: str | None) -> None:
    _, quotes = analyse(text, POLITICIANS)
    q = one(quotes, "indirect", quote)
    assert q.text == quote
    if speaker is not None:
        assert q.speaker == speaker


def test_speech_content_konjunktiv2_after_cue() -> None:
    text = "Der Außenminister Peter Lang sagte am Dienstag, rund 3.000 Soldaten befänden sich an der Grenze."
    _, quotes = analyse(text, {"Peter Lang": "p:lang"})
    q = quote_with(quotes, "befänden")
    assert q.speaker == "p:lang" and q.text.startswith("rund 3.000")


def test_speech_content_demand_with_konjunktiv_content_still_reports() -> None:
    # a reported demand that itself carries Konjunktiv I stays a report of its speaker
    text = "Der Minister Karl Roth erklärte, man sollte offen sagen, dass die Lage ernst sei."
    _, quotes = analyse(text, {"Karl Roth": "p:roth"})
    assert quote_with(quotes, "ernst sei").speaker == "p:roth"


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    # light-verb frames from the SpkAtt cue comparison
    ("Sikorski ist der Meinung, dass die Sanktionen nicht wirken.", "dass die Sanktionen nicht wirken",
     "radoslaw_sikorski"),
    ("Tusk geht davon aus, dass die Grenze offen bleibe.", "dass die Grenze offen bleibe", "donald_tusk"),
])
def test_speech_content_light_verb_frames(text: str, quote: str, speaker: str) -> None:
    _, quotes = analyse(text, POLITICIANS)
    q = one(quotes, "indirect", quote)
    assert q.text == quote and q.speaker == speaker


def test_speech_content_nach_marker_is_not_a_meinung_frame() -> None:
    _, quotes = analyse("Nach Auffassung von Tusk ist die Lage ernst.", POLITICIANS)
    assert all(q.cue != "ist" for q in quotes)


def test_speech_content_trailing_wie_cue_takes_the_main_clause() -> None:
    text = "Tusk sah noch keinen Grund, an der Regierung zu zweifeln, wie er in einem Brief an das Parlament bekundete."
    _, quotes = analyse(text, POLITICIANS)
    assert [q.text for q in quotes] == ["Tusk sah noch keinen Grund, an der Regierung zu zweifeln"]
    assert quotes[0].speaker == "donald_tusk"


def test_speech_content_nested_cue_is_part_of_the_outer_report() -> None:
    text = "Sikorski sagte, dass die Gegner zwar von Standards sprächen, sie aber nie erklärten, wie diese aussähen."
    _, quotes = analyse(text, POLITICIANS)
    assert len(quotes) == 1 and quotes[0].speaker == "radoslaw_sikorski"


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    ("Tusk kündigte an, der Ukraine weitere Hilfen auszuzahlen.", "der Ukraine weitere Hilfen auszuzahlen",
     "donald_tusk"),
    ("Kallas forderte, die Sanktionen gegen Moskau zu verschärfen.", "die Sanktionen gegen Moskau zu verschärfen",
     "kaja_kallas"),
])
def test_speech_content_zu_infinitive_only_when_broad(text: str, quote: str, speaker: str) -> None:
    # off by default since the blind set (plans and demands are no quotes there); kept under speech.broad
    doc, quotes = analyse(text, POLITICIANS)
    assert not [q for q in quotes if quote in q.text]
    q = one(build_quotes(doc, broad=True), "indirect", quote)
    assert q.text == quote and q.speaker == speaker


# English -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "quote", "speaker_text"), [
    # a compound with hyphens is one word, not a dash boundary
    ("Germany's chancellor-in-waiting Friedrich Merz wrote that Europe stood with Ukraine.",
     "Europe stood with Ukraine", "Germany's chancellor-in-waiting Friedrich Merz"),
    # "repeated his claim that …"
    ("Trump also repeated his claim that Europe had paid far less.", "Europe had paid far less", "Trump"),
    # ", saying …" after a fronted adverbial: the main clause's subject
    ("On his way to Brussels, Trump cast doubt on the treaty, saying it depended on the definition.",
     "it depended on the definition", "Trump"),
])
def test_speech_content_english(text: str, quote: str, speaker_text: str) -> None:
    _, quotes = analyse(text, POLITICIANS, lang="en")
    q = one(quotes, "indirect", quote)
    assert q.text == quote
    assert q.speaker_text == speaker_text


def test_speech_content_english_told_addressee_then_that() -> None:
    text = "General Anna Berg told President Macron in a phone call on Monday that the operation was continuing."
    _, quotes = analyse(text, {"Anna Berg": "p:berg", "Macron": "p:macron"}, lang="en")
    q = quote_with(quotes, "the operation was continuing")
    assert q.text == "the operation was continuing" and q.speaker == "p:berg"


def test_speech_content_english_stops_at_while() -> None:
    text = "The ministry said two warehouses had burned down, while insisting that nobody was hurt."
    _, quotes = analyse(text, {"ministry": "o:min"}, lang="en")
    q = quote_with(quotes, "warehouses")
    assert q.text == "two warehouses had burned down"


@pytest.mark.parametrize("words,end", [
    (["it", "was", "hit", ",", "while", "denying", "losses"], 3),
    (["it", "was", "hit", ";", "others", "disagree"], 3),
    (["it", "was", "hit", ",", "changes", "its", "mind"], 3),
    (["it", "was", "hit", ",", "officials", "said"], 6),
])
def test_speech_content_english_end(words: list[str], end: int) -> None:
    assert _en_content_end(words, [False] * len(words), 0, len(words)) == end
