"""Duplicates: exact (content hash), near (MinHash LSH), not near; the duplicate policy."""

from __future__ import annotations

import pytest

from lagebild.document import Document, Metadata
from lagebild.ingest import Deduplicator, DuplicateMatch, apply_policy, document_from_text, link_source
from lagebild.ingest.dedup import shingles

# Two different reports on the same event (own sentences): must not be near duplicates.
REPORT_A = [
    "Die Außenminister der USA und Russlands haben sich am Freitag in Genf zu Gesprächen über die Lage an der ukrainischen Grenze getroffen.",
    "Das Treffen in einem Hotel am Seeufer dauerte etwa anderthalb Stunden und endete ohne Durchbruch.",
    "Washington will der russischen Seite in der kommenden Woche schriftliche Antworten auf ihre Vorschläge übermitteln.",
    "Moskau verlangt Garantien, dass sich das westliche Bündnis nicht weiter nach Osten ausdehnt, was die Nato ablehnt.",
    "Beide Minister sprachen danach von offenen und nützlichen Gesprächen, betonten aber ihre Differenzen.",
    "Die Ukraine war an dem Treffen nicht beteiligt, wurde aber nach Angaben aus Kiew vorab unterrichtet.",
]
REPORT_B = [
    "In Genf ist das Gespräch zwischen dem amerikanischen und dem russischen Chefdiplomaten ohne Einigung zu Ende gegangen.",
    "Nach neunzig Minuten traten beide getrennt vor die Presse und bekräftigten ihre bekannten Positionen.",
    "Der russische Minister warf dem Westen Hysterie vor und bestritt jede Absicht, das Nachbarland anzugreifen.",
    "Sein amerikanischer Kollege drohte für den Fall eines Einmarsches mit schnellen und schweren Konsequenzen.",
    "Diplomaten rechnen damit, dass es in den nächsten Wochen weitere Treffen auf verschiedenen Ebenen geben wird.",
    "An der Grenze stehen unterdessen weiter zehntausende Soldaten, wie Satellitenbilder zeigen.",
]


def _text(paras: list[str]) -> str:
    return "\n\n".join(paras)


def _jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


@pytest.fixture()
def dedup() -> Deduplicator:
    d = Deduplicator(threshold=0.5)
    d.add("a", _text(REPORT_A))
    return d


def test_dedup_exact_same_text(dedup: Deduplicator) -> None:
    match = dedup.check("a-copy", _text(REPORT_A))
    assert match == DuplicateMatch("exact", "a", 1.0)


def test_dedup_exact_modulo_punctuation_and_case(dedup: Deduplicator) -> None:
    variant = _text(REPORT_A).upper().replace(",", "").replace("\n\n", "\n")
    assert dedup.check("v", variant) == DuplicateMatch("exact", "a", 1.0)


def test_dedup_reingestion_is_exact_of_itself(dedup: Deduplicator) -> None:
    assert dedup.check("a", "whatever text") == DuplicateMatch("exact", "a", 1.0)


@pytest.mark.parametrize("variant", [
    _text(REPORT_A[:2] + REPORT_A[3:]),  # one paragraph dropped
    _text(REPORT_A[:1] + REPORT_A[2:4] + REPORT_A[5:]),  # two of six dropped
    _text(REPORT_A) + "\n\nHaftungsausschluss: nachgedruckt.",  # syndicated copy with a tail
    _text(["Neue Einleitung eines Portals, das den Text übernommen hat."] + REPORT_A[1:]),
])
def test_dedup_near_copy_found(dedup: Deduplicator, variant: str) -> None:
    match = dedup.check("copy", variant)
    assert match is not None and match.kind == "near" and match.of == "a"
    assert match.similarity >= 0.5
    assert abs(match.similarity - _jaccard(_text(REPORT_A), variant)) < 0.2


def test_dedup_same_event_different_article_not_near(dedup: Deduplicator) -> None:
    assert _jaccard(_text(REPORT_A), _text(REPORT_B)) < 0.05
    assert dedup.check("b", _text(REPORT_B)) is None


def test_dedup_signature_round_trip() -> None:
    d1 = Deduplicator()
    sig = d1.signature(_text(REPORT_A))
    assert isinstance(sig, bytes) and len(sig) > 128
    d2 = Deduplicator()
    d2.add("a", _text(REPORT_A), signature=sig)  # as a store would, from a persisted signature
    match = d2.check("copy", _text(REPORT_A[1:]))
    assert match is not None and match.kind == "near" and match.of == "a"


def test_dedup_best_of_several_candidates() -> None:
    d = Deduplicator(threshold=0.5)
    d.add("short", _text(REPORT_A[:3]))
    d.add("full", _text(REPORT_A))
    match = d.check("new", _text(REPORT_A[:5]))
    assert match is not None and match.of == "full"


def test_dedup_threshold_validated() -> None:
    with pytest.raises(ValueError):
        Deduplicator(threshold=0)


@pytest.mark.parametrize("policy, match, stored, duplicate_of", [
    ("skip", None, True, None),
    ("skip", DuplicateMatch("near", "orig", 0.8), False, None),
    ("keep", DuplicateMatch("near", "orig", 0.8), True, None),
    ("link", DuplicateMatch("near", "orig", 0.8), True, "orig"),
    ("link", DuplicateMatch("exact", "other", 1.0), True, "other"),
])
def test_dedup_apply_policy(policy: str, match: DuplicateMatch | None, stored: bool, duplicate_of: str | None) -> None:
    doc = document_from_text(_text(REPORT_A))
    assert apply_policy(doc, match, policy) is stored
    assert doc.meta.duplicate_of == duplicate_of
    if duplicate_of:
        assert duplicate_of in doc.meta.also_published_as and f"{match.kind}_duplicate" in doc.meta.flags  # type: ignore[union-attr]


def test_dedup_link_exact_same_id_not_stored_again() -> None:
    doc = document_from_text(_text(REPORT_A))
    assert apply_policy(doc, DuplicateMatch("exact", doc.id, 1.0), "link") is False


def test_dedup_link_source_records_where_else() -> None:
    original = Document(text="x", meta=Metadata(url="https://a.example/1"))
    copy = Document(text="x", meta=Metadata(url="https://b.example/2"))
    link_source(original, copy)
    link_source(original, copy)
    assert original.meta.also_published_as == ["https://b.example/2"]


def test_dedup_unknown_policy() -> None:
    with pytest.raises(ValueError):
        apply_policy(document_from_text(_text(REPORT_A)), None, "merge")


def test_dedup_seeded_from_signatures_without_text() -> None:
    d = Deduplicator()
    d.add("stored-a", "", signature=Deduplicator().signature(_text(REPORT_A)))
    d.add("stored-b", "", signature=Deduplicator().signature(_text(REPORT_B)))
    assert d.check("empty", "") is None  # "" was not registered as an exact key
    match = d.check("copy", _text(REPORT_A))
    assert match is not None and match.of == "stored-a" and match.similarity > 0.95
