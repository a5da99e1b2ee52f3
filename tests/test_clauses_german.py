"""German clauses: topological fields, verb complex, arguments, frames, mood, tense, negation and
clause links, on hand-written sentences (documents built by hand, one component)."""

from __future__ import annotations

import pytest

from lagebild.clauses import Clause, ClausesComponent
from lagebild.document import Document, Metadata
from lagebild.language import tokenize

COMPONENT = ClausesComponent()


def analyse(text: str) -> tuple[Document, list[Clause]]:
    doc = COMPONENT(tokenize(Document(text, Metadata(language="de"))))
    return doc, list(doc.clauses)


def tok(doc: Document, k: int | None) -> str | None:
    return None if k is None else doc.tokens[k].text


def by_verb(doc: Document, clauses: list[Clause], verb: str) -> Clause:
    found = [c for c in clauses if tok(doc, c.verb) == verb or (c.verb is None and tok(doc, c.head) == verb)]
    assert len(found) == 1, [(tok(doc, c.verb), c.kind) for c in clauses]
    return found[0]


def role(doc: Document, c: Clause, name: str) -> str | None:
    a = c.argument(name)
    return None if a is None else doc.tokens[a.head].text


def test_clauses_v2_main_clause_with_separable_verb() -> None:
    doc, clauses = analyse("Die Regierung kündigte am Montag neue Sanktionen gegen Russland an.")
    (c,) = clauses
    assert (c.kind, c.relation, tok(doc, c.verb), c.lemma) == ("main", "root", "kündigte", "ankündigen")
    assert [tok(doc, v) for v in c.verbs] == ["kündigte", "an"]
    assert role(doc, c, "subject") == "Regierung"
    assert role(doc, c, "object") == "Sanktionen"
    assert [(f.preposition, doc.tokens[f.head].text) for f in c.frames] == [("an", "Montag"), ("gegen", "Russland")]
    fields = {f.name: doc.text[f.start:f.end] for f in c.fields}
    assert fields == {"vorfeld": "Die Regierung", "left": "kündigte",
                      "mittelfeld": "am Montag neue Sanktionen gegen Russland", "right": "an"}
    assert (c.tense, c.mood, c.voice, c.negated, c.question) == ("past", "indicative", "active", False, False)


def test_clauses_object_in_the_vorfeld_subject_in_the_mittelfeld() -> None:
    doc, clauses = analyse("Den Antrag lehnte die Gemeinde ab.")
    (c,) = clauses
    assert (role(doc, c, "subject"), role(doc, c, "object"), c.lemma) == ("Gemeinde", "Antrag", "ablehnen")


def test_clauses_verb_final_subordinate_clause_is_the_complement() -> None:
    doc, clauses = analyse("Der Sprecher sagte, dass die Regierung neue Sanktionen beschlossen habe.")
    main, sub = by_verb(doc, clauses, "sagte"), by_verb(doc, clauses, "habe")
    assert (sub.kind, sub.marker, sub.relation) == ("subordinate", "dass", "ccomp")
    assert clauses[sub.parent] is main
    assert (tok(doc, sub.head), sub.lemma, sub.tense, sub.mood) == ("beschlossen", "beschließen", "perfect", "subjunctive1")
    assert (role(doc, sub, "subject"), role(doc, sub, "object")) == ("Regierung", "Sanktionen")
    assert {f.name for f in sub.fields} == {"marker", "left", "mittelfeld", "right"}


def test_clauses_passive_with_von_agent() -> None:
    doc, clauses = analyse("Der Vertrag wurde am Freitag von beiden Seiten unterzeichnet.")
    (c,) = clauses
    assert (c.voice, c.tense, c.lemma) == ("passive", "past", "unterzeichnen")
    assert role(doc, c, "subject") == "Vertrag"
    assert role(doc, c, "agent") == "Seiten"
    assert c.agent is not None and c.agent.rule == "passive-von-agent"
    assert c.object is None


