"""Clause tense decides the direction of bare weekdays (lagebild.time.tense): finite verbs (mixed-verb
preterites included), Konjunktiv I of reported plans, modals, Perfekt/Plusquamperfekt, English future
phrases and passive futures, zu-infinitives under a pluperfect report; own sentences."""

from __future__ import annotations

import pytest
from test_time_helpers import find, run_time

from lagebild.time.lexicon import load_lexicon
from lagebild.time.tense import clause_tense, verb_tense

DE = load_lexicon("de")
EN = load_lexicon("en")


@pytest.mark.parametrize(("word", "tense"), [
    ("trafen", "past"), ("beriet", "past"), ("legte", "past"), ("gab", "past"), ("ging", "past"),
    ("trifft", "present"), ("gilt", "present"), ("hält", "present"), ("jährt", "present"), ("weiß", "present"),
    ("weiterverhandeln", "infinitive"), ("getroffen", "participle"),
])
def test_time_tense_verb_forms(word: str, tense: str) -> None:
    assert verb_tense(word, DE) == tense


@pytest.mark.parametrize(("clause", "lex", "tense"), [
    ("Wer eine Rede über Europa erwartet hatte", DE, "past"),  # weak future cue loses to the pluperfect
    ("die Waffenruhe solle ab Montag gelten", DE, "future"),  # Konjunktiv I of a reported plan
    ("er werde die Delegation selbst anführen", DE, "future"),
    ("die Regierung wolle den Vertrag prüfen", DE, "future"),
    ("Ob die Minister weiterverhandeln", DE, "present"),
    ("Der Kanzler sprach mit dem Präsidenten", DE, "past"),
    ("Die Außenministerin ist nach Warschau gereist", DE, "past"),
    ("the prime minister is due to host the summit", EN, "future"),
    ("the two leaders are set to meet", EN, "future"),
    ("the envoy had visited Moscow", EN, "past"),
    ("Europa und Amerika", DE, None),
])
def test_time_tense_clause(clause: str, lex: object, tense: str | None) -> None:
    assert clause_tense(clause, lex) == tense  # type: ignore[arg-type]


# document date: Wednesday 2025-03-05
@pytest.mark.parametrize(("text", "surface", "value", "lang"), [
    ("Die Regierung solle ab Montag die Grenzübergänge öffnen, verlangte der Minister.", "ab Montag",
     "2025-03-10", "de"),
    ("Zuerst müsse ab Freitag das Feuer ruhen, sagte die Sprecherin.", "ab Freitag", "2025-03-07", "de"),
    ("Ob die Unterhändler am Donnerstag weitersprechen, blieb am Abend unklar.", "am Donnerstag", "2025-03-06",
     "de"),
    ("Er sei bereit, am Montag nach Genf zu kommen, erklärte der Präsident.", "am Montag", "2025-03-10", "de"),
    ("Wer am Dienstag einen Durchbruch erwartet hatte, wurde enttäuscht.", "am Dienstag", "2025-03-04", "de"),
    ("Der Gesandte werde am Sonntag in Riad eintreffen, hieß es.", "am Sonntag", "2025-03-09", "de"),
    ("Am Montag jährt sich der Beginn der Offensive.", "Am Montag", "2025-03-10", "de"),
    ("Seit Montag erhält die Armee keine Satellitenbilder mehr.", "Seit Montag", "2025-03-03", "de"),
    ("Der am Montag vorgestellte Plan sieht höhere Zölle vor.", "am Montag", "2025-03-03", "de"),
    ("Die für Freitag geplante Abstimmung im Parlament ist umstritten.", "Freitag", "2025-03-07", "de"),
    ("The chancellor, who had called Washington on Monday, is due to host the talks on Sunday.", "on Sunday",
     "2025-03-09", "en"),
    ("The chancellor, who had called Washington on Monday, is due to host the talks on Sunday.", "on Monday",
     "2025-03-03", "en"),
    ("Die Beschlüsse vom Montag gelten weiter.", "Montag", "2025-03-03", "de"),
    ("Ein Sprecher sagte, die Gespräche würden am Montag fortgesetzt.", "am Montag", "2025-03-10", "de"),
    ("Die Gespräche gehen am Montag weiter, sagte ein Sprecher.", "am Montag", "2025-03-10", "de"),
    ("Er sei am Montag in Kiew gewesen, sagte er.", "am Montag", "2025-03-03", "de"),
    ("Officials in Kyiv said talks would resume on Monday.", "on Monday", "2025-03-10", "en"),
    ("The foreign ministers meet on Monday in Brussels.", "on Monday", "2025-03-10", "en"),
    ("The offensive began on Sunday.", "on Sunday", "2025-03-02", "en"),
    ("The truce applies from Monday.", "from Monday", "2025-03-10", "en"),
    ("Moscow proposed on Sunday that the delegations convene on Thursday.", "on Thursday", "2025-03-06", "en"),
    ("Moscow proposed on Sunday that the delegations convene on Thursday.", "on Sunday", "2025-03-02", "en"),
    ("Merz kündigte an, dass er am Montag nach Kiew reist.", "am Montag", "2025-03-10", "de"),
    ("Both ministers will meet on Friday in Geneva.", "on Friday", "2025-03-07", "en"),
    ("Both ministers met on Friday in Geneva.", "on Friday", "2025-02-28", "en"),
])
def test_time_tense_weekday_direction(text: str, surface: str, value: str, lang: str) -> None:
    assert find(run_time(text, "2025-03-05", lang), surface).value == value


