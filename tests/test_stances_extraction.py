"""The stances layer on sentences written for these tests: issue, polarity, holder (the actor's own
position or the commentator's), evidence; and an issue a user adds in their own lexicon."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

import lagebild
from lagebild.cli import app
from lagebild.document import Document


def analyze(text: str, published: str = "2025-03-12", **meta) -> Document:
    return lagebild.analyze(text, published=date.fromisoformat(published), **meta)


def stance(doc: Document, actor: str, issue_word: str):
    found = [s for s in doc.stances if s.actor == actor and issue_word in s.issue]
    assert found, [(s.actor, s.issue, s.polarity) for s in doc.stances]
    return found[0]


def test_stances_rejection_is_opposition_with_evidence():
    doc = analyze("Der ukrainische Außenminister Dmytro Kuleba lehnte jede Lockerung der Sanktionen ab.")
    s = stance(doc, "dmytro_kuleba", "sanctions")
    assert s.polarity == "oppose" and s.holder_kind == "own"
    assert "lehnte" in doc.text[s.start:s.end] and s.evidence.startswith("Der ukrainische")
    assert s.component == "stances" and s.rule == "verb_cue"


def test_stances_phrase_cue_with_a_holder_frame():
    doc = analyze("Für Moskau bleibt die Stationierung westlicher Soldaten in der Ukraine inakzeptabel.")
    assert stance(doc, "russia", "foreign troops").polarity == "oppose"


def test_stances_group_noun_subject_is_the_group_named_before():
    """"Die Länder wollen …" after "Die Europäer …": the Europeans' position."""
    doc = analyze("Die Europäer trafen sich in Berlin. Die Länder wollen eine ukrainische Armee von 800.000 "
                  "Soldaten mittragen.")
    assert stance(doc, "europeans", "army").polarity == "support"


def test_stances_support_in_english_and_negation_flips_it():
    doc = analyze("Poland supports the ceasefire. Hungary does not support new sanctions.", language="en")
    assert stance(doc, "poland", "ceasefire").polarity == "support"
    assert stance(doc, "hungary", "sanctions").polarity == "oppose"


def test_stances_not_ruling_out_is_conditional():
    doc = analyze("Kanzler Olaf Scholz schließt ein Ende der Gaspipeline Nord Stream 2 nicht mehr aus.",
                  "2022-01-21")
    assert stance(doc, "olaf_scholz", "Nord Stream").polarity == "conditional"


def test_stances_commentary_opinion_belongs_to_the_author():
    doc = analyze("Deutschland sollte der Ukraine endlich Marschflugkörper liefern.", "2024-02-20",
                  author="Jana Reimers", genre="commentary")
    own = [s for s in doc.stances if s.holder_kind == "commentator"]
    assert own and own[0].polarity == "support" and "weapons" in own[0].issue
    assert own[0].actor in ("Jana Reimers",) or doc.actor_name(own[0].actor) == "Jana Reimers"


def test_stances_sentence_without_issue_or_cue_gives_none():
    doc = analyze("Die Delegationen trafen sich am Dienstag in Genf zu einem Abendessen.")
    assert doc.stances == []


def test_stances_user_lexicon_adds_an_issue(tmp_path, monkeypatch):
    (tmp_path / "issues.yaml").write_text(
        "issues:\n  black_sea_shipping:\n    label: Black Sea shipping\n    de: [schiffsverkehr im schwarzen meer]\n",
        encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_LEXICON_DIRS", str(tmp_path))
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", "off")
    from lagebild.lexicon import load
    from lagebild.stances.extract import load_lexicon

    for cached in (load, load_lexicon):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    try:
        doc = analyze("Die Türkei unterstützt den freien Schiffsverkehr im Schwarzen Meer.")
        assert stance(doc, "turkey", "Black Sea").polarity == "support"
    finally:
        monkeypatch.delenv("LAGEBILD_LEXICON_DIRS")
        for cached in (load, load_lexicon):
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()


@pytest.fixture(scope="module")
def stance_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("stances") / "s.db")
    src = tmp_path_factory.mktemp("src") / "a.txt"
    src.write_text("TITLE: Test\nDATE: 2025-03-12\n\nRussland lehnt die Stationierung europäischer Truppen in der "
                   "Ukraine ab. Polen unterstützt dagegen eine europäische Truppe.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_stances_cli_filters_by_actor_and_issue(stance_db):
    result = CliRunner().invoke(app, ["stances", "--actor", "Russland", "--issue", "troops", "--db", stance_db,
                                      "--json"])
    assert result.exit_code == 0, result.output
    import json

    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows and {r["actor"] for r in rows} == {"russia"} and rows[0]["polarity"] == "oppose"
    none = CliRunner().invoke(app, ["stances", "--actor", "Polen", "--issue", "sanctions", "--db", stance_db])
    assert none.exit_code == 1