def test_clauses_passive_perfect_and_future_are_told_apart() -> None:
    doc, clauses = analyse("Der Vertrag ist unterzeichnet worden. Der Minister wird morgen kommen.")
    passive, future = by_verb(doc, clauses, "ist"), by_verb(doc, clauses, "wird")
    assert (passive.voice, passive.tense) == ("passive", "perfect")
    assert (future.voice, future.tense, tok(doc, future.head)) == ("active", "future", "kommen")


def test_clauses_modal_verb_with_infinitive() -> None:
    doc, clauses = analyse("Die Nato will ihre Truppen im Osten verstärken.")
    (c,) = clauses
    assert (c.modal, tok(doc, c.head), c.lemma) == ("wollen", "verstärken", "verstärken")
    assert (role(doc, c, "subject"), role(doc, c, "object")) == ("Nato", "Truppen")


@pytest.mark.parametrize(("text", "verb", "mood"), [
    ("Der Minister sagte, die Lage sei ernst.", "sei", "subjunctive1"),
    ("Der Minister sagte, er habe keine Zeit.", "habe", "subjunctive1"),
    ("Die Sprecherin sagte, Berlin werde helfen.", "werde", "subjunctive1"),
    ("Ich habe keine Zeit.", "habe", "indicative"),
    ("Russland würde die Lieferungen stoppen.", "würde", "subjunctive2"),
    ("Das wäre ein Fehler.", "wäre", "subjunctive2"),
    ("Die Lage ist ernst.", "ist", "indicative"),
    ("Der Minister sagte, die Lage sei ernst.", "sagte", "indicative"),
])
def test_clauses_mood_konjunktiv(text: str, verb: str, mood: str) -> None:
    doc, clauses = analyse(text)
    assert by_verb(doc, clauses, verb).mood == mood


@pytest.mark.parametrize(("text", "negated", "word"), [
    ("Die Regierung lehnt den Plan nicht ab.", True, "nicht"),
    ("Er hat keine Einwände.", True, "keine"),
    ("Die Gespräche haben nie begonnen.", True, "nie"),
    ("Die Regierung lehnt den Plan ab.", False, None),
])
def test_clauses_negation(text: str, negated: bool, word: str | None) -> None:
    doc, (c,) = analyse(text)
    assert c.negated is negated
    assert tok(doc, c.negation) == word


def test_clauses_question_v1_and_wh() -> None:
    doc, clauses = analyse("Hat die Regierung den Plan gebilligt? Wer hat den Plan gebilligt? Die Regierung hat ihn gebilligt.")
    assert [c.question for c in clauses] == [True, True, False]
    assert role(doc, clauses[0], "subject") == "Regierung"


def test_clauses_relative_clause_between_subject_and_verb() -> None:
    doc, clauses = analyse("Der Minister, der gestern in Berlin war, kündigte neue Hilfen an.")
    main, rel = by_verb(doc, clauses, "kündigte"), by_verb(doc, clauses, "war")
    assert (rel.kind, rel.relation, rel.marker) == ("relative", "relcl", "der")
    assert clauses[rel.parent] is main
    assert tok(doc, rel.antecedent) == "Minister"
    assert role(doc, rel, "subject") == "der"
    assert (role(doc, main, "subject"), role(doc, main, "object"), main.lemma) == ("Minister", "Hilfen", "ankündigen")


def test_clauses_relative_pronoun_as_object() -> None:
    doc, clauses = analyse("Das ist der Plan, den die Regierung vorgelegt hat.")
    rel = by_verb(doc, clauses, "hat")
    assert (role(doc, rel, "subject"), role(doc, rel, "object")) == ("Regierung", "den")


def test_clauses_wie_er_sagte_attaches_to_the_clause_it_comments() -> None:
    doc, clauses = analyse("Die Gespräche seien gescheitert, wie der Sprecher sagte.")
    main, wie = by_verb(doc, clauses, "seien"), by_verb(doc, clauses, "sagte")
    assert (wie.kind, wie.relation, clauses[wie.parent] is main) == ("wie", "wie", True)
    assert role(doc, wie, "subject") == "Sprecher"
    assert (main.mood, main.tense, role(doc, main, "subject")) == ("subjunctive1", "perfect", "Gespräche")


