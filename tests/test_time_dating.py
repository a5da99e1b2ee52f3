"""The document date when the metadata has none (lagebild.time.dating, the "dating" step before the time
layer): a dateline, a chronicle's dated headings, else the latest date the text reports as past; a
warning when there is none. Own texts."""

from __future__ import annotations

from datetime import date

import pytest
from test_time_helpers import find, run_time

from lagebild.document import Document, Metadata
from lagebild.time.component import TimeComponent
from lagebild.time.dating import DATE_RULES, DocumentDateComponent, Evidence, full_dates, infer_document_date
from lagebild.time.patterns import find_candidates


def test_time_dating_from_dateline() -> None:
    text = ("Kommentar von Anna Beispiel\n\n21. Januar 2022, 19:00 Uhr\n\nDie Gespräche dauern seit Tagen an. "
            "Gestern gab es keinen Fortschritt.")
    doc = run_time(text, None)
    assert doc.meta.published == date(2022, 1, 21)
    assert doc.meta.published_source == "dateline"
    assert find(doc, "Gestern").value == "2022-01-20"
    assert find(doc, "19:00 Uhr").value == "2022-01-21T19:00"


def test_time_dating_from_chronicle_headings() -> None:
    text = ("Ein Rückblick auf das Jahr 2022.\n\n+++ Montag, 7. März: Gespräche +++\n\nText.\n\n"
            "+++ Mittwoch, 9. März: Gipfel +++\n\nMehr Text.")
    doc = run_time(text, None)
    assert doc.meta.published == date(2022, 3, 9)
    assert doc.meta.published_source == "text"


def test_time_dating_missing_warns() -> None:
    doc = run_time("Die Gespräche dauern an. Gestern gab es keinen Fortschritt.", None)
    assert doc.meta.published is None
    assert doc.meta.published_source == "none"
    assert any("no document date" in w for w in doc.meta.warnings)
    assert find(doc, "Gestern") is None


def test_time_dating_ignores_planned_dates() -> None:
    text = ("Die Delegationen trafen sich am 3. März 2022 in Antalya. "
            "Ein weiteres Treffen wird am 20. März 2022 stattfinden.")
    doc = run_time(text, None)
    assert doc.meta.published == date(2022, 3, 3)
    assert doc.meta.published_source == "text"


@pytest.mark.parametrize(("text", "rule"), [
    ("Kommentar\n\n21. Januar 2022\n\nDie Gespräche dauern an.", "dateline"),
    ("Rückblick.\n\n+++ Montag, 7. März: Gespräche +++\n\nText.\n\n+++ Mittwoch, 9. März: Gipfel +++\n\nMehr.",
     "chronicle-headings"),
    ("Die Delegationen trafen sich nach langen Vorgesprächen und einer Reihe von Telefonaten mit den "
     "Vermittlern schließlich am 3. März 2022 in Antalya.", "latest-reported-date"),
])
def test_time_dating_first_rule_that_finds_a_date_decides(text: str, rule: str) -> None:
    cands = find_candidates(text, "de")
    evidence = Evidence(text, cands, full_dates(cands), "de")
    first = next(r for r in DATE_RULES if r.find(evidence) is not None)
    assert first.name == rule
    assert infer_document_date(text, cands) == (first.find(evidence), first.source)


def test_time_dating_keeps_a_date_from_the_metadata() -> None:
    doc = Document(text="Kommentar\n\n21. Januar 2022\n\nText.",
                   meta=Metadata(language="de", published=date(2024, 5, 1), published_source="metadata"))
    DocumentDateComponent()(doc)
    assert (doc.meta.published, doc.meta.published_source) == (date(2024, 5, 1), "metadata")
    assert doc.meta.warnings == []


def test_time_dating_is_its_own_step_before_the_time_layer() -> None:
    assert (DocumentDateComponent.name, DocumentDateComponent.needs, DocumentDateComponent.adds) == (
        "dating", ("tokens", "sentences"), ("document_date",))
    assert "document_date" in TimeComponent.needs
    # the time layer itself no longer infers a date: an undated document stays undated without "dating"
    doc = Document(text="Kommentar\n\n21. Januar 2022\n\nGestern gab es keinen Fortschritt.",
                   meta=Metadata(language="de"))
    TimeComponent()(doc)
    assert doc.meta.published is None
