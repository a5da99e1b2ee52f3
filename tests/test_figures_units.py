"""Figures: the counted noun of a number (units.yaml) — nouns of conflict and diplomacy reporting,
compound measure units, plan points, annexes, rail cars and air bases; own sentences (real public
facts or invented)."""

from __future__ import annotations

import pytest

from lagebild.document import Figure
from lagebild.figures.component import extract_figures, load_units

LEX = load_units()


def figs(text: str, language: str = "de") -> list[Figure]:
    found = extract_figures(text, language, LEX)
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


# (sentence, expected span, value, unit)
COUNTED_NOUNS_DE = [
    ("Die Armee verlegte drei Brigaden an die Front.", "drei Brigaden", 3, "brigade"),
    ("Kiew stellte vier neue Bataillone auf.", "vier neue Bataillone", 4, "battalion"),
    ("Zwölf Inspekteure reisten nach Teheran.", "Zwölf Inspekteure", 12, "inspector"),
    ("Mit sieben Experten der UN sprach der Minister.", "sieben Experten", 7, "expert"),
    ("Drei Fachleute prüfen die Anlage.", "Drei Fachleute", 3, "expert"),
    ("Die Miliz zählt etwa 8000 Kämpfer.", "etwa 8000 Kämpfer", 8000, "fighter"),
    ("Rund 3000 Söldner sollen in Mali sein.", "Rund 3000 Söldner", 3000, "fighter"),
    ("Die Stadt hat 40.000 Einwohner.", "40.000 Einwohner", 40000, "inhabitant"),
    ("Das Dorf mit 300 Bewohnern wurde geräumt.", "300 Bewohnern", 300, "inhabitant"),
    ("In der Bucht lagen zwei Kriegsschiffe.", "zwei Kriegsschiffe", 2, "ship"),
    ("Die Marine bestellte vier U-Boote.", "vier U-Boote", 4, "submarine"),
    ("Das Land besitzt rund 290 Atomsprengköpfe.", "rund 290 Atomsprengköpfe", 290, "warhead"),
    ("Das Werk hat vier Reaktoren.", "vier Reaktoren", 4, "reactor"),
    ("Die Anlage besteht aus zwei Reaktorblöcken.", "zwei Reaktorblöcken", 2, "reactor"),
    ("Die Sonde registrierte zwei Unterwasserexplosionen.", "zwei Unterwasserexplosionen", 2, "explosion"),
    ("Taucher fanden vier Lecks an der Leitung.", "vier Lecks", 4, "leak"),
    ("Seit Januar gab es fünf Anschläge auf Bahnlinien.", "fünf Anschläge", 5, "attack"),
    ("Beobachter zählten 200 Verletzungen der Waffenruhe.", "200 Verletzungen", 200, "violation"),
    ("Nach drei Verhandlungsrunden gab es keine Einigung.", "drei Verhandlungsrunden", 3, "round"),
    ("Es war das dritte von vier Gipfeltreffen.", "vier Gipfeltreffen", 4, "meeting"),
    ("Das Schiff hielt zwölf Seemeilen Abstand.", "zwölf Seemeilen", 12, "nautical_mile"),
    ("Das Feuer vernichtete 500 Hektar Wald.", "500 Hektar", 500, "hectare"),
    ("Kiew erhielt 30.000 Patronen.", "30.000 Patronen", 30000, "cartridge"),
    ("Pioniere räumten 120 Landminen.", "120 Landminen", 120, "mine"),
    ("Acht Zeitungen wurden verboten.", "Acht Zeitungen", 8, "media_outlet"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit"), COUNTED_NOUNS_DE)
def test_figures_units_counted_nouns_de(text: str, span: str, value: float, unit: str) -> None:
    hits = [(f.text, f.value, f.unit) for f in figs(text)]
    assert (span, value, unit) in hits, hits


COUNTED_NOUNS_EN = [
    ("The navy has about 14,000 active personnel.", "about 14,000 active personnel", 14000, "soldier"),
    ("The group has some 5,000 fighters in Syria.", "some 5,000 fighters", 5000, "fighter"),
    ("The island has 9,000 inhabitants.", "9,000 inhabitants", 9000, "inhabitant"),
    ("Five inspectors arrived in Vienna.", "Five inspectors", 5, "inspector"),
    ("The plant has six reactors.", "six reactors", 6, "reactor"),
    ("After three rounds of talks the sides parted.", "three rounds of talks", 3, "round"),
    ("The ship stayed twelve nautical miles offshore.", "twelve nautical miles", 12, "nautical_mile"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit"), COUNTED_NOUNS_EN)
def test_figures_units_counted_nouns_en(text: str, span: str, value: float, unit: str) -> None:
    hits = [(f.text, f.value, f.unit) for f in figs(text, "en")]
    assert (span, value, unit) in hits, hits


def test_figures_units_fachleute_not_person() -> None:
    # "Fachleute" is a word of its own, not "Leute" (person) in a compound
    assert [f.unit for f in figs("Zwei Fachleute bleiben vor Ort.")] == ["expert"]


@pytest.mark.parametrize(("text", "language", "value", "unit"), [
    ("Das Becken hält etwa 12 Kubikkilometer Wasser.", "de", 12, "cubic_kilometer"),
    ("Das Sperrgebiet misst 30 Quadratkilometer.", "de", 30, "square_kilometer"),
    ("Der Gletscher verlor 4 Kubik-Kilometer Eis.", "de", 4, "cubic_kilometer"),  # prefix rule
    ("The lake holds 9 cubic kilometres of water.", "en", 9, "cubic_kilometer"),
    ("Die Regierung stellte sechs Punkte vor.", "de", 6, "point"),
    ("Das Abkommen hat zwei vertrauliche Anhänge.", "de", 2, "annex"),
    ("In Brand gerieten elf Kesselwagen.", "de", 11, "tank_car"),
    ("Der Zug zog 40 Güterwaggons.", "de", 40, "wagon"),
    ("Drohnen trafen drei Luftwaffenstützpunkte.", "de", 3, "air_base"),
    ("Drones struck five air bases overnight.", "en", 5, "air_base"),
    ("Der Zins stieg um 2 Prozentpunkte.", "de", 2, "percentage_point"),
])
def test_figures_units_of_compounds_and_new_nouns(text: str, language: str, value: float, unit: str) -> None:
    found = figs(text, language)
    assert [(f.value, f.unit) for f in found] == [(value, unit)]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("EILMELDUNG: 5000 SOLDATEN VERLEGT", 5000, "soldier"),  # the noun alone (it once crashed the layer)
    ("Die Allianz verlegt 300 NATO-SOLDATEN.", 300, "soldier"),  # a compound in capitals
])
def test_figures_units_of_nouns_in_capitals(text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in figs(text)] == [(value, unit)]


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Washington sagte 50 Mio. US$ zu.", "50 Mio. US$", 50_000_000),
    ("Geplant sind US$ 20 Millionen für Minenräumung.", "US$ 20 Millionen", 20_000_000),
    ("Die Hilfe beträgt 400 Mio. USD.", "400 Mio. USD", 400_000_000),
])
def test_figures_units_us_dollar_sign_before_or_after_the_number(text: str, span: str, value: float) -> None:
    found = figs(text)
    assert [(f.text, f.value, f.unit) for f in found] == [(span, value, "usd")]