def test_clauses_reporting_clause_after_a_quote_takes_it_as_complement() -> None:
    doc, clauses = analyse("„Wir werden nicht nachgeben“, sagte der Kanzler am Abend.")
    quote, report = by_verb(doc, clauses, "werden"), by_verb(doc, clauses, "sagte")
    assert (quote.relation, clauses[quote.parent] is report, report.relation) == ("ccomp", True, "root")
    assert role(doc, report, "subject") == "Kanzler"
    assert quote.negated


def test_clauses_dependent_v2_clause_after_reporting_verb() -> None:
    doc, clauses = analyse("Der Kanzler sagte, er komme morgen.")
    main, comp = by_verb(doc, clauses, "sagte"), by_verb(doc, clauses, "komme")
    assert (comp.relation, clauses[comp.parent] is main, comp.mood) == ("ccomp", True, "subjunctive1")


@pytest.mark.parametrize(("text", "verb"), [
    ("Falls Russland angreift, wird die Nato reagieren.", "angreift"),
    ("Wenn die Gespräche scheitern, droht ein Krieg.", "scheitern"),
    ("Sollte Russland angreifen, wird die Nato reagieren.", "Sollte"),
])
def test_clauses_conditional(text: str, verb: str) -> None:
    doc, clauses = analyse(text)
    cond = by_verb(doc, clauses, verb)
    assert (cond.conditional, cond.relation) == (True, "advcl")
    main = clauses[cond.parent]
    assert not main.conditional


def test_clauses_zu_infinitive_is_a_clause_of_its_own() -> None:
    doc, clauses = analyse("Die Regierung versucht, die Krise zu lösen.")
    main, inf = by_verb(doc, clauses, "versucht"), by_verb(doc, clauses, "lösen")
    assert (inf.kind, inf.relation, inf.verb, clauses[inf.parent] is main) == ("infinitive", "xcomp", None, True)
    assert role(doc, inf, "object") == "Krise"


def test_clauses_zu_infinitive_in_the_right_bracket() -> None:
    doc, clauses = analyse("Die Regierung versucht die Krise zu lösen.")
    main, inf = by_verb(doc, clauses, "versucht"), by_verb(doc, clauses, "lösen")
    assert (inf.relation, clauses[inf.parent] is main, tok(doc, main.head)) == ("xcomp", True, "versucht")


def test_clauses_dative_and_accusative_object() -> None:
    doc, (c,) = analyse("Der Kanzler versprach dem Präsidenten weitere Unterstützung.")
    assert (role(doc, c, "subject"), role(doc, c, "dative"), role(doc, c, "object")) == \
        ("Kanzler", "Präsidenten", "Unterstützung")
    assert c.dative is not None and c.dative.case == "dat"


def test_clauses_coordinated_clause_shares_the_subject() -> None:
    doc, clauses = analyse("Die FDP hat erst zugestimmt und will jetzt nichts mehr damit zu tun haben.")
    second = by_verb(doc, clauses, "will")
    assert second.relation == "conj"
    assert second.subject is not None and second.subject.shared and doc.tokens[second.subject.head].text == "FDP"


def test_clauses_expletive_es_leaves_the_subject_to_the_mittelfeld() -> None:
    doc, (c, *_) = analyse("Es besteht die Gefahr einer Eskalation.")
    assert role(doc, c, "subject") == "Gefahr"
    doc, (c, *_) = analyse("Es gibt keine Einigung.")
    assert (role(doc, c, "subject"), role(doc, c, "object")) == ("Es", "Einigung")


def test_clauses_name_with_title_is_one_phrase() -> None:
    doc, (c,) = analyse("Bundeskanzler Olaf Scholz traf den französischen Präsidenten.")
    assert c.subject is not None and c.subject.text == "Bundeskanzler Olaf Scholz"
    assert role(doc, c, "object") == "Präsidenten"


def test_clauses_provenance_names_the_rules() -> None:
    doc, clauses = analyse("Der Sprecher sagte, dass die Regierung neue Sanktionen beschlossen habe.")
    sub = by_verb(doc, clauses, "habe")
    assert sub.component == "clauses"
    assert sub.rule == "subordinator/perfect"
    assert {a.rule for a in sub.arguments} == {"first-nominative", "accusative-form"} or \
        {a.rule for a in sub.arguments} == {"agreeing-nominative", "accusative-form"}
    for a in sub.arguments:
        assert doc.text[a.start:a.end] == a.text


