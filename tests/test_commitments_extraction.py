"""The commitments layer on sentences written for these tests: kind, actor, addressee, condition,
deadline, the quote it rests on, and what it must not take for a commitment."""

from __future__ import annotations

from datetime import date

import pytest

import lagebild
from lagebild.document import Document


def analyze(text: str, published: str, language: str | None = None) -> Document:
    return lagebild.analyze(text, published=date.fromisoformat(published), **({"language": language} if language else {}))


def by_kind(doc: Document, kind: str) -> list:
    return [c for c in doc.commitments if c.kind == kind]


def test_commitments_threat_with_condition_names_actor_addressee_and_condition():
    doc = analyze("Am Freitag drohte US-Präsident Donald Trump dem Kremlchef Wladimir Putin mit harten "
                  "Konsequenzen, sollte dieser keinem Waffenstillstand zustimmen.", "2025-08-19")
    threats = by_kind(doc, "threat")
    assert threats, doc.commitments
    t = threats[0]
    assert t.actor == "donald_trump"
    assert t.addressee == "vladimir_putin"
    assert t.condition and "Waffenstillstand" in t.condition
    assert t.component == "commitments" and t.rule.startswith("cue_verb")
    assert "drohte" in doc.text[t.start:t.end]


def test_commitments_window_deadline_becomes_a_date():
    doc = analyze("In den kommenden zehn Tagen sollen die Sicherheitsgarantien der USA schriftlich "
                  "ausgearbeitet werden.", "2025-08-19")
    plans = by_kind(doc, "plan")
    assert [p.actor for p in plans] == ["united_states"]
    assert plans[0].deadline == "2025-08-29"


def test_commitments_promise_with_end_of_year_deadline():
    doc = analyze("Bundeskanzler Olaf Scholz versprach, die Munitionsproduktion bis Jahresende zu verdoppeln.",
                  "2024-02-20")
    promises = by_kind(doc, "promise")
    assert promises and promises[0].actor == "olaf_scholz"
    assert promises[0].deadline == "2024-12-31"


def test_commitments_conditional_threat_with_deadline_is_an_ultimatum():
    doc = analyze("Sollten die westlichen Staaten die Beschränkungen nicht bis zum 18. Mai aufheben, werde "
                  "Russland das Abkommen nicht verlängern, sagte Außenminister Sergej Lawrow am Mittwoch.",
                  "2023-05-10")
    ultimatums = by_kind(doc, "ultimatum")
    assert ultimatums, doc.commitments
    assert ultimatums[0].actor == "russia"
    assert ultimatums[0].deadline == "2023-05-18"
    assert ultimatums[0].quote is not None  # it rests on Lawrow's reported words


def test_commitments_english_demand_and_pledge():
    doc = analyze("President Volodymyr Zelensky urged Western leaders to send more air defence systems. "
                  "Chancellor Olaf Scholz pledged to deliver another Patriot system by the end of the year.",
                  "2024-06-11", "en")
    assert any(c.kind == "demand" and c.actor == "volodymyr_zelenskyy" for c in doc.commitments), doc.commitments
    pledge = [c for c in doc.commitments if c.kind == "promise" and c.actor == "olaf_scholz"]
    assert pledge and pledge[0].deadline == "2024-12-31"


@pytest.mark.parametrize("text", [
    "Experten warnten vor einer weiteren Eskalation an der Grenze.",
    "Wer der Ukraine helfen will, muss ihr auch Waffen liefern.",
    "Der Kreml werde einer Stationierung von Nato-Soldaten unter keinen Umständen zustimmen, sagte Lawrow.",
])
def test_commitments_warnings_generic_wishes_and_refusals_are_not_commitments(text):
    doc = analyze(text, "2025-01-10")
    assert doc.commitments == []


def test_commitments_exported_with_their_fields():
    doc = analyze("Die EU-Kommission will bis zum 29. August ein weiteres Sanktionspaket gegen Russland "
                  "vorlegen.", "2025-08-20")
    exported = doc.to_json()["commitments"]
    assert exported, doc.commitments
    item = exported[0]
    for key in ("kind", "actor", "addressee", "content", "condition", "deadline", "date", "status",
                "status_evidence", "start", "end", "provenance"):
        assert key in item
    assert item["deadline"] == "2025-08-29" and item["status"] == "open" and item["date"] == "2025-08-20"


def test_commitments_component_is_in_the_default_pipeline_after_speech():
    from lagebild.settings import Settings

    names = list(Settings().components)
    assert names.index("commitments") > names.index("speech")
    assert names.index("stances") > names.index("speech")
