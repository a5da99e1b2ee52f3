"""Reports that continue a speaker across sentences: Konjunktiv I/II sentences after a known speaker,
clauses after ";", hearsay "sollen", a speaking body opening the previous sentence; and what does not
continue (a plain preterite, a plan, a subordinate Konjunktiv). Hand-built sentences."""

from __future__ import annotations

import pytest
from test_speech_helpers import POLITICIANS, analyse, one, quote_with


@pytest.mark.parametrize("text,speaker,continued", [
    ("Die Ministerin Anna Berg kündigte ein weiteres Hilfspaket an. „Wir bleiben an Ihrer Seite“, versprach sie. "
     "Seit dem Frühjahr hätten die Niederlande dem Land Ausrüstung für zwei Milliarden Euro zugesagt.",
     "p:berg", "Seit dem Frühjahr hätten"),
    ("Der Minister Karl Roth sprach von einer Zäsur. „Das ist ein Wendepunkt“, sagte er. "
     "Die Verbündeten müssten jetzt mehr Flugabwehr liefern.", "p:roth", "Die Verbündeten müssten"),
    ("Der Minister Karl Roth sprach von einer Zäsur. „Das ist ein Wendepunkt“, sagte er. "
     "Die Nachbarn dürften nicht tatenlos bleiben.", "p:roth", "Die Nachbarn dürften"),
])
def test_speech_chains_konjunktiv_continues_after_quote(text: str, speaker: str, continued: str) -> None:
    _, quotes = analyse(text, {"Anna Berg": "p:berg", "Karl Roth": "p:roth", "Niederlande": "s:nl"})
    assert quote_with(quotes, continued).speaker == speaker


def test_speech_chains_plain_preterite_is_not_continued() -> None:
    text = ("„Wir sind bereit“, sagte die Ministerin Anna Berg. Die Gäste verließen danach das Gebäude durch "
            "den Hinterausgang.")
    _, quotes = analyse(text, {"Anna Berg": "p:berg"})
    assert not [q for q in quotes if "verließen" in q.text]


@pytest.mark.parametrize(("text", "first", "second", "speaker"), [
    ("Ein Abkommen sei möglich, betonte Kallas; die Gespräche seien aber schwierig.",
     "Ein Abkommen sei möglich", "die Gespräche seien aber schwierig", "kaja_kallas"),
    ("Tusk sagte, ein Abkommen sei möglich; die Frist sei aber zu kurz.",
     "ein Abkommen sei möglich", "die Frist sei aber zu kurz", "donald_tusk"),
])
def test_speech_chains_semicolon_splits_and_continues(text: str, first: str, second: str, speaker: str) -> None:
    _, quotes = analyse(text, POLITICIANS)
    a, b = one(quotes, "indirect", first), one(quotes, "indirect", second)
    assert a.text == first and b.text == second
    assert a.speaker == b.speaker == speaker


def test_speech_chains_semicolon_after_partial_quote() -> None:
    _, quotes = analyse("Tusk spricht von einem „sehr offenen“ Gespräch; man habe einander zugehört.", POLITICIANS)
    q = one(quotes, "indirect", "man habe einander zugehört")
    assert q.speaker == "donald_tusk"


def test_speech_chains_hearsay_sollen_perfect() -> None:
    text = "Nach Angaben von Sikorski brannte ein Depot. Dabei sollen zwei Wachleute verletzt worden sein."
    _, quotes = analyse(text, POLITICIANS)
    q = one(quotes, "indirect", "zwei Wachleute verletzt worden sein")
    assert q.speaker == "radoslaw_sikorski"


@pytest.mark.parametrize("text", [
    "Der Austausch der Gefangenen soll in den kommenden Tagen beginnen.",  # a plan, not hearsay
    "Die Brücke soll bis zum Sommer gebaut werden.",
])
def test_speech_chains_sollen_plan_is_not_hearsay(text: str) -> None:
    _, quotes = analyse(text, POLITICIANS)
    assert quotes == []


def test_speech_chains_fall_back_to_speaking_body() -> None:
    text = "Das Oberlandesgericht bestätigte am Montag das Urteil. Der Angeklagte habe gezielt Daten gestohlen."
    _, quotes = analyse(text, POLITICIANS)
    q = one(quotes, "indirect", "Der Angeklagte habe gezielt Daten gestohlen")
    assert q.speaker_text == "Das Oberlandesgericht"


def test_speech_chains_subordinate_als_konjunktiv_is_no_chain() -> None:
    text = "Tusk sagte, der Flug sei ruhig gewesen. In dem Moment als die Maschine aufsetze, brach das Fahrwerk."
    _, quotes = analyse(text, POLITICIANS)
    assert not [q for q in quotes if "Fahrwerk" in q.text]