@pytest.mark.parametrize(("word", "tense"), [
    ("ernannte", "past"), ("brachten", "past"), ("kannte", "past"), ("dachte", "past"), ("wandte", "past"),
    ("bringt", "present"), ("nenne", "present"), ("halte", "present"),
])
def test_time_tense_mixed_verb_preterites(word: str, tense: str) -> None:
    assert verb_tense(word, DE) == tense


def test_time_tense_weekday_with_mixed_verb_preterite_is_past() -> None:
    # published Monday 2024-03-18: the preterite puts Saturday before it
    doc = run_time("Noch am Samstag nannte das Ministerium einen Nachfolger.", "2024-03-18")
    assert ("am Samstag", "2024-03-16") in [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize(("text", "value"), [
    # a call made earlier for a day that has passed by the report (pluperfect matrix, zu-infinitive)
    ("Die Opposition hatte dazu aufgerufen, am Sonntag gemeinsam vor das Rathaus zu ziehen.", "2024-03-17"),
    ("Der Verband hatte angekündigt, am Freitag die Arbeit niederzulegen.", "2024-03-15"),
    # a perfect or present matrix keeps the plan in the future
    ("Die Opposition hat dazu aufgerufen, am Sonntag gemeinsam vor das Rathaus zu ziehen.", "2024-03-24"),
    ("Die Opposition ruft dazu auf, am Sonntag vor das Rathaus zu ziehen.", "2024-03-24"),
])
def test_time_tense_weekday_in_zu_infinitive_follows_matrix_tense(text: str, value: str) -> None:
    doc = run_time(text, "2024-03-18")
    found = [t.value for t in doc.timexes if "Sonntag" in t.text or "Freitag" in t.text]
    assert found == [value]


@pytest.mark.parametrize(("text", "value"), [
    # 2025-06-12 is a Thursday
    ("The new ambassador is to be received at the palace on Monday.", "2025-06-16"),
    ("The treaty will be signed in Vienna on Monday.", "2025-06-16"),
    ("The sanctions are to take effect on Monday.", "2025-06-16"),
    ("The treaty was signed in Vienna on Monday.", "2025-06-09"),
])
def test_time_tense_english_passive_future(text: str, value: str) -> None:
    t = find(run_time(text, "2025-06-12", "en"), "on Monday")
    assert t is not None and t.value == value
