"""Figures record the rules that found them: ``rule`` is "<number rule>+<unit rule>" (provenance);
own sentences."""

from __future__ import annotations

import pytest

from lagebild.figures.component import extract_figures, load_units

LEX = load_units()


@pytest.mark.parametrize(("text", "language", "span", "rule"), [
    ("Moskau zog 130.000 Soldaten zusammen.", "de", "130.000 Soldaten", "digits+noun"),
    ("Der Schaden wird auf 67 000 Euro geschätzt.", "de", "67 000 Euro", "digits-spaced+noun"),
    ("Die Gespräche führten zu einem 28-Punkte-Plan.", "de", "28-Punkte-Plan", "compound"),
    ("The convoy was 5km long.", "en", "5km", "digits+glued-unit"),
    ("The Pentagon announced a $400 million package.", "en", "$400 million", "digits+currency-sign"),
    ("Russland hält ein Drittel der Region besetzt.", "de", "ein Drittel", "article-fraction+fraction"),
    ("Zwei Drittel der Befragten sind dafür.", "de", "Zwei Drittel", "number-words+fraction"),
    ("Eine Million Menschen flohen.", "de", "Eine Million Menschen", "article-scale+noun"),
    ("Eine halbe Million Haushalte war ohne Strom.", "de", "Eine halbe Million Haushalte", "article-half+noun"),
    ("Half a million refugees reached Poland.", "en", "Half a million refugees", "half-article+noun"),
    ("Nur Dutzend Panzer blieben.", "de", "Dutzend Panzer", "dozen+noun"),
    ("Norwegen sagte zwölf neue Kampfjets zu.", "de", "zwölf neue Kampfjets", "number-words+adj-noun"),
    ("Drei der größten Banken fielen aus.", "de", "Drei der größten Banken", "number-words+partitive"),
    ("Sie beobachteten 60.000 entlang der Grenze zusammengezogene Soldaten.", "de",
     "60.000 entlang der Grenze zusammengezogene Soldaten", "digits+pp-participle"),
    ("The agency trained 500 hackers.", "en", "500 hackers", "digits+fallback-noun"),
    ("Im Gespräch waren 120.000 bis 170.000 Soldaten.", "de", "120.000 bis 170.000 Soldaten", "digits+range"),
])
def test_figures_rule_names_number_and_unit_rule(text: str, language: str, span: str, rule: str) -> None:
    found = {f.text: f.rule for f in extract_figures(text, language, LEX)}
    assert found.get(span) == rule, found