def test_clauses_dass_clause_after_a_noun_is_not_a_complement() -> None:
    doc, clauses = analyse("Es besteht die Gefahr, dass die Gespräche scheitern.")
    sub = by_verb(doc, clauses, "scheitern")
    assert (sub.relation, clauses[sub.parent].kind) == ("acl", "main")


def test_clauses_reporting_verb_with_particle_takes_the_v2_complement() -> None:
    doc, clauses = analyse("Walesa teilte am Samstag mit, er habe keine Einwände.")
    main, comp = by_verb(doc, clauses, "teilte"), by_verb(doc, clauses, "habe")
    assert (main.lemma, comp.relation, clauses[comp.parent] is main) == ("mitteilen", "ccomp", True)


def test_clauses_reporting_clause_takes_a_coordinated_quote_from_its_first_clause() -> None:
    doc, clauses = analyse("„Ich gebe Arbeit ab und bekomme mehr Freizeit“, sagte der Pastor.")
    first, second, report = (by_verb(doc, clauses, v) for v in ("gebe", "bekomme", "sagte"))
    assert (first.relation, clauses[first.parent] is report) == ("ccomp", True)
    assert (second.relation, clauses[second.parent] is first) == ("conj", True)
    assert doc.tokens[report.subject.head].text == "Pastor" if report.subject else False


def test_clauses_unknown_compounds_names_and_numbers_are_read_without_hantas_search() -> None:
    from lagebild.clauses.tagging import candidate_tags
    from lagebild.clauses.unknown import RULE, unknown_tags

    assert RULE == "unknown-form-lookup"
    assert unknown_tags("Militäranlagenbetreiber", first=False) == ("NN", "NE")  # compound head "Betreiber"
    assert unknown_tags("Grenzschließungen", first=False) == ("NN", "NE")
    assert unknown_tags("Quelltrunkowitsch", first=False) == ("NE", "NN")  # no noun inside: a name
    assert unknown_tags("7,1", first=False) == ("CARD",)
    assert unknown_tags("Regierung", first=False) is None  # HanTa knows it: HanTa's tags
    assert unknown_tags("Quelltrunkowitsch", first=True) == ("NE", "NN")  # not in HanTa's table either
    assert unknown_tags("Lenkte", first=True) == ("VVFIN",)  # a first word: HanTa's tags from the table
    assert unknown_tags("saudi-arabischen", first=False) == ("ADJA",)  # by its last part
    assert candidate_tags("de", "Quelltrunkowitsch", False)[0] == "NE"
    doc, clauses = analyse("Gestern hat Xaverio Quelltrunkowitsch den Grenzschließungsvertrag unterschrieben.")
    (c,) = clauses
    assert (role(doc, c, "subject"), role(doc, c, "object"), c.lemma) == (
        "Quelltrunkowitsch", "Grenzschließungsvertrag", "unterschreiben")


def test_clauses_context_rules_skip_unambiguous_words_and_rules_whose_classes_they_lack() -> None:
    from lagebild.clauses.tagging import (
        _rules_for,
        demonstrative_before_verb,
        determiner_before_noun,
        particle_at_clause_end,
        relative_after_comma,
        zu_infinitive,
    )

    assert _rules_for("de", frozenset({"noun"})) == ()
    assert _rules_for("de", frozenset({"det", "pron"})) == (demonstrative_before_verb, determiner_before_noun)
    assert _rules_for("de", frozenset({"rel", "det", "pron"})) == (
        relative_after_comma, demonstrative_before_verb, determiner_before_noun)
    assert _rules_for("de", frozenset({"zu", "prep", "part"})) == (zu_infinitive, particle_at_clause_end)


def test_clauses_word_after_an_opening_quotation_mark_reads_like_a_first_word() -> None:
    from lagebild.clauses.tagging import _opening_mark

    assert _opening_mark("„") and _opening_mark("(") and _opening_mark(":")
    assert not _opening_mark(",") and not _opening_mark("der") and not _opening_mark("3.")
